import "../setup/no-network.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { FakeDiscord, InteractionRecord } from "../fakes/discord/index.ts";
import { startBot, type TestBot } from "../helpers/bot.ts";
import { closeDb, type Db } from "../../src/db/client.ts";
import { silentLogger } from "../../src/logger.ts";
import { Router } from "../../src/router.ts";
import { commandModules, runnable } from "../../src/commands/registry.ts";
import { createIngestCommand } from "../../commands/ingest.ts";
import { seededStore } from "../helpers/store.ts";
import { startLocalServer, type LocalServer } from "../helpers/http.ts";

const GUILD = "1100000000000000001";
const CHANNEL = "1100000000000000002";
const S = ApplicationCommandOptionType.String;
const ROOT = path.join(import.meta.dirname, "..");
const JIRGA = readFileSync(path.join(ROOT, "review", "fixtures", "bajaur-jirga.md"));
const SAMPLE_HTML = readFileSync(path.join(ROOT, "fixtures", "articles", "sample.html"));
const ACLED = readFileSync(path.join(ROOT, "acled", "fixtures", "current.csv"));

let bot: TestBot;
let fake: FakeDiscord;
let db: Db;
let web: LocalServer;

beforeAll(async () => {
  db = seededStore();
  web = await startLocalServer();
  web.route("/files/bajaur-jirga.md", (_req, res) => {
    res.writeHead(200, { "content-type": "text/markdown; charset=utf-8" });
    res.end(JIRGA);
  });
  web.route("/news/torkham-reopens", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(SAMPLE_HTML);
  });
  web.route("/files/acled.csv", (_req, res) => {
    res.writeHead(200, { "content-type": "text/csv" });
    res.end(ACLED);
  });
  web.route("/slow", () => {
    // Never answers: the fetch must give up on its own.
  });
  web.route("/huge", (_req, res) => {
    // 20 MB, chunked (no Content-Length), so the cap must be enforced while reading.
    res.writeHead(200, { "content-type": "text/html" });
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let sent = 0;
    const push = (): void => {
      while (sent < 20) {
        sent++;
        if (!res.write(chunk)) {
          res.once("drain", push);
          return;
        }
      }
      res.end();
    };
    push();
  });
  web.route("/report.pdf", (_req, res) => {
    res.writeHead(200, { "content-type": "application/pdf" });
    res.end("%PDF-1.7\n");
  });
  const commands = commandModules();
  commands.set("ingest", runnable(createIngestCommand({ timeoutMs: 700 })));
  // The test server and the fake Discord's attachments are on loopback: only the explicit setting lets /ingest reach them.
  const router = new Router({ db, logger: silentLogger, now: () => new Date("2026-01-11T06:00:00Z"), defaultTimezone: "Asia/Karachi", fetchGuard: { allowPrivate: true } }, commands);
  bot = await startBot(router, { id: GUILD, channelId: CHANNEL });
  fake = bot.fake;
});

afterAll(async () => {
  await bot.stop();
  await web.close();
  closeDb(db);
});

function ingestUrl(url: string, permissions?: string): Promise<InteractionRecord> {
  return fake.sendCommand({ name: "ingest", options: [{ name: "url", type: S, value: url }], guildId: GUILD, channelId: CHANNEL, ...(permissions ? { permissions } : {}) });
}

function ingestAttachment(filename: string, contentType: string, size: number, url: string): Promise<InteractionRecord> {
  const id = "1100000000000000555";
  return fake.sendCommand({
    name: "ingest",
    options: [{ name: "file", type: ApplicationCommandOptionType.Attachment, value: id }],
    resolved: { attachments: { [id]: { id, filename, size, url, proxy_url: url, content_type: contentType } } },
    guildId: GUILD,
    channelId: CHANNEL,
  });
}

/** Markdown escapes taken out, to compare with what a reader sees. */
function plain(s: string | undefined): string {
  return (s ?? "").replace(/\\(.)/g, "$1");
}

function text(r: InteractionRecord): string {
  return JSON.stringify(r.message ?? {});
}

describe("/ingest through the real discord.js client", () => {
  it("ingests an attached Markdown file and shows entities, new names, quotes with confidence, events and how to review", async () => {
    const r = await ingestAttachment("bajaur-jirga.md", "text/markdown", JIRGA.length, `${web.url}/files/bajaur-jirga.md`);
    expect(r.rejectedCallbacks).toEqual([]);
    expect(r.deferred).toBe(true);
    const embed = r.embeds[0];
    expect(embed?.title).toBe("Jirga in Bajaur seeks talks after clashes");
    expect(embed?.description).toContain("Added to the store.");
    expect(embed?.description).toContain("Published 3 Feb 2025");
    const fields = Object.fromEntries((embed?.fields ?? []).map((f) => [f.name, plain(f.value)]));
    const entities = Object.entries(fields).find(([k]) => k.startsWith("Entities"))?.[1] ?? "";
    expect(entities).toContain("Bajaur (place)");
    expect(entities).toContain("🆕 Malik Sherzad Khan (person?) ×2");
    const quotes = Object.entries(fields).find(([k]) => k.startsWith("Quotes"))?.[1] ?? "";
    expect(quotes).toMatch(/We want the roads open.*“Malik Sherzad Khan” \(unresolved\), 80%/);
    expect(quotes).toMatch(/The operation will continue.*speaker unknown, 0% ⚠️ check/);
    // Two events: the clash of Monday and the jirga's journey to Peshawar "next week", a visit told as a happening of
    // its own (2c7cb12), stored as a meeting ahead of the article's day with no day of its own.
    const events = Object.entries(fields).find(([k]) => k.startsWith("Events (2)"))?.[1] ?? "";
    expect(events).toMatch(/Bajaur/);
    expect(events).toMatch(/meeting[^\n]*Peshawar|Peshawar[^\n]*meeting/i);
    expect(embed?.footer?.text).toContain("/review");
  });

  it("ingests a link to an HTML page, keeping the link so the same link later replaces it", async () => {
    const r = await ingestUrl(`${web.url}/news/torkham-reopens`);
    expect(r.rejectedCallbacks).toEqual([]);
    expect(r.embeds[0]?.title).toBe("Torkham reopens to trade after 17-day closure");
    expect(r.embeds[0]?.description).toContain("Frontier Desk Review");
    const again = await ingestUrl(`${web.url}/news/torkham-reopens`);
    expect(again.embeds[0]?.description).toContain("Already in the store");
  });

  it("imports an ACLED CSV given as a link", async () => {
    const r = await ingestUrl(`${web.url}/files/acled.csv`);
    expect(r.embeds[0]?.title).toContain("ACLED import");
    expect(r.embeds[0]?.description).toContain("6 rows — 4 new");
    expect(plain(r.embeds[0]?.description)).toContain("line 5 (PAK1003)");
  });

  it("explains a 404, a timeout, a 20 MB body and a PDF, storing nothing", async () => {
    const before = db.$client.prepare("select count(*) as n from articles").get();
    expect(text(await ingestUrl(`${web.url}/missing`))).toContain("The server answered 404");
    expect(text(await ingestUrl(`${web.url}/slow`))).toContain("did not send the document within");
    expect(text(await ingestUrl(`${web.url}/huge`))).toContain("larger than 5 MB");
    expect(text(await ingestUrl(`${web.url}/report.pdf`))).toContain("That link is application/pdf");
    expect(text(await ingestAttachment("report.pdf", "application/pdf", 1000, `${web.url}/report.pdf`))).toContain("I can't read application/pdf");
    expect(text(await ingestAttachment("big.html", "text/html", 20 * 1024 * 1024, `${web.url}/huge`))).toContain("20.0 MB");
    expect(db.$client.prepare("select count(*) as n from articles").get()).toEqual(before);
  });

  it("/review lists what the ingest left waiting, and autocompletes waiting names", async () => {
    const list = await fake.sendCommand({ name: "review", options: [{ name: "list", type: ApplicationCommandOptionType.Subcommand, options: [] }], guildId: GUILD, channelId: CHANNEL });
    expect(list.rejectedCallbacks).toEqual([]);
    expect(list.ephemeral).toBe(true);
    expect(plain(text(list))).toContain("Malik Sherzad Khan");
    const ac = await fake.sendAutocomplete({
      name: "review",
      options: [{ name: "dismiss", type: ApplicationCommandOptionType.Subcommand, options: [{ name: "candidate", type: S, value: "sherz" }] }],
      focused: "candidate",
      guildId: GUILD,
      channelId: CHANNEL,
    });
    expect(ac.choices?.map((c) => c.value)).toContain("Malik Sherzad Khan");
  });

  it("is for editors only", async () => {
    const r = await ingestUrl(`${web.url}/news/torkham-reopens`, "0");
    expect(text(r)).toContain("for editors");
  });
});
