import { createReadStream, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, type Db } from "../../src/db/client.ts";
import { importAcled, importAcledFile } from "../../src/acled/import.ts";
import { readAcledDate, type DateOrderHint } from "../../src/acled/map.ts";
import { seededStore } from "../helpers/store.ts";

/**
 * ACLED exports as they come from the wild: re-saved by spreadsheets (dates in their own forms, CR line ends,
 * UTF-16, NUL bytes), per-actor layouts, and files that are not CSV at all. The files in fixtures/wild are
 * written for these tests in ACLED's shape (ACLED's own data may not be redistributed).
 */
const WILD = path.join(import.meta.dirname, "fixtures", "wild");
const tmp = mkdtempSync(path.join(os.tmpdir(), "borderdesk-acled-wild-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let db: Db;
beforeEach(() => {
  db = seededStore();
});
afterEach(() => {
  closeDb(db);
});

function dates(prefix: string): Record<string, string> {
  const rows = db.$client.prepare<[string], { id: string; date: string }>("select e.external_id as id, d.event_date as date from events e join acled_details d on d.event_id = e.id where e.external_id like ? order by 1").all(`${prefix}%`);
  return Object.fromEntries(rows.map((r) => [r.id, r.date]));
}

function actorsOf(externalId: string): string[] {
  return db.$client
    .prepare<[string], { who: string }>(
      "select en.name || ' (' || ea.role || ')' as who from event_actors ea join entities en on en.id = ea.entity_id join events e on e.id = ea.event_id where e.external_id = ? order by 1",
    )
    .all(externalId)
    .map((r) => r.who);
}

describe("ACLED dates as spreadsheets write them", () => {
  it("reads each form, settling century and which number is the year with the row's year column", () => {
    const read = (raw: string, year?: number, hint: DateOrderHint = {}): string => {
      const r = readAcledDate(raw, year, hint);
      return "date" in r ? r.date : `error: ${r.error}`;
    };
    expect(read("9-May-20", 2020)).toBe("2020-05-09");
    expect(read("5-Aug-24", 2024)).toBe("2024-08-05");
    expect(read("31-12-19", 2019)).toBe("2019-12-31");
    expect(read("19-12-31", 2019)).toBe("2019-12-31"); // year first: the year column says which
    expect(read("9 May 2020", 2020)).toBe("2020-05-09");
    expect(read("9-May-1998")).toBe("1998-05-09");
    expect(read("9-May-98")).toBe("1998-05-09"); // no year column: 70–99 are the 1900s
    expect(read("May 9, 2020")).toBe("2020-05-09");
    expect(read("31/12/2019")).toBe("2019-12-31");
    expect(read("2019/12/31")).toBe("2019-12-31");
    expect(read("05/09/2020")).toBe("2020-09-05"); // day first until the file shows otherwise
    expect(read("05/09/2020", 2020, { order: "mdy" })).toBe("2020-05-09");
    expect(read("5-Aug-24", 2023)).toBe('error: event_date "5-Aug-24" is in 2024, but the row\'s year column says 2023');
    expect(read("2024-08-05", 2023)).toBe('error: event_date "2024-08-05" is in 2024, but the row\'s year column says 2023');
    expect(read("31-02-20", 2020)).toBe('error: event_date "31-02-20" is not a real date (expected YYYY-MM-DD or 15 March 2024)');
    expect(read("yesterday")).toMatch(/^error: event_date "yesterday" is not a date I can read/);
    // A file that shows day-first and then month-first disagrees with itself: the second row is refused.
    const hint: DateOrderHint = {};
    expect(read("31/12/2019", 2019, hint)).toBe("2019-12-31");
    expect(read("12/31/2019", 2019, hint)).toBe("error: event_date \"12/31/2019\" is written month first, but earlier rows of this file write dates day first");
  });

  it.each([
    ["excel-d-mon-yy.csv", { PAK2001: "2020-05-09", PAK2002: "2019-12-31", PAK2003: "2024-08-05" }, 1],
    ["excel-dd-mm-yy.csv", { PAK2101: "2020-05-09", PAK2102: "2019-12-31", PAK2103: "2024-08-05" }, 0],
    ["long-month.csv", { PAK2201: "2020-05-09", PAK2202: "2019-12-31", PAK2203: "2024-08-05" }, 0],
    ["slashes-dmy.csv", { PAK2301: "2020-05-09", PAK2302: "2019-12-31", PAK2303: "2024-08-05" }, 0],
    // A US spreadsheet: "12/31/2019" further down shows the file is month first, so "5/9/2020" is 9 May.
    ["slashes-mdy.csv", { PAK2401: "2020-05-09", PAK2402: "2024-08-05", PAK2403: "2019-12-31" }, 0],
  ] as const)("%s: every row on its right day", async (file, expected, skipped) => {
    const r = await importAcledFile(db, path.join(WILD, file));
    expect(r.skipped).toBe(skipped);
    expect(dates("PAK2")).toEqual(expected);
    if (skipped) expect(r.problems).toEqual([{ line: 5, id: "PAK2004", reason: 'event_date "5-Aug-24" is in 2024, but the row\'s year column says 2023' }]);
  });
});

describe("per-actor exports", () => {
  it("merge the rows of one event_id_cnty into one event with every actor, and a re-import changes nothing", async () => {
    const file = path.join(WILD, "per-actor.csv");
    const first = await importAcledFile(db, file);
    expect(first).toMatchObject({ rows: 4, created: 2, merged: 2, updated: 0, skipped: 0 });
    // Every side of PAK3001 is kept: the three actors, and the civilians as a group label (a category, not an entity).
    const all = actorsOf("PAK3001");
    expect(all).toEqual(["Pakistan Army (actor)", "Police of Pakistan (actor)", "Tehreek-e-Taliban Pakistan (actor)"]);
    expect(actorsOf("PAK3002")).toEqual(["Pakistan Army (actor)", "Tehreek-e-Taliban Pakistan (actor)"]);
    const labels = db.$client.prepare("select d.actor_labels from acled_details d join events e on e.id = d.event_id where e.external_id = 'PAK3001'").pluck().get();
    expect(String(labels)).toContain("Civilians");
    const again = await importAcledFile(db, file);
    expect(again).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 2, merged: 2 });
    expect(actorsOf("PAK3001")).toEqual(all);
  });
});

describe("CSV files as they come", () => {
  it("reads old Mac line ends (CR alone)", async () => {
    const r = await importAcledFile(db, path.join(WILD, "cr-only.csv"));
    expect(r).toMatchObject({ rows: 3, created: 3, skipped: 0 });
  });

  it.each(["utf16le-bom.csv", "utf16be-bom.csv"])("reads UTF-16 with a byte-order mark (%s), accents intact", async (file) => {
    const r = await importAcledFile(db, path.join(WILD, file));
    expect(r).toMatchObject({ rows: 2, created: 2, skipped: 0 });
    const locations = db.$client.prepare("select d.location from acled_details d join events e on e.id = d.event_id where e.external_id like 'PAK26%' order by 1").pluck().all();
    expect(locations).toEqual(["Loi Māmund", "Pākistān Chowk"]);
  });

  it("removes NUL bytes, says how many, and keeps them out of names and ids", async () => {
    const r = await importAcledFile(db, path.join(WILD, "nul-bytes.csv"));
    expect(r).toMatchObject({ rows: 2, created: 2, skipped: 0, warnings: ["2 NUL bytes were removed from the file (a damaged or mis-saved export?)"] });
    expect(db.$client.prepare("select count(*) from entities where instr(name, char(0)) > 0").pluck().get()).toBe(0);
    expect(db.$client.prepare("select count(*) from events where external_id = 'PAK2702'").pluck().get()).toBe(1);
  });

  it("refuses an over-long field, quoted or not, and imports the rest", async () => {
    const text = readFileSync(path.join(WILD, "long-month.csv"), "utf8").split(/\r?\n/);
    const long = "x".repeat(200_000);
    const unquoted = text[1]?.replace("Security forces clashed", long) ?? "";
    const quoted = (text[2] ?? "").replace(/"[^"]*\(PAK2202\)\."/, `"${long}"`);
    const r = await importAcled(db, Readable.from([[text[0], unquoted, quoted, text[3]].join("\n")]));
    expect(r).toMatchObject({ rows: 3, created: 1, skipped: 2 });
    expect(r.problems.map((p) => p.reason)).toEqual(["unreadable CSV (a field is longer than 100,000 characters)", "unreadable CSV (a field is longer than 100,000 characters)"]);
  });

  it("a 100 MB line with no line end neither crashes the import nor holds the file in memory", { timeout: 180_000 }, async () => {
    const file = path.join(tmp, "endless.csv");
    const fd = openSync(file, "w");
    const lines = readFileSync(path.join(WILD, "long-month.csv"), "utf8").split(/\r?\n/);
    writeSync(fd, `${lines[0]}\n${lines[1]}\n`);
    const chunk = Buffer.alloc(1 << 20, "a");
    for (let i = 0; i < 100; i++) writeSync(fd, chunk);
    closeSync(fd);
    // Through a stream on this thread, and as a file (big enough to be parsed in the worker thread).
    const streamed = await importAcled(db, createReadStream(file, { highWaterMark: 1 << 20 }));
    expect(streamed).toMatchObject({ rows: 2, created: 1, skipped: 1, problems: [{ line: 3, reason: "unreadable CSV (a row runs on for over a million characters without a line end)" }] });
    const fresh = seededStore();
    try {
      const viaWorker = await importAcledFile(fresh, file);
      expect(viaWorker).toMatchObject({ rows: 2, created: 1, skipped: 1 });
    } finally {
      closeDb(fresh);
    }
  });
});
