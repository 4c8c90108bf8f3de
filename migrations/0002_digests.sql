CREATE TABLE `digest_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`kind` text NOT NULL,
	`nonce` text NOT NULL,
	`status` text NOT NULL,
	`payload` text NOT NULL,
	`message_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`due_at` text NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`subscription_id`) REFERENCES `digest_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_deliveries_uq` ON `digest_deliveries` (`subscription_id`,`local_date`,`kind`);--> statement-breakpoint
CREATE INDEX `digest_deliveries_status_idx` ON `digest_deliveries` (`status`);--> statement-breakpoint
CREATE TABLE `digest_quote_shows` (
	`subscription_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`quote_id` integer NOT NULL,
	`cycle` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `digest_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`quote_id`) REFERENCES `quotes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_quote_shows_day_uq` ON `digest_quote_shows` (`subscription_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `digest_quote_shows_cycle_idx` ON `digest_quote_shows` (`subscription_id`,`cycle`);--> statement-breakpoint
CREATE TABLE `digest_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`local_time` text NOT NULL,
	`timezone` text NOT NULL,
	`kinds` text NOT NULL,
	`about_entity_id` integer,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`pause_reason` text,
	`paused_at` text,
	FOREIGN KEY (`about_entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_subscriptions_channel_uq` ON `digest_subscriptions` (`channel_id`);--> statement-breakpoint
CREATE INDEX `digest_subscriptions_guild_idx` ON `digest_subscriptions` (`guild_id`);