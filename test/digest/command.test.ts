import { describe, expect, it } from "vitest";
import { digest } from "../../commands/digest.ts";
import type { CommandContext, Deps, RawOptions } from "../../src/commands/types.ts";
import { runnable } from "../../src/commands/registry.ts";
import { openDb } from "../../src/db/client.ts";
import * as t from "../../src/db/schema.ts";
import { UserError } from "../../src/errors.ts";
import { silentLogger } from "../../src/logger.ts";
import { getSubscriptionByChannel } from "../../src/store/subscriptions.ts";

const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";
const ctx: CommandContext = { guildId: GUILD, channelId: CHANNEL, userId: "300000000000000001", permissions: 32n };

function setup() {
  const db = openDb(":memory:");
  const deps: Deps = { db, logger: silentLogger, now: () => new Date("2026-01-11T05:00:00Z"), defaultTimezone: "UTC" };
  const cmd = runnable(digest);
  const run = (raw: RawOptions, c: CommandContext = ctx) => cmd.execute(deps, raw, c);
  return { db, deps, run };
}

describe("/digest", () => {
  it("is editor-only: Manage Server by default and checked again at run time", async () => {
    // Declared once (editorOnly, guildOnly); the registered JSON is derived from the flags.
    expect(runnable(digest).data).toMatchObject({ default_member_permissions: "32", contexts: [0] });
    expect(digest.editorOnly).toBe(true);
    const { run } = setup();
    await expect(run({ subcommand: "list" }, { ...ctx, permissions: 0n })).rejects.toThrow(/Manage Server/);
    await expect(run({ subcommand: "list" }, { ...ctx, guildId: null })).rejects.toBeInstanceOf(UserError);
  });

  it("subscribes with validated time and IANA zone, and explains abbreviations", async () => {
    const { db, run } = setup();
    await expect(run({ subcommand: "subscribe", channel: CHANNEL, time: "08:00", timezone: "PKT" })).rejects.toThrow(/not an IANA time zone name — did you mean Asia\/Karachi\?/);
    await expect(run({ subcommand: "subscribe", channel: CHANNEL, time: "25:00", timezone: "Asia/Karachi" })).rejects.toThrow(/24-hour time/);
    const reply = await run({ subcommand: "subscribe", channel: CHANNEL, time: "8:00", timezone: "asia/karachi", quote: false });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain("Subscribed: <#200000000000000001> · 08:00 Asia/Karachi · incidents, context");
    // 08:00 in Karachi on the 11th has passed (it is 10:00 there): the first post is tomorrow's.
    expect(reply.content).toContain(`<t:${Date.parse("2026-01-12T03:00:00Z") / 1000}:F>`);
    expect(getSubscriptionByChannel(db, CHANNEL)).toMatchObject({ localTime: "08:00", timezone: "Asia/Karachi", kinds: ["incidents", "context"], status: "active" });
  });

  it("lists, pauses, resumes, previews and shows history", async () => {
    const { db, run } = setup();
    await run({ subcommand: "subscribe", channel: CHANNEL, time: "08:00", timezone: "Asia/Kabul" });
    expect((await run({ subcommand: "list" })).embeds?.[0]?.description).toContain("08:00 Asia/Kabul");
    await run({ subcommand: "pause", channel: CHANNEL });
    expect(getSubscriptionByChannel(db, CHANNEL)?.status).toBe("paused");
    expect((await run({ subcommand: "list" })).embeds?.[0]?.description).toContain("**paused**");
    await run({ subcommand: "resume", channel: CHANNEL });
    expect(getSubscriptionByChannel(db, CHANNEL)?.status).toBe("active");

    const preview = await run({ subcommand: "preview", date: "2026-03-02" });
    expect(preview.ephemeral).toBe(true);
    expect(preview.content).toContain("Preview of the digest for <#200000000000000001> on 2026-03-02");
    expect(preview.embeds?.[0]?.title).toBe("On this date · 2 March");
    await expect(run({ subcommand: "preview", date: "02-29" })).rejects.toThrow(/no 29 February/);

    expect((await run({ subcommand: "history" })).content).toContain("No deliveries yet");
    const sub = getSubscriptionByChannel(db, CHANNEL);
    db.insert(t.digestDeliveries)
      .values({ subscriptionId: sub?.id ?? 0, localDate: "2026-01-10", kind: "digest", nonce: "n", status: "failed", payload: "{}", error: "Missing Permissions (50013)", attempts: 1, dueAt: "x", createdAt: "x" })
      .run();
    expect((await run({ subcommand: "history" })).embeds?.[0]?.description).toContain("2026-01-10 — failed: Missing Permissions (50013)");

    await run({ subcommand: "unsubscribe", channel: CHANNEL });
    expect(getSubscriptionByChannel(db, CHANNEL)).toBeUndefined();
    await expect(run({ subcommand: "unsubscribe", channel: CHANNEL })).rejects.toThrow(/has no digest/);
  });

  it("autocompletes time zones from the runtime's IANA list, at most 25", async () => {
    const { deps } = setup();
    const karachi = await runnable(digest).complete?.(deps, { name: "timezone", value: "karachi" }, {}, ctx);
    expect(karachi?.[0]).toEqual({ name: "Asia/Karachi (UTC+05:00)", value: "Asia/Karachi" });
    const pkt = await runnable(digest).complete?.(deps, { name: "timezone", value: "PKT" }, {}, ctx);
    expect(pkt?.[0]?.value).toBe("Asia/Karachi");
    const america = await runnable(digest).complete?.(deps, { name: "timezone", value: "america" }, {}, ctx);
    expect(america?.length).toBe(25);
    const kabul = await runnable(digest).complete?.(deps, { name: "timezone", value: "kab" }, {}, ctx);
    expect(kabul?.[0]).toEqual({ name: "Asia/Kabul (UTC+04:30)", value: "Asia/Kabul" });
  });
});
