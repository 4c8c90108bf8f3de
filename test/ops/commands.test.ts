import { beforeEach, describe, expect, it } from "vitest";
import type { CommandContext, Deps } from "../../src/commands/types.ts";
import { commandModules } from "../../src/commands/registry.ts";
import type { Db } from "../../src/db/client.ts";
import * as t from "../../src/db/schema.ts";
import { getDelivery, insertPendingDelivery, markDeliveryFailed, markDeliverySent } from "../../src/digest/ledger.ts";
import { silentLogger } from "../../src/logger.ts";
import { offlineRuntime } from "../../src/ops/runtime.ts";
import { Router } from "../../src/router.ts";
import { pauseSubscription, upsertSubscription } from "../../src/store/subscriptions.ts";
import { timezoneFor } from "../../src/store/timezones.ts";
import { seededStore } from "../helpers/store.ts";

const GUILD = "1300000000000000001";
const NOW = new Date("2026-01-11T06:00:00Z"); // 11:00 in Karachi
const ROLE = "1300000000000000050";
const editor: CommandContext = { guildId: GUILD, channelId: "1300000000000000002", userId: "1300000000000000003", permissions: 32n, roleIds: [] };
const member: CommandContext = { ...editor, userId: "1300000000000000004", permissions: 0n, roleIds: [] };

let db: Db;
let deps: Deps;
let router: Router;

beforeEach(() => {
  db = seededStore();
  deps = { db, logger: silentLogger, now: () => NOW, defaultTimezone: "UTC", runtime: offlineRuntime("console", new Date("2026-01-11T03:00:00Z")) };
  router = new Router(deps, commandModules());
});

const ask = async (name: string, options: Record<string, string | boolean>, ctx: CommandContext) => (await router.handleCommand({ name, options, ctx })).reply;
const text = (r: Awaited<ReturnType<typeof ask>>): string => JSON.stringify(r);

describe("/settings", () => {
  it("is for Manage Server; stores the guild's time zone, editor role and quiet mode", async () => {
    expect((await ask("settings", { timezone: "Asia/Karachi" }, member)).content).toMatch(/for editors/);
    const saved = await ask("settings", { timezone: "asia/karachi", editor_role: ROLE, quiet_notes: true }, editor);
    expect(saved.embeds?.[0]?.title).toBe("Settings saved");
    expect(text(saved)).toContain("Asia/Karachi");
    expect(text(saved)).toContain(`<@&${ROLE}>`);
    expect(text(saved)).toContain("quiet");
    expect(db.select().from(t.guildSettings).all()).toMatchObject([{ guildId: GUILD, timezone: "Asia/Karachi", editorRoleId: ROLE, quietNotes: true, updatedBy: editor.userId }]);

    // Leaving an option out keeps it; "default" clears the zone.
    await ask("settings", { timezone: "default" }, editor);
    expect(db.select().from(t.guildSettings).get()).toMatchObject({ timezone: null, editorRoleId: ROLE, quietNotes: true });
    expect((await ask("settings", { timezone: "Karachi/Nowhere" }, editor)).content).toMatch(/not an IANA time zone/);
    expect((await ask("settings", { editor_role: GUILD }, editor)).content).toMatch(/@everyone/);
  });

  it("lets the editor role use editor commands, but not decide who the editors are", async () => {
    await ask("settings", { editor_role: ROLE }, editor);
    const withRole = { ...member, roleIds: [ROLE] };
    expect((await ask("digest", { subcommand: "list" }, member)).content).toMatch(/for editors/);
    expect((await ask("digest", { subcommand: "list" }, withRole)).content).toMatch(/No digests in this server yet/);
    expect((await ask("status", {}, withRole)).embeds?.[0]?.title).toBe("borderdesk status");
    expect((await ask("settings", { quiet_notes: true }, withRole)).content).toMatch(/Manage Server/);
    // Another guild's role setting does not carry over.
    expect((await ask("status", {}, { ...withRole, guildId: "1300000000000000099" })).content).toMatch(/for editors/);
  });

  it("gives channels without a digest the guild's time zone before DEFAULT_TIMEZONE", async () => {
    expect(timezoneFor(deps, editor)).toBe("UTC");
    await ask("settings", { timezone: "Asia/Kabul" }, editor);
    expect(timezoneFor(deps, editor)).toBe("Asia/Kabul");
    upsertSubscription(db, { guildId: GUILD, channelId: editor.channelId ?? "", localTime: "08:00", timezone: "Asia/Karachi", kinds: ["quote"], aboutEntityId: null, createdBy: "1" }, NOW);
    expect(timezoneFor(deps, editor)).toBe("Asia/Karachi");
    expect(timezoneFor(deps, { ...editor, guildId: "1300000000000000099", channelId: null })).toBe("UTC");
  });
});

describe("/status", () => {
  it("shows uptime, the store, today's deliveries with reasons, next posts, paused digests and failing feeds", async () => {
    const sub = (channelId: string, localTime: string) =>
      upsertSubscription(db, { guildId: GUILD, channelId, localTime, timezone: "Asia/Karachi", kinds: ["incidents"], aboutEntityId: null, createdBy: "1" }, new Date("2026-01-01T00:00:00Z")).subscription;
    const sent = sub("1300000000000000011", "08:00");
    const failed = sub("1300000000000000012", "09:00");
    const pending = sub("1300000000000000013", "10:00");
    sub("1300000000000000014", "18:00");
    const paused = sub("1300000000000000015", "07:00");
    const row = (s: t.DigestSubscription) => insertPendingDelivery(db, { subscriptionId: s.id, localDate: "2026-01-11", kind: "digest", payload: "{}", dueAt: NOW }, NOW);
    markDeliverySent(db, row(sent).id, "999", 1, new Date("2026-01-11T03:00:05Z"));
    markDeliveryFailed(db, row(failed).id, "Discord 400 50035: Invalid Form Body", 1);
    row(pending);
    pauseSubscription(db, paused.id, "Missing Permissions (50013)", NOW);
    db.insert(t.feeds)
      .values({ guildId: GUILD, url: "https://example.org/feed.xml", title: "Example wire", status: "failing", consecutiveFailures: 4, lastError: "HTTP 503", nextPollAt: NOW.toISOString(), createdBy: "1", createdAt: NOW.toISOString() })
      .run();
    expect(getDelivery(db, sent.id, "2026-01-11")?.status).toBe("sent");

    const reply = await ask("status", {}, editor);
    expect(reply.ephemeral).toBe(true);
    const fields = Object.fromEntries((reply.embeds?.[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields["Bot"]).toMatch(/Up 3 h 0 min/);
    expect(fields["Store"]).toMatch(/\d+ articles · \d+ paragraphs · \d+ entities/);
    expect(fields["Today's digests"]).toContain("✅ <#1300000000000000011> 08:00 Asia/Karachi: sent");
    expect(fields["Today's digests"]).toContain("❌ <#1300000000000000012> 09:00 Asia/Karachi: failed — Discord 400 50035: Invalid Form Body");
    expect(fields["Today's digests"]).toContain("⏳ <#1300000000000000013> 10:00 Asia/Karachi: pending");
    expect(fields["Today's digests"]).toMatch(/🕗 <#1300000000000000014> 18:00 Asia\/Karachi: due <t:\d+:R>/);
    expect(fields["Today's digests"]).toContain("⏸️ <#1300000000000000015>");
    // 18:00 Karachi today comes first, then tomorrow's 08:00, 09:00, 10:00; the paused one is not listed.
    expect(fields["Next posts"]?.split("\n")[0]).toContain(`<t:${Date.parse("2026-01-11T13:00:00Z") / 1000}:f>`);
    expect(fields["Next posts"]?.split("\n")).toHaveLength(4);
    expect(fields["Paused digests"]).toMatch(/<#1300000000000000015>: Missing Permissions \\?\(50013\\?\)/); // markdown-escaped
    expect(fields["Failing feeds"]).toContain("Example wire: 4 failure(s) in a row — HTTP 503");
  });

  it("is for editors, in a server", async () => {
    expect((await ask("status", {}, member)).content).toMatch(/for editors/);
    expect((await ask("status", {}, { ...editor, guildId: null })).content).toMatch(/server channel/);
  });
});

describe("/search with no matching text", () => {
  it("points at the timeline and profile of a known place the articles never mention", async () => {
    const torkham = db.select().from(t.entities).all().find((e) => e.name === "Torkham");
    if (!torkham) throw new Error("the gazetteer has Torkham");
    const events = db.$client.prepare("select count(*) from incidents where place_id = ?").pluck().get(torkham.id) as number;
    expect(events).toBeGreaterThan(0);
    const reply = await ask("search", { query: "Torkham" }, member);
    expect(reply.content).toMatch(/^No article or quote in the store contains “Torkham”\. The store has \d+ dated incidents? involving Torkham: \/timeline subject:Torkham\. For the profile: \/who name:Torkham\.$/);
    expect(Number(/The store has (\d+)/.exec(reply.content ?? "")?.[1])).toBeGreaterThanOrEqual(events);
    expect(reply.ephemeral).toBe(true);
  });

  it("says plainly when the words name nothing either", async () => {
    const reply = await ask("search", { query: "zqxwv lorries" }, member);
    expect(reply.content).toBe("Nothing in the store matches “zqxwv lorries”. Try fewer or different words, or /who for a name.");
  });
});

describe("/search", () => {
  it("shows each article once, with its best passage and how many more match", async () => {
    const matching = db.$client.prepare("select count(*) from paragraphs_fts where paragraphs_fts match '\"durand\" \"line\"'").pluck().get() as number;
    expect(matching).toBeGreaterThan(1);
    const reply = await ask("search", { query: "Durand Line" }, member);
    const fields = reply.embeds?.[0]?.fields ?? [];
    const seed = fields.filter((f) => f.name.includes("Pak-Afghan Tensions and the TTP"));
    expect(seed).toHaveLength(1);
    const more = Number(/…and (\d+) more passages? in this article/.exec(seed[0]?.value ?? "")?.[1] ?? 0);
    // Its other matching paragraphs (and any matching quotes) are counted, not listed.
    expect(more).toBeGreaterThanOrEqual(matching - 1);
    expect(reply.embeds?.[0]?.footer).toMatch(/^\d+ articles? · best passage first/);
  });

  it("counts the paragraph that holds the quote it shows as the same passage, not one more", async () => {
    const fields = (await ask("search", { query: "disorder is a grave" }, member)).embeds?.[0]?.fields ?? [];
    expect(fields).toHaveLength(1);
    expect(fields[0]?.name).toMatch(/^Quote by Asim Munir · /);
    expect(fields[0]?.value).not.toContain("more passage");
  });

  it("names who said a quote it finds", async () => {
    const quote = db.$client.prepare("select q.text, e.name from quotes q join entities e on e.id = q.speaker_id where q.is_fragment = 0 order by q.id limit 1").get() as { text: string; name: string };
    const words = quote.text.split(/\s+/).slice(0, 6).join(" ");
    const fields = (await ask("search", { query: words }, member)).embeds?.[0]?.fields ?? [];
    expect(fields.some((f) => f.name.startsWith(`Quote by ${quote.name} · `))).toBe(true);
  });
});
