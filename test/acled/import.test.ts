import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, type Db } from "../../src/db/client.ts";
import { AcledHeaderError, BULK_MIN_ROWS, importAcled, importAcledFile } from "../../src/acled/import.ts";
import { borderdeskType, storedDate } from "../../src/acled/map.ts";
import { seededStore } from "../helpers/store.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const CURRENT = path.join(FIXTURES, "current.csv");
const LEGACY = path.join(FIXTURES, "legacy.csv");
const tmp = mkdtempSync(path.join(os.tmpdir(), "borderdesk-acled-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let db: Db;
beforeEach(() => {
  if (db?.$client.open) closeDb(db);
  db = seededStore();
});

interface EventRow {
  id: number;
  external_id: string;
  occurred_on: string;
  precision: string;
  month_day: string | null;
  type: string;
  acled_event_type: string;
  acled_sub_event_type: string;
  killed: number | null;
  summary: string;
  place: string | null;
  place_origin: string | null;
}

function event(externalId: string): EventRow | undefined {
  return db.$client
    .prepare<[string], EventRow>(
      `select e.id, e.external_id, e.occurred_on, e.precision, e.month_day, e.type, e.acled_event_type, e.acled_sub_event_type, e.killed, e.summary,
         p.name as place, p.origin as place_origin
       from events e left join entities p on p.id = e.place_id where e.external_id = ?`,
    )
    .get(externalId);
}

function actors(eventId: number): string[] {
  return db.$client
    .prepare<[number], { name: string; role: string }>("select e.name, a.role from event_actors a join entities e on e.id = a.entity_id where a.event_id = ? order by a.role, e.name")
    .all(eventId)
    .map((a) => `${a.role}: ${a.name}`);
}

function details(eventId: number): Record<string, unknown> | undefined {
  return db.$client.prepare<[number], Record<string, unknown>>("select * from acled_details where event_id = ?").get(eventId);
}

function variant(name: string, edit: (lines: string[]) => string[]): string {
  const file = path.join(tmp, name);
  writeFileSync(file, edit(readFileSync(CURRENT, "utf8").trimEnd().split("\n")).join("\n") + "\n");
  return file;
}

describe("ACLED import", () => {
  it("imports the current 31-column layout exactly: good rows in, a bad date and a short row reported by line and skipped", async () => {
    const r = await importAcledFile(db, CURRENT);
    expect(r).toMatchObject({ layout: "current", rows: 6, created: 4, updated: 0, unchanged: 0, skipped: 2, countries: ["Afghanistan", "Pakistan"], from: "2025-01-11", to: "2025-03-02" });
    expect(r.problems).toEqual([
      { line: 5, id: "PAK1003", reason: 'event_date "2025-02-30" is not a real date (expected YYYY-MM-DD or 15 March 2024)' },
      { line: 6, id: "PAK1004", reason: "has 8 fields; the header has 31" },
    ]);
    expect(event("PAK1003")).toBeUndefined();

    const clash = event("PAK1001");
    expect(clash).toMatchObject({ occurred_on: "2025-01-11", precision: "day", month_day: "01-11", type: "clash", acled_event_type: "Battles", acled_sub_event_type: "Armed clash", killed: 3, place: "Loi Mamund", place_origin: "acled" });
    expect(clash?.summary).toContain("Loi Mamund, Bajaur, killing 3 militants");
    // "TTP: Tehrik-i-Taliban Pakistan" is the gazetteer's TTP; "Military Forces of Pakistan (2024-)" is the Pakistan
    // Army through the ACLED actor table (data/gazetteer/acled-actors.yaml), whatever the period.
    expect(actors(clash?.id ?? 0)).toEqual(["actor: Pakistan Army", "actor: Tehreek-e-Taliban Pakistan"]);
    expect(details(clash?.id ?? 0)).toMatchObject({ event_date: "2025-01-11", time_precision: 1, country: "Pakistan", admin1: "Khyber Pakhtunkhwa", admin2: "Bajaur", location: "Loi Mamund", lat: 34.8321, lon: 71.5402, sources: "Dawn; Express Tribune", source_scale: "National" });
    const loiMamund = db.$client.prepare("select e.kind, e.subtype, e.lat, e.lon, e.origin, p.slug as parent from entities e join entities p on p.id = e.parent_id where e.name = 'Loi Mamund'").get();
    expect(loiMamund).toEqual({ kind: "place", subtype: "locality", lat: 34.8321, lon: 71.5402, origin: "acled", parent: "bajaur" });

    // Week precision is stored as the month holding the whole week, never as a day; empty fatalities are unknown, not 0.
    const ied = event("PAK1002");
    expect(ied).toMatchObject({ occurred_on: "2025-01", precision: "month", month_day: null, type: "bombing", killed: null, place: "Quetta", place_origin: "gazetteer" });
    expect(details(ied?.id ?? 0)).toMatchObject({ event_date: "2025-01-15", time_precision: 2, sources: "Dawn, Quetta edition" });
    // Group labels stay labels on the row (never organisations); the police are the gazetteer's Police of Pakistan.
    expect(actors(ied?.id ?? 0)).toEqual(["associated: Police of Pakistan"]);
    expect(JSON.parse(String(details(ied?.id ?? 0)?.actor_labels))).toEqual([
      ["Unidentified Armed Group (Pakistan)", "actor"],
      ["Civilians (Pakistan)", "target"],
      ["Labour Group (Pakistan)", "associated"],
    ]);
    expect(db.$client.prepare("select count(*) as n from entities where name like '%Labour Group%' or name like 'Unidentified Armed Group%'").get()).toEqual({ n: 0 });

    expect(event("AFG2001")).toMatchObject({ occurred_on: "2025-03", precision: "month", type: "attack", killed: 0 });
    const agreement = event("PAK1005");
    expect(agreement).toMatchObject({ type: "agreement", place: "Torkham", place_origin: "gazetteer" });
    expect(details(agreement?.id ?? 0)).toMatchObject({ sources: 'Reuters; "The News"', admin2: "Khyber" });
    // ACLED's "Khyber" is the gazetteer's "Khyber District", not a new place.
    expect(db.$client.prepare("select count(*) as n from entities where slug = 'khyber'").get()).toEqual({ n: 0 });
  });

  it("reads the older layout (event_id_no_cnty, iso3, dates like 15 March 2019)", async () => {
    const r = await importAcledFile(db, LEGACY);
    expect(r).toMatchObject({ layout: "legacy", rows: 2, created: 2, skipped: 0 });
    expect(event("PAK501")).toMatchObject({ occurred_on: "2019-03-15", precision: "day", type: "bombing", killed: 4, place: "Khar" });
    expect(event("AFG502")).toMatchObject({ occurred_on: "2019-04-02", killed: null, summary: "Armed clash in Dangam, Kunar" });
  });

  it("re-importing the same export changes nothing; one changed row changes exactly one event", async () => {
    await importAcledFile(db, CURRENT);
    const before = db.$client.prepare("select count(*) as n from events").get();
    const again = await importAcledFile(db, CURRENT);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });

    const changed = variant("changed.csv", (lines) => lines.map((l) => (l.startsWith("PAK1001,") ? l.replace(",3,,1736900000", ",5,,1736990000") : l)));
    const r = await importAcledFile(db, changed);
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const clash = event("PAK1001");
    expect(clash?.killed).toBe(5);
    expect(actors(clash?.id ?? 0)).toHaveLength(2);
    expect(db.$client.prepare("select count(*) as n from events").get()).toEqual(before);
  });

  it("removes events the export no longer has only with prune, and only within the export's countries and dates", async () => {
    await importAcledFile(db, CURRENT);
    await importAcledFile(db, LEGACY);
    const without = variant("without-pak1002.csv", (lines) => lines.filter((l) => !l.startsWith("PAK1002,")));
    expect((await importAcledFile(db, without)).pruned).toBe(0);
    expect(event("PAK1002")).toBeDefined();

    const r = await importAcledFile(db, without, { prune: true });
    expect(r.pruned).toBe(1);
    expect(event("PAK1002")).toBeUndefined();
    // 2019 events lie outside this export's dates: kept.
    expect(event("PAK501")).toBeDefined();
    expect(event("AFG2001")).toBeDefined();
  });

  it("does not prune when a row's id could not be read", async () => {
    await importAcledFile(db, CURRENT);
    const noId = variant("no-id.csv", (lines) => lines.filter((l) => !l.startsWith("PAK1002,")).map((l) => (l.startsWith("PAK1005,") ? l.replace("PAK1005,", ",") : l)));
    const r = await importAcledFile(db, noId, { prune: true });
    expect(r.pruned).toBe(0);
    expect(r.pruneSkipped).toMatch(/ids are unknown/);
    expect(event("PAK1002")).toBeDefined();
  });

  it("reports a row with a stray quote by its line and imports the rest", async () => {
    const stray = variant("stray-quote.csv", (lines) => [...lines.slice(0, 3), 'PAK9998,2025-01-12,2025,1,x,"bad "quote" inside",y', ...lines.slice(3)]);
    const r = await importAcledFile(db, stray);
    expect(r).toMatchObject({ rows: 7, created: 4, skipped: 3 });
    expect(r.problems[0]).toEqual({ line: 4, reason: 'unreadable CSV (text after a closing quote: got "q" where a comma or a line end should be)' });
  });

  it("a bulk load (big file, small store, --exclusive) writes the same events and leaves every index in place", async () => {
    const indexes = (): string[] =>
      db.$client
        .prepare<[], { name: string }>("select name from sqlite_master where type = 'index' and tbl_name in ('events', 'acled_details', 'event_actors') and sql is not null order by name")
        .all()
        .map((r) => r.name);
    // A bulk load also drops event_actors' insert triggers while it writes: they are back whatever happens.
    const triggers = (): string[] => db.$client.prepare<[], string>("select sql from sqlite_master where type = 'trigger' order by name").pluck().all();
    const triggersBefore = triggers();
    const cacheSize = Number(db.$client.pragma("cache_size", { simple: true }));
    expect(triggersBefore.some((t) => t.includes("`incidents_tally_actor_added` AFTER INSERT ON `event_actors`"))).toBe(true);
    const before = indexes();
    const r = await importAcledFile(db, CURRENT, { expectedRows: BULK_MIN_ROWS, exclusive: true });
    expect(r).toMatchObject({ layout: "current", rows: 6, created: 4, skipped: 2 });
    expect(r.problems.map((p) => p.line)).toEqual([5, 6]);
    expect(indexes()).toEqual(before);
    expect(triggers()).toEqual(triggersBefore);
    expect(db.$client.inTransaction).toBe(false);
    expect(db.$client.pragma("cache_size", { simple: true })).toBe(cacheSize);
    // Foreign keys go unchecked during the load: every row written must still satisfy them, and checking is back on.
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    // Temporary storage went to files for the import and is back in memory (2), as openDb set it.
    expect(db.$client.pragma("temp_store", { simple: true })).toBe(2);
    // The page cache it enlarged is back to what it was.
    expect(db.$client.pragma("cache_size", { simple: true })).toBe(cacheSize);
    expect(event("PAK1001")).toBeDefined();
    expect(actors(event("PAK1001")?.id ?? 0)).toHaveLength(2);
    expect(await importAcledFile(db, CURRENT)).toMatchObject({ created: 0, unchanged: 4 });
    // Parsed in the worker thread: an unreadable record is still reported by its line, in its place.
    const stray = variant("stray-quote-bulk.csv", (lines) => [...lines.slice(0, 3), 'PAK9998,2025-01-12,2025,1,x,"bad "quote" inside",y', ...lines.slice(3)]);
    const bulkStray = await importAcledFile(db, stray, { expectedRows: BULK_MIN_ROWS, exclusive: true });
    expect(bulkStray).toMatchObject({ rows: 7, unchanged: 4, skipped: 3 });
    expect(bulkStray.problems[0]).toEqual({ line: 4, reason: 'unreadable CSV (text after a closing quote: got "q" where a comma or a line end should be)' });

    // A bulk load that fails leaves the store as it was, indexes included.
    const count = db.$client.prepare("select count(*) as n from events").get();
    const tooMany = variant("too-many.csv", (lines) => lines.map((l) => l.replace(/^(PAK|AFG)(\d+),/, "$1$29,")));
    await expect(importAcledFile(db, tooMany, { expectedRows: BULK_MIN_ROWS, exclusive: true, maxRows: 2 })).rejects.toThrow(/more than 2 rows/);
    expect(db.$client.prepare("select count(*) as n from events").get()).toEqual(count);
    expect(indexes()).toEqual(before);
    expect(triggers()).toEqual(triggersBefore);
    expect(db.$client.inTransaction).toBe(false);
    expect(db.$client.pragma("cache_size", { simple: true })).toBe(cacheSize);
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);

    // What the worker finds wrong with the file comes back as the same errors as on the small-file path.
    const notAcled = path.join(tmp, "not-acled.csv");
    writeFileSync(notAcled, "title,author\nA,B\n");
    await expect(importAcledFile(db, notAcled, { expectedRows: BULK_MIN_ROWS, exclusive: true })).rejects.toThrow(AcledHeaderError);
    for (const expectedRows of [BULK_MIN_ROWS, 0]) {
      await expect(importAcledFile(db, path.join(tmp, "no-such.csv"), { expectedRows })).rejects.toThrow("the file does not exist");
      await expect(importAcledFile(db, tmp, { expectedRows })).rejects.toThrow("that is a folder, not a file");
    }
    expect(db.$client.prepare("select count(*) as n from events").get()).toEqual(count);
    expect(indexes()).toEqual(before);
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("refuses a file that is not an ACLED export, naming the missing columns", async () => {
    await expect(importAcled(db, Readable.from(["title,author\nA,B\n"]))).rejects.toThrow(AcledHeaderError);
    await expect(importAcled(db, Readable.from(["title,author\nA,B\n"]))).rejects.toThrow(/event_id_cnty/);
  });

  it("maps ACLED types and precisions onto borderdesk's", () => {
    expect(borderdeskType("Explosions/Remote violence", "Air/drone strike")).toBe("airstrike");
    expect(borderdeskType("Explosions/Remote violence", "Shelling/artillery/missile attack")).toBe("shelling");
    expect(borderdeskType("Protests", "Peaceful protest")).toBe("other");
    expect(storedDate("2025-01-15", 2)).toEqual({ occurredOn: "2025-01", precision: "month" });
    // A week that straddles two months is only known to its year.
    expect(storedDate("2025-01-30", 2)).toEqual({ occurredOn: "2025", precision: "year" });
    expect(storedDate("2025-01-30", 3)).toEqual({ occurredOn: "2025-01", precision: "month" });
  });
});
