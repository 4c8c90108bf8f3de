-- Keep entities.mention_count equal to the number of mention rows, so name lookups can rank by it without counting.
UPDATE `entities` SET `mention_count` = (SELECT count(*) FROM `mentions` WHERE `mentions`.`entity_id` = `entities`.`id`);
--> statement-breakpoint
CREATE TRIGGER `mentions_count_ai` AFTER INSERT ON `mentions` BEGIN
  UPDATE entities SET mention_count = mention_count + 1 WHERE id = new.entity_id;
END;
--> statement-breakpoint
CREATE TRIGGER `mentions_count_ad` AFTER DELETE ON `mentions` BEGIN
  UPDATE entities SET mention_count = mention_count - 1 WHERE id = old.entity_id;
END;
--> statement-breakpoint
CREATE INDEX `aliases_norm_entity_idx` ON `aliases` (`norm`, `entity_id`, `kind`);
--> statement-breakpoint
CREATE INDEX `entities_mention_count_idx` ON `entities` (`mention_count` DESC, `name`);
