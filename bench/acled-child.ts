/**
 * Runs one ACLED import in its own process, so the peak RSS measured is the import's (bench/acled.bench.ts
 * spawns it on a store it has already seeded). Usage: tsx bench/acled-child.ts <file.csv> <db.sqlite>;
 * prints one JSON line. At tiny size the bench calls `measureImport` in its own process instead.
 */
import { fileURLToPath } from "node:url";
import { closeDb, openDb } from "../src/db/client.ts";
import { importAcledFile } from "../src/acled/import.ts";

export interface ChildReport {
  rows: number;
  created: number;
  skipped: number;
  ms: number;
  baselineKb: number;
  peakKb: number;
}

export async function measureImport(file: string, dbFile: string): Promise<ChildReport> {
  const db = openDb(dbFile);
  const baselineKb = process.resourceUsage().maxRSS;
  // A first load into a fresh store, as a desk would run it with no bot up (the bulk load: one transaction).
  const report = await importAcledFile(db, file, { exclusive: true });
  closeDb(db);
  return { rows: report.rows, created: report.created, skipped: report.skipped, ms: report.ms, baselineKb, peakKb: process.resourceUsage().maxRSS };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, dbFile] = process.argv.slice(2);
  if (!file || !dbFile) throw new Error("usage: acled-child.ts <file.csv> <db.sqlite>");
  console.log(JSON.stringify(await measureImport(file, dbFile)));
}
