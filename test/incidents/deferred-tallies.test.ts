/**
 * A batch of ingest writes the tallies of the incidents its reports join once, at its end (src/incidents/refresh.ts
 * withTalliesDeferred), not at every article: these tests hold a batch to the same store as the articles written one
 * by one (every tally written at once), including an article edited twice within the batch, whose first version's
 * reports leave their incidents (their tallies set to NULL by a trigger meanwhile) — and count the writes of the
 * tally and of the row (its report count). Within a batch an incident's row is not read again while only the batch
 * wrote it (generations.ts watchIncidents): any other write to it has it read again.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../src/db/client.ts";
import { ingestFile, ingestFiles } from "../../src/ingest/index.ts";
import { seedAll } from "../../src/store/seed.ts";
import { withTalliesDeferred } from "../../src/incidents/refresh.ts";
import { generateArticles } from "../../bench/ingest.bench.ts";

const NOW = new Date("2026-12-01T00:00:00Z");

function fresh(): Db {
  const db = openDb(":memory:");
  seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
  return db;
}

function stored(db: Db): unknown[] {
  return [
    db.$client.prepare("select * from incidents order by id").all(),
    db.$client.prepare("select id, incident_id, link_score, report_key from events order by id").all(),
  ];
}

/** The most writes of one incident's column (tally, report_count) on this connection (counted by a TEMP trigger, not part of the store). */
function countWrites(db: Db, column: "tally" | "report_count"): () => number {
  db.$client.exec(`create temp table ${column}_writes (incident_id integer not null);
    create temp trigger ${column}_written after update of ${column} on main.incidents when new.${column} is not old.${column}
    begin insert into ${column}_writes values (new.id); end;`);
  return () => db.$client.prepare<[], number>(`select count(*) from temp.${column}_writes group by incident_id order by 1 desc limit 1`).pluck().get() ?? 0;
}

describe("tallies written once per batch", () => {
  let dir: string;
  let files: string[];
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "deferred-tallies-"));
    mkdirSync(path.join(dir, "gen"));
    const generated = generateArticles(path.join(dir, "gen"), 16).files;
    // An article edited twice in the batch, then written again as it was: each version replaces the one before,
    // taking its reports out of the incidents they joined.
    const edit = (n: number) => (text: string) => {
      const body = text.indexOf("\n---\n", 4) + 5;
      return text.slice(0, body) + text.slice(body).replace(/\n([^\n]{80,})\n/, `\n$1 Officials said ${n} more families crossed at Torkham on Monday, the police said.\n`);
    };
    const source = generated[5] as string;
    const copies = [1, 2].map((n) => {
      mkdirSync(path.join(dir, `edit-${n}`));
      const file = path.join(dir, `edit-${n}`, path.basename(source));
      writeFileSync(file, edit(n)(readFileSync(source, "utf8")));
      return file;
    });
    files = [...generated.slice(0, 8), copies[0] as string, ...generated.slice(8, 12), copies[1] as string, source, ...generated.slice(12)];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stores what writing the articles one by one stores, and writes each tally and row once", () => {
    const oneByOne = fresh();
    const writesOneByOne = countWrites(oneByOne, "tally");
    const countsOneByOne = countWrites(oneByOne, "report_count");
    for (const f of files) expect(ingestFile(oneByOne, f, { now: NOW }).ok).toBe(true);

    const batch = fresh();
    const writesBatch = countWrites(batch, "tally");
    const countsBatch = countWrites(batch, "report_count");
    const reports = ingestFiles(batch, files, { now: NOW });
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(reports.filter((r) => r.outcome === "replaced").length).toBe(3);

    expect(stored(batch)).toEqual(stored(oneByOne));
    // The test means something only if reports joined incidents through their tallies, many times over.
    const most = oneByOne.$client.prepare<[], number>("select max(report_count) from incidents where tally is not null").pluck().get() ?? 0;
    expect(most).toBeGreaterThan(12);
    expect(writesOneByOne()).toBeGreaterThan(10);
    expect(countsOneByOne()).toBeGreaterThan(10);
    // In the batch: its first join (the incident of one report keeps no tally: counted from its reports), the end of
    // the batch, and for an incident the edited article's reports joined, setting it to NULL as each version is
    // replaced (three times) and counting it again.
    expect(writesBatch()).toBeLessThanOrEqual(2 + 2 * 3);
    // So is its row (its report count, with the tally in it): what candidate queries read is written at once.
    expect(countsBatch()).toBeLessThanOrEqual(2 + 2 * 3);
  });

  it("forgets the tallies, unwritten, when the batch fails", () => {
    const db = fresh();
    ingestFiles(db, files.slice(0, 4), { now: NOW });
    const before = stored(db);
    const sqlite = db.$client;
    expect(() =>
      sqlite.transaction(() =>
        withTalliesDeferred(sqlite, () => {
          for (const f of files.slice(4, 8)) ingestFile(db, f, { now: NOW, savepoint: false });
          throw new Error("the batch failed");
        }),
      )(),
    ).toThrow("the batch failed");
    expect(stored(db)).toEqual(before);
    // Nothing of the failed batch is taken for the incidents' tallies afterwards.
    const again = fresh();
    ingestFiles(again, files.slice(0, 8), { now: NOW });
    ingestFiles(db, files.slice(4, 8), { now: NOW });
    expect(stored(db)).toEqual(stored(again));
  });

  it("asks SQLite nothing about an incident's row that only the batch wrote", () => {
    // Every statement run is counted by its SQL (spied on better-sqlite3's Statement), for the length of one batch.
    const probe = new Database(":memory:");
    const proto = Object.getPrototypeOf(probe.prepare("select 1")) as Record<"get" | "all" | "run", (...args: unknown[]) => unknown>;
    probe.close();
    const asked: string[] = [];
    const originals = { get: proto.get, all: proto.all, run: proto.run };
    for (const m of ["get", "all", "run"] as const) {
      const original = originals[m];
      proto[m] = function (this: { source: string }, ...args: unknown[]) {
        asked.push(this.source);
        return original.apply(this, args);
      };
    }
    const db = fresh();
    try {
      expect(ingestFiles(db, files.slice(0, 12), { now: NOW }).every((r) => r.ok)).toBe(true);
    } finally {
      Object.assign(proto, originals);
    }
    // Whether a waiting incident still keeps a tally, and its row, were read for every article that joined it.
    expect(asked.filter((sql) => /tally is not null/.test(sql))).toEqual([]);
    // … and still are read whenever it may have changed (another article's reports left it): the rows are the same.
    const oneByOne = fresh();
    for (const f of files.slice(0, 12)) expect(ingestFile(oneByOne, f, { now: NOW }).ok).toBe(true);
    expect(stored(db)).toEqual(stored(oneByOne));
  });

  it("reads an incident's row again when another write changed it during the batch", () => {
    // An editor's correction, and a report's figure changed (a trigger sets its incident's tally to NULL), written
    // between two articles of one batch (as another writer on the connection would), to incidents that reports of the
    // batch joined and join again (every article has a report of the "2020" agreement and of one of three years'
    // attacks, bench/ingest.bench.ts).
    const meddle = (db: Db): void => {
      const sqlite = db.$client;
      const ids = sqlite.prepare<[], number>("select id from incidents where precision = 'year' and type in ('agreement', 'attack') order by id").pluck().all();
      expect(ids.length).toBeGreaterThanOrEqual(3);
      sqlite.prepare(`update incidents set summary = 'Edited by hand', corrected = '["summary"]' where id = ?`).run(ids[0]);
      for (const id of ids) sqlite.prepare("update events set killed = 77 where id = (select min(id) from events where incident_id = ?)").run(id);
    };
    const oneByOne = fresh();
    files.slice(0, 6).forEach((f, i) => {
      if (i === 3) meddle(oneByOne);
      expect(ingestFile(oneByOne, f, { now: NOW }).ok).toBe(true);
    });
    const batch = fresh();
    const sqlite = batch.$client;
    sqlite.transaction(() =>
      withTalliesDeferred(sqlite, () =>
        files.slice(0, 6).forEach((f, i) => {
          if (i === 3) meddle(batch);
          expect(ingestFile(batch, f, { now: NOW, savepoint: false }).ok).toBe(true);
        }),
      ),
    )();
    expect(stored(batch)).toEqual(stored(oneByOne));
  });
});
