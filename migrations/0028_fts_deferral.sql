CREATE TABLE `fts_deferred` (
	`id` integer PRIMARY KEY NOT NULL,
	`paragraphs_from` integer NOT NULL,
	`quotes_from` integer NOT NULL
);
--> statement-breakpoint
-- The full-text triggers leave rows from fts_deferred's paragraphs_from / quotes_from on to the end of the batch
-- that holds the row (src/store/fts-deferral.ts): ingest's batch indexes its paragraphs and quotes in one statement
-- each instead of FTS5 writing and merging a small segment per article. With no row in fts_deferred (every other
-- writer, and every committed state) they index each row as before.
DROP TRIGGER `paragraphs_fts_ai`;--> statement-breakpoint
CREATE TRIGGER `paragraphs_fts_ai` AFTER INSERT ON `paragraphs`
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id >= paragraphs_from)
BEGIN
  INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text);
END;--> statement-breakpoint
DROP TRIGGER `paragraphs_fts_ad`;--> statement-breakpoint
CREATE TRIGGER `paragraphs_fts_ad` AFTER DELETE ON `paragraphs`
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id >= paragraphs_from)
BEGIN
  INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;--> statement-breakpoint
DROP TRIGGER `paragraphs_fts_au`;--> statement-breakpoint
CREATE TRIGGER `paragraphs_fts_au` AFTER UPDATE OF `text` ON `paragraphs` BEGIN
  INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) SELECT 'delete', old.id, old.text WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id >= paragraphs_from);
  INSERT INTO paragraphs_fts(rowid, text) SELECT new.id, new.text WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id >= paragraphs_from);
END;--> statement-breakpoint
DROP TRIGGER `quotes_fts_ai`;--> statement-breakpoint
CREATE TRIGGER `quotes_fts_ai` AFTER INSERT ON `quotes`
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id >= quotes_from)
BEGIN
  INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;--> statement-breakpoint
DROP TRIGGER `quotes_fts_ad`;--> statement-breakpoint
CREATE TRIGGER `quotes_fts_ad` AFTER DELETE ON `quotes`
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id >= quotes_from)
BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;--> statement-breakpoint
DROP TRIGGER `quotes_fts_au`;--> statement-breakpoint
CREATE TRIGGER `quotes_fts_au` AFTER UPDATE OF `text` ON `quotes` BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) SELECT 'delete', old.id, old.text WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id >= quotes_from);
  INSERT INTO quotes_fts(rowid, text) SELECT new.id, new.text WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id >= quotes_from);
END;
