-- Keeping entities.mention_count with a trigger per mention row cost ~4 ms per ingested article (each update
-- also moves the row in entities_mention_count_idx). Mentions are written and removed only with their article,
-- so the count now moves once per entity per article: the writer adds, deleting an article subtracts.
DROP TRIGGER IF EXISTS `mentions_count_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `mentions_count_ad`;
--> statement-breakpoint
CREATE TRIGGER `articles_mention_count_bd` BEFORE DELETE ON `articles` BEGIN
  UPDATE entities SET mention_count = mention_count - (SELECT count(*) FROM mentions m WHERE m.article_id = old.id AND m.entity_id = entities.id)
  WHERE id IN (SELECT entity_id FROM mentions WHERE article_id = old.id);
END;
