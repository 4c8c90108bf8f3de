import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "../../src/db/client.ts";
import { isPublicAddress, type Resolver } from "../../src/intake/address.ts";
import { fetchDocument, FetchError } from "../../src/intake/fetch.ts";
import { startFeedPoller } from "../../src/feeds/poller.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import { routerFor, seededStore } from "../helpers/store.ts";
import { startLocalServer, type LocalServer } from "../helpers/http.ts";

const PRIVATE = "That address is on a private network; borderdesk only fetches public pages.";
const EDITOR: CommandContext = { guildId: "1100000000000000001", channelId: "1100000000000000002", userId: "1100000000000000077", permissions: 32n };

/** A resolver that answers from a table and never asks DNS, so no test can reach a real host. */
function stubResolver(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = (host: string): Promise<{ address: string; family: 4 | 6 }[]> => {
    asked.push(host);
    const found = table[host];
    if (!found) return Promise.reject(Object.assign(new Error(`no such host ${host}`), { code: "ENOTFOUND" }));
    return Promise.resolve(found.map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) })));
  };
  return Object.assign(resolve, { asked });
}

async function refusal(url: string, opts: Parameters<typeof fetchDocument>[1] = {}): Promise<string> {
  try {
    await fetchDocument(url, { timeoutMs: 2000, ...opts });
  } catch (err) {
    if (err instanceof FetchError) return err.message;
    throw err;
  }
  return "fetched";
}

let web: LocalServer;
const ARTICLE = `<html lang="en"><head><title>Torkham reopens</title><meta property="article:published_time" content="2025-02-06"></head><body><article><h1>Torkham reopens</h1>
<p>Officials in Landi Kotal said on Monday that the Torkham crossing had reopened after talks, as traders waited at the gate and transporters counted their losses.</p>
<p>Residents said the closure had disrupted schools and markets across the district, and elders called on both governments to keep the road open.</p></article></body></html>`;
const FEED = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Local Wire</title><item><title>One</title><guid>1</guid><description>Short.</description></item></channel></rss>`;

beforeAll(async () => {
  web = await startLocalServer();
  web.route("/article.html", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(ARTICLE);
  });
  web.route("/feed.xml", (_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    res.end(FEED);
  });
  web.route("/to-metadata", (_req, res) => {
    res.writeHead(302, { location: "http://metadata.example/latest/meta-data/" });
    res.end();
  });
  web.route("/to-v6-loopback", (_req, res) => {
    res.writeHead(301, { location: `http://[::1]:${new URL(web.url).port}/article.html` });
    res.end();
  });
  web.route("/to-literal", (_req, res) => {
    res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" });
    res.end();
  });
  web.route("/to-article", (_req, res) => {
    res.writeHead(302, { location: "/article.html" });
    res.end();
  });
  web.route("/loop", (_req, res) => {
    res.writeHead(302, { location: "/loop" });
    res.end();
  });
  web.route("/to-file", (_req, res) => {
    res.writeHead(302, { location: "file:///etc/passwd" });
    res.end();
  });
});

afterAll(async () => {
  await web.close();
});

describe("outgoing fetches reach only public addresses", () => {
  it("classifies every non-public range as not public, and ordinary public addresses as public", () => {
    const refused = [
      "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.1.1",
      "100.64.0.1", "100.127.255.254", "169.254.169.254", "169.254.0.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
      "192.0.2.10", "198.18.0.1", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "ff02::1", "::ffff:127.0.0.1",
      "::ffff:7f00:1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1", "2001:db8::1",
    ];
    for (const ip of refused) expect([ip, isPublicAddress(ip)]).toEqual([ip, false]);
    const allowed = ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8"];
    for (const ip of allowed) expect([ip, isPublicAddress(ip)]).toEqual([ip, true]);
    expect(isPublicAddress("localhost")).toBe(false);
  });

  it("refuses address literals of each range before connecting", async () => {
    for (const host of ["127.0.0.1", "[::1]", "10.1.2.3", "172.16.0.5", "172.31.9.9", "192.168.0.10", "100.64.1.1", "169.254.169.254", "0.0.0.0", "[fd00::1]", "[fe80::1]", "[::ffff:127.0.0.1]", "[::ffff:a9fe:a9fe]", "224.0.0.251"]) {
      expect([host, await refusal(`http://${host}/latest/meta-data/`)]).toEqual([host, PRIVATE]);
    }
    // Forms a URL parser normalises: decimal, octal-ish and short IPv4 all become 127.0.0.1.
    for (const url of ["http://2130706433/", "http://0x7f.1/", "http://127.1/"]) expect(await refusal(url)).toBe(PRIVATE);
  });

  it("refuses a name that resolves to a private address, even one among public ones, and says when a name does not resolve", async () => {
    const resolve = stubResolver({ "intranet.example": ["10.0.0.7"], "mixed.example": ["93.184.216.34", "192.168.4.4"], "v6.example": ["fd00::5"], "meta.example": ["169.254.169.254"] });
    for (const host of ["intranet.example", "mixed.example", "v6.example", "meta.example"]) {
      expect([host, await refusal(`https://${host}/news`, { guard: { allowPrivate: false, resolve } })]).toEqual([host, PRIVATE]);
    }
    expect(await refusal("https://nowhere.example/", { guard: { allowPrivate: false, resolve } })).toBe("Could not reach nowhere.example: no such host.");
    expect(resolve.asked).toEqual(["intranet.example", "mixed.example", "v6.example", "meta.example", "nowhere.example"]);
  });

  it("checks every redirect again: a public-looking start that redirects inward is refused", async () => {
    const resolve = stubResolver({ "metadata.example": ["169.254.169.254"] });
    // Only the test server's own address is allowed, as a newsroom would list its own feed server.
    const guard = { allowPrivate: ["127.0.0.1"], resolve };
    expect(await refusal(`${web.url}/to-metadata`, { guard })).toBe(PRIVATE);
    expect(resolve.asked).toEqual(["metadata.example"]);
    expect(await refusal(`${web.url}/to-literal`, { guard })).toBe(PRIVATE);
    expect(await refusal(`${web.url}/to-v6-loopback`, { guard })).toBe(PRIVATE);
    expect(await refusal(`${web.url}/to-file`, { guard })).toBe("That link redirects to something that is not an http or https page.");
    expect(await refusal(`${web.url}/loop`, { guard })).toBe("That link redirects more than 5 times; give the final address instead.");
    const doc = await fetchDocument(`${web.url}/to-article`, { guard, timeoutMs: 2000 });
    expect(doc.url).toBe(`${web.url}/article.html`);
    expect(doc.bytes.toString()).toContain("Torkham reopens");
  });

  it("/ingest url: refuses a loopback server, then takes the article when the setting allows private hosts", async () => {
    const db = seededStore();
    try {
      const refused = await routerFor(db).handleCommand({ name: "ingest", options: { url: `${web.url}/article.html` }, ctx: EDITOR });
      expect(refused.reply.content).toBe(PRIVATE);
      expect(db.$client.prepare("select count(*) n from articles where title = 'Torkham reopens'").get()).toEqual({ n: 0 });
      const allowed = await routerFor(db, undefined, { fetchGuard: { allowPrivate: true } }).handleCommand({ name: "ingest", options: { url: `${web.url}/article.html` }, ctx: EDITOR });
      expect(allowed.reply.embeds?.[0]?.title).toBe("Torkham reopens");
      expect(db.$client.prepare("select count(*) n from articles where title = 'Torkham reopens'").get()).toEqual({ n: 1 });
    } finally {
      closeDb(db);
    }
  });

  it("/feeds add refuses a loopback feed, then follows it when the setting allows; a poll without the setting refuses it too", async () => {
    const db = seededStore();
    try {
      const refused = await routerFor(db).handleCommand({ name: "feeds", options: { subcommand: "add", url: `${web.url}/feed.xml` }, ctx: EDITOR });
      expect(refused.reply.content).toBe(PRIVATE);
      expect(db.$client.prepare("select count(*) n from feeds").get()).toEqual({ n: 0 });
      const resolve = stubResolver({ "feeds.intranet.example": ["10.20.30.40"] });
      const byName = await routerFor(db, undefined, { fetchGuard: { allowPrivate: false, resolve } }).handleCommand({ name: "feeds", options: { subcommand: "add", url: "https://feeds.intranet.example/rss" }, ctx: EDITOR });
      expect(byName.reply.content).toBe(PRIVATE);
      const allowed = await routerFor(db, undefined, { fetchGuard: { allowPrivate: true } }).handleCommand({ name: "feeds", options: { subcommand: "add", url: `${web.url}/feed.xml` }, ctx: EDITOR });
      expect(allowed.reply.content).toMatch(/^Following feed #\d+/);

      const now = new Date("2026-01-11T06:00:00Z");
      const strict = startFeedPoller({ db, logger: silentLogger, now: () => now, tickMs: 3_600_000, timeoutMs: 2000 });
      const [polled] = await strict.pollOnce();
      strict.stop();
      expect(polled).toMatchObject({ status: "failed", error: PRIVATE });
      db.$client.prepare("update feeds set next_poll_at = ?").run(now.toISOString());
      const open = startFeedPoller({ db, logger: silentLogger, now: () => now, tickMs: 3_600_000, timeoutMs: 2000, guard: { allowPrivate: true } });
      const [ok] = await open.pollOnce();
      open.stop();
      expect(ok).toMatchObject({ status: "ok" });
    } finally {
      closeDb(db);
    }
  });

  it("FETCH_ALLOW_PRIVATE is off unless set, and takes true or a list of hosts", () => {
    expect(loadConfig({}).fetchAllowPrivate).toBe(false);
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: "true" }).fetchAllowPrivate).toBe(true);
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: "false" }).fetchAllowPrivate).toBe(false);
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: "Feeds.Newsroom.internal, 10.1.2.3" }).fetchAllowPrivate).toEqual(["feeds.newsroom.internal", "10.1.2.3"]);
    expect(() => loadConfig({ FETCH_ALLOW_PRIVATE: "yes please!" })).toThrow(/FETCH_ALLOW_PRIVATE/);
  });
});
