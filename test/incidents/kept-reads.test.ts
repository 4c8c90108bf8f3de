/**
 * Linking keeps what it read of the places and of the incidents of a month or year from one pass to the next
 * (src/incidents/generations.ts). These tests change what was kept, in every way a store changes, and hold the
 * candidates linking finds to what a fresh read finds: a place moved, an incident made at a kept date, a write
 * rolled back, and a commit by another connection. Incidents' tallies are kept as parsed: one written by a pass that
 * was rolled back is read again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { candidateIncidentIds, linkReports, type CandidateKey } from "../../src/incidents/link.ts";
import { refreshIncidents } from "../../src/incidents/refresh.ts";
import { parseTally } from "../../src/incidents/tally.ts";

let dir: string;
let db: Db;
let other: Db;
let province: number;
let town: number;

function addIncident(on: Db, date: string, type: string, place: number | null): number {
  const precision = date.length === 10 ? "day" : date.length === 7 ? "month" : "year";
  return Number(
    on.$client
      .prepare(`insert into incidents (occurred_on, precision, year, type, place_id, summary, created_at) values (?, ?, ?, ?, ?, 'x', '2026-01-01T00:00:00Z')`)
      .run(date, precision, Number(date.slice(0, 4)), type, place).lastInsertRowid,
  );
}

const yearAttack = (place: number): CandidateKey => ({ occurredOn: "2023", precision: "year", type: "attack", placeId: place });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bd-kept-"));
  db = openDb(path.join(dir, "store.sqlite"));
  other = openDb(path.join(dir, "store.sqlite"));
  const addPlace = db.$client.prepare<[string, string, number | null]>(`insert into entities (slug, kind, subtype, name, parent_id) values (?, 'place', 'locality', ?, ?)`);
  const country = Number(addPlace.run("country", "Country", null).lastInsertRowid);
  province = Number(addPlace.run("province", "Province", country).lastInsertRowid);
  town = Number(addPlace.run("town", "Town", null).lastInsertRowid);
});

afterAll(() => {
  closeDb(other);
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe("what linking keeps between passes", () => {
  it("sees a place moved inside another after its chain was read", () => {
    const atProvince = addIncident(db, "2022", "attack", province);
    expect(candidateIncidentIds(db.$client, { ...yearAttack(town), occurredOn: "2022" })).toEqual([]);
    db.$client.prepare("update entities set parent_id = ? where id = ?").run(province, town);
    expect(candidateIncidentIds(db.$client, { ...yearAttack(town), occurredOn: "2022" })).toEqual([atProvince]);
  });

  it("sees an incident made, changed and removed at a month or year it read", () => {
    expect(candidateIncidentIds(db.$client, yearAttack(province))).toEqual([]);
    const made = addIncident(db, "2023", "attack", province);
    expect(candidateIncidentIds(db.$client, yearAttack(province))).toEqual([made]);
    db.$client.prepare("update incidents set type = 'closure' where id = ?").run(made);
    expect(candidateIncidentIds(db.$client, yearAttack(province))).toEqual([]);
    db.$client.prepare("update incidents set type = 'clash' where id = ?").run(made);
    expect(candidateIncidentIds(db.$client, yearAttack(province))).toEqual([made]);
    db.$client.prepare("delete from incidents where id = ?").run(made);
    expect(candidateIncidentIds(db.$client, yearAttack(province))).toEqual([]);
  });

  it("forgets what it read inside a write that was rolled back", () => {
    const c = db.$client;
    c.exec("begin");
    const rolledBack = addIncident(db, "2023-05", "attack", province);
    expect(candidateIncidentIds(c, { ...yearAttack(province), occurredOn: "2023-05", precision: "month" })).toEqual([rolledBack]);
    c.exec("rollback");
    expect(candidateIncidentIds(c, { ...yearAttack(province), occurredOn: "2023-05", precision: "month" })).toEqual([]);
    // The same row id again, of a type that cannot join: a list kept before the rollback must not come back.
    c.exec("begin");
    const again = addIncident(db, "2023-05", "closure", province);
    c.exec("commit");
    expect(again).toBe(rolledBack);
    expect(candidateIncidentIds(c, { ...yearAttack(province), occurredOn: "2023-05", precision: "month" })).toEqual([]);
  });

  it("sees what another connection committed", () => {
    expect(candidateIncidentIds(db.$client, { ...yearAttack(province), occurredOn: "2021" })).toEqual([]);
    const theirs = addIncident(other, "2021", "bombing", province);
    expect(candidateIncidentIds(db.$client, { ...yearAttack(province), occurredOn: "2021" })).toEqual([theirs]);
    const apart = Number(other.$client.prepare(`insert into entities (slug, kind, subtype, name, parent_id) values ('apart', 'place', 'locality', 'Apart', null)`).run().lastInsertRowid);
    const atApart = addIncident(db, "2021", "attack", apart);
    expect(candidateIncidentIds(db.$client, { ...yearAttack(apart), occurredOn: "2021" })).toEqual([atApart]);
    other.$client.prepare("update entities set parent_id = ? where id = ?").run(province, apart);
    expect(candidateIncidentIds(db.$client, { ...yearAttack(apart), occurredOn: "2021" }).sort((a, b) => a - b)).toEqual([theirs, atApart].sort((a, b) => a - b));
  });

  // A day's incidents are read with their tally; a month's are listed without it and asked whether they still hold it.
  for (const [when, precision] of [
    ["2024-03-01", "day"],
    ["2024-04", "month"],
  ] as const) {
    it(`reads a tally again when the pass that wrote it was rolled back (${precision})`, () => {
      const c = db.$client;
      const addArticle = c.prepare<[string, string, string]>(`insert into articles (slug, title, outlet, published_on, published_precision, kind, ingested_at) values (?, ?, ?, '2024-05-02', 'day', 'article', 'test')`);
      const addReport = c.prepare<[string, string, string | null, string, number, number]>(
        `insert into events (occurred_on, precision, year, month_day, type, summary, place_id, killed, source, article_id)
         values (?, ?, 2024, ?, 'attack', ?, ${town}, ?, 'article', ?)`,
      );
      const report = (outlet: string, killed = 7, summary = "Gunmen stormed the Kotkai checkpoint overnight"): number => {
        const article = Number(addArticle.run(`${precision}-${outlet.toLowerCase()}`, `Checkpoint attack (${outlet})`, outlet).lastInsertRowid);
        return Number(addReport.run(when, precision, precision === "day" ? when.slice(5) : null, summary, killed, article).lastInsertRowid);
      };
      const now = new Date("2026-01-01T00:00:00Z");
      const first = report("Dawn");
      linkReports(c, [first], now);
      linkReports(c, [report("Geo")], now);
      const incident = c.prepare<[number], number>("select incident_id from events where id = ?").pluck().get(first) ?? 0;
      const tally = () => parseTally(c.prepare<[number], string | null>("select tally from incidents where id = ?").pluck().get(incident) ?? null);
      expect(tally()?.n).toBe(2);
      // A third outlet joins with a figure of its own (9 killed), and its tally is written; then the write is rolled back.
      c.exec("begin");
      linkReports(c, [report("Express", 9)], now);
      expect(tally()?.n).toBe(3);
      expect(tally()?.figures).toContain(9);
      c.exec("rollback");
      expect(tally()?.n).toBe(2);
      // A fourth report in other words with that figure: only the rolled-back report's figure would corroborate it, so
      // against the incident as it is it stands alone. (A report left unlinked first, so that the fourth's id is not the
      // rolled-back one's: the tally would refuse that id.)
      c.prepare(`insert into events (occurred_on, precision, year, type, summary, source) values ('2001', 'year', 2001, 'statement', 'spare', 'article')`).run();
      const fourth = report("Tribune", 9, "Shops shut after a curfew order");
      expect(linkReports(c, [fourth], now)).toMatchObject({ linked: 0, created: 1 });
      expect(c.prepare<[number], number>("select incident_id from events where id = ?").pluck().get(fourth)).not.toBe(incident);
      expect(tally()?.n).toBe(2);
      // The same report in the incident's own words joins it: two reports before it.
      const fifth = report("Nation");
      expect(linkReports(c, [fifth], now).linked).toBe(1);
      expect(tally()?.n).toBe(3);
      expect(tally()?.outlets.sort()).toEqual(["dawn", "geo", "nation"]);
    });
  }

  it("reads a tally again when the refresh that wrote it was rolled back", () => {
    // A refresh keeps the tally it writes parsed (an article ingested again has its incidents refreshed without its
    // reports, then links them again); one whose write was rolled back must not stand for the incident.
    const c = db.$client;
    const addArticle = c.prepare<[string, string, string]>(`insert into articles (slug, title, outlet, published_on, published_precision, kind, ingested_at) values (?, ?, ?, '2024-06-02', 'day', 'article', 'test')`);
    const addReport = c.prepare<[string, number, number]>(
      `insert into events (occurred_on, precision, year, month_day, type, summary, place_id, killed, source, article_id)
       values ('2024-06-01', 'day', 2024, '06-01', 'attack', ?, ${town}, ?, 'article', ?)`,
    );
    const report = (outlet: string, killed: number, summary = "Gunmen stormed the Spinwam checkpoint overnight"): number => {
      const article = Number(addArticle.run(`refresh-${outlet.toLowerCase()}`, `Spinwam attack (${outlet})`, outlet).lastInsertRowid);
      return Number(addReport.run(summary, killed, article).lastInsertRowid);
    };
    const now = new Date("2026-01-01T00:00:00Z");
    const first = report("Dawn", 7);
    linkReports(c, [first], now);
    linkReports(c, [report("Geo", 7)], now);
    const third = report("Express", 11);
    expect(linkReports(c, [third], now).linked).toBe(1);
    const incident = c.prepare<[number], number>("select incident_id from events where id = ?").pluck().get(first) ?? 0;
    const tally = () => parseTally(c.prepare<[number], string | null>("select tally from incidents where id = ?").pluck().get(incident) ?? null);
    expect(tally()?.figures).toContain(11);
    // The third report taken out and the incident refreshed without it (its tally, without 11, is written and kept);
    // then rolled back: the incident holds the third report and its figure again.
    c.exec("begin");
    c.prepare("update events set incident_id = null where id = ?").run(third);
    refreshIncidents(c, [incident]);
    expect(tally()?.figures).not.toContain(11);
    c.exec("rollback");
    expect(tally()?.figures).toContain(11);
    // A report in other words whose only agreement is the figure 11: it joins the incident as it is.
    const other = report("Nation", 11, "Shops shut after a curfew order");
    expect(linkReports(c, [other], now).linked).toBe(1);
    expect(c.prepare<[number], number>("select incident_id from events where id = ?").pluck().get(other)).toBe(incident);
  });
  it("sees a place's finer incidents become too few to be ambiguous: one removed, changed, rolled back, or by another connection", () => {
    // A background "in 2019, … in Village" links to none of the incidents there that year when there are twelve or more
    // of its kind (too many to tell apart): that verdict is kept, and must go when they become fewer.
    const c = db.$client;
    const village = Number(c.prepare(`insert into entities (slug, kind, subtype, name, parent_id) values ('village', 'place', 'locality', 'Village', null)`).run().lastInsertRowid);
    const key: CandidateKey = { occurredOn: "2019", precision: "year", type: "attack", placeId: village };
    const made = Array.from({ length: 12 }, (_, i) => addIncident(db, `2019-0${1 + (i % 9)}-1${i % 10}`, "attack", village));
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    expect(candidateIncidentIds(c, key)).toEqual([]);
    c.prepare("delete from incidents where id = ?").run(made[0]);
    expect(sorted(candidateIncidentIds(c, key))).toEqual(made.slice(1));
    const back = addIncident(db, "2019-12-01", "clash", village);
    expect(candidateIncidentIds(c, key)).toEqual([]);
    c.prepare("update incidents set type = 'closure' where id = ?").run(back);
    expect(sorted(candidateIncidentIds(c, key))).toEqual(made.slice(1));
    c.prepare("update incidents set type = 'clash' where id = ?").run(back);
    expect(candidateIncidentIds(c, key)).toEqual([]);
    // A dismissed incident is still a candidate (a later report of it is dismissed with it): it still counts.
    c.prepare(`insert into incident_decisions (action, report_key, user_id, created_at) values ('dismiss', 'x', '1', '2026-01-01T00:00:00Z')`).run();
    c.prepare("update incidents set status = 'dismissed' where id = ?").run(back);
    expect(candidateIncidentIds(c, key)).toEqual([]);
    c.prepare("update incidents set occurred_on = '2020-12-01' where id = ?").run(back);
    expect(sorted(candidateIncidentIds(c, key))).toEqual(made.slice(1));
    // Made ambiguous inside a write that is rolled back: the verdict goes with it.
    c.exec("begin");
    addIncident(db, "2019-11-01", "bombing", village);
    expect(candidateIncidentIds(c, key)).toEqual([]);
    c.exec("rollback");
    expect(sorted(candidateIncidentIds(c, key))).toEqual(made.slice(1));
    // Another connection's incident makes it ambiguous, and its removal makes it not.
    const theirs = addIncident(other, "2019-10-01", "bombing", village);
    expect(candidateIncidentIds(c, key)).toEqual([]);
    other.$client.prepare("delete from incidents where id = ?").run(theirs);
    expect(sorted(candidateIncidentIds(c, key))).toEqual(made.slice(1));
  });
});
