-- Watches (issue 18): incidents that change after the watch dispatcher has seen them are queued in watch_changes,
-- in the writer's own transaction, for the dispatcher to edit their alerts (or alert, when a change makes one match).
-- An incident the dispatcher has not seen yet (id above the cursor) needs no queueing: it is new to it anyway, and a
-- bulk import inserting a million incidents pays nothing here. With no watches at all nothing is queued.
CREATE TRIGGER `watch_incident_changed` AFTER UPDATE ON `incidents`
WHEN EXISTS (SELECT 1 FROM `watch_alerts` WHERE `incident_id` = new.`id`)
  OR (EXISTS (SELECT 1 FROM `watches` WHERE `status` = 'active')
      AND new.`id` <= coalesce((SELECT `last_incident_id` FROM `watch_cursor` WHERE `id` = 1), 0))
BEGIN
  INSERT OR IGNORE INTO `watch_changes` (`incident_id`) VALUES (new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `watch_incident_removed` AFTER DELETE ON `incidents`
WHEN EXISTS (SELECT 1 FROM `watch_alerts` WHERE `incident_id` = old.`id`)
BEGIN
  INSERT OR IGNORE INTO `watch_changes` (`incident_id`) VALUES (old.`id`);
END;
--> statement-breakpoint
-- The dispatcher starts at the newest incident there is: what the store held before watches existed never alerts.
INSERT INTO `watch_cursor` (`id`, `last_incident_id`) SELECT 1, coalesce(max(`id`), 0) FROM `incidents`;
