/**
 * Runs one ACLED import in its own process, so the peak RSS measured is the import's (bench/acled.bench.ts
 * spawns it on a store it has already seeded). Usage: tsx bench/acled-child.ts <file.csv> <db.sqlite>;
 * prints one JSON line.
 */
import { closeDb, openDb } from "../src/db/client.ts";
import { importAcledFile } from "../src/acled/import.ts";

const [file, dbFile] = process.argv.slice(2);
if (!file || !dbFile) throw new Error("usage: acled-child.ts <file.csv> <db.sqlite>");
const db = openDb(dbFile);
const baselineKb = process.resourceUsage().maxRSS;
const report = await importAcledFile(db, file);
closeDb(db);
console.log(JSON.stringify({ rows: report.rows, created: report.created, skipped: report.skipped, ms: report.ms, baselineKb, peakKb: process.resourceUsage().maxRSS }));
