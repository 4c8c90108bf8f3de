import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Db } from "../../src/db/client.ts";
import { BULK_MIN_ROWS, importAcledFile, type AcledImportReport } from "../../src/acled/import.ts";
import { acledPair } from "../../src/incidents/vocabulary.ts";
import { loadIncidentHeads, loadIncidents } from "../../src/store/incidents.ts";
import { seededStore } from "../helpers/store.ts";

/**
 * A bulk load (--exclusive, big file, small store) numbers the incidents of rows that can only stand alone as it
 * writes them and links the rest before it commits; an ordinary import links everything afterwards. Both must
 * leave the same store: the same rows in the same incidents, with the same facts.
 */

const HEADER = readFileSync(path.join(import.meta.dirname, "fixtures", "current.csv"), "utf8").split("\n")[0] ?? "";
const COLUMNS = HEADER.split(",");
const tmp = mkdtempSync(path.join(os.tmpdir(), "borderdesk-acled-bulk-link-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function row(values: Record<string, string>): string {
  return COLUMNS.map((c) => {
    const v = values[c] ?? "";
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(",");
}

function csv(rows: readonly Record<string, string>[]): string {
  return `${HEADER}\n${rows.map(row).join("\n")}\n`;
}

function dayAfter(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Seeded {
  day: string;
  type: string;
  summary: string;
  killed: number | null;
  /** The incident's place and the places it is in, nearest first. */
  chain: string[];
  /** The name of an organisation or person among its actors, if it has one. */
  actor: string | undefined;
}

/**
 * An export written against the seeded store's incidents: for each, a row on its day telling what it tells (it
 * should join it), at its place or at a new village inside it (a place the import makes as it goes); a row at its
 * place nine days later (near nothing); and the first row again as a coarse one (time_precision 3).
 */
function exportFor(db: Db): Record<string, string>[] {
  const incidents = db.$client
    .prepare<[], { id: number; day: string; type: string; summary: string; killed: number | null; placeId: number }>(
      `select id, occurred_on as day, type, summary, killed_max as killed, place_id as placeId from incidents
       where length(occurred_on) = 10 and place_id is not null and id in (select incident_id from events where source = 'timeline') order by id`,
    )
    .all();
  const parent = db.$client.prepare<[number], { name: string; parentId: number | null }>("select name, parent_id as parentId from entities where id = ?");
  const actorOf = db.$client
    .prepare<[number], string>(
      `select a.name from event_actors ea join events e on e.id = ea.event_id join entities a on a.id = ea.entity_id
       where e.incident_id = ? and ea.role <> 'place' and a.kind in ('organisation', 'person') order by a.id limit 1`,
    )
    .pluck();
  const seeded: Seeded[] = incidents.flatMap((i) => {
    const chain: string[] = [];
    for (let id: number | null = i.placeId; id !== null && chain.length < 4; ) {
      const e = parent.get(id);
      if (!e) break;
      chain.push(e.name);
      id = e.parentId;
    }
    const pair = acledPair(i.type);
    return pair && chain.length >= 2 ? [{ day: i.day, type: i.type, summary: i.summary, killed: i.killed, chain, actor: actorOf.get(i.id) }] : [];
  });
  const lines: Record<string, string>[] = [];
  let n = 0;
  for (const [k, s] of seeded.entries()) {
    const [eventType, subType] = acledPair(s.type) ?? ["", ""];
    const [place, ...outer] = s.chain;
    const country = outer.at(-1) ?? place ?? "";
    const admin1 = outer.length >= 2 ? (outer.at(-2) ?? "") : (place ?? "");
    const base = (id: string, day: string, extra: Record<string, string> = {}): Record<string, string> => ({
        event_id_cnty: id, event_date: day, year: day.slice(0, 4), time_precision: "1", disorder_type: "Political violence", event_type: eventType, sub_event_type: subType,
        actor1: "Unidentified Armed Group (Pakistan)", country, admin1, admin2: place ?? "", location: place ?? "", latitude: "33.0", longitude: "70.0", geo_precision: "1",
        source: "Dawn", source_scale: "National", notes: s.summary, fatalities: s.killed === null ? "" : String(s.killed), timestamp: "1736900000", ...extra,
      });
    // Rows on its day at its place that tell something else, by other actors: near it, but not taken (a bulk load
    // numbers them as it writes them). In a per-actor export, a later row of the same event gives it one of the
    // incident's actors, which may be what makes it join.
    const other = { actor1: "Protesters (Pakistan)", notes: "Traders shuttered shops over electricity tariffs.", fatalities: "" };
    if (k % 4 === 3 && s.actor) {
      const id = `BLK${++n}`;
      lines.push(base(id, s.day, other), base(id, s.day, { ...other, actor2: s.actor }));
      lines.push(base(`BLK${++n}`, s.day, { ...other, notes: "Shopkeepers protested against power cuts." }));
      continue;
    }
    // An incident takes one ACLED row at most: every other one is told from a village inside its place.
    lines.push(k % 2 === 0 ? base(`BLK${++n}`, s.day) : base(`BLK${++n}`, s.day, { location: `${place ?? ""} Kalay ${n}` }));
    if (k % 4 === 1) lines.push(base(`BLK${++n}`, s.day, other));
    lines.push(base(`BLK${++n}`, dayAfter(s.day, 9)));
    lines.push(base(`BLK${++n}`, s.day, { time_precision: "3" }));
  }
  return lines;
}

/** Every report with the first report of its incident and the incident's facts (ids left out: they may differ). */
function linkedState(db: Db): unknown[] {
  return db.$client
    .prepare(
      `select coalesce(e.external_id, e.report_key, e.id) as report, e.link_score as score, coalesce(f.external_id, f.report_key, f.id) as firstReport,
         i.occurred_on, i.precision, i.type, i.place_id, i.summary, i.killed_max, i.significance, i.report_count, i.outlet_count, i.has_curated, i.status, i.tally
       from events e left join incidents i on i.id = e.incident_id left join events f on f.id = i.first_report_id order by 1`,
    )
    .all();
}

let ordinary: Db;
let bulk: Db;
let reports: { ordinary: AcledImportReport; bulk: AcledImportReport };

beforeAll(async () => {
  ordinary = seededStore();
  bulk = seededStore();
  const file = path.join(tmp, "export.csv");
  writeFileSync(file, csv(exportFor(ordinary)));
  reports = {
    ordinary: await importAcledFile(ordinary, file, { expectedRows: 0 }),
    bulk: await importAcledFile(bulk, file, { expectedRows: BULK_MIN_ROWS, exclusive: true }),
  };
}, 120_000);
afterAll(() => {
  closeDb(ordinary);
  closeDb(bulk);
});

describe("a bulk ACLED load links its rows as an ordinary import does", () => {
  it("joins rows to the seeded incidents they tell of, at their place and at a village the import made inside it", () => {
    expect(reports.ordinary.skipped, JSON.stringify(reports.ordinary.problems.slice(0, 3))).toBe(0);
    expect(reports.ordinary.incidents.linked).toBeGreaterThan(10);
    expect(reports.ordinary.entitiesCreated).toBeGreaterThan(10);
    const atVillage = ordinary.$client
      .prepare<[], number>(
        `select count(*) from events e join entities p on p.id = e.place_id
         where e.source = 'acled' and p.name like '% Kalay %' and e.incident_id in (select incident_id from events where source = 'timeline')`,
      )
      .pluck()
      .get();
    expect(atVillage).toBeGreaterThan(0);
  });

  it("has rows near an incident that it does not take, and per-actor rows whose later actor makes the event join", () => {
    const count = (sql: string): number | undefined => ordinary.$client.prepare<[], number>(sql).pluck().get();
    const protests = `select e.id from events e join acled_details d on d.event_id = e.id where e.source = 'acled' and d.notes is null and e.summary like '%electricity tariffs%'`;
    const inCurated = "incident_id in (select incident_id from events where source = 'timeline')";
    expect(count(`select count(*) from events where id in (${protests}) and not ${inCurated}`)).toBeGreaterThan(3);
    // Of the per-actor events (two rows), some joined the incident through the actor their second row added.
    const twoRowed = `select e.id from events e where e.source = 'acled' and e.id in (${protests})
      and (select count(*) from event_actors ea where ea.event_id = e.id) > 0`;
    expect(count(`select count(*) from events where id in (${twoRowed}) and ${inCurated}`)).toBeGreaterThan(0);
  });

  it("leaves the same incidents, with the same reports and facts, and every row pointing at one that exists", () => {
    expect(reports.bulk.incidents).toEqual(reports.ordinary.incidents);
    expect(linkedState(bulk)).toEqual(linkedState(ordinary));
    expect(bulk.$client.prepare("select count(*) as n from events where incident_id is null").get()).toEqual({ n: 0 });
    expect(bulk.$client.pragma("foreign_key_check")).toEqual([]);
  });

  it("stores no second copy of a lone row's summary: the incident read model shows the row's own", () => {
    for (const db of [bulk, ordinary]) {
      const lone = db.$client
        .prepare<[], { id: number; stored: string; summary: string }>(
          `select i.id, i.summary as stored, e.summary from incidents i join events e on e.id = i.first_report_id
           where e.source = 'acled' and i.report_count = 1 order by i.id`,
        )
        .all();
      expect(lone.length).toBeGreaterThan(10);
      expect(new Set(lone.map((l) => l.stored))).toEqual(new Set([""]));
      const ids = lone.map((l) => l.id);
      const want = lone.map((l) => l.summary);
      expect(loadIncidentHeads(db, ids).map((h) => h.summary)).toEqual(want);
      expect(loadIncidents(db, ids).map((i) => i.summary)).toEqual(want);
      // An incident with a summary of its own shows it.
      const own = db.$client.prepare<[], { id: number; summary: string }>("select id, summary from incidents where has_curated = 1 order by id limit 3").all();
      expect(loadIncidentHeads(db, own.map((o) => o.id)).map((h) => h.summary)).toEqual(own.map((o) => o.summary));
    }
  });

  it("puts the connection's settings back after the load (a bigger page cache and a sorter thread while it runs)", () => {
    const settings = (db: Db): unknown[] => ["cache_size", "threads", "foreign_keys", "temp_store"].map((p) => db.$client.pragma(p, { simple: true }));
    expect(settings(bulk)).toEqual(settings(ordinary));
  });

  it("has every trigger back after the load (it drops event_actors' insert triggers while it writes)", () => {
    const triggers = (db: Db): unknown[] => db.$client.prepare("select name, tbl_name, sql from sqlite_master where type = 'trigger' order by name").all();
    expect(triggers(bulk)).toEqual(triggers(ordinary));
    expect(triggers(bulk).some((t) => (t as { name: string }).name === "incidents_tally_actor_added")).toBe(true);
  });
});

describe("a per-actor row for an event an earlier import linked", () => {
  it("clears the incident's tally in a bulk load as the trigger does in an ordinary import", async () => {
    const first = row({
      event_id_cnty: "TAL1", event_date: "2024-05-05", year: "2024", time_precision: "1", disorder_type: "Political violence", event_type: "Battles",
      sub_event_type: "Armed clash", actor1: "Military Forces of Pakistan (2024-)", actor2: "Police Forces of Pakistan (2024-)", country: "Pakistan",
      admin1: "Khyber Pakhtunkhwa", admin2: "Bannu", location: "Bannu", latitude: "33.0", longitude: "70.6", geo_precision: "1", source: "Dawn",
      source_scale: "National", notes: "Troops and militants exchanged fire near Bannu.", fatalities: "2", timestamp: "1736900000",
    });
    const second = first.replace("Police Forces of Pakistan (2024-)", "TTP: Tehrik-i-Taliban Pakistan");
    const once = path.join(tmp, "tally-once.csv");
    const twice = path.join(tmp, "tally-twice.csv");
    writeFileSync(once, `${HEADER}\n${first}\n`);
    writeFileSync(twice, `${HEADER}\n${first}\n${second}\n`);
    const tallies: unknown[] = [];
    for (const bulkLoad of [false, true]) {
      const db = seededStore();
      try {
        await importAcledFile(db, once, { expectedRows: 0 });
        const actorsOf = (): number | undefined =>
          db.$client.prepare<[], number>("select count(*) from event_actors a join events e on e.id = a.event_id where e.external_id = 'TAL1' and a.role <> 'place'").pluck().get();
        const before = actorsOf() ?? 0;
        const incident = db.$client.prepare<[], number>("select incident_id from events where external_id = 'TAL1'").pluck().get();
        expect(incident).toBeTypeOf("number");
        db.$client.prepare<[number]>(`update incidents set tally = '{"kept":true}' where id = ?`).run(incident ?? -1);
        await importAcledFile(db, twice, bulkLoad ? { expectedRows: BULK_MIN_ROWS, exclusive: true } : { expectedRows: 0 });
        expect(actorsOf()).toBeGreaterThan(before);
        tallies.push(db.$client.prepare<[number], string | null>("select tally from incidents where id = ?").pluck().get(incident ?? -1));
      } finally {
        closeDb(db);
      }
    }
    expect(tallies).toEqual([null, null]);
  }, 60_000);
});

describe("an updated export after a first import (ACLED reports already in incidents)", () => {
  const BULK = { expectedRows: BULK_MIN_ROWS, exclusive: true };
  let first: Record<string, string>[];
  let stores: { ordinary: Db; bulk: Db };
  let reports2: { ordinary: AcledImportReport; bulk: AcledImportReport };
  /** The new rows the updated export adds, each telling what an event it moves away told. */
  const fresh: string[] = [];

  beforeAll(async () => {
    stores = { ordinary: seededStore(), bulk: seededStore() };
    first = exportFor(stores.ordinary);
    const one = path.join(tmp, "update-one.csv");
    writeFileSync(one, csv(first));
    await importAcledFile(stores.ordinary, one, { expectedRows: 0 });
    await importAcledFile(stores.bulk, one, BULK);
    // The updated export: each day row that joined a curated incident moves 40 days on, and a new row tells what it
    // told (before it in the file for one incident, after it for the next); every third other row's notes change;
    // the rest (per-actor pairs among them) are as they were.
    const inCurated = stores.ordinary.$client
      .prepare<[string], number>(
        `select count(*) from events e where e.external_id = ? and e.incident_id in (select incident_id from events where source = 'timeline')`,
      )
      .pluck();
    const second: Record<string, string>[] = [];
    let moved = 0;
    for (const [i, r] of first.entries()) {
      const id = r.event_id_cnty ?? "";
      if (r.time_precision === "1" && inCurated.get(id) === 1) {
        const day = r.event_date ?? "";
        const away = { ...r, event_date: dayAfter(day, 40), year: dayAfter(day, 40).slice(0, 4) };
        const added = { ...r, event_id_cnty: `${id}N` };
        // A per-actor event's rows move (and are added) together.
        if (!fresh.includes(`${id}N`)) fresh.push(`${id}N`);
        second.push(...(moved++ % 2 === 0 ? [added, away] : [away, added]));
      } else if (i % 3 === 0) second.push({ ...r, notes: `${r.notes ?? ""} Local sources confirmed it.` });
      else second.push(r);
    }
    const two = path.join(tmp, "update-two.csv");
    writeFileSync(two, csv(second));
    reports2 = {
      ordinary: await importAcledFile(stores.ordinary, two, { expectedRows: 0 }),
      bulk: await importAcledFile(stores.bulk, two, BULK),
    };
  }, 120_000);
  afterAll(() => {
    closeDb(stores.ordinary);
    closeDb(stores.bulk);
  });

  it("updates, adds and leaves rows as an ordinary import does", () => {
    const counts = (r: AcledImportReport): unknown => ({ created: r.created, updated: r.updated, unchanged: r.unchanged, merged: r.merged, skipped: r.skipped });
    expect(counts(reports2.bulk)).toEqual(counts(reports2.ordinary));
    expect(reports2.ordinary.created).toBe(fresh.length);
    expect(fresh.length).toBeGreaterThan(5);
    expect(reports2.ordinary.updated).toBeGreaterThan(fresh.length);
    expect(reports2.ordinary.unchanged).toBeGreaterThan(5);
  });

  it("joins a new row to the curated incident whose ACLED report the export moves away, as an ordinary import does", () => {
    const joined = (db: Db): string[] =>
      fresh.filter(
        (id) =>
          db.$client
            .prepare<[string], number>(`select count(*) from events e where e.external_id = ? and e.incident_id in (select incident_id from events where source = 'timeline')`)
            .pluck()
            .get(id) === 1,
      );
    expect(joined(stores.ordinary).length).toBeGreaterThan(fresh.length / 2);
    expect(joined(stores.bulk)).toEqual(joined(stores.ordinary));
  });

  it("leaves the same events, incidents and links", () => {
    expect(reports2.bulk.incidents).toEqual(reports2.ordinary.incidents);
    expect(linkedState(stores.bulk)).toEqual(linkedState(stores.ordinary));
    const events = (db: Db): unknown[] =>
      db.$client.prepare("select external_id, occurred_on, precision, type, place_id, summary, killed from events where source = 'acled' order by external_id").all();
    expect(events(stores.bulk)).toEqual(events(stores.ordinary));
    const actors = (db: Db): unknown[] =>
      db.$client.prepare("select e.external_id, a.entity_id, a.role from event_actors a join events e on e.id = a.event_id where e.source = 'acled' order by 1, 2, 3").all();
    expect(actors(stores.bulk)).toEqual(actors(stores.ordinary));
    expect(stores.bulk.$client.prepare("select count(*) as n from events where incident_id is null").get()).toEqual({ n: 0 });
    expect(stores.bulk.$client.pragma("foreign_key_check")).toEqual([]);
  });
});

describe("a bulk load next to an incident whose ACLED report it moves (the second reader's case)", () => {
  it("gives a new row near it the incident, as an ordinary import does", async () => {
    const a = seededStore();
    const b = seededStore();
    try {
      const incidents = a.$client
        .prepare<[], { id: number; day: string; type: string; summary: string; placeId: number }>(
          `select id, occurred_on as day, type, summary, place_id as placeId from incidents
           where type in ('attack', 'clash', 'bombing', 'airstrike') and length(occurred_on) = 10 and place_id is not null
             and id in (select incident_id from events where source = 'timeline')
             and id not in (select incident_id from events where source <> 'timeline' and incident_id is not null) order by id`,
        )
        .all();
      const parent = a.$client.prepare<[number], { name: string; parentId: number | null }>("select name, parent_id as parentId from entities where id = ?");
      const s = incidents
        .map((i) => {
          const chain: string[] = [];
          for (let id: number | null = i.placeId; id !== null && chain.length < 4; ) {
            const e = parent.get(id);
            if (!e) break;
            chain.push(e.name);
            id = e.parentId;
          }
          return { ...i, chain };
        })
        .find((i) => acledPair(i.type) && i.chain.length >= 2);
      if (!s) throw new Error("the seeded store has no curated clash with a place two deep");
      const [eventType, subType] = acledPair(s.type) ?? ["", ""];
      const [place, ...outer] = s.chain;
      const country = outer.at(-1) ?? place ?? "";
      const admin1 = outer.length >= 2 ? (outer.at(-2) ?? "") : (place ?? "");
      const base = (id: string, day: string): Record<string, string> => ({
        event_id_cnty: id, event_date: day, year: day.slice(0, 4), time_precision: "1", disorder_type: "Political violence", event_type: eventType, sub_event_type: subType,
        actor1: "Unidentified Armed Group (Pakistan)", country, admin1, admin2: place ?? "", location: place ?? "", latitude: "33.0", longitude: "70.0", geo_precision: "1",
        source: "Dawn", source_scale: "National", notes: s.summary, fatalities: "", timestamp: "1736900000",
      });
      const incidentOf = (db: Db, ext: string): number | null | undefined => db.$client.prepare<[string], number | null>("select incident_id from events where external_id = ?").pluck().get(ext);
      const one = path.join(tmp, "near-one.csv");
      writeFileSync(one, csv([base("R9X", s.day)]));
      for (const db of [a, b]) await importAcledFile(db, one, { expectedRows: 0 });
      expect(incidentOf(a, "R9X")).toBe(s.id);
      expect(incidentOf(b, "R9X")).toBe(s.id);
      // A new row R near the incident, then X's row moved 40 days: once X has left, R is the incident's ACLED report.
      const two = path.join(tmp, "near-two.csv");
      writeFileSync(two, csv([base("R9R", s.day), base("R9X", dayAfter(s.day, 40))]));
      await importAcledFile(a, two, { expectedRows: 0 });
      await importAcledFile(b, two, { expectedRows: BULK_MIN_ROWS, exclusive: true });
      expect(incidentOf(a, "R9R")).toBe(s.id);
      expect(incidentOf(b, "R9R")).toBe(s.id);
      expect(incidentOf(b, "R9X")).not.toBe(s.id);
      expect(linkedState(b)).toEqual(linkedState(a));
    } finally {
      closeDb(a);
      closeDb(b);
    }
  }, 60_000);
});

describe("a bulk load that fails while it sets up", () => {
  const settings = (db: Db): unknown[] => ["cache_size", "threads", "foreign_keys", "temp_store"].map((p) => db.$client.pragma(p, { simple: true }));
  const schema = (db: Db): unknown[] => db.$client.prepare("select type, name, sql from sqlite_master order by type, name").all();
  const one = (): string => {
    const file = path.join(tmp, "setup-fails.csv");
    writeFileSync(
      file,
      csv([
        {
          event_id_cnty: "SET1", event_date: "2024-05-05", year: "2024", time_precision: "1", disorder_type: "Political violence", event_type: "Battles",
          sub_event_type: "Armed clash", actor1: "Military Forces of Pakistan (2024-)", country: "Pakistan", admin1: "Khyber Pakhtunkhwa", admin2: "Bannu",
          location: "Bannu", latitude: "33.0", longitude: "70.6", geo_precision: "1", source: "Dawn", source_scale: "National",
          notes: "Troops and militants exchanged fire near Bannu.", fatalities: "2", timestamp: "1736900000",
        },
      ]),
    );
    return file;
  };

  /** Runs a bulk load that must fail, checks the connection and store are as before, then loads again without `block`. */
  async function failsThenLoads(db: Db, block: string, unblock: string, error: RegExp): Promise<void> {
    db.$client.exec(block);
    const before = { settings: settings(db), schema: schema(db), linked: linkedState(db) };
    expect(before.settings[2]).toBe(1);
    await expect(importAcledFile(db, one(), { expectedRows: BULK_MIN_ROWS, exclusive: true })).rejects.toThrow(error);
    expect(db.$client.inTransaction).toBe(false);
    expect(settings(db)).toEqual(before.settings);
    // Rolled back: the indexes and triggers it drops are there, nothing was linked or written.
    expect(schema(db)).toEqual(before.schema);
    expect(linkedState(db)).toEqual(before.linked);
    db.$client.exec(unblock);
    const report = await importAcledFile(db, one(), { expectedRows: BULK_MIN_ROWS, exclusive: true });
    expect(report.created).toBe(1);
    expect(db.$client.prepare("select count(*) as n from events where incident_id is null").get()).toEqual({ n: 0 });
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
    expect(settings(db)).toEqual(before.settings);
  }

  it("on a trigger it does not know on event_actors: rolled back, foreign keys on again, no transaction open", async () => {
    const db = seededStore();
    try {
      await failsThenLoads(
        db,
        "create trigger audit_actor after insert on event_actors begin select 1; end",
        "drop trigger audit_actor",
        /unknown trigger\(s\) audit_actor/,
      );
    } finally {
      closeDb(db);
    }
  }, 60_000);

  it("when linking what waited fails (its first step): rolled back, foreign keys on again, no transaction open", async () => {
    const db = seededStore();
    try {
      // A curated entry waiting for linking, and a store that refuses to link it.
      db.$client.exec(`update events set incident_id = null where id = (select min(id) from events where source = 'timeline')`);
      await failsThenLoads(
        db,
        `create trigger no_linking before update of incident_id on events when new.incident_id is not null begin select raise(abort, 'linking refused'); end`,
        "drop trigger no_linking",
        /linking refused/,
      );
    } finally {
      closeDb(db);
    }
  }, 60_000);
});
