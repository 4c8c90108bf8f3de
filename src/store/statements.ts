import type Database from "better-sqlite3";
import type { Db } from "../db/client.ts";

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Statements kept per connection, the least recently used dropped past this: SQL made for an entity (its places'
 * ids) or a page (limit, offset) is cached too, and there are as many of those as entities.
 */
const KEPT = 500;

/**
 * A prepared statement, once per connection and SQL text: the one statement cache of the read models. Preparing
 * was a quarter of /who's time on the main thread (SQLite compiles each statement anew).
 */
export function cached(db: Db, sql: string): Database.Statement {
  let m = statements.get(db.$client);
  if (!m) statements.set(db.$client, (m = new Map<string, Database.Statement>()));
  let s = m.get(sql);
  if (s) {
    // Most recently used last: a Map keeps insertion order.
    m.delete(sql);
    m.set(sql, s);
    return s;
  }
  m.set(sql, (s = db.$client.prepare(sql)));
  if (m.size > KEPT) {
    const oldest = m.keys().next();
    if (!oldest.done) m.delete(oldest.value);
  }
  return s;
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
