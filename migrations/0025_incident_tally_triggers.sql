-- An incident's tally (incidents.tally, src/incidents/tally.ts) only ever grows as reports join it. Whatever takes a
-- report out of an incident, moves one in from another, or changes what a member report says sets it to NULL, in
-- the writer's own transaction; the next full refresh counts it again from the reports. A report's own actors,
-- claims and sources are written before it is linked, so their inserts need nothing here. Linking from no incident
-- (the linker, which keeps the tally itself, and the bulk ACLED load, whose incidents start without one) fires none.
CREATE TRIGGER `incidents_tally_report_moved` AFTER UPDATE OF `incident_id` ON `events`
WHEN old.`incident_id` IS NOT NULL AND old.`incident_id` IS NOT new.`incident_id`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` IN (old.`incident_id`, new.`incident_id`) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_report_deleted` AFTER DELETE ON `events`
WHEN old.`incident_id` IS NOT NULL
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` = old.`incident_id` AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_report_changed`
AFTER UPDATE OF `source`, `occurred_on`, `precision`, `type`, `place_id`, `summary`, `killed`, `injured`, `claimed_by_id`, `article_id` ON `events`
WHEN new.`incident_id` IS NOT NULL
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` = new.`incident_id` AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_actor_changed` AFTER UPDATE ON `event_actors`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` IN (SELECT `incident_id` FROM `events` WHERE `id` IN (old.`event_id`, new.`event_id`)) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_actor_deleted` AFTER DELETE ON `event_actors`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` = (SELECT `incident_id` FROM `events` WHERE `id` = old.`event_id`) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_claim_changed` AFTER UPDATE ON `event_claims`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` IN (SELECT `incident_id` FROM `events` WHERE `id` IN (old.`event_id`, new.`event_id`)) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_claim_deleted` AFTER DELETE ON `event_claims`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` = (SELECT `incident_id` FROM `events` WHERE `id` = old.`event_id`) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_source_changed` AFTER UPDATE ON `event_sources`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` IN (SELECT `incident_id` FROM `events` WHERE `id` IN (old.`event_id`, new.`event_id`)) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_source_deleted` AFTER DELETE ON `event_sources`
BEGIN
  UPDATE `incidents` SET `tally` = NULL WHERE `id` = (SELECT `incident_id` FROM `events` WHERE `id` = old.`event_id`) AND `tally` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_tally_article_changed` AFTER UPDATE OF `outlet`, `url`, `slug`, `published_on` ON `articles`
BEGIN
  UPDATE `incidents` SET `tally` = NULL
  WHERE `id` IN (SELECT `incident_id` FROM `events` WHERE `article_id` = new.`id` AND `incident_id` IS NOT NULL) AND `tally` IS NOT NULL;
END;
