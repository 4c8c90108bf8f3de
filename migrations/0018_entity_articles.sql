CREATE TABLE `entity_articles` (
	`entity_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`published_on` text,
	`mentions` integer NOT NULL,
	PRIMARY KEY(`entity_id`, `article_id`),
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `entity_articles_latest_idx` ON `entity_articles` (`entity_id`,`published_on`);--> statement-breakpoint
CREATE INDEX `entity_articles_article_idx` ON `entity_articles` (`article_id`);--> statement-breakpoint
ALTER TABLE `entities` ADD `article_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `quotes` ADD `dated_on` text;