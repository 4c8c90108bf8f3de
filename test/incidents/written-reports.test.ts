/**
 * Ingest hands linking the reports it just wrote (WrittenReport in src/incidents/link.ts) instead of linking reading
 * them back: these tests hold what it hands over to what the read gives — the actors as event_actors_uq holds them
 * (places left out, each entity and role once, by entity id) — and check that ingest reads none back.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDb, type Db } from "../../src/db/client.ts";
import { ingestFiles } from "../../src/ingest/index.ts";
import { writtenActors } from "../../src/incidents/link.ts";
import { seedAll } from "../../src/store/seed.ts";
import { generateArticles } from "../../bench/ingest.bench.ts";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

function fresh(): Db {
  const db = openDb(":memory:");
  seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
  return db;
}

describe("reports handed to linking as written", () => {
  it("have the actors linking would read back", () => {
    const db = fresh();
    const sqlite = db.$client;
    const entities = sqlite.prepare<[], number>("select id from entities order by id desc limit 4").pluck().all();
    const [a, b, c, d] = entities as [number, number, number, number];
    const event = Number(
      sqlite
        .prepare(`insert into events (occurred_on, precision, year, type, summary, source) values ('2024-05-01', 'day', 2024, 'attack', 'x', 'article')`)
        .run().lastInsertRowid,
    );
    // Written in no order, with a place, a repeated pair, and one entity in two roles.
    const actors = [
      { entityId: a, role: "target" },
      { entityId: d, role: "place" },
      { entityId: c, role: "attacker" },
      { entityId: a, role: "claimant" },
      { entityId: b, role: "spokesperson" },
      { entityId: c, role: "attacker" },
      { entityId: d, role: "accused" },
    ];
    const insert = sqlite.prepare("insert into event_actors (event_id, entity_id, role) values (?, ?, ?) on conflict do nothing");
    for (const x of actors) insert.run(event, x.entityId, x.role);
    // What linking's read of a report (EXTRAS_JSON_COLUMNS) gives for its actors.
    const read = sqlite
      .prepare<[number], string>(`select (select json_group_array(ea.entity_id) from event_actors ea where ea.event_id = e.id and ea.role <> 'place') from events e where e.id = ?`)
      .pluck()
      .get(event);
    expect(writtenActors(actors)).toEqual(JSON.parse(read ?? "null"));
    expect(writtenActors(actors)).toEqual([a, a, b, c, d].sort((x, y) => x - y));
  });

  it("are not read back by ingest", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "written-reports-"));
    const probe = new Database(":memory:");
    const proto = Object.getPrototypeOf(probe.prepare("select 1")) as Record<"get" | "all" | "run", (...args: unknown[]) => unknown>;
    probe.close();
    const asked: string[] = [];
    let linked: number;
    let eventRows: number;
    const originals = { get: proto.get, all: proto.all, run: proto.run };
    try {
      const { files } = generateArticles(dir, 4);
      const db = fresh();
      for (const m of ["get", "all", "run"] as const) {
        const original = originals[m];
        proto[m] = function (this: { source: string }, ...args: unknown[]) {
          asked.push(this.source);
          return original.apply(this, args);
        };
      }
      const reports = ingestFiles(db, files, { now: new Date("2026-12-01T00:00:00Z") });
      expect(reports.every((r) => r.ok && (r.article?.events ?? 0) > 0)).toBe(true);
      eventRows = db.$client.prepare<[], number>("select count(*) from events").pluck().get() ?? 0;
      linked = db.$client.prepare<[], number>("select count(*) from events where incident_id is not null").pluck().get() ?? 0;
      expect(linked).toBeGreaterThan(8);
    } finally {
      Object.assign(proto, originals);
      rmSync(dir, { recursive: true, force: true });
    }
    // Whether any decision or dismissal is recorded, and the epoch of kept reads, are asked once for the batch
    // (generations.ts hold), not once for every article (4 here; the alias index checks the epoch too, before the batch).
    expect(asked.filter((sql) => sql.includes("from incident_decisions")).length).toBeLessThanOrEqual(3);
    expect(asked.filter((sql) => sql.includes("pragma_data_version")).length).toBeLessThanOrEqual(3);
    // The links of a pass's reports (in no incident before) are written in one statement a pass (an article here), not
    // one a report: fewer UPDATEs than there are linked reports.
    const linkWrites = asked.filter((sql) => /^update events set incident_id\b/.test(sql)).length;
    expect(linkWrites).toBeGreaterThan(0);
    expect(linkWrites).toBeLessThanOrEqual(4);
    expect(linkWrites).toBeLessThan(linked);
    // An article's events are written in one statement, and their actors in one (not one a row).
    expect(asked.filter((sql) => sql.startsWith("insert into events ")).length).toBeLessThanOrEqual(4);
    expect(asked.filter((sql) => sql.startsWith("insert into event_actors ")).length).toBeLessThanOrEqual(4);
    expect(eventRows).toBeGreaterThan(8);
    // Linking's read of reports by id with their actors, claims and sources (the subqueries of EXTRAS_JSON_COLUMNS); the
    // candidates' reports (by incident) are still read so.
    expect(asked.filter((sql) => sql.includes("json_group_array(ea.entity_id)") && sql.includes("where e.id in (select value from json_each(?))"))).toEqual([]);
  });
});
