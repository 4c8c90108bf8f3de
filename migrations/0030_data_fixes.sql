-- Repairs of stored data that need the project's code, run once by openDb after migrating (src/db/data-fixes.ts).
-- name-keys-2: candidates and editorial decisions keyed before the name key learnt more honorific spellings and kept
-- an honorific before a lone given name ("Mullah Omar" was "omar", "Hajji Ahmad Gul" was "hajji ahmad gul").
CREATE TABLE `data_fixes` (
	`name` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
INSERT INTO `data_fixes` (`name`) VALUES ('name-keys-2');
