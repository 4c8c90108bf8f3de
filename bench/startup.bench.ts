/**
 * A quick, small process: `borderdesk ask "/who name:TTP"` (wall time and peak RSS), the bot from start to ready
 * against the fake Discord, its RSS once idle, and `/map` of 10,000 events (peak RSS) — each beside a bare
 * `node -e "require('better-sqlite3')"` measured in the same run. The commands run as `npx borderdesk` and
 * `npm start` run them after `npm install`: compiled to JavaScript (bin/build.js); the same command through tsx
 * (what runs when dist/ is missing or stale, and how every start ran before) is measured beside it.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, openDb, projectRoot } from "../src/db/client.ts";
import { importAcledFile } from "../src/acled/import.ts";
import { seedAll } from "../src/store/seed.ts";
import { startFakeDiscord } from "../test/fakes/discord/index.ts";
import { generateAcledCsv } from "./acled-generate.ts";
import { costVsBaseline, type Bench, type BenchResult, type BenchSize } from "./types.ts";

const SIZES: Record<BenchSize, { runs: number; warmup: boolean; viaTsx: boolean; mapEvents: number; idleMs: number }> = {
  full: { runs: 5, warmup: true, viaTsx: true, mapEvents: 10_000, idleMs: 5_000 },
  // The smoke test: each path once, no warm-up, and not again through tsx.
  tiny: { runs: 1, warmup: false, viaTsx: false, mapEvents: 200, idleMs: 200 },
};
const REPORTER = path.join(projectRoot, "bench", "report-rss.mjs");

interface Run {
  ms: number;
  peakMb: number;
}

/** One whole process: wall time from spawn to exit, and its peak RSS (reported by report-rss.mjs). */
function runOnce(args: string[], dir: string, env: NodeJS.ProcessEnv = {}): Run {
  const rssFile = path.join(dir, `rss-${process.hrtime.bigint()}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", REPORTER, ...args], { cwd: projectRoot, env: { ...process.env, LOG_LEVEL: "silent", ...env, BENCH_RSS_FILE: rssFile }, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`startup bench: ${args.join(" ")} exited ${r.status ?? r.signal}: ${r.stderr.slice(0, 500)}`);
  return { ms, peakMb: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

/** Medians of `runs` runs (after one warm-up when `warmup`). */
function measure({ runs, warmup }: { runs: number; warmup: boolean }, args: string[], dir: string, env?: NodeJS.ProcessEnv): Run {
  if (warmup) runOnce(args, dir, env);
  const all = Array.from({ length: runs }, () => runOnce(args, dir, env));
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return { ms: median(all.map((r) => r.ms)), peakMb: median(all.map((r) => r.peakMb)) };
}

/** The bot from spawn to "connected to Discord" (its log line at ClientReady), then its RSS after `idleMs`. */
async function botStart(entry: string[], store: string, dir: string, idleMs: number): Promise<{ readyMs: number; idleMb: number }> {
  const fake = await startFakeDiscord({});
  try {
    const t0 = performance.now();
    const child = spawn(process.execPath, entry, {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_PATH: store, LOG_LEVEL: "info", BACKUP_KEEP: "0", DISCORD_TOKEN: "bench-token.not-a-secret", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const readyMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`startup bench: the bot was not ready in 60 s. ${out.slice(0, 500)}`)), 60_000);
      // The log line at ClientReady (pino writes to stderr; either stream is read).
      const read = (c: Buffer): void => {
        out += c.toString();
        if (out.includes("connected to Discord")) {
          clearTimeout(timer);
          resolve(performance.now() - t0);
        }
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.once("exit", (code) => reject(new Error(`startup bench: the bot exited (${code}) before it was ready. ${out.slice(0, 500)}`)));
    });
    await new Promise((r) => setTimeout(r, idleMs));
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const idleMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
    child.removeAllListeners("exit");
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    return { readyMs, idleMb };
  } finally {
    await fake.close();
  }
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number): string => `${n.toFixed(0)} MB`;

const bench: Bench = async ({ size }) => {
  const { runs, warmup, viaTsx, mapEvents, idleMs } = SIZES[size];
  const times = { runs, warmup };
  // Built under the checkout (tmp/ is ignored) so it finds data/, migrations/ and node_modules as dist/ does.
  mkdirSync(path.join(projectRoot, "tmp"), { recursive: true });
  const build = mkdtempSync(path.join(projectRoot, "tmp", "bench-build-"));
  const dir = mkdtempSync(path.join(os.tmpdir(), "bd-startup-bench-"));
  try {
    const built = spawnSync(process.execPath, [path.join(projectRoot, "bin", "build.js"), build], { encoding: "utf8" });
    if (built.status !== 0 || built.stderr.includes("could not compile")) throw new Error(`startup bench: bin/build.js failed: ${built.stderr}`);
    const store = path.join(dir, "store.sqlite");
    const db = openDb(store);
    seedAll(db);
    closeDb(db);
    const mapStore = path.join(dir, "map.sqlite");
    copyFileSync(store, mapStore);
    const csv = path.join(dir, "acled.csv");
    await generateAcledCsv(csv, mapEvents);
    const mdb = openDb(mapStore);
    await importAcledFile(mdb, csv);
    closeDb(mdb);

    const bare = measure(times, ["-e", "require('better-sqlite3')"], dir);
    const baselineWhat = "bare node -e \"require('better-sqlite3')\"";
    const cli = path.join(build, "cli.js");
    const ask = measure(times, [cli, "ask", "/who name:TTP", "--db", store], dir);
    const askTsx = viaTsx ? measure(times, ["--import", "tsx", "src/cli.ts", "ask", "/who name:TTP", "--db", store], dir) : undefined;
    const map = measure(times, [cli, "ask", "/map", "--db", mapStore, "--out", dir], dir);
    const bot = await botStart(["--import", REPORTER, path.join(build, "main.js")], store, dir, idleMs);
    const botTsx = viaTsx ? await botStart(["--import", REPORTER, "--import", "tsx", "src/main.ts"], store, dir, idleMs) : undefined;

    const rows: BenchResult[] = [
      costVsBaseline({ name: 'borderdesk ask "/who name:TTP" (compiled)', metric: "wall time", value: ask.ms, baseline: bare.ms, baselineWhat, format: s, maxRatio: 20, absolute: { max: 1000, label: "≤ 1.0 s" } }),
      costVsBaseline({ name: 'borderdesk ask "/who name:TTP" (compiled)', metric: "peak RSS", value: ask.peakMb, baseline: bare.peakMb, baselineWhat, format: mb, maxRatio: 3, absolute: { max: 120, label: "≤ 120 MB" } }),
      ...(askTsx ? [{ name: 'borderdesk ask "/who name:TTP" through tsx (no dist/; how it ran before)', metric: "wall time / peak RSS", value: `${s(askTsx.ms)} / ${mb(askTsx.peakMb)}` }] : []),
      costVsBaseline({ name: "bot start to ready, fake Discord (compiled)", metric: "wall time", value: bot.readyMs, baseline: bare.ms, baselineWhat, format: s, maxRatio: 30, absolute: { max: 1500, label: "≤ 1.5 s" } }),
      costVsBaseline({ name: `bot idle ${s(idleMs)} after ready (compiled)`, metric: "RSS", value: bot.idleMb, baseline: bare.peakMb, baselineWhat, format: mb, maxRatio: 3, absolute: { max: 120, label: "≤ 120 MB" } }),
      ...(botTsx ? [{ name: "bot through tsx (npm start without dist/; how it ran before)", metric: "start to ready / idle RSS", value: `${s(botTsx.readyMs)} / ${mb(botTsx.idleMb)}` }] : []),
      costVsBaseline({ name: `borderdesk ask "/map" of ${mapEvents.toLocaleString("en")} events (compiled)`, metric: "peak RSS", value: map.peakMb, baseline: bare.peakMb, baselineWhat, format: mb, maxRatio: 6, absolute: { max: 250, label: "≤ 250 MB" } }),
      { name: `borderdesk ask "/map" of ${mapEvents.toLocaleString("en")} events (compiled)`, metric: "wall time", value: s(map.ms), baseline: `${baselineWhat}: ${s(bare.ms)}` },
    ];
    return rows;
  } finally {
    rmSync(build, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
