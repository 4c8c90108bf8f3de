DROP INDEX `incidents_month_day_idx`;--> statement-breakpoint
DROP INDEX `incidents_occurred_idx`;--> statement-breakpoint
DROP INDEX `incidents_place_idx`;--> statement-breakpoint
CREATE INDEX `incidents_day_idx` ON `incidents` (`month_day`,`status`,`occurred_on`,`year`,`significance`,`outlet_count`,`has_curated`);--> statement-breakpoint
CREATE INDEX `incidents_candidates_idx` ON `incidents` (`occurred_on`,`status`,`type`,`precision`,`place_id`,`killed_max`);--> statement-breakpoint
CREATE INDEX `incidents_place_idx` ON `incidents` (`place_id`,`occurred_on`,`status`,`type`,`precision`,`killed_max`);