DROP INDEX `events_place_idx`;--> statement-breakpoint
DROP INDEX `events_article_idx`;--> statement-breakpoint
CREATE INDEX `events_paragraph_idx` ON `events` (`paragraph_id`) WHERE "events"."paragraph_id" is not null;--> statement-breakpoint
CREATE INDEX `events_claimed_by_idx` ON `events` (`claimed_by_id`) WHERE "events"."claimed_by_id" is not null;--> statement-breakpoint
CREATE INDEX `events_article_idx` ON `events` (`article_id`) WHERE "events"."article_id" is not null;--> statement-breakpoint
CREATE INDEX `candidates_paragraph_idx` ON `candidates` (`paragraph_id`);--> statement-breakpoint
CREATE INDEX `digest_quote_shows_quote_idx` ON `digest_quote_shows` (`quote_id`);--> statement-breakpoint
CREATE INDEX `digest_subscriptions_about_idx` ON `digest_subscriptions` (`about_entity_id`);--> statement-breakpoint
CREATE INDEX `editorial_decisions_entity_idx` ON `editorial_decisions` (`entity_id`);--> statement-breakpoint
CREATE INDEX `event_claims_claimant_idx` ON `event_claims` (`claimant_id`);--> statement-breakpoint
CREATE INDEX `feed_items_article_idx` ON `feed_items` (`article_id`);--> statement-breakpoint
CREATE INDEX `mentions_paragraph_idx` ON `mentions` (`paragraph_id`);--> statement-breakpoint
CREATE INDEX `quotes_paragraph_idx` ON `quotes` (`paragraph_id`);