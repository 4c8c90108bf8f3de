import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as realSleep } from "node:timers/promises";
import { REST } from "discord.js";
import { vi } from "vitest";
import { openDb, projectRoot, type Db } from "../../src/db/client.ts";
import * as t from "../../src/db/schema.ts";
import type { DigestKind } from "../../src/db/schema.ts";
import type { Scheduler } from "../../src/digest/schedule.ts";
import { loadGazetteer } from "../../src/gazetteer/load.ts";
import { ingestFiles } from "../../src/ingest/index.ts";
import { upsertGazetteer } from "../../src/store/seed.ts";
import { upsertSubscription } from "../../src/store/subscriptions.ts";
import { linkPending } from "../../src/incidents/pending.ts";
import { makeSnowflake, startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.ts";

export const FAKE_TIMERS: { toFake: ("setTimeout" | "clearTimeout" | "setInterval" | "clearInterval" | "Date")[] } = {
  toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
};

/** A temp store with the core gazetteer and the seed article (timeline files are left out: they may be mid-edit). */
export function seededDb(): Db {
  const db = openDb(":memory:");
  const dir = mkdtempSync(path.join(os.tmpdir(), "bd-gaz-"));
  copyFileSync(path.join(projectRoot, "data/gazetteer/core.yaml"), path.join(dir, "core.yaml"));
  upsertGazetteer(db, loadGazetteer(dir));
  const [report] = ingestFiles(db, [path.join(projectRoot, "data/articles/pak-afghan-ttp-analysis.md")], { now: new Date("2025-03-01T00:00:00Z") });
  if (!report?.ok) throw new Error(`seed ingest failed: ${JSON.stringify(report)}`);
  return db;
}

/** A bare store with one article and a few day-precision events, enough for the digest to have content. */
export function smallDb(): Db {
  const db = openDb(":memory:");
  const article = db
    .insert(t.articles)
    .values({ slug: "a", title: "Border report", publishedOn: "2024-05-01", publishedPrecision: "day", ingestedAt: "2025-01-01T00:00:00Z" })
    .returning()
    .get();
  const place = db.insert(t.entities).values({ slug: "kurram", kind: "place", name: "Kurram" }).returning().get();
  for (let day = 1; day <= 28; day++) {
    for (const month of [1, 3, 11]) {
      const md = `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      db.insert(t.events)
        .values({ occurredOn: `2023-${md}`, precision: "day", year: 2023, monthDay: md, type: "clash", summary: `Clash on ${md} 2023.`, placeId: place.id, source: "article", articleId: article.id })
        .run();
    }
  }
  linkPending(db.$client, new Date("2025-01-01T00:00:00Z"));
  return db;
}

export function subscribe(db: Db, channelId: string, localTime: string, timezone: string, opts: { createdAt?: string; kinds?: DigestKind[]; guildId?: string } = {}): t.DigestSubscription {
  return upsertSubscription(
    db,
    { guildId: opts.guildId ?? "100000000000000001", channelId, localTime, timezone, kinds: opts.kinds ?? ["incidents", "context", "quote"], aboutEntityId: null, createdBy: "1" },
    new Date(opts.createdAt ?? "2020-01-01T00:00:00Z"),
  ).subscription;
}

export interface Harness {
  fake: FakeDiscord;
  guildId: string;
  channels: string[];
  rest: REST;
}

export async function startHarness(channelCount: number, opts: { globalRateLimitPerSecond?: number } = {}): Promise<Harness> {
  const guildId = makeSnowflake(Date.UTC(2024, 0, 1));
  const channels = Array.from({ length: channelCount }, (_, i) => makeSnowflake(Date.UTC(2024, 0, 2) + i));
  const fake = await startFakeDiscord({
    guilds: [{ id: guildId, name: "Border Desk", channels: channels.map((id, i) => ({ id, name: `digest-${i}` })) }],
    ...(opts.globalRateLimitPerSecond !== undefined ? { globalRateLimitPerSecond: opts.globalRateLimitPerSecond } : {}),
  });
  const rest = new REST({ api: fake.apiUrl, retries: 0, timeout: 10_000 }).setToken("test-token");
  return { fake, guildId, channels, rest };
}

/**
 * Lets a running tick finish. Real I/O needs real event-loop turns; discord.js's REST and our backoff
 * wait on (fake) timers, so when nothing finishes in a few real ms, fake time moves on a little — but
 * not past the next minute (that would fire the next cron tick) unless the tick is stuck waiting there.
 */
export async function drive(s: Scheduler, maxRealMs = 15_000): Promise<void> {
  if (!s.busy) return;
  let done = false;
  const idle = s.idle().then(() => {
    done = true;
  });
  const started = performance.now();
  let stuck = 0;
  while (!done && performance.now() - started < maxRealMs) {
    await realSleep(3);
    if (done) break;
    const now = Date.now();
    const boundary = Math.ceil((now + 1) / 60_000) * 60_000 - 1;
    const step = Math.min(100, boundary - now);
    if (step > 0) await vi.advanceTimersByTimeAsync(step);
    else if (++stuck > 20) await vi.advanceTimersByTimeAsync(100);
  }
  await idle;
}

/**
 * Advances fake time minute by minute until `untilIso`: each step ends just after a minute boundary
 * (where the cron tick fires) and lets that tick finish before time moves again, so a request in
 * flight never sees a big jump of fake time (which would trip discord.js's request timeout).
 */
export async function runUntil(s: Scheduler, untilIso: string): Promise<void> {
  const until = Date.parse(untilIso);
  while (Date.now() < until) {
    const nextTick = Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 5;
    await vi.advanceTimersByTimeAsync(Math.min(nextTick, until) - Date.now());
    await new Promise<void>((resolve) => setImmediate(resolve));
    await drive(s);
  }
}

export function messageNonces(fake: FakeDiscord, channelId: string): unknown[] {
  return fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`).map((r) => (r.body as { nonce?: unknown }).nonce);
}
