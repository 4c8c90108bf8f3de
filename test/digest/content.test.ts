import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { openDb } from "../../src/db/client.ts";
import * as t from "../../src/db/schema.ts";
import { buildDigest } from "../../src/digest/build.ts";
import { buildDigestForDate, buildDigestModelForDate } from "../../src/digest/index.ts";
import { pickQuoteOfTheDay, quoteIndexForDate } from "../../src/digest/ledger.ts";
import { listQuoteIds } from "../../src/digest/query.ts";
import { renderDigest } from "../../src/digest/render.ts";
import { addDays } from "../../src/digest/time.ts";
import { LIMITS } from "../../src/render/limits.ts";
import { renderPayload, type MessagePayload } from "../../src/render/payload.ts";
import { seededDb, subscribe } from "./helpers.ts";
import { linkPending } from "../../src/incidents/pending.ts";
import { refreshIncidents } from "../../src/incidents/refresh.ts";

function text(p: MessagePayload): string {
  return JSON.stringify(p);
}

function embedTotal(p: MessagePayload): number {
  return (p.embeds ?? []).reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);
}

describe("digest content on the seed corpus", () => {
  let db: Db;
  beforeAll(() => {
    db = seededDb();
  });

  it("shows the 2025 Kunar accusation attributed to Zabiullah Mujahid on 11 January", () => {
    const model = buildDigestModelForDate(db, { date: "2026-01-11", timezone: "Asia/Karachi" });
    const kunar = model.incidents.find((i) => i.place === "Kunar");
    expect(kunar).toMatchObject({ year: 2025, type: "accusation", occurredOn: "2025-01-11" });
    expect(kunar?.claimedBy).toMatch(/Mujahid/);
    expect(kunar?.summary).toContain("Zabiullah Mujahid accused Pakistani forces");
    expect(kunar?.sources[0]?.title).toBe("Pak-Afghan Tensions and the TTP");
    const payload = renderPayload(buildDigestForDate(db, { date: "2026-01-11", timezone: "Asia/Karachi" }));
    const field = payload.embeds?.[0]?.fields?.[0];
    expect(field?.name).toBe("2025 · Accusation · Kunar");
    expect(field?.value).toMatch(/\*\*Claimed by:\*\* Zabi\w* Mujahid/);
    expect(field?.value).toContain("**Source:** Naade Ali — Pak-Afghan Tensions and the TTP, 2025");
    expect(payload.allowed_mentions).toEqual({ parse: [] });
  });

  it("lists the related pieces of 2021 and 2022 as context on 2 March", () => {
    const model = buildDigestModelForDate(db, { date: "2026-03-02" });
    expect(model.incidents).toEqual([]);
    expect(model.published.map((p) => [p.publishedOn, p.title, p.kind])).toEqual([
      ["2022-03-02", "Emerging US Policy Towards Afghanistan After Withdrawal", "stub"],
      ["2021-03-02", "US-Pakistan Relations And Afghanistan Under Biden", "stub"],
    ]);
    const payload = renderPayload(renderDigest(model));
    expect(payload.embeds?.[0]?.description).toBe("No recorded incidents on 2 March in earlier years.");
    const context = payload.embeds?.find((e) => e.title === "Context");
    expect(context?.fields?.[0]?.value).toContain("Emerging US Policy Towards Afghanistan After Withdrawal");
    expect(context?.fields?.[0]?.value).toContain("2 Mar 2021 — US-Pakistan Relations And Afghanistan Under Biden (related piece");
  });

  it("counts only earlier years: the 2025 accusation is not 'on this date' on 11 January 2025 itself", () => {
    const model = buildDigestModelForDate(db, { date: "2025-01-11" });
    expect(model.incidents).toEqual([]);
  });

  it("never renders an empty embed on any day of the year", () => {
    for (let d = "2028-01-01"; d < "2029-01-01"; d = addDays(d, 1)) {
      const p = renderPayload(buildDigestForDate(db, { date: d }));
      expect(p.content || p.embeds?.length).toBeTruthy();
      expect(text(p)).not.toContain("(nothing to show)");
      expect(embedTotal(p)).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
  });

  it("quote of the day: full statements only, the same all day, no repeats until every quote has been shown", () => {
    const sub = subscribe(db, "900000000000000001", "08:00", "Asia/Karachi");
    const full = db.select().from(t.quotes).all().filter((q) => !q.isFragment).map((q) => q.id);
    expect(full.length).toBeGreaterThan(2);
    const picks: number[] = [];
    let date = "2026-01-01";
    for (let i = 0; i < full.length; i++, date = addDays(date, 1)) {
      const peek = pickQuoteOfTheDay(db, { subscriptionId: sub.id, localDate: date, about: null, record: false });
      const first = pickQuoteOfTheDay(db, { subscriptionId: sub.id, localDate: date, about: null, record: true });
      const again = pickQuoteOfTheDay(db, { subscriptionId: sub.id, localDate: date, about: null, record: true });
      expect(peek).toBe(first);
      expect(again).toBe(first);
      picks.push(first ?? -1);
    }
    expect([...picks].sort((a, b) => a - b)).toEqual([...full].sort((a, b) => a - b));
    // Exhausted: a new cycle starts, and not with the quote that ended the last one.
    const next = pickQuoteOfTheDay(db, { subscriptionId: sub.id, localDate: date, about: null, record: true });
    expect(full).toContain(next);
    expect(next).not.toBe(picks[picks.length - 1]);
    const model = buildDigest(db, { date, subscriptionId: sub.id, kinds: ["quote"] });
    expect(model.quote?.id).toBe(next);
    expect(model.quote?.source.title).toBe("Pak-Afghan Tensions and the TTP");
    expect(model.quote?.speaker).toBeTruthy();
  });

  it("quote of the day without a subscription: the one at the date's position among the eligible quotes, for an entity or all", () => {
    const speaker = db.$client.prepare<[], number>("select speaker_id from quotes where is_fragment = 0 and speaker_id is not null limit 1").pluck().get();
    expect(speaker).toBeDefined();
    // An entity with quotes, and one with none (all quotes are eligible then).
    for (const about of [null, speaker ?? null, 999_999]) {
      const listed = listQuoteIds(db, about);
      const eligible = listed.length ? listed : listQuoteIds(db, null);
      if (about === speaker) expect(listed.length).toBeGreaterThan(0);
      if (about === 999_999) expect(listed).toEqual([]);
      for (let date = "2026-01-01"; date < "2026-03-01"; date = addDays(date, 1)) {
        const pick = pickQuoteOfTheDay(db, { subscriptionId: null, localDate: date, about, record: false });
        expect(pick).toBeDefined();
        expect(pick).toBe(eligible[quoteIndexForDate(date, eligible.length)]);
      }
    }
  });
});

describe("digest content rules", () => {
  function store(): Db {
    const db = openDb(":memory:");
    db.insert(t.articles).values({ id: 1, slug: "a", title: "A report", ingestedAt: "2025-01-01T00:00:00Z" }).run();
    db.insert(t.entities).values({ id: 1, slug: "chaman", kind: "place", name: "Chaman" }).run();
    return db;
  }
  /** Writes an event (a report) and links it into an incident, as every write path does. */
  function event(db: Db, date: string, summary: string, extra: Partial<typeof t.events.$inferInsert> = {}): number {
    const id = db
      .insert(t.events)
      .values({ occurredOn: date, precision: "day", year: Number(date.slice(0, 4)), monthDay: date.slice(5), type: "clash", summary, placeId: 1, source: "article", articleId: 1, ...extra })
      .returning({ id: t.events.id })
      .get().id;
    linkPending(db.$client, new Date("2026-01-01T00:00:00Z"));
    return id;
  }

  it("shows 29 February's incidents on 28 February in non-leap years only", () => {
    const db = store();
    event(db, "2024-02-29", "Leap-day clash.");
    event(db, "2023-02-28", "Clash on the 28th.");
    expect(buildDigest(db, { date: "2025-02-28" }).incidents.map((i) => i.summary)).toEqual(["Leap-day clash.", "Clash on the 28th."]);
    expect(buildDigest(db, { date: "2028-02-28" }).incidents.map((i) => i.summary)).toEqual(["Clash on the 28th."]);
    expect(buildDigest(db, { date: "2028-02-29" }).incidents.map((i) => i.summary)).toEqual(["Leap-day clash."]);
  });

  it("lists newest first, with each side's claim and casualty figures, and the curated source", () => {
    const db = store();
    db.insert(t.entities).values([{ id: 2, slug: "ispr", kind: "organisation", name: "ISPR" }, { id: 3, slug: "ttp", kind: "organisation", name: "TTP" }]).run();
    event(db, "2019-05-04", "Older clash.");
    event(db, "2023-05-04", "Newer clash.", { source: "timeline", articleId: null, claimedById: 3 });
    const newer = db.select().from(t.events).all().find((e) => e.summary === "Newer clash.");
    db.insert(t.eventClaims).values([
      { eventId: newer?.id ?? 0, claimantId: 2, claim: "Repulsed an attack", killed: 4, casualtiesOf: "militants" },
      { eventId: newer?.id ?? 0, claimantId: 3, claim: "Overran a post", killed: 7, casualtiesOf: "soldiers" },
    ]).run();
    db.insert(t.eventSources).values({ eventId: newer?.id ?? 0, outlet: "Dawn", title: "Clash at Chaman", url: "https://www.dawn.com/news/1" }).run();
    // Claims and sources written after the link: the incident reads them again, as every write path does.
    refreshIncidents(db.$client, [newer?.incidentId ?? 0]);
    const model = buildDigest(db, { date: "2026-05-04" });
    expect(model.incidents.map((i) => i.year)).toEqual([2023, 2019]);
    const value = renderPayload(renderDigest(model)).embeds?.[0]?.fields?.[0]?.value ?? "";
    // The claimant speaks in its own line ("TTP says: …"), so no separate "Claimed by" line repeats it.
    expect(value).not.toContain("**Claimed by:**");
    expect(value).toContain("**ISPR says:** Repulsed an attack — 4 killed (militants)");
    expect(value).toContain("**TTP says:** Overran a post — 7 killed (soldiers)");
    expect(value).toContain("[Dawn — Clash at Chaman](https://www.dawn.com/news/1)");
    // Context: the latest development at Chaman other than today's incidents.
    event(db, "2025-12-01", "Latest at Chaman.");
    expect(buildDigest(db, { date: "2026-05-04" }).latest.map((d) => d.summary)).toEqual(["Latest at Chaman."]);
  });

  it("says so in one line and lists this week in past years when the date has no incidents", () => {
    const db = store();
    event(db, "2022-07-06", "Two days later, years ago.");
    const payload = renderPayload(buildDigestForDate(db, { date: "2026-07-04" }));
    expect(payload.embeds?.[0]?.description).toBe("No recorded incidents on 4 July in earlier years.");
    expect(payload.embeds?.[0]?.fields?.[0]).toMatchObject({ name: "This week in past years" });
    expect(payload.embeds?.[0]?.fields?.[0]?.value).toContain("6 Jul 2022 · Chaman — Two days later, years ago.");
  });

  it("an empty store gives one line, not an empty embed", () => {
    const payload = renderPayload(buildDigestForDate(openDb(":memory:"), { date: "2026-07-04", kinds: ["context", "quote"] }));
    expect(payload.embeds).toBeUndefined();
    expect(payload.content).toMatch(/^Nothing in the store for 4 July/);
  });

  it("fits Discord's limits however much there is", () => {
    const db = store();
    for (let y = 1990; y < 2026; y++) event(db, `${y}-09-09`, `${"Very long summary with **markdown** and @everyone ".repeat(40)}${y}`);
    for (let i = 0; i < 30; i++) db.insert(t.articles).values({ slug: `p${i}`, title: "T".repeat(300), publishedOn: `20${String(i).padStart(2, "0")}-09-09`, publishedPrecision: "day", ingestedAt: "x" }).run();
    const model = buildDigest(db, { date: "2026-09-09" });
    expect(model.incidentTotal).toBe(36);
    const payload = renderPayload(renderDigest(model));
    expect(embedTotal(payload)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const e of payload.embeds ?? []) for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(text(payload)).not.toContain("@everyone");
    expect(payload.embeds?.[0]?.description).toContain("The 6 most significant of 36 (2025: 1 · 2024: 1");
  });
});
