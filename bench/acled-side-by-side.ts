/**
 * The ACLED import beside another checkout's, on this machine in one sitting: `npx tsx bench/acled-side-by-side.ts
 * <other root> [rows] [rounds]` writes one generated export (this tree's generator), seeds a store with each tree's
 * own seed, and runs each tree's bench/acled-child.ts on a fresh copy of its store, the two trees in alternation
 * round by round, so the machine's load falls on both alike (two bench runs minutes apart on a shared machine do
 * not). Prints each run's rows/s and load, then the median ratio this/other: issue 15 asks that the import stay
 * within 10% of what it was (other root: `git worktree add /tmp/acled-old 20dc3fa` with node_modules copied in).
 * 200,000 rows and 3 rounds unless told; the bench itself measures 1,000,000.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/db/client.ts";
import { generateAcledCsv } from "./acled-generate.ts";
import type { ChildReport } from "./acled-child.ts";

function node(root: string, args: readonly string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 20 });
}

/** A store seeded by the tree's own code (its schema and seed may differ from this tree's). */
function seededStore(root: string, file: string): void {
  const code = `const c = await import(${JSON.stringify(path.join(root, "src/db/client.ts"))});
    const s = await import(${JSON.stringify(path.join(root, "src/store/seed.ts"))});
    const db = c.openDb(${JSON.stringify(file)}); s.seedAll(db); c.closeDb(db);`;
  node(root, ["--input-type=module", "-e", code]);
}

function importOnce(root: string, csv: string, seeded: string, dir: string): ChildReport {
  const db = path.join(dir, "run.sqlite");
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  copyFileSync(seeded, db);
  const out = node(root, [path.join(root, "bench", "acled-child.ts"), csv, db]);
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as ChildReport;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
}

async function main(argv: readonly string[]): Promise<void> {
  const [otherArg, rowsArg = "200000", roundsArg = "3"] = argv;
  if (!otherArg) throw new Error("usage: tsx bench/acled-side-by-side.ts <other root> [rows] [rounds]");
  const trees = { other: path.resolve(otherArg), this: projectRoot };
  const rows = Number(rowsArg);
  const dir = mkdtempSync(path.join(os.tmpdir(), "borderdesk-acled-side-"));
  try {
    const csv = path.join(dir, "acled.csv");
    await generateAcledCsv(csv, rows);
    const seeded = { other: path.join(dir, "other.sqlite"), this: path.join(dir, "this.sqlite") };
    seededStore(trees.other, seeded.other);
    seededStore(trees.this, seeded.this);
    const rates: { other: number[]; this: number[] } = { other: [], this: [] };
    for (let round = 1; round <= Number(roundsArg); round++) {
      // Each tree goes first in every other round, so neither always imports after the other's warm page cache.
      const order = round % 2 === 1 ? (["other", "this"] as const) : (["this", "other"] as const);
      for (const which of order) {
        const load = os.loadavg()[0]?.toFixed(1) ?? "?";
        const r = importOnce(trees[which], csv, seeded[which], dir);
        if (r.created !== rows || r.skipped !== 0) throw new Error(`${which}: expected ${rows} new events, got ${r.created} (${r.skipped} skipped)`);
        const rate = r.rows / (r.ms / 1000);
        rates[which].push(rate);
        console.log(`round ${round} ${which.padEnd(5)} ${Math.round(rate).toLocaleString("en").padStart(7)} rows/s  ${(r.ms / 1000).toFixed(1)} s  peak ${Math.round(r.peakKb / 1024)} MB  load ${load}`);
      }
    }
    const ratios = rates.this.map((t, i) => t / (rates.other[i] ?? Number.NaN));
    console.log(`this/other, median of ${ratios.length} rounds: ${median(ratios).toFixed(2)}× (rounds: ${ratios.map((x) => x.toFixed(2)).join(", ")}); ${rows.toLocaleString("en")} rows`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
