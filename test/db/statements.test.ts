import { afterEach, describe, expect, it } from "vitest";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { cached, cachedPluck, cachedRaw } from "../../src/store/statements.ts";

let db: Db | undefined;
afterEach(() => {
  if (db) closeDb(db);
  db = undefined;
});

describe("the statement cache", () => {
  it("keeps a raw-mode statement apart from the ordinary one for the same SQL", () => {
    db = openDb(":memory:");
    const sql = "select 1 as one, 'two' as two";
    expect(cachedRaw(db, sql).get()).toEqual([1, "two"]);
    // Raw mode is a setting of the statement: had the cache handed out one statement for both, this would read an array.
    expect(cached(db, sql).get()).toEqual({ one: 1, two: "two" });
    expect(cachedRaw(db, sql).get()).toEqual([1, "two"]);
    expect(cached(db, sql)).toBe(cached(db, sql));
    expect(cachedRaw(db, sql)).not.toBe(cached(db, sql));
  });

  it("keeps a pluck-mode statement apart from the ordinary and raw ones for the same SQL", () => {
    db = openDb(":memory:");
    const sql = "select 1 as one, 'two' as two";
    expect(cachedPluck(db, sql).get()).toBe(1);
    // Pluck mode too is a setting of the statement: a shared one would hand every other caller the first column only.
    expect(cached(db, sql).get()).toEqual({ one: 1, two: "two" });
    expect(cachedRaw(db, sql).get()).toEqual([1, "two"]);
    expect(cachedPluck(db, sql).get()).toBe(1);
    expect(cachedPluck(db, sql)).toBe(cachedPluck(db, sql));
    expect(cachedPluck(db, sql)).not.toBe(cached(db, sql));
  });
});
