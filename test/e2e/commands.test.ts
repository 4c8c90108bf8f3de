import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { FakeDiscord, InteractionRecord } from "../fakes/discord/index.ts";
import { startBot, type TestBot } from "../helpers/bot.ts";
import { closeDb, type Db } from "../../src/db/client.ts";
import { ingestBytes } from "../../src/ingest/index.ts";
import { parseArticle } from "../../src/ingest/parse.ts";
import { previewExtraction } from "../../src/ingest/preview.ts";
import { loadAliasIndex } from "../../src/store/alias-index.ts";
import { routerFor, seededStore } from "../helpers/store.ts";
import { LIMITS } from "../../src/render/limits.ts";

const GUILD = "1100000000000000001";
const CHANNEL = "1100000000000000002";
const S = ApplicationCommandOptionType.String;

let bot: TestBot;
let fake: FakeDiscord;
let db: Db;

const HOSTILE = `---
title: Hostile quotes test
published: 2025-02-01
---
By Test Desk

Khawaja Asif said, “@everyone must read this <@123456789012345678> **now** and see https://example.org.”

Zabihullah Mujahid said, “${"Long statement about the border. ".repeat(620).trim()}”
`;

beforeAll(async () => {
  db = seededStore();
  const report = ingestBytes(db, "hostile.md", Buffer.from(HOSTILE), {});
  expect(report.ok).toBe(true);
  bot = await startBot(routerFor(db), { id: GUILD, channelId: CHANNEL });
  fake = bot.fake;
});

afterAll(async () => {
  await bot.stop();
  closeDb(db);
});

function command(name: string, options: { name: string; value: string }[] = []): Promise<InteractionRecord> {
  return fake.sendCommand({ name, options: options.map((o) => ({ ...o, type: S })), guildId: GUILD, channelId: CHANNEL });
}

function allText(r: InteractionRecord): string {
  return JSON.stringify(r.message ?? r.data ?? {});
}

/** Every payload the bot sent: within limits (the fake rejects otherwise) and pinging no one. */
function expectSafe(r: InteractionRecord): void {
  expect(r.rejectedCallbacks).toEqual([]);
  const data = r.data as { allowed_mentions?: unknown } | undefined;
  expect(data?.allowed_mentions).toEqual({ parse: [] });
}

describe("slash commands through the real discord.js client", () => {
  it("/who name:Fitna al-Khawarij finds the TTP and labels the designation", async () => {
    const r = await command("who", [{ name: "name", value: "Fitna al-Khawarij" }]);
    expectSafe(r);
    expect(r.embeds[0]?.title).toBe("Tehreek-e-Taliban Pakistan");
    const aliases = r.embeds[0]?.fields?.find((f) => f.name === "Also known as")?.value ?? "";
    expect(aliases).toMatch(/Fitna al\\?-Khawarij — Pakistani state designation/);
    expect(r.ephemeral).toBe(false);
  });

  it("autocompletes entity names from aliases and misspellings, at most 25 choices of ≤ 100 characters", async () => {
    const byAlias = await fake.sendAutocomplete({ name: "who", options: [{ name: "name", type: S, value: "Fitna" }], focused: "name", guildId: GUILD, channelId: CHANNEL });
    expect(byAlias.choices?.[0]?.name).toMatch(/^Tehreek-e-Taliban Pakistan/);
    const typo = await fake.sendAutocomplete({ name: "quote", options: [{ name: "speaker", type: S, value: "Zabiulah Mujahed" }], focused: "speaker", guildId: GUILD, channelId: CHANNEL });
    expect(typo.choices?.map((c) => c.name)).toContainEqual(expect.stringMatching(/^Zabihullah Mujahid/));
    const broad = await fake.sendAutocomplete({ name: "timeline", options: [{ name: "subject", type: S, value: "a" }], focused: "subject", guildId: GUILD, channelId: CHANNEL });
    expect(broad.choices?.length).toBeLessThanOrEqual(LIMITS.choices);
    for (const c of broad.choices ?? []) expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
  });

  it("/quote speaker:Asim Munir returns his full statements first, sourced to the seed article", async () => {
    const ac = await fake.sendAutocomplete({ name: "quote", options: [{ name: "speaker", type: S, value: "Asim Mun" }], focused: "speaker", guildId: GUILD, channelId: CHANNEL });
    const id = ac.choices?.find((c) => c.name.startsWith("Asim Munir"))?.value;
    expect(id).toBeDefined();
    const r = await command("quote", [{ name: "speaker", value: String(id) }]);
    expectSafe(r);
    const text = r.embeds[0]?.description ?? "";
    expect(text).toContain("The existence of the state ensures the existence of politics");
    expect(text).toContain("Pak\\-Afghan Tensions and the TTP".replace("\\-", "-"));
    expect(text.indexOf("(fragment)") === -1 || text.indexOf("(fragment)") > text.indexOf("Our only policy is Pakistan")).toBe(true);
  });

  it("/onthisday date:01-11 shows the 2025 Kunar accusation with who made it", async () => {
    const r = await command("onthisday", [{ name: "date", value: "01-11" }]);
    expectSafe(r);
    const d = r.embeds[0]?.description ?? "";
    // One incident, reported by the seed article and the curated timeline: listed once, with both sources.
    expect(d.match(/11 Jan 2025 · Accusation · Sarkano, Kunar/g)).toHaveLength(1);
    expect(d).toContain("Zabihullah Mujahid");
    expect(d).toContain("Pak-Afghan Tensions and the TTP");
    expect(d).toMatch(/Sources \(2 outlets\)/);
  });

  it("/search query:Wakhan finds the Foreign Office paragraph", async () => {
    const r = await command("search", [{ name: "query", value: "Wakhan" }]);
    expectSafe(r);
    expect(allText(r)).toContain("FO spokesperson also dismissed reports");
  });

  it("/timeline pages with buttons, and the Next button shows the next page", async () => {
    const r = await command("timeline", [{ name: "subject", value: "TTP" }]);
    expectSafe(r);
    const rows = (r.message?.components ?? []) as { components: { custom_id?: string; label?: string }[] }[];
    const next = rows.flatMap((row) => row.components).find((b) => b.label === "Next ▶");
    expect(next?.custom_id).toMatch(/^pg:timeline:1:/);
    expect(r.embeds[0]?.footer?.text).toMatch(/page 1 of \d+/);
    const firstPage = r.embeds[0]?.description;
    const page2 = await fake.sendButton({ customId: next?.custom_id ?? "", messageId: r.message?.id ?? "", guildId: GUILD, channelId: CHANNEL });
    expect(page2.type).toBe(7);
    expect(page2.embeds[0]?.footer?.text).toMatch(/page 2 of \d+/);
    expect(page2.embeds[0]?.description).not.toBe(firstPage);
  });

  it("/article and /help answer", async () => {
    const a = await command("article", [{ name: "id", value: "pak-afghan-ttp-analysis" }]);
    expectSafe(a);
    expect(a.embeds[0]?.title).toBe("Pak-Afghan Tensions and the TTP");
    expect(allText(a)).toContain("Related pieces");
    const h = await command("help");
    expectSafe(h);
    expect(h.ephemeral).toBe(true);
  });

  it("/article show:extraction shows what extraction stored, as `borderdesk extract` previewed it before ingest", async () => {
    const preview = previewExtraction("hostile.md", parseArticle("hostile.md", Buffer.from(HOSTILE)), loadAliasIndex(db));
    const r = await command("article", [
      { name: "id", value: "Hostile quotes test" },
      { name: "show", value: "extraction" },
    ]);
    expectSafe(r);
    const fields = r.embeds[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual([
      `Linked names (${preview.entities.length})`,
      `New names (${preview.candidates.length})`,
      `Quotes (${preview.quotes.length})`,
      `Events (${preview.events.length})`,
    ]);
    const quotes = fields.find((f) => f.name.startsWith("Quotes"))?.value ?? "";
    // Every quote with its speaker as previewed: the same speakers, linked to the same entities.
    expect(preview.quotes.map((q) => q.speaker?.slug)).toContain("khawaja-asif");
    for (const q of preview.quotes) expect(quotes).toContain(`[${q.speaker?.slug ?? ""}]`);
    expect(quotes).toContain("¶");
    const linked = fields[0]?.value ?? "";
    for (const e of preview.entities) expect(linked).toContain(`[${e.kind}] ×${e.count}`);
  });

  it("quoted @everyone never pings and a 20,000-character quote still fits", async () => {
    const ping = await command("quote", [{ name: "about", value: "everyone must read" }]);
    expectSafe(ping);
    const d = ping.embeds[0]?.description ?? "";
    expect(d).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(d).toContain("@\u200beveryone");
    expect(d).not.toContain("<@123456789012345678>");
    const long = await command("quote", [{ name: "speaker", value: "Zabihullah Mujahid" }]);
    expectSafe(long);
    expect((long.embeds[0]?.description ?? "").length).toBeLessThanOrEqual(LIMITS.description);
  });

  it("FTS syntax, unknown names and impossible dates get polite ephemeral answers", async () => {
    const fts = await command("search", [{ name: "query", value: '"AND OR (' }]);
    expectSafe(fts);
    expect(fts.ephemeral).toBe(true);
    expect(fts.content).toMatch(/no words to look for/);
    const unknown = await command("who", [{ name: "name", value: "Zabiulah" }]);
    expect(unknown.ephemeral).toBe(true);
    expect(unknown.content).toMatch(/Did you mean: .*Zabihullah Mujahid/);
    const bad = await command("onthisday", [{ name: "date", value: "02-30" }]);
    expect(bad.ephemeral).toBe(true);
    expect(bad.content).toMatch(/not a calendar day/);
    expect(fake.rejections).toEqual([]);
  });
});
