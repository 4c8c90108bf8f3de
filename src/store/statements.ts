import type Database from "better-sqlite3";
import type { Db } from "../db/client.ts";

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, once per connection and SQL text: the one statement cache of the read models. */
export function cached(db: Db, sql: string): Database.Statement {
  let m = statements.get(db.$client);
  if (!m) statements.set(db.$client, (m = new Map<string, Database.Statement>()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.$client.prepare(sql)));
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
