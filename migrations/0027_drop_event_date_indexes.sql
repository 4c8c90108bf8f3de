-- Events are read by date through their incidents (incidents_day_idx for on-this-day and the digest,
-- incidents_candidates_idx for linking): no query reads events by month_day or occurred_on any more, so these two
-- indexes only cost every write (a bulk ACLED load builds them again: about a sixth of its index time).
-- events_place_occurred_idx stays (lookups by place).
DROP INDEX `events_month_day_idx`;--> statement-breakpoint
DROP INDEX `events_occurred_idx`;