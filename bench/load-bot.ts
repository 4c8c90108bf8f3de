/**
 * The bot of the load bench (bench/load.bench.ts), in a process of its own, so that the event loop's delay and the
 * RSS measured are the bot's — its gate, router, store and pool worker threads — and not the fake Discord's or
 * the load driver's. Started with an IPC channel (child_process.fork); it is set up as src/main.ts sets the bot up
 * (store with the bot's busy timeout, worker pool, gate) and logs in to the fake Discord named by its parent.
 * The bench compiles it with bin/build.js (beside the worker entry files) and runs the JavaScript, as production runs.
 *
 * Messages from the parent: { type: "start" } begins a measurement (loop delay histogram reset, RSS sampled every
 * 50 ms), { type: "stop" } ends it and answers { type: "measured", loopMaxMs, loopP99Ms, rssMb }, and
 * { type: "close" } logs out and exits. Run with `--cpu-prof` in LOAD_BOT_NODE_OPTIONS to profile the bot alone.
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { Events } from "discord.js";
import { createRouter } from "../src/app.ts";
import { closeDb, openDb } from "../src/db/client.ts";
import { BOT_BUSY_TIMEOUT_MS } from "../src/db/busy.ts";
import { attachRouter, createClient } from "../src/discord/client.ts";
import { silentLogger } from "../src/logger.ts";
import { createWorkerPool } from "../src/pool/pool.ts";

export interface BotStart {
  type: "init";
  dbFile: string;
  apiUrl: string;
}
export type ToBot = BotStart | { type: "start" } | { type: "stop" } | { type: "close" };
export interface Measured {
  type: "measured";
  loopMaxMs: number;
  loopP99Ms: number;
  rssMb: number;
  /** Interactions the gate shed, by reason, since the bot started. */
  shed: Record<string, number>;
}
export type FromBot = { type: "ready" } | Measured | { type: "closed" };

const send = (m: FromBot): void => {
  process.send?.(m);
};

function isToBot(m: unknown): m is ToBot {
  return typeof m === "object" && m !== null && "type" in m && typeof m.type === "string";
}

async function run(init: BotStart): Promise<void> {
  const db = openDb(init.dbFile, { busyTimeoutMs: BOT_BUSY_TIMEOUT_MS });
  const workers = createWorkerPool({ dbFile: init.dbFile });
  const client = createClient({ apiUrl: init.apiUrl });
  const shed: Record<string, number> = {};
  const router = createRouter(db, { defaultTimezone: "Asia/Karachi", fetchAllowPrivate: false }, silentLogger, undefined, { workers });
  if (process.env.LOAD_BOT_TRACE) trace(router);
  const gate = attachRouter(client, router, silentLogger, { onShed: (reason) => (shed[reason] = (shed[reason] ?? 0) + 1) });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login("fake-token.not-a-secret");
  await ready;

  const loop = monitorEventLoopDelay({ resolution: 10 });
  let rss = 0;
  let sampler: NodeJS.Timeout | undefined;
  process.on("message", (m: unknown) => {
    if (!isToBot(m)) return;
    if (m.type === "start") {
      loop.reset();
      loop.enable();
      rss = process.memoryUsage.rss();
      sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage.rss())), 50);
    } else if (m.type === "stop") {
      loop.disable();
      clearInterval(sampler);
      rss = Math.max(rss, process.memoryUsage.rss());
      send({ type: "measured", loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6, rssMb: rss / 2 ** 20, shed: { ...shed } });
    } else if (m.type === "close") {
      gate.stop();
      void (async () => {
        await client.destroy();
        await workers.close();
        closeDb(db);
        send({ type: "closed" });
        process.disconnect?.();
        // Whatever handle is left (a socket closing) must not keep the bench waiting.
        setTimeout(() => process.exit(0), 2000).unref();
      })();
    }
  });
  send({ type: "ready" });
}

/**
 * LOAD_BOT_TRACE=1: writes to stderr each garbage collection and each command's synchronous part that held the
 * loop 20 ms or more, to find what the loop delay's longest blocks are made of.
 */
function trace(router: ReturnType<typeof createRouter>): void {
  const t0 = performance.now();
  const at = (): string => `${((performance.now() - t0) / 1000).toFixed(2)}s`;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration >= 20) process.stderr.write(`[trace ${at()}] gc ${e.duration.toFixed(0)} ms\n`);
  }).observe({ entryTypes: ["gc"] });
  const handle = router.handleCommand.bind(router);
  router.handleCommand = (req) => {
    const t = performance.now();
    const p = handle(req);
    const ms = performance.now() - t;
    if (ms >= 20) process.stderr.write(`[trace ${at()}] /${req.name} ${JSON.stringify(req.options)} ${ms.toFixed(0)} ms\n`);
    return p;
  };
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 60) process.stderr.write(`[trace ${at()}] loop late ${(now - last - 10).toFixed(0)} ms\n`);
    last = now;
  }, 10).unref();
}

process.once("message", (m: unknown) => {
  if (isToBot(m) && m.type === "init") void run(m);
});
