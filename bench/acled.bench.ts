/**
 * ACLED import throughput and memory: a generated export (current layout, quoted notes with commas, a few
 * dozen places and actors, 20% empty fatalities) imported into a fresh seeded file store, in a child process
 * so its peak RSS is the import's alone. 1,000,000 rows (about 2 minutes here); ACLED_BENCH_ROWS=200000 for a
 * quicker look.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, openDb, projectRoot } from "../src/db/client.ts";
import { seedAll } from "../src/store/seed.ts";
import { generateAcledCsv } from "./acled-generate.ts";
import type { BenchResult } from "./types.ts";

const ROWS = Number(process.env.ACLED_BENCH_ROWS ?? 1_000_000);
const TARGET_ROWS_PER_S = 50_000;
const TARGET_RSS_MB = 300;

interface ChildReport {
  rows: number;
  created: number;
  skipped: number;
  ms: number;
  baselineKb: number;
  peakKb: number;
}

export default async function acledBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "borderdesk-acled-bench-"));
  try {
    const csv = path.join(dir, "acled.csv");
    const bytes = await generateAcledCsv(csv, ROWS);
    const dbFile = path.join(dir, "store.sqlite");
    const db = openDb(dbFile);
    seedAll(db);
    closeDb(db);
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join(projectRoot, "bench", "acled-child.ts"), csv, dbFile], { cwd: projectRoot, encoding: "utf8", maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as ChildReport;
    if (r.created !== ROWS || r.skipped !== 0) throw new Error(`ACLED bench: expected ${ROWS} new events, got ${r.created} (${r.skipped} skipped)`);
    const rate = r.rows / (r.ms / 1000);
    const peakMb = r.peakKb / 1024;
    const name = `import ${ROWS.toLocaleString("en")} ACLED rows (${(bytes / 1024 / 1024).toFixed(0)} MB CSV)`;
    return [
      { name, metric: "rows/s", value: Math.round(rate).toLocaleString("en"), target: `≥ ${TARGET_ROWS_PER_S.toLocaleString("en")}`, met: rate >= TARGET_ROWS_PER_S },
      { name, metric: "wall time", value: `${(r.ms / 1000).toFixed(1)} s` },
      { name, metric: "peak RSS (whole process)", value: `${peakMb.toFixed(0)} MB`, target: `≤ ${TARGET_RSS_MB} MB`, met: peakMb <= TARGET_RSS_MB },
      { name, metric: "RSS before the import (runtime + modules)", value: `${(r.baselineKb / 1024).toFixed(0)} MB` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
