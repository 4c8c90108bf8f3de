/**
 * /watch end to end: the real discord.js client against the fake Discord, a real store with its migrations, the
 * feed poller fetching from a loopback server, and a clock the test moves (quiet hours, nonce windows).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApplicationCommandOptionType as T } from "discord-api-types/v10";
import type { APIEmbed } from "discord-api-types/v10";
import { closeDb, type Db } from "../../src/db/client.ts";
import { silentLogger } from "../../src/logger.ts";
import { Router } from "../../src/router.ts";
import { commandModules } from "../../src/commands/registry.ts";
import type { Deps } from "../../src/commands/types.ts";
import { restPoster } from "../../src/discord/poster.ts";
import { ingestBytes } from "../../src/ingest/index.ts";
import { startFeedPoller, type FeedPoller } from "../../src/feeds/poller.ts";
import { addFeed } from "../../src/feeds/store.ts";
import { recordWatchAlerts, startWatchDispatcher, type WatchDispatcher } from "../../src/watch/dispatch.ts";
import { seededStore } from "../helpers/store.ts";
import { startBot, type TestBot } from "../helpers/bot.ts";
import { startLocalServer, type LocalServer } from "../helpers/http.ts";
import type { APIApplicationCommandInteractionDataBasicOption } from "discord-api-types/v10";

const GUILD = "1180000000000000001";
const ALERTS = "1180000000000000002";
const EDITOR = "1180000000000000077";

/** Neutral lines that make a feed entry long enough to be the article itself (no dates, no incidents). */
const FILLER =
  "<p>Residents said shops in the bazaar stayed open through the afternoon and traders counted their losses, while elders met district officials to discuss arrangements for the coming weeks.</p>" +
  "<p>Local representatives asked the provincial government for more resources for the area and for compensation for families, and promised to keep the community informed.</p>" +
  "<p>Transporters said goods lorries waited along the main road, and shopkeepers in the bazaar asked for more lighting and for the road to be repaired before the winter.</p>";

function item(guid: string, title: string, pubDate: string, text: string): string {
  return `<item><title>${title}</title><link>https://news.example/${guid}</link><guid isPermaLink="false">${guid}</guid><pubDate>${pubDate}</pubDate><content:encoded><![CDATA[<p>${text}</p>${FILLER}]]></content:encoded></item>`;
}

function rss(outlet: string, items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${outlet}</title><link>https://news.example/</link>${items.join("")}</channel></rss>`;
}

// Three outlets' reports of one attack in Bagan (Lower Kurram, Kurram) on Thursday 19 November 2026, and another
// incident there the same day.
const FIRST = item("fw-bagan-1", "Checkpost attacked in Bagan", "Thu, 19 Nov 2026 10:00:00 GMT", "Gunmen attacked a police checkpost in Bagan on Thursday, killing four policemen, officials said.");
const SECOND = item("kl-bagan-2", "Four policemen killed in Bagan", "Thu, 19 Nov 2026 14:00:00 GMT", "Militants attacked a police checkpost in Bagan on Thursday and killed four policemen, police said.");
const THIRD = item("bm-bagan-3", "Bagan toll rises", "Fri, 20 Nov 2026 06:00:00 GMT", "Militants who attacked a police checkpost in Bagan, Kurram on Thursday killed nine policemen, officials said on Friday.");
const OTHER = item("fw-bagan-4", "Roadside bomb in Bagan", "Fri, 20 Nov 2026 07:00:00 GMT", "A roadside bomb exploded near a school van in Bagan on Thursday, wounding three children, officials said.");
// A backlog from weeks before the watch existed.
const OLD = [
  item("old-1", "Teri Mangal firing", "Mon, 19 Oct 2026 09:00:00 GMT", "Troops and Afghan forces exchanged fire in Teri Mangal in Kurram on Monday, officials said."),
  item("old-2", "Kharlachi shut", "Tue, 20 Oct 2026 09:00:00 GMT", "Officials closed the Kharlachi crossing in Kurram on Tuesday after firing, traders said."),
];

function article(slug: string, outlet: string, published: string, text: string): Buffer {
  return Buffer.from(`---\ntitle: ${slug}\noutlet: ${outlet}\nurl: https://news.example/${slug}\npublished: ${published}\n---\n${text}\n`);
}

let web: LocalServer;
/** Each outlet's feed: path → its items now. */
const feedItems = new Map<string, string[]>();
const OUTLETS: Record<string, string> = { "/fw.xml": "Frontier Wire", "/kl.xml": "Khyber Ledger", "/bm.xml": "Border Monitor" };
let db: Db;
let clock: Date;
let bot: TestBot;
let poller: FeedPoller;
let dispatcher: WatchDispatcher;

beforeAll(async () => {
  web = await startLocalServer();
  for (const [path, outlet] of Object.entries(OUTLETS)) {
    web.route(path, (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(rss(outlet, feedItems.get(path) ?? []));
    });
  }
});

afterAll(async () => {
  await web.close();
});

beforeEach(async () => {
  feedItems.clear();
  db = seededStore();
  clock = new Date("2026-11-19T09:00:00Z");
  const deps: Deps = { db, logger: silentLogger, now: () => clock, defaultTimezone: "Asia/Karachi" };
  bot = await startBot(new Router(deps, commandModules()), { id: GUILD, channelId: ALERTS });
  // The fetch timeout is a guard against a hung server, not what is tested: the poller ingests one feed's items
  // while the others' fetches are under way, so on a loaded machine a loopback answer can take seconds to be read.
  poller = startFeedPoller({ db, logger: silentLogger, now: () => clock, timeoutMs: 30_000, guard: { allowPrivate: true }, tickMs: 3_600_000 });
  dispatcher = startWatchDispatcher({ db, poster: restPoster(bot.client.rest), logger: silentLogger, now: () => clock, intervalMs: 3_600_000, retry: { attempts: 1, baseDelayMs: 1 } });
});

afterEach(async () => {
  await dispatcher.stop();
  poller.stop();
  await bot.stop();
  closeDb(db);
});

type Basic = APIApplicationCommandInteractionDataBasicOption;

function command(name: string, sub: string, options: Basic[] = []) {
  return bot.fake.sendCommand({ name, options: [{ name: sub, type: T.Subcommand, options }], guildId: GUILD, channelId: ALERTS, userId: EDITOR });
}

const str = (name: string, value: string): Basic => ({ name, type: T.String, value });

function advance(minutes: number): void {
  clock = new Date(clock.getTime() + minutes * 60_000);
}

function posted(channelId = ALERTS) {
  return bot.fake.channelMessages.get(channelId) ?? [];
}

function embed(i: number, channelId = ALERTS): APIEmbed {
  const e = posted(channelId)[i]?.embeds[0];
  if (!e) throw new Error(`no message ${i} in the channel`);
  return e;
}

function follow(...paths: string[]): void {
  for (const p of paths) addFeed(db, { guildId: GUILD, channelId: null, url: `${web.url}${p}`, createdBy: EDITOR, now: clock });
}

/** Puts an item in an outlet's feed and polls every feed. */
async function poll(path: string, ...items: string[]): Promise<void> {
  feedItems.set(path, [...items, ...(feedItems.get(path) ?? [])]);
  advance(31);
  const results = await poller.pollOnce();
  expect(results.every((r) => r.status === "ok"), JSON.stringify(results)).toBe(true);
}

function everyPostIsSafe(): void {
  const writes = bot.fake.requests.filter((r) => r.path.startsWith("/channels/") && (r.method === "POST" || r.method === "PATCH") && !r.path.endsWith("/threads"));
  expect(writes.length).toBeGreaterThan(0);
  for (const w of writes) expect((w.body as { allowed_mentions?: unknown }).allowed_mentions, `${w.method} ${w.path}`).toEqual({ parse: [] });
  expect(bot.fake.rejections).toEqual([]);
}

describe("/watch alerts", () => {
  it("three reports of one incident through three feed polls make one alert and two edits; another incident the same day is a second alert", async () => {
    const added = await command("watch", "add", [str("subject", "Kurram")]);
    expect(added.content).toMatch(/Watching: \*\*Kurram\*\* in <#1180000000000000002>/);
    follow("/fw.xml", "/kl.xml", "/bm.xml");

    // The seed's 2020–2026 timeline (Kurram incidents among it) is an import from before the watch: nothing.
    await dispatcher.pass();
    expect(posted()).toHaveLength(0);

    await poll("/fw.xml", FIRST);
    const first = await dispatcher.pass();
    expect(first.sent).toBe(1);
    expect(posted()).toHaveLength(1);
    expect(embed(0).title).toBe("🚨 19 Nov 2026 · Attack · Bagan, Lower Kurram");
    expect(embed(0).description).toContain("4 killed");
    expect(embed(0).description).toContain("[Frontier Wire — Checkpost attacked in Bagan](https://news.example/fw-bagan-1)");
    expect(embed(0).description).toContain("`/timeline subject:Kurram`");
    expect(embed(0).footer?.text).toMatch(/^1 report · 1 outlet/);

    await poll("/kl.xml", SECOND);
    expect((await dispatcher.pass()).edited).toBe(1);
    expect(posted()).toHaveLength(1);
    expect(embed(0).footer?.text).toMatch(/^2 reports · 2 outlets/);

    await poll("/bm.xml", THIRD);
    const third = await dispatcher.pass();
    expect(third).toMatchObject({ sent: 0, edited: 1, notes: 1 });
    expect(posted()).toHaveLength(1);
    expect(embed(0).footer?.text).toMatch(/^3 reports · 3 outlets/);
    expect(embed(0).description).toContain("9 killed");
    // The toll more than doubled: one short reply in the alert's thread.
    const alertId = posted()[0]?.id ?? "";
    expect(bot.fake.threads.get(alertId)?.parentId).toBe(ALERTS);
    expect(posted(alertId).map((m) => m.content)).toEqual(["Figures changed: now up to 9 killed (was 4) — see the alert above."]);
    const patches = bot.fake.requests.filter((r) => r.method === "PATCH" && r.path === `/channels/${ALERTS}/messages/${alertId}`);
    expect(patches).toHaveLength(2);

    await poll("/fw.xml", OTHER);
    await dispatcher.pass();
    expect(posted()).toHaveLength(2);
    expect(embed(1).title).toBe("🚨 19 Nov 2026 · Bombing · Bagan, Lower Kurram");
    // Nothing is owed any more: another pass posts and edits nothing.
    expect(await dispatcher.pass()).toMatchObject({ sent: 0, edited: 0, notes: 0 });
    expect(posted()).toHaveLength(2);
    everyPostIsSafe();
  });

  it("a watch on a group alerts for an incident it is named as claiming; a watch elsewhere stays quiet", async () => {
    await command("watch", "add", [str("subject", "TTP")]);
    await command("watch", "add", [str("subject", "Kunar")]);
    const r = ingestBytes(db, "bannu-station.md", article("bannu-station", "Frontier Wire", "2026-11-19", "TTP militants attacked a police station in Bannu on Thursday, killing two policemen, officials said."), { now: clock });
    expect(r.ok).toBe(true);
    await dispatcher.pass();
    expect(posted()).toHaveLength(1);
    expect(embed(0).title).toBe("🚨 19 Nov 2026 · Attack · Bannu, Khyber Pakhtunkhwa");
    expect(embed(0).description).toContain("Watching **Tehreek-e-Taliban Pakistan**");
    everyPostIsSafe();
  });

  it("a backfill older than the watch posts nothing; many new incidents at once are one summary", async () => {
    await command("watch", "add", [str("subject", "Kurram")]);
    follow("/fw.xml");
    await poll("/fw.xml", ...OLD);
    expect(db.$client.prepare(`select count(*) as n from incidents where occurred_on between '2026-10-19' and '2026-10-20'`).get()).toEqual({ n: 2 });
    await dispatcher.pass();
    expect(posted()).toHaveLength(0);

    const places = ["Bagan", "Kharlachi", "Teri Mangal", "Lower Kurram", "Kurram", "Bagan", "Kharlachi"];
    const kinds = ["Gunmen attacked a police post", "A roadside bomb exploded near a market", "Militants attacked a convoy", "Gunmen attacked a school", "A bomb exploded near a mosque", "Troops clashed with militants", "Shells landed near houses"];
    places.forEach((p, k) => {
      const day = k % 2 === 0 ? "Thursday" : "Wednesday";
      const r = ingestBytes(db, `burst-${k}.md`, article(`burst-${k}`, `Outlet ${k}`, "2026-11-19", `${kinds[k]} in ${p} on ${day}, officials said.`), { now: clock });
      expect(r.ok).toBe(true);
    });
    const pass = await dispatcher.pass();
    expect(pass.bursts).toBe(1);
    expect(posted()).toHaveLength(1);
    expect(embed(0).title).toMatch(/^\d+ new incidents about Kurram at once$/);
    expect(Number(/^(\d+)/.exec(embed(0).title ?? "")?.[1])).toBeGreaterThan(5);
    // Summarised incidents never alert one by one afterwards, even when a report joins them.
    await dispatcher.pass();
    expect(posted()).toHaveLength(1);
    everyPostIsSafe();
  });

  it("quiet hours hold alerts and summarise them when they end", async () => {
    clock = new Date("2026-11-19T16:00:00Z"); // 21:00 in Karachi
    await command("watch", "add", [str("subject", "Kurram"), str("quiet_hours", "22:00-07:00"), str("timezone", "Asia/Karachi")]);
    clock = new Date("2026-11-19T18:30:00Z"); // 23:30 in Karachi: quiet
    ingestBytes(db, "q-1.md", article("q-1", "Frontier Wire", "2026-11-19", "Gunmen attacked a police checkpost in Bagan on Thursday, killing four policemen, officials said."), { now: clock });
    ingestBytes(db, "q-2.md", article("q-2", "Khyber Ledger", "2026-11-19", "A roadside bomb exploded near a school van in Teri Mangal on Thursday, wounding three children, officials said."), { now: clock });
    expect(await dispatcher.pass()).toMatchObject({ held: 2, sent: 0 });
    clock = new Date("2026-11-20T01:00:00Z"); // 06:00: still quiet
    expect((await dispatcher.pass()).sent).toBe(0);
    expect(posted()).toHaveLength(0);
    clock = new Date("2026-11-20T02:01:00Z"); // 07:01: over
    expect(await dispatcher.pass()).toMatchObject({ released: 2, sent: 1 });
    expect(posted()).toHaveLength(1);
    expect(embed(0).title).toBe("While quiet (22:00-07:00 Asia/Karachi): 2 new incidents about Kurram");
    expect(embed(0).description).toContain("Attack · Bagan");
    expect(embed(0).description).toContain("Bombing · Teri Mangal");
    everyPostIsSafe();
  });

  it("a restart between recording and sending posts once, also after Discord's nonce window", async () => {
    await command("watch", "add", [str("subject", "Kurram")]);
    ingestBytes(db, "r-1.md", article("r-1", "Frontier Wire", "2026-11-19", "Gunmen attacked a police checkpost in Bagan on Thursday, killing four policemen, officials said."), { now: clock });
    // Recorded, then the process dies before the send.
    expect(recordWatchAlerts(db, clock).alerts).toBe(1);
    const row = db.$client.prepare<[], { payload: string; nonce: string }>(`select payload, nonce from watch_alerts where status = 'pending'`).get();
    // ... or dies after the send but before marking it sent: the message is in the channel, the ledger says pending.
    await restPoster(bot.client.rest).post(ALERTS, { ...(JSON.parse(row?.payload ?? "{}") as { allowed_mentions: { parse: [] } }), nonce: row?.nonce ?? "", enforce_nonce: true });
    expect(posted()).toHaveLength(1);
    // Back long after Discord forgot the nonce: the dispatcher looks in the channel, finds its post and does not repeat it.
    advance(30);
    bot.fake.expireNonces();
    const after = await dispatcher.pass();
    expect(after).toMatchObject({ found: 1, sent: 0 });
    expect(posted()).toHaveLength(1);
    expect(db.$client.prepare(`select status, resend_check as check_ from watch_alerts`).all()).toEqual([{ status: "sent", check_: "found" }]);

    // Recorded and not sent at all: the next process sends it once.
    ingestBytes(db, "r-2.md", article("r-2", "Khyber Ledger", "2026-11-19", "A roadside bomb exploded near a school van in Teri Mangal on Thursday, wounding three children, officials said."), { now: clock });
    recordWatchAlerts(db, clock);
    const restarted = startWatchDispatcher({ db, poster: restPoster(bot.client.rest), logger: silentLogger, now: () => clock, intervalMs: 3_600_000 });
    expect((await restarted.pass()).sent).toBe(1);
    expect((await restarted.pass()).sent).toBe(0);
    await restarted.stop();
    expect(posted()).toHaveLength(2);
  });

  it("a channel that answers 403 pauses the watch, and /watch list and /status say why", async () => {
    await command("watch", "add", [str("subject", "Kurram")]);
    bot.fake.failChannel(ALERTS, { status: 403, code: 50013 });
    ingestBytes(db, "p-1.md", article("p-1", "Frontier Wire", "2026-11-19", "Gunmen attacked a police checkpost in Bagan on Thursday, killing four policemen, officials said."), { now: clock });
    expect((await dispatcher.pass()).paused).toBe(1);
    const list = await command("watch", "list");
    expect(list.embeds[0]?.description).toContain("**paused** (Missing Permissions \\(50013\\))");
    const status = await bot.fake.sendCommand({ name: "status", guildId: GUILD, channelId: ALERTS, userId: EDITOR });
    expect(status.embeds[0]?.fields?.find((f) => f.name === "Paused watches")?.value).toContain("Missing Permissions \\(50013\\)");
    // Paused: a later incident waits for /watch resume.
    bot.fake.clearFailures();
    await dispatcher.pass();
    expect(posted()).toHaveLength(0);
  });

  it("an editor's dismissal in /review incident withdraws the alert by editing it", async () => {
    await command("watch", "add", [str("subject", "Kurram")]);
    ingestBytes(db, "d-1.md", article("d-1", "Frontier Wire", "2026-11-19", "Gunmen attacked a police checkpost in Bagan on Thursday, killing four policemen, officials said."), { now: clock });
    await dispatcher.pass();
    expect(posted()).toHaveLength(1);
    const incident = db.$client.prepare<[], number>(`select incident_id from watch_alerts`).pluck().get() ?? 0;
    const review = await bot.fake.sendCommand({
      name: "review",
      options: [{ name: "incident", type: T.Subcommand, options: [{ name: "incident", type: T.Integer, value: incident }, str("action", "dismiss")] }],
      guildId: GUILD,
      channelId: ALERTS,
      userId: EDITOR,
    });
    expect(review.content).toContain(`Dismissed #${incident}`);
    expect(await dispatcher.pass()).toMatchObject({ withdrawn: 1, edited: 1 });
    expect(posted()).toHaveLength(1);
    expect(embed(0).title).toBe("Withdrawn — 19 Nov 2026 · Attack · Bagan, Lower Kurram");
    expect(embed(0).description).toContain("an editor dismissed this incident");
    everyPostIsSafe();
  });

  it("an editor's merge withdraws the merged incident's alert, pointing at the one it joined, and edits that one", async () => {
    await command("watch", "add", [str("subject", "Kurram")]);
    ingestBytes(db, "m-1.md", article("m-1", "Frontier Wire", "2026-11-19", "Gunmen attacked a police checkpost in Bagan on Thursday, killing four policemen, officials said."), { now: clock });
    ingestBytes(db, "m-2.md", article("m-2", "Khyber Ledger", "2026-11-19", "A roadside bomb exploded near a school van in Teri Mangal on Thursday, wounding three children, officials said."), { now: clock });
    await dispatcher.pass();
    expect(posted()).toHaveLength(2);
    const [from, into] = db.$client.prepare<[], number>(`select incident_id from watch_alerts order by id`).pluck().all();
    const review = await bot.fake.sendCommand({
      name: "review",
      options: [{ name: "incident", type: T.Subcommand, options: [{ name: "incident", type: T.Integer, value: from ?? 0 }, str("action", "merge"), str("into", String(into))] }],
      guildId: GUILD,
      channelId: ALERTS,
      userId: EDITOR,
    });
    expect(review.content).toContain(`Merged #${from}`);
    expect(await dispatcher.pass()).toMatchObject({ withdrawn: 1, edits: 1, edited: 2, sent: 0 });
    expect(posted()).toHaveLength(2);
    expect(embed(0).title).toBe("Withdrawn — 19 Nov 2026 · Attack · Bagan, Lower Kurram");
    expect(embed(0).description).toContain(`merged this incident into another one — https://discord.com/channels/${GUILD}/${ALERTS}/${posted()[1]?.id}`);
    expect(embed(1).footer?.text).toMatch(/^2 reports · 2 outlets/);
    everyPostIsSafe();
  });

  it("an article ingested again (edited) keeps its incident's one alert, edited, not a second", async () => {
    await command("watch", "add", [str("subject", "Kurram")]);
    const text = "Gunmen attacked a police checkpost in Bagan on Thursday, killing four policemen, officials said.";
    ingestBytes(db, "e-1.md", article("e-1", "Frontier Wire", "2026-11-19", text), { now: clock });
    await dispatcher.pass();
    expect(posted()).toHaveLength(1);
    const before = db.$client.prepare<[], number>(`select incident_id from watch_alerts`).pluck().get();
    // The outlet updates its story: same address, a paragraph more. Its report is written again, its incident anew.
    ingestBytes(db, "e-1.md", article("e-1", "Frontier Wire", "2026-11-19", `${text}\n\nResidents said shops in the bazaar stayed open through the afternoon.`), { now: clock });
    const after = db.$client.prepare<[], number>(`select max(id) from incidents`).pluck().get();
    expect(after).not.toBe(before);
    const pass = await dispatcher.pass();
    expect(pass).toMatchObject({ sent: 0, alerts: 0 });
    expect(posted()).toHaveLength(1);
    expect(db.$client.prepare(`select incident_id as incidentId, status from watch_alerts`).all()).toEqual([{ incidentId: after, status: "sent" }]);
  });
});
