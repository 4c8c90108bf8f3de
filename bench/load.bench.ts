/**
 * Load: the real bot (discord.js client, gate, router, pool workers) against the fake Discord on 127.0.0.1,
 * many guilds, commands sent at a fixed rate (open loop: latency counts from when a command was due, so a
 * stalled loop cannot hide its own delay). For each mix it finds the highest rate of those tried that the bot
 * sustains — p99 ≤ 1 s to the first answer, nothing late, nothing shed as busy — then runs twice that rate and
 * checks that every interaction still gets an answer or a "busy" reply in time. The event loop's longest block
 * (perf_hooks monitorEventLoopDelay) and RSS are taken at the sustained rate.
 *
 * The bot runs in a process of its own (bench/load-bot.ts, compiled with the product's esbuild build and run by
 * plain node, as `npm start` runs dist/main.js): the loop delay and RSS reported are measured there —
 * the bot with its pool worker threads, which are part of the bot — and the fake Discord and the load driver,
 * which share this process, are reported apart (their loop delay tells whether the driver itself kept time). Store:
 * the seed, its incidents copied to about 20,000 (a /map of everything draws them all); the figures were on
 * the seed plus 100,000 ACLED events.
 */
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { BUSY_MESSAGE } from "../src/discord/client.ts";
import { closeDb, projectRoot } from "../src/db/client.ts";
import { startFakeDiscord, type FakeDiscord, type InteractionRecord } from "../test/fakes/discord/index.ts";
import { multiplyIncidents } from "../test/pictures/generate.ts";
import { seededStore } from "../test/helpers/store.ts";
import type { FromBot, Measured, ToBot } from "./load-bot.ts";
import type { Bench, BenchResult, BenchSize } from "./types.ts";

const S = ApplicationCommandOptionType.String;

interface Plan {
  guilds: number;
  /** Incidents in the store, about. */
  incidents: number;
  stepSeconds: number;
  textRates: number[];
  mixRates: number[];
}

const PLANS: Record<BenchSize, Plan> = {
  full: { guilds: 50, incidents: 20_000, stepSeconds: 10, textRates: [50, 100, 150, 200, 300], mixRates: [10, 20, 30, 40, 60] },
  tiny: { guilds: 2, incidents: 400, stepSeconds: 1, textRates: [5], mixRates: [3] },
};

const TARGETS = { text: 150, mix: 40, p99Ms: 1000, loopMs: 100, rssMb: 400 };
const DEADLINE_MS = 3000;

type Send = (fake: FakeDiscord, guildId: string, channelId: string) => Promise<InteractionRecord>;

const cmd =
  (name: string, options: { name: string; type: number; value: string }[] = []): Send =>
  (fake, guildId, channelId) =>
    fake.sendCommand({ name, options, guildId, channelId, skipDeferredWait: true, timeoutMs: DEADLINE_MS + 1500 });

/** The mix of the load test: lookups, autocomplete, search, quotes, days, timelines. */
const TEXT: Send[] = [
  cmd("who", [{ name: "name", type: S, value: "TTP" }]),
  cmd("who", [{ name: "name", type: S, value: "Pakistan" }]),
  (fake, guildId, channelId) => fake.sendAutocomplete({ name: "who", options: [{ name: "name", type: S, value: "Paki", focused: true }], focused: "name", guildId, channelId, timeoutMs: DEADLINE_MS + 1500 }),
  cmd("search", [{ name: "query", type: S, value: "border closure" }]),
  cmd("search", [{ name: "query", type: S, value: "Wakhan" }]),
  cmd("quote", [{ name: "speaker", type: S, value: "Asim Munir" }]),
  cmd("onthisday", [{ name: "date", type: S, value: "01-11" }]),
  cmd("timeline", [{ name: "subject", type: S, value: "TTP" }]),
];
/** The full mix: the text commands and pictures (one /chart and one /map of every event per ten commands). */
const MIX: Send[] = [...TEXT, cmd("chart", [{ name: "subject", type: S, value: "TTP" }]), cmd("map")];

interface StepResult {
  rate: number;
  sent: number;
  p50: number;
  p99: number;
  /** Answered after Discord's deadline, or never. */
  late: number;
  busy: number;
  /** Measured in the bot's process. */
  loopMaxMs: number;
  loopP99Ms: number;
  rssMb: number;
  /** This process's (fake Discord and driver): if it blocks long, latencies include the driver's own delay. */
  driverLoopMaxMs: number;
  driverRssMb: number;
}

/** The bot's process, spoken to over IPC. */
class BotProcess {
  private waiters: ((m: FromBot) => void)[] = [];
  private constructor(private readonly child: ChildProcess) {
    child.on("message", (m: FromBot) => this.waiters.shift()?.(m));
  }
  /** `entry`: the bot compiled (buildBot), run by plain node as `npm start` runs dist/main.js: no tsx in it. */
  static async start(entry: string, dbFile: string, apiUrl: string): Promise<BotProcess> {
    const extra = process.env.LOAD_BOT_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? [];
    // execArgv is given in full: fork() would otherwise pass on this process's, tsx's loader among them. The node
    // flags `npm start` gives the bot come first.
    const child = fork(entry, [], { cwd: projectRoot, execArgv: [...startFlags(), ...extra], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const bot = new BotProcess(child);
    const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`the bot's process exited (${code})`))));
    const ready = bot.next();
    bot.post({ type: "init", dbFile, apiUrl });
    await Promise.race([ready, exited]);
    exited.catch(() => undefined);
    return bot;
  }
  private next(): Promise<FromBot> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  post(m: ToBot): void {
    this.child.send(m);
  }
  startMeasuring(): void {
    this.post({ type: "start" });
  }
  async stopMeasuring(): Promise<Measured> {
    const reply = this.next();
    this.post({ type: "stop" });
    const m = await reply;
    if (m.type !== "measured") throw new Error(`unexpected answer from the bot: ${m.type}`);
    return m;
  }
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.post({ type: "close" });
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
  }
}

/** The node flags of package.json's start script (`node --max-semi-space-size=4 bin/start.js`): the bot runs with them. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts?: { start?: string } };
  return (pkg.scripts?.start ?? "").split(/\s+/).filter((t) => t.startsWith("--"));
}

/**
 * Compiles bench/load-bot.ts with the product's build (bin/build.js: esbuild, the same options, the worker entry
 * files beside it), under the checkout's tmp/ so that node_modules, data/ and migrations/ are found as from dist/.
 * Through tsx the bot's process carried the transpiler and its caches (about 200 MB of the RSS measured); `npm
 * start` runs dist/main.js, and this is what is measured now.
 */
function buildBot(): { dir: string; entry: string } {
  mkdirSync(path.join(projectRoot, "tmp"), { recursive: true });
  const dir = mkdtempSync(path.join(projectRoot, "tmp", "load-bot-"));
  const built = spawnSync(process.execPath, [path.join(projectRoot, "bin", "build.js"), dir, `load-bot=${path.join(projectRoot, "bench", "load-bot.ts")}`], { encoding: "utf8" });
  if (built.status !== 0 || built.stderr.includes("could not compile")) throw new Error(`load bench: bin/build.js failed: ${built.stderr}`);
  return { dir, entry: path.join(dir, "load-bot.js") };
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};

async function step(bot: BotProcess, fake: FakeDiscord, guilds: readonly { id: string; channelId: string }[], mix: readonly Send[], rate: number, seconds: number): Promise<StepResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const latencies: number[] = [];
  let late = 0;
  let busy = 0;
  let rss = process.memoryUsage().rss;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  bot.startMeasuring();
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const g = guilds[i % guilds.length];
    const send = mix[i % mix.length];
    if (!g || !send) continue;
    pending.push(
      send(fake, g.id, g.channelId).then(
        (r) => {
          const ms = performance.now() - due;
          latencies.push(ms);
          if (ms > DEADLINE_MS || r.rejectedCallbacks.length > 0) late++;
          if (r.content === BUSY_MESSAGE) busy++;
        },
        () => {
          latencies.push(DEADLINE_MS + 1500);
          late++;
        },
      ),
    );
    if (i % 20 === 0) rss = Math.max(rss, process.memoryUsage().rss);
  }
  await Promise.all(pending);
  rss = Math.max(rss, process.memoryUsage().rss);
  loop.disable();
  const m = await bot.stopMeasuring();
  return { rate, sent: total, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), late, busy, loopMaxMs: m.loopMaxMs, loopP99Ms: m.loopP99Ms, rssMb: m.rssMb, driverLoopMaxMs: loop.max / 1e6, driverRssMb: rss / 2 ** 20 };
}

const sustained = (r: StepResult): boolean => r.p99 <= TARGETS.p99Ms && r.late === 0 && r.busy === 0;

/** Steps up through `rates` while the bot sustains them; then twice the best one. */
async function climb(bot: BotProcess, fake: FakeDiscord, guilds: readonly { id: string; channelId: string }[], mix: readonly Send[], rates: readonly number[], seconds: number): Promise<{ best?: StepResult; first: StepResult; double: StepResult }> {
  let best: StepResult | undefined;
  let first: StepResult | undefined;
  for (const rate of rates) {
    const r = await step(bot, fake, guilds, mix, rate, seconds);
    first ??= r;
    if (!sustained(r)) break;
    best = r;
    // Let the pictures still being drawn finish before the next step.
    await new Promise((res) => setTimeout(res, 500));
  }
  await new Promise((res) => setTimeout(res, 1000));
  const double = await step(bot, fake, guilds, mix, 2 * (best ?? first ?? { rate: rates[0] ?? 1 }).rate, seconds);
  if (!first) throw new Error("no rates to try");
  return { ...(best ? { best } : {}), first, double };
}

function rows(label: string, target: number, c: { best?: StepResult; first: StepResult; double: StepResult }): BenchResult[] {
  const at = c.best ?? c.first;
  const shown = (r: StepResult): string => `p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, ${r.late} late, ${r.busy} busy of ${r.sent}`;
  return [
    {
      name: `${label}: highest rate sustained (p99 ≤ 1 s, none late, none shed)`,
      metric: "commands/s",
      value: c.best ? `${c.best.rate}/s (${shown(c.best)})` : `none of the rates tried (at ${c.first.rate}/s: ${shown(c.first)})`,
      target: `≥ ${target}/s`,
      met: (c.best?.rate ?? 0) >= target,
    },
    {
      name: `${label}: at twice that rate (${c.double.rate}/s)`,
      metric: "answered or told busy in time",
      value: `${c.double.sent - c.double.late} of ${c.double.sent} (${shown(c.double)})`,
      target: "all, none late",
      met: c.double.late === 0,
    },
    { name: `${label}: the bot's event loop, longest block at ${at.rate}/s`, metric: "monitorEventLoopDelay max (p99) in the bot's process", value: `${at.loopMaxMs.toFixed(0)} ms (p99 ${at.loopP99Ms.toFixed(0)} ms)`, target: `≤ ${TARGETS.loopMs} ms`, met: at.loopMaxMs <= TARGETS.loopMs },
    { name: `${label}: the bot's event loop, longest block at ${c.double.rate}/s`, metric: "monitorEventLoopDelay max (p99) in the bot's process", value: `${c.double.loopMaxMs.toFixed(0)} ms (p99 ${c.double.loopP99Ms.toFixed(0)} ms)`, target: `≤ ${TARGETS.loopMs} ms`, met: c.double.loopMaxMs <= TARGETS.loopMs },
    { name: `${label}: the bot's RSS at ${at.rate}/s (its process, pool worker threads included)`, metric: "peak RSS", value: `${at.rssMb.toFixed(0)} MB`, target: `≤ ${TARGETS.rssMb} MB`, met: at.rssMb <= TARGETS.rssMb },
    { name: `${label}: the bot's RSS at ${c.double.rate}/s`, metric: "peak RSS", value: `${c.double.rssMb.toFixed(0)} MB`, target: `≤ ${TARGETS.rssMb} MB`, met: c.double.rssMb <= TARGETS.rssMb },
    {
      name: `${label}: the fake Discord and the load driver (another process), at ${at.rate}/s and ${c.double.rate}/s`,
      metric: "their loop's longest block; their peak RSS",
      value: `${at.driverLoopMaxMs.toFixed(0)} ms and ${c.double.driverLoopMaxMs.toFixed(0)} ms; ${at.driverRssMb.toFixed(0)} MB and ${c.double.driverRssMb.toFixed(0)} MB`,
    },
  ];
}

/**
 * For looking into one part (a profile, a change): LOAD_ONLY=text or mix runs that climb alone, LOAD_RATES=40,60
 * tries those rates instead of the plan's. A run so narrowed still writes its section: do not commit it.
 */
function narrowed(plan: Plan): Plan & { only: "text" | "mix" | undefined } {
  const only = process.env.LOAD_ONLY === "text" || process.env.LOAD_ONLY === "mix" ? process.env.LOAD_ONLY : undefined;
  const rates = process.env.LOAD_RATES?.split(",").map(Number).filter((n) => n > 0);
  return { ...plan, only, ...(rates?.length ? { textRates: rates, mixRates: rates } : {}) };
}

const bench: Bench = async ({ size }) => {
  const plan = narrowed(PLANS[size]);
  const compiled = buildBot();
  // The compiled bot goes whatever fails below: the store, the fake Discord or the run.
  try {
    const dir = mkdtempSync(path.join(tmpdir(), "bd-load-"));
    const dbFile = path.join(dir, "store.sqlite");
    const made = seededStore();
    const seeded = made.$client.prepare<[], { n: number }>("select count(*) as n from incidents").get()?.n ?? 1;
    const incidents = multiplyIncidents(made, Math.max(0, Math.ceil(Math.log2(plan.incidents / seeded))));
    made.$client.exec(`vacuum into '${dbFile}'`);
    closeDb(made);

    const guilds = Array.from({ length: plan.guilds }, (_, i) => ({ id: `16${String(i).padStart(17, "0")}`, channelId: `17${String(i).padStart(17, "0")}` }));
    const fake = await startFakeDiscord({ guilds: guilds.map((g, i) => ({ id: g.id, name: `Desk ${i}`, channels: [{ id: g.channelId, name: "desk" }] })) });
    let bot: BotProcess | undefined;
    try {
      bot = await BotProcess.start(compiled.entry, dbFile, fake.apiUrl);
      // Warm up: first loads of modules, the map data and a pool worker.
      await step(bot, fake, guilds, MIX, Math.min(5, plan.mixRates[0] ?? 5), 1);
      const text = plan.only === "mix" ? undefined : await climb(bot, fake, guilds, TEXT, plan.textRates, plan.stepSeconds);
      const mix = plan.only === "text" ? undefined : await climb(bot, fake, guilds, MIX, plan.mixRates, plan.stepSeconds);
      return [
        ...(text ? rows("text commands (who, autocomplete, search, quote, onthisday, timeline)", TARGETS.text, text) : []),
        ...(mix ? rows(`full mix, /chart and /map of all ${incidents.toLocaleString("en")} incidents included`, TARGETS.mix, mix) : []),
      ];
    } finally {
      await bot?.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(compiled.dir, { recursive: true, force: true });
  }
};

export default bench;
