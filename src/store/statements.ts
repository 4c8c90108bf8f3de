import type Database from "better-sqlite3";
import type { Db } from "../db/client.ts";

const statements = new WeakMap<Database.Database, { tick: number; kept: Map<string, { statement: Database.Statement; used: number }> }>();

/**
 * Statements kept per connection, the least recently used dropped past this: SQL made for an entity (its places'
 * ids) or a page (limit, offset) is cached too, and there are as many of those as entities.
 */
const KEPT = 500;

/**
 * A prepared statement, once per connection and SQL text: the one statement cache of the read models. Preparing
 * was a quarter of /who's time on the main thread (SQLite compiles each statement anew). A use only marks the
 * entry (moving it in the Map allocated on every call); the least recently used is looked for when one must go.
 */
export function cached(db: Db, sql: string): Database.Statement {
  return kept(db, sql, "rows");
}

/**
 * The same cache's statement for `sql` returning rows as arrays (better-sqlite3's raw mode), kept apart from
 * cached(db, sql): raw mode is a setting of the statement, and switching a shared one would change what every other
 * caller of that SQL reads.
 */
export function cachedRaw(db: Db, sql: string): Database.Statement {
  return kept(db, sql, "raw");
}

/**
 * The same cache's statement for `sql` returning only the first column (better-sqlite3's pluck mode), kept apart
 * for the same reason as cachedRaw: `cached(db, sql).pluck()` would switch the shared statement for every caller.
 */
export function cachedPluck(db: Db, sql: string): Database.Statement {
  return kept(db, sql, "pluck");
}

function kept(db: Db, sql: string, mode: "rows" | "raw" | "pluck"): Database.Statement {
  let c = statements.get(db.$client);
  if (!c) statements.set(db.$client, (c = { tick: 0, kept: new Map() }));
  const key = mode === "rows" ? sql : `\u0000${mode} ${sql}`;
  const e = c.kept.get(key);
  if (e) {
    e.used = ++c.tick;
    return e.statement;
  }
  const statement = db.$client.prepare(sql);
  if (mode === "raw") statement.raw(true);
  else if (mode === "pluck") statement.pluck(true);
  c.kept.set(key, { statement, used: ++c.tick });
  if (c.kept.size > KEPT) {
    let oldest: string | undefined;
    let used = Infinity;
    for (const [k, v] of c.kept) {
      if (v.used < used) {
        used = v.used;
        oldest = k;
      }
    }
    if (oldest !== undefined) c.kept.delete(oldest);
  }
  return statement;
}

/** Statements (or anything else) made once per connection by `make`: the prepared-statement sets of the write paths. */
export function perConnection<T>(make: (sqlite: Database.Database) => T): (sqlite: Database.Database) => T {
  const made = new WeakMap<Database.Database, T>();
  return (sqlite) => {
    let v = made.get(sqlite);
    if (v === undefined) made.set(sqlite, (v = make(sqlite)));
    return v;
  };
}
