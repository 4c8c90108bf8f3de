CREATE TABLE `incident_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action` text NOT NULL,
	`report_key` text NOT NULL,
	`other_key` text,
	`patch` text,
	`guild_id` text,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incident_decisions_report_idx` ON `incident_decisions` (`report_key`);--> statement-breakpoint
CREATE INDEX `incident_decisions_other_idx` ON `incident_decisions` (`other_key`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurred_on` text NOT NULL,
	`precision` text NOT NULL,
	`year` integer NOT NULL,
	`month_day` text,
	`type` text NOT NULL,
	`place_id` integer,
	`summary` text NOT NULL,
	`killed_max` integer,
	`injured_max` integer,
	`significance` integer DEFAULT 0 NOT NULL,
	`report_count` integer DEFAULT 0 NOT NULL,
	`outlet_count` integer DEFAULT 0 NOT NULL,
	`has_curated` integer DEFAULT false NOT NULL,
	`first_reported_on` text,
	`first_report_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`corrected` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`place_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `incidents_month_day_idx` ON `incidents` (`month_day`,`year`,`significance`);--> statement-breakpoint
CREATE INDEX `incidents_occurred_idx` ON `incidents` (`occurred_on`);--> statement-breakpoint
CREATE INDEX `incidents_place_idx` ON `incidents` (`place_id`,`occurred_on`);--> statement-breakpoint
CREATE INDEX `incidents_first_report_idx` ON `incidents` (`first_report_id`);--> statement-breakpoint
ALTER TABLE `acled_details` ADD `actor_labels` text;--> statement-breakpoint
ALTER TABLE `events` ADD `incident_id` integer REFERENCES incidents(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `link_score` real;--> statement-breakpoint
ALTER TABLE `events` ADD `report_key` text;--> statement-breakpoint
CREATE INDEX `events_incident_idx` ON `events` (`incident_id`) WHERE "events"."incident_id" is not null;--> statement-breakpoint
CREATE INDEX `events_report_key_idx` ON `events` (`report_key`) WHERE "events"."report_key" is not null;