import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../paths.ts";
import * as schema from "./schema.ts";
import { runDataFixes } from "./data-fixes.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What queries need: the database or a transaction on it. */
export type Executor = BaseSQLiteDatabase<"sync", Database.RunResult, typeof schema>;

export { projectRoot };
export const migrationsFolder = path.join(projectRoot, "migrations");

/**
 * Opens (creating if needed) the SQLite store, sets the pragmas every connection needs and applies
 * pending migrations. `:memory:` gives a private in-memory store with the same schema (tests).
 */
export function openDb(file: string, opts: { busyTimeoutMs?: number } = {}): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // How long a statement waits for another connection's lock, blocking this thread: the bot passes a short one
  // and retries off the loop (src/db/busy.ts); the CLI can afford to wait.
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
  sqlite.pragma("synchronous = NORMAL");
  // Statement and savepoint journals in memory, not in temporary files: an ingested article's statements wrote
  // some 500 pages a time to files under /var/tmp, which cost about 0.2 ms an article.
  sqlite.pragma("temp_store = MEMORY");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  runDataFixes(sqlite);
  return db;
}

export function closeDb(db: Db): void {
  if (db.$client.open) db.$client.close();
}

/**
 * A second connection to an existing store, for reading only (a worker thread's): no migrations, no writes. It
 * waits at most a second for a lock (only a checkpoint or a schema change would hold one a reader needs).
 */
export function openReadOnlyDb(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 1000");
  sqlite.pragma("temp_store = MEMORY");
  return drizzle(sqlite, { schema });
}
