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
  let c = statements.get(db.$client);
  if (!c) statements.set(db.$client, (c = { tick: 0, kept: new Map() }));
  const e = c.kept.get(sql);
  if (e) {
    e.used = ++c.tick;
    return e.statement;
  }
  const statement = db.$client.prepare(sql);
  c.kept.set(sql, { statement, used: ++c.tick });
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
