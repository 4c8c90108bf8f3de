CREATE TABLE `aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_id` integer NOT NULL,
	`text` text NOT NULL,
	`norm` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`valid_from` text,
	`valid_to` text,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `aliases_norm_idx` ON `aliases` (`norm`);--> statement-breakpoint
CREATE UNIQUE INDEX `aliases_entity_norm_uq` ON `aliases` (`entity_id`,`norm`,`kind`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`author` text,
	`outlet` text,
	`url` text,
	`published_on` text,
	`published_precision` text,
	`language` text DEFAULT 'en' NOT NULL,
	`content_hash` text,
	`kind` text DEFAULT 'article' NOT NULL,
	`related_to_id` integer,
	`source_path` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`ingested_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_content_hash_uq` ON `articles` (`content_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug_uq` ON `articles` (`slug`);--> statement-breakpoint
CREATE INDEX `articles_url_idx` ON `articles` (`url`);--> statement-breakpoint
CREATE INDEX `articles_published_idx` ON `articles` (`published_on`);--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`paragraph_id` integer NOT NULL,
	`text` text NOT NULL,
	`norm` text NOT NULL,
	`kind_guess` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paragraph_id`) REFERENCES `paragraphs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `candidates_norm_idx` ON `candidates` (`norm`);--> statement-breakpoint
CREATE INDEX `candidates_article_idx` ON `candidates` (`article_id`);--> statement-breakpoint
CREATE TABLE `entities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`subtype` text,
	`name` text NOT NULL,
	`description` text,
	`wikidata` text,
	`lat` real,
	`lon` real,
	`parent_id` integer,
	`origin` text DEFAULT 'gazetteer' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entities_slug_uq` ON `entities` (`slug`);--> statement-breakpoint
CREATE INDEX `entities_parent_idx` ON `entities` (`parent_id`);--> statement-breakpoint
CREATE TABLE `event_actors` (
	`event_id` integer NOT NULL,
	`entity_id` integer NOT NULL,
	`role` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_actors_uq` ON `event_actors` (`event_id`,`entity_id`,`role`);--> statement-breakpoint
CREATE INDEX `event_actors_entity_idx` ON `event_actors` (`entity_id`);--> statement-breakpoint
CREATE TABLE `event_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`claimant_id` integer,
	`claim` text,
	`killed` integer,
	`injured` integer,
	`casualties_of` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claimant_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_claims_event_idx` ON `event_claims` (`event_id`);--> statement-breakpoint
CREATE TABLE `event_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`outlet` text NOT NULL,
	`title` text NOT NULL,
	`published_on` text,
	`url` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_sources_event_idx` ON `event_sources` (`event_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text,
	`occurred_on` text NOT NULL,
	`precision` text NOT NULL,
	`year` integer NOT NULL,
	`month_day` text,
	`type` text NOT NULL,
	`sub_type` text,
	`acled_event_type` text,
	`acled_sub_event_type` text,
	`summary` text NOT NULL,
	`place_id` integer,
	`claimed_by_id` integer,
	`killed` integer,
	`injured` integer,
	`casualties_text` text,
	`source` text NOT NULL,
	`article_id` integer,
	`paragraph_id` integer,
	`start` integer,
	`end` integer,
	FOREIGN KEY (`place_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`claimed_by_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paragraph_id`) REFERENCES `paragraphs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `events_month_day_idx` ON `events` (`month_day`,`year`);--> statement-breakpoint
CREATE INDEX `events_occurred_idx` ON `events` (`occurred_on`);--> statement-breakpoint
CREATE INDEX `events_place_idx` ON `events` (`place_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_external_uq` ON `events` (`external_id`);--> statement-breakpoint
CREATE TABLE `mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`paragraph_id` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paragraph_id`) REFERENCES `paragraphs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mentions_entity_idx` ON `mentions` (`entity_id`);--> statement-breakpoint
CREATE INDEX `mentions_article_idx` ON `mentions` (`article_id`);--> statement-breakpoint
CREATE TABLE `paragraphs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`idx` integer NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `paragraphs_article_idx_uq` ON `paragraphs` (`article_id`,`idx`);--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`text` text NOT NULL,
	`speaker_id` integer,
	`speaker_text` text,
	`confidence` real NOT NULL,
	`is_fragment` integer NOT NULL,
	`said_on` text,
	`said_precision` text,
	`article_id` integer NOT NULL,
	`paragraph_id` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`speaker_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paragraph_id`) REFERENCES `paragraphs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quotes_speaker_idx` ON `quotes` (`speaker_id`);--> statement-breakpoint
CREATE INDEX `quotes_article_idx` ON `quotes` (`article_id`);--> statement-breakpoint
CREATE TABLE `seed_runs` (
	`file` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`applied_at` text NOT NULL
);
