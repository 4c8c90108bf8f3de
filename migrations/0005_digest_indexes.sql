-- "Latest developments at these places" (digests): the newest events at a place, read from one index.
CREATE INDEX IF NOT EXISTS `events_place_occurred_idx` ON `events` (`place_id`, `occurred_on`);
