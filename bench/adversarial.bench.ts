/**
 * Ingest of inputs built to be slow (quote-dense, date-dense, event-dense, right-to-left, 2,000-deep nested HTML) at 1 MB and
 * 5 MB, each in its own process: time per MB and peak memory, beside the seed-sized throughput of the same build.
 * Targets: ≤ 2 s per MB and ≤ 500 MB each.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb, openDb } from "../src/db/client.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import { seedAll } from "../src/store/seed.ts";
import { readFileSync } from "node:fs";
import { HOSTILE_KINDS } from "./adversarial-inputs.ts";
import type { BenchResult } from "./types.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const MB = 1024 * 1024;

function seedThroughput(): number {
  const db = openDb(":memory:");
  seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
  const seed = readFileSync(path.join(here, "..", "data", "articles", "pak-afghan-ttp-analysis.md"), "utf8");
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) {
    // A different slug and text each time, so every copy is written.
    const copy = Buffer.from(seed.replace(/^title: .*/m, `title: Copy ${i}`) + `\n\nCopy ${i}.\n`);
    ingestBytes(db, `seed-${i}.md`, copy);
    bytes += copy.length;
  }
  const s = (performance.now() - t0) / 1000;
  closeDb(db);
  return bytes / MB / s;
}

export default function adversarialBench(options?: { size?: "full" | "tiny" }): Promise<BenchResult[]> {
  const tiny = options?.size === "tiny" || process.argv.includes("--tiny");
  const sizes = tiny ? [20_000] : [MB, 5 * MB - 64 * 1024];
  const results: BenchResult[] = [];
  const seedMbPerS = seedThroughput();
  results.push({ name: "seed-sized articles (same build)", metric: "throughput", value: `${seedMbPerS.toFixed(2)} MB/s (${(1 / seedMbPerS).toFixed(2)} s per MB)` });
  for (const kind of HOSTILE_KINDS) {
    for (const size of sizes) {
      const out = execFileSync(process.execPath, ["--import", "tsx", path.join(here, "adversarial-child.ts"), kind, String(size)], { encoding: "utf8", maxBuffer: 1 << 20 });
      const r = JSON.parse(out.trim().split("\n").pop() ?? "{}") as { ok: boolean; error: string | null; bytes: number; ms: number; peakKb: number };
      const perMb = r.ms / 1000 / (r.bytes / MB);
      const peakMb = r.peakKb / 1024;
      const label = `${kind}, ${(r.bytes / MB).toFixed(1)} MB${r.ok ? "" : ` (refused: ${r.error?.slice(0, 80) ?? "?"})`}`;
      results.push({
        name: label,
        metric: "s per MB · peak RSS",
        value: `${perMb.toFixed(2)} s/MB · ${peakMb.toFixed(0)} MB`,
        ...(tiny ? {} : { target: "≤ 2 s/MB and ≤ 500 MB", met: perMb <= 2 && peakMb <= 500 }),
      });
    }
  }
  return Promise.resolve(results);
}
