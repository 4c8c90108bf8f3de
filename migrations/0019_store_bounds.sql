-- What /who and /quote read by index (src/store/queries.ts): entity_articles from the mentions already stored,
-- entities.article_count kept equal to its rows by triggers (one row per entity per article, so a trigger per
-- row costs little; mentions, written hundreds of times an article, are counted by the writer: migrations/0007),
-- and quotes.dated_on with the listing indexes a page of quotes is read through.
INSERT INTO `entity_articles` (`entity_id`, `article_id`, `published_on`, `mentions`)
SELECT m.entity_id, m.article_id, a.published_on, count(*) FROM `mentions` m JOIN `articles` a ON a.id = m.article_id GROUP BY m.entity_id, m.article_id;
--> statement-breakpoint
UPDATE `entities` SET `article_count` = (SELECT count(*) FROM `entity_articles` ea WHERE ea.entity_id = `entities`.`id`);
--> statement-breakpoint
CREATE TRIGGER `entity_articles_count_ai` AFTER INSERT ON `entity_articles` BEGIN
  UPDATE entities SET article_count = article_count + 1 WHERE id = new.entity_id;
END;
--> statement-breakpoint
CREATE TRIGGER `entity_articles_count_ad` AFTER DELETE ON `entity_articles` BEGIN
  UPDATE entities SET article_count = article_count - 1 WHERE id = old.entity_id;
END;
--> statement-breakpoint
UPDATE `quotes` SET `dated_on` = coalesce(`said_on`, (SELECT a.published_on FROM `articles` a WHERE a.id = `quotes`.`article_id`));
--> statement-breakpoint
CREATE INDEX `quotes_listed_idx` ON `quotes` (`is_fragment`, `dated_on` DESC, `id`);
--> statement-breakpoint
CREATE INDEX `quotes_speaker_listed_idx` ON `quotes` (`speaker_id`, `is_fragment`, `dated_on` DESC, `id`);
