import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { Events, type Client } from "discord.js";
import { startFakeDiscord, type FakeDiscord, type SendCommandInput } from "../fakes/discord/index.ts";
import { attachRouter, createClient } from "../../src/discord/client.ts";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { silentLogger } from "../../src/logger.ts";
import { createWorkerPool, type WorkerPool } from "../../src/pool/pool.ts";
import { Router } from "../../src/router.ts";
import { commandModules } from "../../src/commands/registry.ts";
import { makeEventExport } from "../../src/export/events.ts";
import { multiplyIncidents } from "../pictures/generate.ts";
import { seededStore } from "../helpers/store.ts";
import { startLocalServer, type LocalServer } from "../helpers/http.ts";
import { bigArticle } from "./big-article.ts";
import { INGEST_OFF_LOOP_BYTES } from "../../src/intake/ingest.ts";
import { addFeed } from "../../src/feeds/store.ts";
import { startFeedPoller } from "../../src/feeds/poller.ts";

const MAP_GUILD = "1400000000000000001";
const MAP_CHANNEL = "1400000000000000002";
const OTHER_GUILD = "1400000000000000011";
const OTHER_CHANNEL = "1400000000000000012";

let db: Db;
let workers: WorkerPool;
let fake: FakeDiscord;
let client: Client;
let incidents = 0;
let web: LocalServer;
/** Some 400 KB of the beat's prose: seconds of parsing and extraction. */
const LONG_REPORT = bigArticle(400_000);

beforeAll(async () => {
  // A store whose map of every event takes the drawing seconds, in a file the pool workers can open.
  // The seeded store (gazetteer, timeline, demo article), its incidents copied until there are some 30,000.
  const made = { db: seededStore() };
  const seeded = made.db.$client.prepare<[], { n: number }>("select count(*) as n from incidents").get()?.n ?? 1;
  incidents = multiplyIncidents(made.db, Math.ceil(Math.log2(30_000 / seeded)));
  const dbFile = path.join(mkdtempSync(path.join(tmpdir(), "bd-responsive-")), "store.sqlite");
  made.db.$client.exec(`vacuum into '${dbFile}'`);
  closeDb(made.db);
  db = openDb(dbFile);
  workers = createWorkerPool({ dbFile, size: 2 });
  fake = await startFakeDiscord({
    guilds: [
      { id: MAP_GUILD, name: "Map desk", channels: [{ id: MAP_CHANNEL, name: "desk" }] },
      { id: OTHER_GUILD, name: "Other desk", channels: [{ id: OTHER_CHANNEL, name: "desk" }] },
    ],
  });
  client = createClient({ apiUrl: fake.apiUrl });
  web = await startLocalServer();
  web.route("/feed.xml", (_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
    // One item, a short teaser whose link is the long report: the poller fetches and ingests the page.
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Frontier Wire</title><link>${web.url}/</link>` +
        `<item><title>The long report</title><link>${web.url}/files/long-report.md</link><guid isPermaLink="false">long-1</guid><pubDate>Fri, 10 Jan 2025 09:00:00 GMT</pubDate><description>A teaser.</description></item></channel></rss>`,
    );
  });
  web.route("/later.xml", (_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Border Post</title><link>${web.url}/</link>` +
        `<item><title>The later report</title><link>${web.url}/files/later-report.md</link><guid isPermaLink="false">later-1</guid><pubDate>Fri, 10 Jan 2025 09:00:00 GMT</pubDate><description>A teaser.</description></item></channel></rss>`,
    );
  });
  web.route("/files/later-report.md", (_req, res) => {
    res.writeHead(200, { "content-type": "text/markdown; charset=utf-8" });
    res.end(LONG_REPORT);
  });
  web.route("/files/long-report.md", (_req, res) => {
    res.writeHead(200, { "content-type": "text/markdown; charset=utf-8" });
    res.end(LONG_REPORT);
  });
  // The attachment is served on loopback: only the explicit setting lets /ingest reach it.
  const deps = { db, logger: silentLogger, now: () => new Date("2025-01-11T06:00:00Z"), defaultTimezone: "Asia/Karachi", workers, ingester: workers, fetchGuard: { allowPrivate: true } };
  attachRouter(client, new Router(deps, commandModules()), silentLogger);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login("fake-token.not-a-secret");
  await ready;
}, 120_000);

afterAll(async () => {
  await web.close();
  await client.destroy();
  await fake.close();
  await workers.close();
  closeDb(db);
});

describe("a heavy picture does not hold up anyone else", () => {
  it("answers /who from another server within 500 ms while /map of every event renders", async () => {
    // Warm: the first /who of a process loads the alias index and prepares its statements.
    const whoTtp: SendCommandInput = { name: "who", options: [{ name: "name", type: ApplicationCommandOptionType.String, value: "TTP" }], guildId: OTHER_GUILD, channelId: OTHER_CHANNEL };
    expect((await fake.sendCommand(whoTtp)).embeds[0]?.title).toContain("Tehreek-e-Taliban Pakistan");

    // The longest the event loop went without running a timer, from the /map until its answer.
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const t = performance.now();
      longestGap = Math.max(longestGap, t - last);
      last = t;
    }, 10);
    const map = await fake.sendCommand({ name: "map", guildId: MAP_GUILD, channelId: MAP_CHANNEL, skipDeferredWait: true });
    expect(map.deferred).toBe(true);
    const mapDone = map.waitForEdits(1, 60_000);
    // The map is now being drawn (or waiting for its worker to start).
    for (const until = Date.now() + 5000; workers.pending === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 5));
    expect(workers.pending).toBe(1);

    const asked = performance.now();
    const who = await fake.sendCommand(whoTtp);
    expect(performance.now() - asked).toBeLessThan(500);
    expect(who.embeds[0]?.title).toContain("Tehreek-e-Taliban Pakistan");
    // It really was answered during the drawing, not after it.
    expect(workers.pending).toBe(1);

    await mapDone;
    clearInterval(ticker);
    expect(longestGap).toBeLessThan(500);
    const upload = fake.requests.find((q) => q.path.includes(`/webhooks/${fake.applicationId}/${map.token}/messages/@original`) && q.files.length > 0);
    expect(upload?.files[0]?.filename).toBe("map.png");
    expect(map.embeds[0]?.description).toMatch(new RegExp(`^\\d+ of ${incidents} events mapped`));
  }, 120_000);
});

describe("an export is made off the event loop", () => {
  it("/export is made by the worker pool, the same file as made in place", async () => {
    const made = vi.spyOn(workers, "exportEvents");
    const r = await fake.sendCommand({ name: "export", options: [{ name: "subject", type: ApplicationCommandOptionType.String, value: "TTP" }], guildId: OTHER_GUILD, channelId: OTHER_CHANNEL });
    expect(r.deferred).toBe(true);
    expect(made).toHaveBeenCalledTimes(1);
    const upload = fake.requests.find((q) => q.path.includes(`/webhooks/${fake.applicationId}/${r.token}/messages/@original`) && q.files.length > 0);
    const ttp = made.mock.calls[0]?.[0];
    expect(ttp?.format).toBe("csv");
    if (!ttp) throw new Error("no export asked for");
    const inPlace = makeEventExport(db, ttp);
    expect(inPlace.count).toBeGreaterThan(0);
    expect(upload?.files[0]?.filename).toBe("events-ttp.csv");
    expect(upload?.files[0]?.size).toBe(inPlace.body.byteLength);
    expect(r.embeds[0]?.description).toContain(`${inPlace.count} event`);
    made.mockRestore();
  }, 60_000);
});

describe("a large ingest does not hold up anyone else", () => {
  it("answers /who from another server within 500 ms while a 400 KB article is ingested, and the article is stored", async () => {
    expect(LONG_REPORT.length).toBeGreaterThan(INGEST_OFF_LOOP_BYTES);
    const whoTtp: SendCommandInput = { name: "who", options: [{ name: "name", type: ApplicationCommandOptionType.String, value: "TTP" }], guildId: OTHER_GUILD, channelId: OTHER_CHANNEL };
    expect((await fake.sendCommand(whoTtp)).embeds[0]?.title).toContain("Tehreek-e-Taliban Pakistan");
    const ingested = vi.spyOn(workers, "ingest");

    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const t = performance.now();
      longestGap = Math.max(longestGap, t - last);
      last = t;
    }, 10);
    const id = "1400000000000000555";
    const url = `${web.url}/files/long-report.md`;
    const ingest = await fake.sendCommand({
      name: "ingest",
      options: [{ name: "file", type: ApplicationCommandOptionType.Attachment, value: id }],
      resolved: { attachments: { [id]: { id, filename: "long-report.md", size: LONG_REPORT.length, url, proxy_url: url, content_type: "text/markdown" } } },
      guildId: MAP_GUILD,
      channelId: MAP_CHANNEL,
      skipDeferredWait: true,
    });
    expect(ingest.deferred).toBe(true);
    const ingestDone = ingest.waitForEdits(1, 120_000);
    // The article is now being ingested in a worker (or waiting for one to start).
    for (const until = Date.now() + 10_000; workers.pending === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 5));
    expect(workers.pending).toBe(1);
    expect(ingested).toHaveBeenCalledTimes(1);

    const asked = performance.now();
    const who = await fake.sendCommand(whoTtp);
    expect(performance.now() - asked).toBeLessThan(500);
    expect(who.embeds[0]?.title).toContain("Tehreek-e-Taliban Pakistan");
    // Answered during the ingest, not after it.
    expect(workers.pending).toBe(1);

    await ingestDone;
    clearInterval(ticker);
    expect(longestGap).toBeLessThan(500);
    expect(ingest.embeds[0]?.title).toBe("A long report from the border");
    expect(ingest.embeds[0]?.description).toContain("Added to the store.");
    // Written through the worker's own connection, read through the bot's.
    const stored = db.$client.prepare<[], { n: number }>("select count(*) as n from quotes q join articles a on a.id = q.article_id where a.slug = 'long-report'").get();
    expect(stored?.n).toBeGreaterThan(500);
    ingested.mockRestore();
  }, 180_000);
});

describe("a feed's large item is ingested in the worker pool", () => {
  it("the poller hands a long linked page to the pool, with the feed's title, outlet and day", async () => {
    const ingested = vi.spyOn(workers, "ingest");
    addFeed(db, { guildId: OTHER_GUILD, channelId: null, url: `${web.url}/feed.xml`, createdBy: "1400000000000000077", now: new Date("2025-01-11T06:00:00Z") });
    const poller = startFeedPoller({ db, logger: silentLogger, now: () => new Date("2025-01-11T06:00:00Z"), guard: { allowPrivate: true }, tickMs: 3_600_000, ingester: workers });
    try {
      const results = await poller.pollOnce();
      expect(results.map((r) => [r.status, r.newItems, r.failedItems])).toEqual([["ok", 1, 0]]);
      expect(ingested).toHaveBeenCalledTimes(1);
      expect(ingested.mock.calls[0]?.[0].overrides).toMatchObject({ title: "The long report", outlet: "Frontier Wire" });
      const article = db.$client.prepare<[string], { title: string; outlet: string | null; publishedOn: string | null }>("select title, outlet, published_on as publishedOn from articles where url = ?").get(`${web.url}/files/long-report.md`);
      expect(article).toEqual({ title: "The long report", outlet: "Frontier Wire", publishedOn: "2025-01-10" });
    } finally {
      poller.stop();
      ingested.mockRestore();
    }
  }, 180_000);
  it("an item the pool cannot take now (shutting down, full) is not recorded as failed: the next poll ingests it", async () => {
    const closedPool = createWorkerPool({ dbFile: db.$client.name, size: 1 });
    await closedPool.close();
    addFeed(db, { guildId: MAP_GUILD, channelId: null, url: `${web.url}/later.xml`, createdBy: "1400000000000000077", now: new Date("2025-01-11T06:00:00Z") });
    const refused = startFeedPoller({ db, logger: silentLogger, now: () => new Date("2025-01-11T06:00:00Z"), guard: { allowPrivate: true }, tickMs: 3_600_000, ingester: closedPool });
    try {
      const results = await refused.pollOnce();
      expect(results.map((r) => [r.status, r.newItems, r.failedItems])).toEqual([["ok", 0, 1]]);
    } finally {
      refused.stop();
    }
    const recorded = db.$client.prepare<[], { n: number }>("select count(*) as n from feed_items where guid = 'later-1'").get();
    expect(recorded?.n).toBe(0);
    // The next poll, when the feed is due again, with the bot's own pool.
    const poller = startFeedPoller({ db, logger: silentLogger, now: () => new Date("2025-01-12T06:00:00Z"), guard: { allowPrivate: true }, tickMs: 3_600_000, ingester: workers });
    try {
      const results = await poller.pollOnce();
      expect(results.filter((r) => r.newItems > 0).map((r) => [r.status, r.newItems, r.failedItems])).toEqual([["ok", 1, 0]]);
    } finally {
      poller.stop();
    }
    const article = db.$client.prepare<[string], { title: string }>("select title from articles where url = ?").get(`${web.url}/files/later-report.md`);
    expect(article?.title).toBe("The later report");
  }, 180_000);
});
