-- Full-text search over paragraphs and quotes (bm25 ranking, porter stemming, diacritics folded)
-- and a trigram index over alias text for fuzzy name lookup. External-content tables kept in sync by triggers.
CREATE VIRTUAL TABLE `paragraphs_fts` USING fts5(text, content='paragraphs', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `paragraphs_fts_ai` AFTER INSERT ON `paragraphs` BEGIN
  INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `paragraphs_fts_ad` AFTER DELETE ON `paragraphs` BEGIN
  INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `paragraphs_fts_au` AFTER UPDATE OF `text` ON `paragraphs` BEGIN
  INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `quotes_fts` USING fts5(text, content='quotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `quotes_fts_ai` AFTER INSERT ON `quotes` BEGIN
  INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_fts_ad` AFTER DELETE ON `quotes` BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_fts_au` AFTER UPDATE OF `text` ON `quotes` BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `aliases_trgm` USING fts5(norm, content='aliases', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `aliases_trgm_ai` AFTER INSERT ON `aliases` BEGIN
  INSERT INTO aliases_trgm(rowid, norm) VALUES (new.id, new.norm);
END;
--> statement-breakpoint
CREATE TRIGGER `aliases_trgm_ad` AFTER DELETE ON `aliases` BEGIN
  INSERT INTO aliases_trgm(aliases_trgm, rowid, norm) VALUES ('delete', old.id, old.norm);
END;
--> statement-breakpoint
CREATE TRIGGER `aliases_trgm_au` AFTER UPDATE OF `norm` ON `aliases` BEGIN
  INSERT INTO aliases_trgm(aliases_trgm, rowid, norm) VALUES ('delete', old.id, old.norm);
  INSERT INTO aliases_trgm(rowid, norm) VALUES (new.id, new.norm);
END;
