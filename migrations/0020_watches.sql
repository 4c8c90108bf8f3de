CREATE TABLE `watch_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`watch_id` integer NOT NULL,
	`kind` text NOT NULL,
	`incident_id` integer,
	`status` text NOT NULL,
	`summary_id` integer,
	`nonce` text NOT NULL,
	`payload` text NOT NULL,
	`edit_pending` integer DEFAULT false NOT NULL,
	`message_id` text,
	`report_keys` text DEFAULT '[]' NOT NULL,
	`killed_shown` integer,
	`thread_id` text,
	`note_pending` text,
	`edits` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`resend_check` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`watch_id`) REFERENCES `watches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watch_alerts_watch_incident_uq` ON `watch_alerts` (`watch_id`,`incident_id`);--> statement-breakpoint
CREATE INDEX `watch_alerts_incident_idx` ON `watch_alerts` (`incident_id`);--> statement-breakpoint
CREATE INDEX `watch_alerts_status_idx` ON `watch_alerts` (`status`);--> statement-breakpoint
CREATE TABLE `watch_changes` (
	`incident_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `watch_cursor` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_incident_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `watches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`subject_id` integer NOT NULL,
	`types` text DEFAULT '[]' NOT NULL,
	`min_casualties` integer,
	`quiet_hours` text,
	`timezone` text NOT NULL,
	`max_age_hours` integer DEFAULT 48 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`pause_reason` text,
	`paused_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watches_channel_subject_uq` ON `watches` (`channel_id`,`subject_id`);--> statement-breakpoint
CREATE INDEX `watches_guild_idx` ON `watches` (`guild_id`);--> statement-breakpoint
CREATE INDEX `watches_subject_idx` ON `watches` (`subject_id`);