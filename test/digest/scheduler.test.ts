import { setTimeout as realSleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../src/db/client.ts";
import * as t from "../../src/db/schema.ts";
import { restDeliverer, type Deliverer } from "../../src/digest/deliver.ts";
import { getDelivery } from "../../src/digest/ledger.ts";
import { startScheduler, type Scheduler } from "../../src/digest/schedule.ts";
import { localDate, localTime } from "../../src/digest/time.ts";
import { silentLogger } from "../../src/logger.ts";
import { getSubscription } from "../../src/store/subscriptions.ts";
import { drive, FAKE_TIMERS, messageNonces, runUntil, smallDb, startHarness, subscribe, type Harness } from "./helpers.ts";

/** The UTC minute of a fake-clock timestamp: ticks land a few hundred fake ms late while tests wait for real I/O. */
const minute = (at: number | undefined): string => new Date(at ?? 0).toISOString().slice(0, 16);

let h: Harness;
let db: Db;
const schedulers: Scheduler[] = [];

function start(opts: { deliverer?: Deliverer; catchupHours?: number; onPosted?: () => void } = {}): Scheduler {
  const s = startScheduler({
    db,
    rest: h.rest,
    ...(opts.deliverer ? { deliverer: opts.deliverer } : {}),
    logger: silentLogger,
    catchupHours: opts.catchupHours ?? 6,
    retry: { attempts: 3, baseDelayMs: 1_000 },
  });
  schedulers.push(s);
  return s;
}

beforeEach(async () => {
  vi.useFakeTimers(FAKE_TIMERS);
  h = await startHarness(10);
  db = smallDb();
});

afterEach(async () => {
  for (const s of schedulers.splice(0)) {
    const stopping = s.stop();
    await drive(s, 3_000);
    await Promise.race([stopping, realSleep(1_000)]);
  }
  vi.useRealTimers();
  await h.fake.close();
});

describe("digest scheduler", () => {
  it("posts the digest once at 08:00 Asia/Karachi and nothing before", async () => {
    const [ch] = h.channels as [string];
    vi.setSystemTime(new Date("2026-01-11T02:50:00Z")); // 07:50 in Karachi
    const sub = subscribe(db, ch, "08:00", "Asia/Karachi");
    const s = start();
    await drive(s);
    await runUntil(s, "2026-01-11T02:59:30Z");
    expect(h.fake.messageCount(ch)).toBe(0);

    await runUntil(s, "2026-01-11T03:00:30Z");
    expect(h.fake.messageCount(ch)).toBe(1);
    const post = h.fake.requests.find((r) => r.path === `/channels/${ch}/messages`);
    expect(minute(post?.at)).toBe("2026-01-11T03:00");
    expect(post?.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    const row = getDelivery(db, sub.id, "2026-01-11");
    expect(row).toMatchObject({ status: "sent", messageId: h.fake.channelMessages.get(ch)?.[0]?.id, nonce: (post?.body as { nonce: string }).nonce });

    await runUntil(s, "2026-01-11T09:00:00Z");
    expect(h.fake.messageCount(ch)).toBe(1);
    expect(h.fake.rejections).toEqual([]);
  });

  it("posts exactly once across a restart in the middle of a send (same nonce, Discord drops the duplicate)", async () => {
    const [ch] = h.channels as [string];
    vi.setSystemTime(new Date("2026-01-11T02:59:00Z"));
    const sub = subscribe(db, ch, "08:00", "Asia/Karachi");
    let die: (e: Error) => void = () => undefined;
    const real = restDeliverer(h.rest);
    // The request reaches Discord, then the process "dies" before it can record the message id.
    const dying: Deliverer = {
      async send(channelId, message) {
        await real.send(channelId, message);
        return new Promise((_, reject) => {
          die = reject;
        });
      },
    };
    const died = Object.assign(new Error("process died"), { status: 499 });
    const first = start({ deliverer: dying });
    await vi.advanceTimersByTimeAsync(60_005);
    await h.fake.waitFor(() => (h.fake.messageCount(ch) === 1 ? true : undefined));
    const pending = getDelivery(db, sub.id, "2026-01-11");
    expect(pending?.status).toBe("pending");

    // The restarted process: a new scheduler on the same database catches up at once.
    const second = start();
    await drive(second);
    expect(getDelivery(db, sub.id, "2026-01-11")).toMatchObject({ status: "sent", nonce: pending?.nonce });
    expect(h.fake.messageCount(ch)).toBe(1);
    expect(messageNonces(h.fake, ch)).toEqual([pending?.nonce, pending?.nonce]);

    die(died); // lets the abandoned scheduler's promise settle so the test can clean up
    await drive(first);
    expect(getDelivery(db, sub.id, "2026-01-11")?.status).toBe("sent");
    await runUntil(second, "2026-01-11T06:00:00Z");
    expect(h.fake.messageCount(ch)).toBe(1);
  });

  it("after Discord's nonce window, a restart finds its post in the channel instead of posting again (and posts nothing while it cannot look)", async () => {
    const [ch] = h.channels as [string];
    vi.setSystemTime(new Date("2026-01-11T02:59:00Z"));
    const sub = subscribe(db, ch, "08:00", "Asia/Karachi");
    let die: (e: Error) => void = () => undefined;
    const real = restDeliverer(h.rest);
    const dying: Deliverer = {
      async send(channelId, message) {
        await real.send(channelId, message);
        return new Promise((_, reject) => {
          die = reject;
        });
      },
    };
    const first = start({ deliverer: dying });
    await vi.advanceTimersByTimeAsync(60_005);
    await h.fake.waitFor(() => (h.fake.messageCount(ch) === 1 ? true : undefined));
    const posted = h.fake.channelMessages.get(ch)?.[0];
    expect(posted?.embeds.at(-1)?.footer?.text).toContain(`ref ${getDelivery(db, sub.id, "2026-01-11")?.nonce}`);

    // Back twenty minutes later: Discord has forgotten the nonce, and the first look at the channel fails.
    vi.setSystemTime(new Date("2026-01-11T03:20:10Z"));
    h.fake.failRequests((r) => r.method === "GET" && r.path === `/channels/${ch}/messages`, { status: 500 }, 1);
    const second = start();
    await drive(second);
    expect(getDelivery(db, sub.id, "2026-01-11")).toMatchObject({ status: "pending", error: expect.stringContaining("could not read the channel") as string });
    expect(h.fake.messageCount(ch)).toBe(1);

    await runUntil(second, "2026-01-11T03:21:30Z");
    expect(getDelivery(db, sub.id, "2026-01-11")).toMatchObject({ status: "sent", messageId: posted?.id, resendCheck: "found" });
    expect(h.fake.messageCount(ch)).toBe(1);
    die(Object.assign(new Error("process died"), { status: 499 }));
    await drive(first);
    await runUntil(second, "2026-01-11T06:00:00Z");
    expect(h.fake.messageCount(ch)).toBe(1);
  });

  it("catches up after downtime within the window, and not beyond it", async () => {
    const [a, b] = h.channels as [string, string];
    // a: 08:00 Karachi (03:00Z); b: 02:00 Karachi (21:00Z the day before) — both missed while down.
    subscribe(db, a, "08:00", "Asia/Karachi");
    subscribe(db, b, "02:00", "Asia/Karachi");
    vi.setSystemTime(new Date("2026-01-11T06:30:00Z")); // back up 3.5 h after a's time, 9.5 h after b's
    const s = start({ catchupHours: 6 });
    await drive(s);
    expect(h.fake.messageCount(a)).toBe(1);
    expect(h.fake.messageCount(b)).toBe(0);
    await runUntil(s, "2026-01-11T21:00:30Z"); // b's next local day (02:00 on the 12th)
    expect(h.fake.messageCount(a)).toBe(1);
    expect(h.fake.messageCount(b)).toBe(1);
  });

  it("handles America/New_York's DST days: 02:30 posts once on spring-forward, 01:30 once on fall-back", async () => {
    const [spring, fall] = h.channels as [string, string];
    subscribe(db, spring, "02:30", "America/New_York");
    subscribe(db, fall, "01:30", "America/New_York", { kinds: ["incidents"] });

    vi.setSystemTime(new Date("2026-03-08T04:00:00Z")); // 23:00 EST on the 7th; clocks spring forward at 07:00Z
    const s = start();
    await runUntil(s, "2026-03-09T04:00:00Z");
    const springPosts = h.fake.requests.filter((r) => r.path === `/channels/${spring}/messages`);
    expect(springPosts.map((r) => minute(r.at))).toEqual(["2026-03-08T07:30"]); // 03:30 EDT: 02:30 does not exist
    expect(h.fake.messageCount(fall)).toBe(1); // 01:30 EST = 06:30Z, before the switch

    await s.stop();
    vi.setSystemTime(new Date("2026-11-01T03:00:00Z")); // 23:00 EDT on the 31st; clocks fall back at 06:00Z
    const s2 = start();
    await runUntil(s2, "2026-11-02T03:00:00Z");
    const fallPosts = h.fake.requests.filter((r) => r.path === `/channels/${fall}/messages` && r.at >= Date.parse("2026-11-01T00:00:00Z"));
    expect(fallPosts.map((r) => minute(r.at))).toEqual(["2026-11-01T05:30"]); // the first 01:30 (EDT), not again at 06:30Z
    const springFall = h.fake.requests.filter((r) => r.path === `/channels/${spring}/messages` && r.at >= Date.parse("2026-11-01T00:00:00Z"));
    expect(springFall.map((r) => minute(r.at))).toEqual(["2026-11-01T07:30"]); // 02:30 EST
  });

  it("a 403 pauses only that subscription and the others still post", async () => {
    const [closed, open, gone] = h.channels as [string, string, string];
    const subClosed = subscribe(db, closed, "08:00", "Asia/Karachi");
    const subOpen = subscribe(db, open, "08:00", "Asia/Karachi");
    const subGone = subscribe(db, gone, "08:00", "Asia/Karachi");
    h.fake.failChannel(closed, { status: 403, code: 50013 });
    h.fake.failChannel(gone, { status: 404, code: 10003 });
    vi.setSystemTime(new Date("2026-01-11T02:59:30Z"));
    const s = start();
    await runUntil(s, "2026-01-11T03:01:00Z");
    expect(h.fake.messageCount(open)).toBe(1);
    expect(getSubscription(db, subOpen.id)?.status).toBe("active");
    expect(getSubscription(db, subClosed.id)).toMatchObject({ status: "paused", pauseReason: "Missing Permissions (50013)" });
    expect(getSubscription(db, subGone.id)).toMatchObject({ status: "paused", pauseReason: "Unknown Channel (10003)" });
    expect(getDelivery(db, subClosed.id, "2026-01-11")?.status).toBe("failed");

    h.fake.clearFailures();
    await runUntil(s, "2026-01-12T03:01:00Z");
    expect(h.fake.messageCount(open)).toBe(2);
    expect(h.fake.messageCount(closed)).toBe(0); // paused: not tried again
    expect(h.fake.requests.filter((r) => r.path === `/channels/${closed}/messages`)).toHaveLength(1);
  });

  it("honours a 429's Retry-After and then posts once", async () => {
    const [ch] = h.channels as [string];
    subscribe(db, ch, "08:00", "Asia/Karachi");
    h.fake.failChannel(ch, { status: 429, retryAfter: 3 }, 1);
    vi.setSystemTime(new Date("2026-01-11T02:59:30Z"));
    const s = start();
    await runUntil(s, "2026-01-11T03:01:00Z");
    const posts = h.fake.requests.filter((r) => r.path === `/channels/${ch}/messages`);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(3_000);
    expect(h.fake.messageCount(ch)).toBe(1);
  });

  it("retries 5xx with backoff, bounded, keeping the same nonce", async () => {
    const [flaky, down] = h.channels as [string, string];
    const subFlaky = subscribe(db, flaky, "08:00", "Asia/Karachi");
    const subDown = subscribe(db, down, "08:00", "Asia/Karachi");
    h.fake.failChannel(flaky, { status: 503 }, 2);
    h.fake.failChannel(down, { status: 500 });
    vi.setSystemTime(new Date("2026-01-11T02:59:30Z"));
    const s = start();
    await runUntil(s, "2026-01-11T03:00:30Z");
    expect(h.fake.messageCount(flaky)).toBe(1);
    expect(getDelivery(db, subFlaky.id, "2026-01-11")).toMatchObject({ status: "sent", attempts: 3 });
    const flakyPosts = h.fake.requests.filter((r) => r.path === `/channels/${flaky}/messages`);
    expect((flakyPosts[1]?.at ?? 0) - (flakyPosts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect((flakyPosts[2]?.at ?? 0) - (flakyPosts[1]?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
    expect(new Set(messageNonces(h.fake, flaky)).size).toBe(1);
    // Still down: 3 attempts this tick, left pending for the next tick, which tries again with the same nonce.
    expect(getDelivery(db, subDown.id, "2026-01-11")).toMatchObject({ status: "pending", attempts: 3 });
    h.fake.clearFailures();
    await runUntil(s, "2026-01-11T03:02:00Z");
    expect(getDelivery(db, subDown.id, "2026-01-11")).toMatchObject({ status: "sent", attempts: 4 });
    expect(h.fake.messageCount(down)).toBe(1);
    expect(new Set(messageNonces(h.fake, down)).size).toBe(1);
  });

  it("ten subscriptions in ten zones each post once per local day over a simulated week", async () => {
    const zones: [string, string][] = [
      ["Asia/Karachi", "08:00"],
      ["Asia/Kabul", "07:30"],
      ["America/New_York", "02:30"],
      ["Europe/London", "01:30"],
      ["Asia/Kolkata", "09:15"],
      ["Asia/Kathmandu", "00:00"],
      ["Australia/Adelaide", "23:59"],
      ["Pacific/Chatham", "06:45"],
      ["America/St_Johns", "12:00"],
      ["Pacific/Kiritimati", "18:20"],
    ];
    const start0 = "2026-03-05T00:00:00Z";
    const end = "2026-03-12T00:00:00Z"; // spans New York's spring-forward (8 March)
    vi.setSystemTime(new Date(start0));
    const subs = zones.map(([zone, time], i) => subscribe(db, h.channels[i] ?? "", time, zone, { createdAt: start0 }));
    const s = start();
    await runUntil(s, end);

    for (const [i, sub] of subs.entries()) {
      // Oracle, independent of the scheduler: minute by minute, the first minute of each local date at or after the time.
      const expected: string[] = [];
      const seen = new Set<string>();
      for (let m = Date.parse(start0); m <= Date.parse(end); m += 60_000) {
        const d = new Date(m);
        const date = localDate(d, sub.timezone);
        // In a spring-forward gap the time reads one hour later (02:30 → 03:30), as documented in time.ts.
        const [hh, mm] = sub.localTime.split(":").map(Number) as [number, number];
        const shifted = `${String(hh + 1).padStart(2, "0")}:${String(mm).padStart(2, "0")}`;
        const wall = localTime(d, sub.timezone);
        if (!seen.has(date) && wall >= sub.localTime && (wall === sub.localTime || wall === shifted)) {
          seen.add(date);
          expected.push(minute(m));
        }
      }
      const ch = h.channels[i] ?? "";
      const posted = h.fake.requests.filter((r) => r.path === `/channels/${ch}/messages`).map((r) => minute(r.at));
      // A time already past on the first local date was never due (the subscription started then).
      const due = expected.filter((iso) => {
        const day = localDate(new Date(`${iso}:00Z`), sub.timezone);
        return !(day === localDate(new Date(start0), sub.timezone) && localTime(new Date(start0), sub.timezone) >= sub.localTime);
      });
      expect(posted, `${sub.timezone} ${sub.localTime}`).toEqual(due);
      expect(h.fake.messageCount(ch)).toBe(due.length);
      expect(due.length).toBeGreaterThanOrEqual(6);
      const rows = db.select().from(t.digestDeliveries).where(eq(t.digestDeliveries.subscriptionId, sub.id)).all();
      expect(new Set(rows.map((r) => r.localDate)).size).toBe(rows.length);
      expect(rows.every((r) => r.status === "sent")).toBe(true);
    }
  }, 120_000);
});
