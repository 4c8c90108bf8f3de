-- An actor, claim or source written for a report that is already in an incident changes what the incident's tally
-- (src/incidents/tally.ts) counts, as an update or a delete of one does (0025): the tally is set to NULL in the
-- writer's own transaction, and the next full refresh counts it again from the reports. Ingest, the timeline seed and
-- ACLED write them before the report is linked (its incident_id is NULL and the update finds nothing), but nothing
-- else guarantees that: a per-actor ACLED row for an event an earlier import linked, an editor's tool, a later path.
CREATE TRIGGER `incidents_tally_actor_added` AFTER INSERT ON `event_actors`
WHEN new.`role` <> 'place'
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` = (SELECT `incident_id` FROM `events` WHERE `id` = new.`event_id`) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_claim_added` AFTER INSERT ON `event_claims`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` = (SELECT `incident_id` FROM `events` WHERE `id` = new.`event_id`) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_source_added` AFTER INSERT ON `event_sources`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` = (SELECT `incident_id` FROM `events` WHERE `id` = new.`event_id`) AND `tally` IS NOT NULL;
END;
