import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, type Db } from "../../src/db/client.ts";
import { startFeedPoller, backoffMs, MAX_NEW_ITEMS_PER_POLL, type FeedPoller } from "../../src/feeds/poller.ts";
import { parseFeed } from "../../src/feeds/parse.ts";
import { addFeed } from "../../src/feeds/store.ts";
import type { MessagePayload } from "../../src/render/payload.ts";
import { silentLogger } from "../../src/logger.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import { routerFor, seededStore } from "../helpers/store.ts";
import { startLocalServer, type LocalServer } from "../helpers/http.ts";

const GUILD = "1100000000000000001";
const NOTES = "1100000000000000003";
const EDITOR: CommandContext = { guildId: GUILD, channelId: "1100000000000000002", userId: "1100000000000000077", permissions: 32n };

function body(topic: string, place: string): string {
  return [
    `<p>Officials in ${place} said on Monday that the ${topic} would continue through the week, as traders waited at the crossing and transporters counted their losses.</p>`,
    `<p>&#8220;We are doing everything we can to keep the road open,&#8221; a district official told reporters in ${place}, adding that talks with the other side had resumed.</p>`,
    `<p>Residents said the ${topic} had disrupted schools and markets across the district, and elders called on both governments to settle the dispute before the harvest.</p>`,
  ].join("");
}

function item(guid: string, title: string, day: string, html: string, link = `https://news.example/${guid}`): string {
  return `<item><title>${title}</title><link>${link}</link><guid isPermaLink="false">${guid}</guid><pubDate>${day}</pubDate><description>Short summary.</description><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
}

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Frontier Wire</title><link>https://news.example/</link>${items.join("")}</channel></rss>`;
}

const FIRST = item("fw-1", "Torkham talks resume", "Mon, 03 Feb 2025 08:00:00 GMT", body("closure of the Torkham crossing", "Landi Kotal"));
const SECOND = item("fw-2", "Kurram road stays shut", "Tue, 04 Feb 2025 08:00:00 GMT", body("closure of the Thall–Parachinar road", "Kurram"));
const THIRD = item("fw-3", "Chaman traders protest", "Wed, 05 Feb 2025 08:00:00 GMT", body("sit-in by traders at Chaman", "Chaman"));

let web: LocalServer;
let db: Db;
let clock: Date;
let poller: FeedPoller;
let delivered: { channelId: string; payload: MessagePayload }[];
let desk: { etag: string; xml: string };

beforeAll(async () => {
  web = await startLocalServer();
  web.route("/desk.xml", (req, res) => {
    if (req.headers["if-none-match"] === desk.etag) {
      res.writeHead(304, { etag: desk.etag });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: desk.etag });
    res.end(desk.xml);
  });
  web.route("/broken.xml", (_req, res) => {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("upstream exploded");
  });
  web.route("/mirror.xml", (_req, res) => {
    // Another outlet's feed carrying the same piece under its own guid.
    res.writeHead(200, { "content-type": "application/xml" });
    res.end(rss([FIRST.replace("<guid isPermaLink=\"false\">fw-1</guid>", "<guid>mirror-77</guid>")]));
  });
  web.route("/atom.xml", (_req, res) => {
    res.writeHead(200, { "content-type": "application/atom+xml" });
    res.end(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Kabul Notes</title>
      <entry><id>tag:kabul-notes,2025:1</id><title>Kunar shelling</title><link rel="alternate" href="${web.url}/kunar.html"/><updated>2025-02-06T10:00:00Z</updated><summary>Shelling in Kunar.</summary></entry></feed>`);
  });
  web.route("/kunar.html", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<html lang="en"><head><meta property="og:title" content="Shelling reported in Kunar"><meta property="article:published_time" content="2025-02-06"></head><body><article><h1>Shelling reported in Kunar</h1>${body("shelling along the border", "Kunar")}</article></body></html>`);
  });
});

afterAll(async () => {
  await web.close();
});

beforeEach(() => {
  db = seededStore();
  clock = new Date("2025-02-05T06:00:00Z");
  delivered = [];
  desk = { etag: '"v1"', xml: rss([SECOND, FIRST]) };
  poller = startFeedPoller({
    db,
    logger: silentLogger,
    now: () => clock,
    timeoutMs: 2000,
    // The test server is on loopback, which only an explicit setting lets the poller reach.
    guard: { allowPrivate: true },
    tickMs: 3_600_000,
    deliver: (channelId, payload) => {
      delivered.push({ channelId, payload });
      return Promise.resolve();
    },
  });
});

afterEach(() => {
  poller.stop();
  closeDb(db);
});

function advance(minutes: number): void {
  clock = new Date(clock.getTime() + minutes * 60_000);
}

function articleTitles(): string[] {
  return db.$client.prepare<[], { title: string }>("select title from articles where outlet = 'Frontier Wire' order by title").all().map((a) => a.title);
}

describe("feeds", () => {
  it("parses RSS and Atom with a real XML parser (entities, CDATA, attributes)", () => {
    const feed = parseFeed(rss([FIRST]));
    expect(feed.title).toBe("Frontier Wire");
    expect(feed.entries[0]).toMatchObject({ guid: "fw-1", title: "Torkham talks resume", link: "https://news.example/fw-1", published: "2025-02-03T08:00:00.000Z" });
    expect(feed.entries[0]?.html).toContain("&#8220;We are doing");
    expect(() => parseFeed("<html><body>not a feed</body></html>")).toThrow(/neither RSS nor Atom/);
    expect(() => parseFeed("<rss><channel>")).toThrow(/not well-formed/);
  });

  it("takes in the backlog on the first poll without posting, then uses ETag: each item is ingested once across three polls", async () => {
    addFeed(db, { guildId: GUILD, channelId: NOTES, url: `${web.url}/desk.xml`, createdBy: EDITOR.userId, now: clock });
    const first = await poller.pollOnce();
    expect(first).toMatchObject([{ status: "ok", newItems: 2, notes: 0 }]);
    expect(delivered).toEqual([]);
    expect(articleTitles()).toEqual(["Kurram road stays shut", "Torkham talks resume"]);

    // Not due yet: nothing is fetched.
    expect(await poller.pollOnce()).toEqual([]);
    advance(31);
    expect(await poller.pollOnce()).toMatchObject([{ status: "not-modified", newItems: 0 }]);
    advance(31);
    expect(await poller.pollOnce()).toMatchObject([{ status: "not-modified", newItems: 0 }]);
    const conditional = web.requests.filter((r) => r.path === "/desk.xml");
    expect(conditional.map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"', '"v1"']);
    expect(articleTitles()).toHaveLength(2);

    // A new item: ingested once, and one line posted to the notes channel.
    desk = { etag: '"v2"', xml: rss([THIRD, SECOND, FIRST]) };
    advance(31);
    expect(await poller.pollOnce()).toMatchObject([{ status: "ok", newItems: 1, notes: 1 }]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.channelId).toBe(NOTES);
    expect(delivered[0]?.payload.content).toMatch(/^🆕 New in the store: \*\*Chaman traders protest\*\* \(Frontier Wire\)/);
    expect(delivered[0]?.payload.allowed_mentions).toEqual({ parse: [] });
    expect(articleTitles()).toEqual(["Chaman traders protest", "Kurram road stays shut", "Torkham talks resume"]);
  });

  it("takes a long feed in over several polls, letting the event loop run between items, and posts nothing for the backlog", async () => {
    const many = Array.from({ length: MAX_NEW_ITEMS_PER_POLL + 20 }, (_, i) =>
      item(`bulk-${i}`, `Crossing report ${i}`, "Mon, 03 Feb 2025 08:00:00 GMT", body(`closure number ${i} of the crossing`, `Village ${i}`)),
    );
    desk = { etag: '"bulk"', xml: rss(many) };
    addFeed(db, { guildId: GUILD, channelId: NOTES, url: `${web.url}/desk.xml`, createdBy: EDITOR.userId, now: clock });
    const requestsBefore = web.requests.length;
    // A timer that must keep firing while the poll runs: the loop is not held for the whole feed.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const first = await poller.pollOnce();
    clearInterval(timer);
    expect(first).toMatchObject([{ status: "ok", newItems: MAX_NEW_ITEMS_PER_POLL, deferred: 20 }]);
    expect(ticks).toBeGreaterThanOrEqual(MAX_NEW_ITEMS_PER_POLL / 2);
    advance(31);
    // The rest on the next poll, fetched whole (no ETag kept while items wait), still without notes.
    expect(await poller.pollOnce()).toMatchObject([{ status: "ok", newItems: 20, deferred: 0, notes: 0 }]);
    expect(web.requests.slice(requestsBefore).filter((r) => r.path === "/desk.xml").map((r) => r.ifNoneMatch)).toEqual([undefined, undefined]);
    expect(delivered).toEqual([]);
    expect(articleTitles()).toHaveLength(MAX_NEW_ITEMS_PER_POLL + 20);
  });

  it("a failing feed backs off and shows its reason without holding up another feed", async () => {
    const broken = addFeed(db, { guildId: GUILD, channelId: null, url: `${web.url}/broken.xml`, createdBy: EDITOR.userId, now: clock });
    addFeed(db, { guildId: GUILD, channelId: null, url: `${web.url}/desk.xml`, createdBy: EDITOR.userId, now: clock });
    const results = await poller.pollOnce();
    expect(results).toMatchObject([
      { feedId: broken.id, status: "failed" },
      { status: "ok", newItems: 2 },
    ]);
    expect(results[0]?.error).toContain("500");
    advance(31);
    const second = await poller.pollOnce();
    expect(second.map((r) => r.status)).toEqual(["failed", "not-modified"]);
    const row = db.$client.prepare<[number], { status: string; consecutive_failures: number; next_poll_at: string; last_error: string }>("select * from feeds where id = ?").get(broken.id);
    expect(row).toMatchObject({ status: "failing", consecutive_failures: 2 });
    expect(row?.last_error).toContain("500");
    // Backed off: after two failures the next try is an hour away, not 30 minutes.
    expect(Date.parse(row?.next_poll_at ?? "")).toBe(clock.getTime() + backoffMs(30, 2));
    advance(31);
    expect((await poller.pollOnce()).map((r) => r.feedId)).not.toContain(broken.id);

    const list = await routerFor(db).handleCommand({ name: "feeds", options: { subcommand: "list" }, ctx: EDITOR });
    const text = JSON.stringify(list.reply);
    expect(text).toContain("**failing**");
    expect(text).toContain("500");
  });

  it("skips the same piece arriving through another feed (content hash) and fetches the page of a summary-only entry", async () => {
    addFeed(db, { guildId: GUILD, channelId: null, url: `${web.url}/desk.xml`, createdBy: EDITOR.userId, now: clock });
    addFeed(db, { guildId: GUILD, channelId: null, url: `${web.url}/mirror.xml`, createdBy: EDITOR.userId, now: clock });
    addFeed(db, { guildId: GUILD, channelId: null, url: `${web.url}/atom.xml`, createdBy: EDITOR.userId, now: clock });
    const results = await poller.pollOnce();
    expect(results.map((r) => [r.status, r.newItems, r.duplicates])).toEqual([
      ["ok", 2, 0],
      ["ok", 0, 1],
      ["ok", 1, 0],
    ]);
    const kunar = db.$client.prepare("select title, url, outlet from articles where title like '%Kunar%'").get();
    expect(kunar).toEqual({ title: "Kunar shelling", url: `${web.url}/kunar.html`, outlet: "Kabul Notes" });
  });

  it("/feeds add, list and remove, for editors", async () => {
    const router = routerFor(db, undefined, { fetchGuard: { allowPrivate: true } });
    const add = await router.handleCommand({ name: "feeds", options: { subcommand: "add", url: `${web.url}/desk.xml`, channel: NOTES, interval: 45 }, ctx: EDITOR });
    expect(add.reply.content).toMatch(/Following feed #\d+: .* polled every 45 minutes\. The first poll takes in what the feed holds now without posting/);
    const dup = await router.handleCommand({ name: "feeds", options: { subcommand: "add", url: `${web.url}/desk.xml` }, ctx: EDITOR });
    expect(dup.reply.content).toContain("already follows");
    const list = JSON.stringify((await router.handleCommand({ name: "feeds", options: { subcommand: "list" }, ctx: EDITOR })).reply);
    expect(list).toContain("waiting for its first poll");
    expect(list).toContain(`notes in <#${NOTES}>`);
    const bad = await router.handleCommand({ name: "feeds", options: { subcommand: "add", url: "ftp://x" }, ctx: EDITOR });
    expect(bad.reply.content).toContain("https://");
    const reader = await router.handleCommand({ name: "feeds", options: { subcommand: "list" }, ctx: { ...EDITOR, permissions: 0n } });
    expect(reader.reply.content).toContain("for editors");
    const id = /#(\d+)/.exec(add.reply.content ?? "")?.[1] ?? "";
    const removed = await router.handleCommand({ name: "feeds", options: { subcommand: "remove", feed: id }, ctx: EDITOR });
    expect(removed.reply.content).toContain("Stopped following");
    expect((await router.handleCommand({ name: "feeds", options: { subcommand: "list" }, ctx: EDITOR })).reply.content).toContain("follows no feeds");
  });
});
