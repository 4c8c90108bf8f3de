DROP INDEX `aliases_entity_norm_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `aliases_entity_norm_uq` ON `aliases` (`entity_id`,`norm`,`kind`,coalesce(`valid_from`, ''));
