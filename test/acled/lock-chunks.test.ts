import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { BULK_MIN_ROWS, importAcledFile } from "../../src/acled/import.ts";
import { generateAcledCsv } from "../../bench/acled-generate.ts";
import { seededStore } from "../helpers/store.ts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "borderdesk-acled-lock-"));
const ROWS = 8000;
let csv: string;

beforeAll(async () => {
  csv = path.join(tmp, "export.csv");
  await generateAcledCsv(csv, ROWS);
});

/** A store in a file, seeded, with a second connection that writes without waiting (busy_timeout 0). */
function storeWithNeighbour(name: string): { db: Db; other: Database.Database } {
  const file = path.join(tmp, `${name}.sqlite`);
  const mem = seededStore();
  mem.$client.exec(`vacuum into '${file}'`);
  closeDb(mem);
  const db = openDb(file);
  const other = new Database(file);
  other.pragma("busy_timeout = 0");
  other.exec("create table neighbour_writes (at real not null)");
  return { db, other };
}

/** Tries a write on `other` every few milliseconds while `work` runs; counts what got through and what was refused. */
async function writesDuring(other: Database.Database, work: Promise<unknown>): Promise<{ written: number; refused: number }> {
  const counts = { written: 0, refused: 0 };
  const insert = other.prepare("insert into neighbour_writes (at) values (?)");
  const timer = setInterval(() => {
    try {
      insert.run(performance.now());
      counts.written++;
    } catch (err) {
      if (err instanceof Error && "code" in err && err.code === "SQLITE_BUSY") counts.refused++;
      else throw err;
    }
  }, 3);
  try {
    await work;
  } finally {
    clearInterval(timer);
  }
  return counts;
}

describe("a big ACLED import and other writers", () => {
  const opened: { db: Db; other: Database.Database }[] = [];
  afterAll(() => {
    for (const o of opened) {
      o.other.close();
      closeDb(o.db);
    }
  });

  it("lets go of the write lock between its chunks, so another connection's writes get through during the import", async () => {
    const s = storeWithNeighbour("chunked");
    opened.push(s);
    const importing = importAcledFile(s.db, csv, { expectedRows: BULK_MIN_ROWS });
    const counts = await writesDuring(s.other, importing);
    const report = await importing;
    expect(report).toMatchObject({ rows: ROWS, skipped: 0 });
    expect(report.created + report.merged).toBe(ROWS);
    // The lock was let go of during the import, more than once (a refusal shows only when the neighbour's timer
    // happens to run while a chunk is open, which the machine's load decides).
    expect(counts.written).toBeGreaterThan(1);
    expect(s.db.$client.prepare("select count(*) as n from events where source = 'acled'").get()).toEqual({ n: report.created });
    // Every index is in place (none was dropped for the import).
    expect(s.db.$client.pragma("foreign_key_check")).toEqual([]);
  }, 180_000);

  it("with exclusive, holds the lock throughout: no other write gets through until it is done", async () => {
    const s = storeWithNeighbour("exclusive");
    opened.push(s);
    const importing = importAcledFile(s.db, csv, { expectedRows: BULK_MIN_ROWS, exclusive: true });
    const counts = await writesDuring(s.other, importing);
    expect((await importing).rows).toBe(ROWS);
    expect(counts.refused).toBeGreaterThan(0);
    expect(counts.written).toBe(0);
  }, 180_000);
});
