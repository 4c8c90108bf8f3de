CREATE TABLE `acled_details` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`event_date` text NOT NULL,
	`time_precision` integer NOT NULL,
	`disorder_type` text,
	`country` text NOT NULL,
	`iso` text,
	`admin1` text,
	`admin2` text,
	`admin3` text,
	`location` text,
	`lat` real,
	`lon` real,
	`geo_precision` integer,
	`sources` text,
	`source_scale` text,
	`notes` text,
	`civilian_targeting` text,
	`tags` text,
	`acled_timestamp` integer,
	`row_hash` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `acled_details_country_date_idx` ON `acled_details` (`country`,`event_date`);--> statement-breakpoint
CREATE TABLE `editorial_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action` text NOT NULL,
	`target_norm` text,
	`target_text` text,
	`entity_id` integer,
	`kind` text,
	`article_slug` text,
	`article_url` text,
	`quote_text` text,
	`guild_id` text,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `editorial_decisions_norm_idx` ON `editorial_decisions` (`action`,`target_norm`);--> statement-breakpoint
CREATE INDEX `editorial_decisions_quote_idx` ON `editorial_decisions` (`action`,`quote_text`);--> statement-breakpoint
CREATE TABLE `feed_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feed_id` integer NOT NULL,
	`guid` text NOT NULL,
	`content_hash` text NOT NULL,
	`link` text,
	`title` text,
	`article_id` integer,
	`status` text NOT NULL,
	`error` text,
	`seen_at` text NOT NULL,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_items_feed_guid_uq` ON `feed_items` (`feed_id`,`guid`);--> statement-breakpoint
CREATE INDEX `feed_items_hash_idx` ON `feed_items` (`content_hash`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`channel_id` text,
	`url` text NOT NULL,
	`title` text,
	`interval_minutes` integer DEFAULT 30 NOT NULL,
	`etag` text,
	`last_modified` text,
	`status` text DEFAULT 'new' NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_polled_at` text,
	`last_success_at` text,
	`next_poll_at` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_guild_url_uq` ON `feeds` (`guild_id`,`url`);--> statement-breakpoint
CREATE INDEX `feeds_next_poll_idx` ON `feeds` (`next_poll_at`);