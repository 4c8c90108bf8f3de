import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { watch } from "../../commands/watch.ts";
import { runnable } from "../../src/commands/registry.ts";
import type { CommandContext, Deps, RawOptions } from "../../src/commands/types.ts";
import { closeDb, projectRoot, type Db } from "../../src/db/client.ts";
import { ingestBytes } from "../../src/ingest/index.ts";
import { silentLogger } from "../../src/logger.ts";
import { resolveEntity } from "../../src/store/entities.ts";
import { listGuildWatches } from "../../src/store/watches.ts";
import { isQuiet, parseQuietHours } from "../../src/watch/quiet.ts";
import { testWatch } from "../../src/watch/preview.ts";
import { seededStore } from "../helpers/store.ts";

const GUILD = "1190000000000000001";
const CHANNEL = "1190000000000000002";
const OTHER = "1190000000000000003";
const ctx: CommandContext = { guildId: GUILD, channelId: CHANNEL, userId: "1190000000000000077", permissions: 32n };

let db: Db;
let now: Date;
let run: (raw: RawOptions, c?: CommandContext) => ReturnType<ReturnType<typeof runnable>["execute"]>;

beforeEach(() => {
  db = seededStore();
  now = new Date("2026-11-19T09:00:00Z");
  const deps: Deps = { db, logger: silentLogger, now: () => now, defaultTimezone: "UTC" };
  const cmd = runnable(watch);
  run = (raw, c = ctx) => cmd.execute(deps, raw, c);
});

afterEach(() => closeDb(db));

function article(slug: string, published: string, text: string): Buffer {
  return Buffer.from(`---\ntitle: ${slug}\noutlet: Frontier Wire\nurl: https://news.example/${slug}\npublished: ${published}\n---\n${text}\n`);
}

describe("/watch add, list, pause, resume, remove", () => {
  it("is for editors in a server", async () => {
    expect(watch.editorOnly).toBe(true);
    await expect(run({ subcommand: "list" }, { ...ctx, permissions: 0n })).rejects.toThrow(/editors/i);
    await expect(run({ subcommand: "list" }, { ...ctx, guildId: null })).rejects.toThrow(/server/);
  });

  it("refuses what it cannot use, politely, and stores nothing", async () => {
    await expect(run({ subcommand: "add", subject: "Kurram", quiet_hours: "late" })).rejects.toThrow(/not a range of hours\. Use HH:MM-HH:MM/);
    await expect(run({ subcommand: "add", subject: "Kurram", types: "attack, riots" })).rejects.toThrow(/“riots” is not an event type/);
    await expect(run({ subcommand: "add", subject: "Kurram", timezone: "PKT" })).rejects.toThrow(/did you mean Asia\/Karachi/);
    await expect(run({ subcommand: "add", subject: "Atlantis" })).rejects.toThrow(/I don't know “Atlantis”/);
    expect(listGuildWatches(db, GUILD)).toEqual([]);
  });

  it("adds a watch with filters, updates it when added again, and lists it", async () => {
    const added = await run({ subcommand: "add", subject: "Kurram", types: "violence, closures", min_casualties: 3, quiet_hours: "22.00 to 07:00", timezone: "asia/karachi" });
    expect(added.content).toContain("Watching: **Kurram** in <#1190000000000000002> · airstrike, attack, bombing, clash, closure, shelling · ≥ 3 casualties · quiet 22:00-07:00 Asia/Karachi · active");
    const again = await run({ subcommand: "add", subject: "Kurram", channel: CHANNEL });
    expect(again.content).toContain("Updated: **Kurram** in <#1190000000000000002> · active");
    await run({ subcommand: "add", subject: "TTP", channel: OTHER, max_age_hours: 12 });
    const list = await run({ subcommand: "list" });
    expect(list.embeds?.[0]?.description).toBe(
      ["• **Kurram** in <#1190000000000000002> · active · 0 alerts posted", "• **Tehreek-e-Taliban Pakistan** in <#1190000000000000003> · up to 12 h old · active · 0 alerts posted"].join("\n"),
    );
  });

  it("pauses, resumes and removes a watch picked from the list or typed by its subject", async () => {
    await run({ subcommand: "add", subject: "Kurram" });
    const choices = await runnable(watch).complete?.({ db, logger: silentLogger, now: () => now, defaultTimezone: "UTC" }, { name: "watch", value: "kur" }, {}, ctx);
    expect(choices).toEqual([{ name: "Kurram — #1190000000000000002", value: String(listGuildWatches(db, GUILD)[0]?.id) }]);
    await run({ subcommand: "pause", watch: choices?.[0]?.value ?? "" });
    expect(listGuildWatches(db, GUILD)[0]).toMatchObject({ status: "paused", pauseReason: `paused by <@${ctx.userId}>` });
    await run({ subcommand: "resume", watch: "Kurram" });
    expect(listGuildWatches(db, GUILD)[0]).toMatchObject({ status: "active", pauseReason: null });
    await expect(run({ subcommand: "remove", watch: "Bannu" })).rejects.toThrow(/No watch “Bannu”/);
    // Another server's watch is not this one's to remove.
    await expect(run({ subcommand: "remove", watch: choices?.[0]?.value ?? "" }, { ...ctx, guildId: "1190000000000000099" })).rejects.toThrow(/No watch/);
    await run({ subcommand: "remove", watch: "kurram" });
    expect(listGuildWatches(db, GUILD)).toEqual([]);
  });
});

describe("quiet hours", () => {
  it("wrap past midnight in the watch's zone", () => {
    expect(parseQuietHours("22:00–07:00")?.canonical).toBe("22:00-07:00");
    expect(parseQuietHours("07:00-07:00")).toBeUndefined();
    // 22:00-07:00 in Karachi (UTC+5) is 17:00-02:00 UTC.
    expect(isQuiet("22:00-07:00", "Asia/Karachi", new Date("2026-11-19T16:59:00Z"))).toBe(false);
    expect(isQuiet("22:00-07:00", "Asia/Karachi", new Date("2026-11-19T17:00:00Z"))).toBe(true);
    expect(isQuiet("22:00-07:00", "Asia/Karachi", new Date("2026-11-20T01:59:00Z"))).toBe(true);
    expect(isQuiet("22:00-07:00", "Asia/Karachi", new Date("2026-11-20T02:00:00Z"))).toBe(false);
    expect(isQuiet("09:00-17:00", "UTC", new Date("2026-11-20T12:00:00Z"))).toBe(true);
  });
});

describe("watch test (what a watch would have posted over the stored data)", () => {
  it("replays arrivals: a recent incident alerts, a backfill does not, and a place covers the places inside it", () => {
    const kurram = resolveEntity(db, "Kurram");
    const bannu = resolveEntity(db, "Bannu");
    if (!kurram || !bannu) throw new Error("gazetteer without Kurram or Bannu");
    ingestBytes(db, "t-1.md", article("t-1", "2026-11-19", "Gunmen attacked a police checkpost in Bagan on Thursday, killing four policemen, officials said."), { now });
    // Ingested today, but about a day a month ago: a backfill.
    ingestBytes(db, "t-2.md", article("t-2", "2026-10-20", "Officials closed the Kharlachi crossing on Tuesday after firing, traders said."), { now });
    const r = testWatch(db, { subject: { id: kurram.id, name: kurram.name, kind: kurram.kind }, since: "2026-10-01" });
    expect(r.alerts.map((a) => [a.incident.date, a.incident.type, a.incident.place])).toEqual([["2026-11-19", "attack", "Bagan"]]);
    expect(r.alerts[0]?.message.embeds?.[0]?.title).toBe("🚨 19 Nov 2026 · Attack · Bagan, Lower Kurram");
    expect(r.skipped).toEqual({ "older than the watch or its age limit": 1 });
    expect(r.bursts).toEqual([]);
    expect(testWatch(db, { subject: { id: kurram.id, name: kurram.name, kind: kurram.kind }, since: "2026-10-01", types: ["closure"] }).alerts).toEqual([]);
    expect(testWatch(db, { subject: { id: bannu.id, name: bannu.name, kind: bannu.kind }, since: "2026-10-01" }).alerts).toEqual([]);
  });

  it("the CLI prints it as one JSON document and refuses a bad date with a clear error", () => {
    const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), "borderdesk-watch-")), "w.sqlite");
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [path.join(projectRoot, "bin", "borderdesk.js"), ...args, "--db", dbFile, "--json"], { cwd: projectRoot, encoding: "utf8", timeout: 90_000, env: { ...process.env, LOG_LEVEL: "silent" } });
      return { status: r.status, json: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
    };
    const bad = cli("watch", "test", "--subject", "Kunar", "--since", "2025-13-01");
    expect(bad.status).toBe(2);
    expect(bad.json).toEqual({ ok: false, error: '"2025-13-01" is not a calendar date (YYYY-MM-DD)' });
    const ok = cli("watch", "test", "--subject", "Kunar", "--since", "2025-01-01", "--types", "violence");
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.json).toMatchObject({ ok: true, subject: { name: "Kunar", kind: "place" }, since: "2025-01-01", until: null, filters: { max_age_hours: 48, min_casualties: null }, alerts: [], bursts: [] });
    // The seeded timeline is an import of past incidents: none would have alerted.
    expect(Object.keys(ok.json["skipped"] as object)).toEqual(["older than the watch or its age limit"]);
  }, 120_000);
});
