/**
 * A big ACLED import decides in memory which rows may meet an incident holding an article or a curated entry
 * (AcledNearness, src/incidents/pending.ts); every other row becomes an incident of its own without being linked.
 * That is right only while nearness never says "no" where linking's candidate query (src/incidents/link.ts) would
 * offer such an incident. These tests hold the two rules together on a real store: for rows of every date form,
 * type and place, nearness is never narrower than the candidates, and for rows of a day it is exactly as wide.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { eventTypes } from "../../src/gazetteer/schema.ts";
import { AcledNearness } from "../../src/incidents/pending.ts";
import { candidateIncidentIds } from "../../src/incidents/link.ts";

let db: Db;
/** Every place: a chain ten deep (deeper than linking follows) and a branch beside it. */
let places: number[] = [];
/** Incidents that hold a curated or article report (only those can take an ACLED row). */
let withOwnReports = new Set<number>();
/** The dates rows are drawn around. */
const DATES = ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-14", "2024-02-16", "2024-02", "2024-03", "2024", "2023-12-31", "2023", "2025-06-15"];

beforeAll(() => {
  db = openDb(":memory:");
  const c = db.$client;
  const addPlace = c.prepare<[string, string, number | null]>(`insert into entities (slug, kind, subtype, name, parent_id) values (?, 'place', 'locality', ?, ?)`);
  let parent: number | null = null;
  const chain: number[] = [];
  for (let i = 0; i < 10; i++) {
    parent = Number(addPlace.run(`deep-${i}`, `Deep ${i}`, parent).lastInsertRowid);
    chain.push(parent);
  }
  const branch = Number(addPlace.run("branch", "Branch", chain[1] ?? null).lastInsertRowid);
  const leaf = Number(addPlace.run("branch-leaf", "Branch Leaf", branch).lastInsertRowid);
  const apart = Number(addPlace.run("apart", "Apart", null).lastInsertRowid);
  places = [...chain, branch, leaf, apart];

  const addIncident = c.prepare<[string, string, number, string, number | null, string]>(
    `insert into incidents (occurred_on, precision, year, type, place_id, summary, status, created_at) values (?, ?, ?, ?, ?, 'x', ?, '2026-01-01T00:00:00Z')`,
  );
  const addReport = c.prepare<[string, string, string, number, string, number | null, string, number]>(
    `insert into events (external_id, occurred_on, precision, year, type, place_id, summary, source, incident_id) values (?, ?, ?, ?, ?, ?, 'x', ?, ?)`,
  );
  const precisionOf = (d: string): string => (d.length === 10 ? "day" : d.length === 7 ? "month" : "year");
  let n = 0;
  const incident = (date: string, type: string, place: number | null, source: "timeline" | "article" | "acled", status = "active"): void => {
    const id = Number(addIncident.run(date, precisionOf(date), Number(date.slice(0, 4)), type, place, status).lastInsertRowid);
    addReport.run(`N${++n}`, date, precisionOf(date), Number(date.slice(0, 4)), type, place, source, id);
    if (source !== "acled" && status === "active") withOwnReports.add(id);
  };
  incident("2024-01-31", "attack", chain[4] ?? null, "timeline");
  incident("2025-06-15", "airstrike", chain[9] ?? null, "article");
  incident("2024-02-15", "closure", null, "timeline");
  incident("2024-02", "talks", leaf, "timeline");
  incident("2024", "shelling", chain[2] ?? null, "article");
  incident("2023-12-31", "statement", apart, "timeline");
  // Neither can take an ACLED row: one holds only an ACLED row, the other was merged away.
  incident("2024-02-01", "clash", chain[0] ?? null, "acled");
  incident("2024-02-14", "bombing", chain[5] ?? null, "timeline", "merged");
  withOwnReports = new Set(withOwnReports);
});
afterAll(() => closeDb(db));

const row = fc.record({
  date: fc.constantFrom(...DATES),
  shift: fc.integer({ min: -2, max: 2 }),
  type: fc.constantFrom(...eventTypes),
  place: fc.integer({ min: -1, max: 12 }),
});

function dateOf(base: string, shift: number): string {
  if (base.length !== 10) return base;
  const d = new Date(`${base}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + shift);
  return d.toISOString().slice(0, 10);
}

describe("which ACLED rows may meet an article's or the timeline's incident", () => {
  it("is never narrower than linking's candidates, and for rows of a day exactly as wide", () => {
    const nearness = AcledNearness.of(db.$client);
    let near = 0;
    fc.assert(
      fc.property(row, (r) => {
        const occurredOn = dateOf(r.date, r.shift);
        const precision = occurredOn.length === 10 ? "day" : occurredOn.length === 7 ? "month" : "year";
        const placeId = r.place < 0 ? null : (places[r.place] ?? null);
        const candidates = candidateIncidentIds(db.$client, { occurredOn, precision, type: r.type, placeId }).filter((id) => withOwnReports.has(id));
        const has = nearness.has(occurredOn, r.type, placeId);
        if (has) near++;
        expect(has || candidates.length === 0, `${occurredOn} ${r.type} at ${placeId}: candidates ${candidates.join(",")}, not near`).toBe(true);
        if (precision === "day") expect(has, `${occurredOn} ${r.type} at ${placeId}: near, candidates ${candidates.join(",")}`).toBe(candidates.length > 0);
      }),
      { numRuns: 3000, seed: 15 },
    );
    // Both answers were seen often enough for the comparison to mean something.
    expect(near).toBeGreaterThan(100);
    expect(near).toBeLessThan(2900);
  });

  it("meets a place linking meets, and not one nine levels up the chain, which linking does not follow", () => {
    const nearness = AcledNearness.of(db.$client);
    // The airstrike is at the tenth level: its place's seventh ancestor is within linking's reach, the eighth beyond it.
    const at = (level: number) => ({ occurredOn: "2025-06-15", precision: "day", type: "airstrike", placeId: places[level] ?? null }) as const;
    for (const level of [9, 5, 2]) {
      expect(candidateIncidentIds(db.$client, at(level))).toHaveLength(1);
      expect(nearness.has("2025-06-15", "airstrike", places[level] ?? null)).toBe(true);
    }
    expect(candidateIncidentIds(db.$client, at(1))).toEqual([]);
    expect(nearness.has("2025-06-15", "airstrike", places[1] ?? null)).toBe(false);
  });
});
