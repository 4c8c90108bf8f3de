import "../setup/no-network.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REST, RESTEvents, Routes } from "discord.js";
import parsePrometheusTextFormat, { type PromFamily } from "parse-prometheus-text-format";
import type { Db } from "../../src/db/client.ts";
import { memoryDeliverer, startScheduler, type Scheduler } from "../../src/digest/index.ts";
import { ingestFiles } from "../../src/ingest/index.ts";
import { silentLogger } from "../../src/logger.ts";
import { commandModules, runnable } from "../../src/commands/registry.ts";
import { z } from "zod";
import { startHealthServer, type HealthServer } from "../../src/ops/health.ts";
import { loadConfig } from "../../src/config.ts";
import { createMetrics, type Metrics } from "../../src/ops/metrics.ts";
import type { RuntimeInfo } from "../../src/ops/runtime.ts";
import { Router } from "../../src/router.ts";
import { upsertSubscription } from "../../src/store/subscriptions.ts";
import { generateArticles } from "../../bench/ingest.bench.ts";
import { startFakeDiscord } from "../fakes/discord/index.ts";
import { seededStore } from "../helpers/store.ts";

let db: Db;
const servers: HealthServer[] = [];
const schedulers: Scheduler[] = [];

beforeAll(() => {
  db = seededStore();
});
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  for (const s of servers.splice(0)) await s.close();
});
afterAll(() => db.$client.close());

/** A clock the test moves by hand; the health server and the scheduler both read it. */
function clock(start: string): { now: () => Date; set(iso: string): void } {
  let t = new Date(start);
  return { now: () => t, set: (iso) => (t = new Date(iso)) };
}

function runtime(opts: { ready?: () => boolean; scheduler: () => Scheduler | undefined }): RuntimeInfo {
  return {
    startedAt: new Date(),
    mode: "discord",
    gatewayPingMs: () => 42,
    gatewayReady: opts.ready ?? (() => true),
    shards: () => ({ ids: [0], count: 1 }),
    lastSchedulerTick: () => opts.scheduler()?.lastTickAt(),
    runsScheduler: () => true,
  };
}

async function get(server: HealthServer, route: string): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`${server.url}${route}`);
  return { status: res.status, body: await res.text(), type: res.headers.get("content-type") };
}

describe("/healthz and /readyz", () => {
  it("turns unready when the scheduler stops ticking and ready again when it resumes", async () => {
    const c = clock("2026-01-11T02:00:00Z");
    let scheduler: Scheduler | undefined;
    let gateway = true;
    const start = (): Scheduler => {
      const s = startScheduler({ db, deliverer: memoryDeliverer(), logger: silentLogger, catchupHours: 6, now: c.now });
      schedulers.push(s);
      return s;
    };
    const rt = runtime({ scheduler: () => scheduler, ready: () => gateway });
    const server = await startHealthServer({ port: 0, host: "127.0.0.1", db, runtime: rt, metrics: createMetrics({ db, processMetrics: false }), logger: silentLogger, now: c.now });
    servers.push(server);

    expect(await get(server, "/healthz")).toMatchObject({ status: 200, body: "ok\n" });
    expect((await get(server, "/readyz")).status).toBe(503); // no scheduler yet

    scheduler = start();
    await scheduler.idle();
    const ready = await get(server, "/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ ready: true, checks: { database: { ok: true }, gateway: { ok: true }, scheduler: { ok: true } } });

    // The scheduler stops ticking (stopped here; hung or crashed in life): after 2 minutes, unready.
    await scheduler.stop();
    c.set("2026-01-11T02:01:50Z");
    expect((await get(server, "/readyz")).status).toBe(200);
    c.set("2026-01-11T02:02:30Z");
    const stale = await get(server, "/readyz");
    expect(stale.status).toBe(503);
    expect(JSON.parse(stale.body)).toMatchObject({ ready: false, checks: { scheduler: { ok: false, detail: "last tick 150 s ago" }, database: { ok: true } } });

    // It resumes: ready again.
    scheduler = start();
    await scheduler.idle();
    expect((await get(server, "/readyz")).status).toBe(200);

    // A dropped gateway is unready too.
    gateway = false;
    const down = await get(server, "/readyz");
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toMatchObject({ checks: { gateway: { ok: false } } });
    expect((await get(server, "/nope")).status).toBe(404);
  });
});

type Sample = { labels?: Record<string, string>; value?: string; count?: string };

function sampleValue(families: PromFamily[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (!family) return 0;
  const match = (family.metrics as Sample[]).filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return match.reduce((sum, m) => sum + Number(m.value ?? m.count ?? 0), 0);
}

describe("/metrics", () => {
  it("listens on loopback unless HEALTH_HOST says otherwise, and refuses an address it cannot bind to by name", async () => {
    const server = await startHealthServer({ port: 0, db, runtime: runtime({ scheduler: () => undefined }), metrics: createMetrics({ db, processMetrics: false }), logger: silentLogger });
    servers.push(server);
    expect(server.host).toBe("127.0.0.1");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(loadConfig({}).healthHost).toBe("127.0.0.1");
    expect(loadConfig({ HEALTH_HOST: "0.0.0.0" }).healthHost).toBe("0.0.0.0");
    expect(() => loadConfig({ HEALTH_HOST: "every interface" })).toThrow(/HEALTH_HOST must be an IP address/);
  });

  it("parses as Prometheus text and its counters move with the work done", async () => {
    const metrics: Metrics = createMetrics({ db, runtime: runtime({ scheduler: () => undefined }) });
    const server = await startHealthServer({ port: 0, host: "127.0.0.1", db, runtime: runtime({ scheduler: () => undefined }), metrics, logger: silentLogger });
    servers.push(server);
    const scrape = async (): Promise<PromFamily[]> => {
      const r = await get(server, "/metrics");
      expect(r.status).toBe(200);
      expect(r.type).toContain("text/plain");
      return parsePrometheusTextFormat(r.body);
    };

    const before = await scrape();
    expect(before.find((f) => f.name === "borderdesk_command_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(sampleValue(before, "borderdesk_commands_total")).toBe(0);

    // Commands: served, a user mistake, and an unexpected failure.
    const commands = commandModules();
    const broken = runnable({ data: { name: "broken", description: "always fails" }, input: z.object({}), run: () => Promise.reject(new Error("boom")) });
    commands.set("broken", broken);
    const router = new Router({ db, logger: silentLogger, now: () => new Date("2026-01-11T06:00:00Z"), defaultTimezone: "UTC", observer: metrics }, commands);
    const ctx = { guildId: "1", channelId: "2", userId: "3", permissions: 0n };
    await router.handleCommand({ name: "who", options: { name: "TTP" }, ctx });
    await router.handleCommand({ name: "help", options: {}, ctx });
    await router.handleCommand({ name: "onthisday", options: { date: "31-31" }, ctx });
    await router.handleCommand({ name: "broken", options: {}, ctx });

    // A digest delivered by the scheduler.
    const now = new Date();
    upsertSubscription(db, { guildId: "1", channelId: "1200000000000000777", localTime: new Date(now.getTime() - 60_000).toISOString().slice(11, 16), timezone: "UTC", kinds: ["incidents"], aboutEntityId: null, createdBy: "3" }, new Date(now.getTime() - 3_600_000));
    const s = startScheduler({ db, deliverer: memoryDeliverer(), logger: silentLogger, catchupHours: 6, onTick: (r) => metrics.digestTick(r) });
    schedulers.push(s);
    await s.idle();

    // A 429 from Discord, seen through discord.js's REST client.
    const fake = await startFakeDiscord();
    try {
      const rest = new REST({ api: fake.apiUrl, retries: 1, timeout: 5000 }).setToken("fake-token");
      rest.on(RESTEvents.RateLimited, (info) => metrics.rateLimited(info));
      const channel = fake.guilds[0]?.channels[0]?.id ?? "";
      fake.failChannel(channel, { status: 429, retryAfter: 0.05 }, 1);
      await rest.post(Routes.channelMessages(channel), { body: { content: "hello" } });
    } finally {
      await fake.close();
    }

    // Ingest in this process.
    const dir = mkdtempSync(path.join(tmpdir(), "bd-metrics-"));
    const { files } = generateArticles(dir, 3);
    ingestFiles(db, files, { onFile: (r) => metrics.ingested(r) });

    const after = await scrape();
    expect(sampleValue(after, "borderdesk_commands_total")).toBe(4);
    expect(sampleValue(after, "borderdesk_commands_total", { command: "who", outcome: "ok" })).toBe(1);
    expect(sampleValue(after, "borderdesk_commands_total", { command: "onthisday", outcome: "user_error" })).toBe(1);
    expect(sampleValue(after, "borderdesk_commands_total", { command: "broken", outcome: "error" })).toBe(1);
    // parse-prometheus-text-format keeps one label set per histogram (the last), so read its counts from prom-client.
    const histogram = await metrics.registry.getSingleMetric("borderdesk_command_duration_seconds")?.get();
    const counts = (histogram?.values as { metricName?: string; labels: Record<string, string | number | undefined>; value: number }[] | undefined)?.filter(
      (v) => v.metricName === "borderdesk_command_duration_seconds_count",
    );
    expect(counts?.find((v) => v.labels.command === "who")?.value).toBe(1);
    expect(counts?.reduce((n, v) => n + v.value, 0)).toBe(4);
    expect(after.find((f) => f.name === "borderdesk_command_duration_seconds")?.metrics[0]?.buckets?.["+Inf"]).toBeDefined();
    expect(sampleValue(after, "borderdesk_errors_total", { kind: "command" })).toBe(1);
    expect(sampleValue(after, "borderdesk_digests_delivered_total")).toBe(1);
    expect(sampleValue(after, "borderdesk_scheduler_ticks_total")).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, "borderdesk_discord_rate_limits_total")).toBe(1);
    expect(sampleValue(after, "borderdesk_ingest_total", { outcome: "created" }) + sampleValue(after, "borderdesk_ingest_total")).toBeGreaterThanOrEqual(3);
    expect(sampleValue(after, "borderdesk_store_rows", { table: "articles" })).toBe(sampleValue(before, "borderdesk_store_rows", { table: "articles" }) + 3);
    expect(sampleValue(after, "borderdesk_store_bytes")).toBeGreaterThan(0);
    expect(sampleValue(after, "borderdesk_gateway_ping_seconds")).toBeCloseTo(0.042);
  });
});
