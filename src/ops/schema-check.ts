/**
 * Is this SQLite file exactly a borderdesk store? A backup is a whole database, schema included, so a file
 * handed to `db restore` could carry a trigger (`after insert on articles begin delete from events; end`), a
 * view or a changed table that would run inside the bot from then on. The only schema we accept is the one the
 * project's own migrations create — at the migration level the backup itself records, so an older backup
 * (before some newer migration) still restores and is then migrated forward as usual.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsFolder as projectMigrations } from "../db/client.ts";

export interface SchemaObject {
  type: string;
  name: string;
  tblName: string;
  sql: string | null;
}

export type SchemaVerdict =
  | { ok: true; migrations: number }
  | { ok: false; problem: string };

/** Statistics tables ANALYZE may add to any store: not created by migrations, and they hold no code. */
const IGNORED = /^sqlite_stat\d$/;

/** SQL text compared without regard to spacing: the same statement, however it was laid out. */
function normalize(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/g, " ").replace(/\s*([(),;])\s*/g, "$1").trim();
}

export function schemaObjects(db: Database.Database): SchemaObject[] {
  const rows = db.prepare<[], SchemaObject>("select type, name, tbl_name as tblName, sql from sqlite_master order by type, name").all();
  return rows.filter((r) => !IGNORED.test(r.name)).map((r) => ({ ...r, sql: normalize(r.sql) }));
}

interface JournalEntry {
  when: number;
  tag: string;
}

/** Runs the project's first `count` migrations on `sqlite`, through drizzle's own migrator (as openDb does). */
export function applyMigrations(sqlite: Database.Database, count: number, folder = projectMigrations): void {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] } & Record<string, unknown>;
  const dir = mkdtempSync(path.join(os.tmpdir(), "borderdesk-schema-"));
  try {
    mkdirSync(path.join(dir, "meta"));
    const entries = journal.entries.slice(0, count);
    writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
    for (const e of entries) copyFileSync(path.join(folder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    migrate(drizzle(sqlite), { migrationsFolder: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The schema a fresh store has after the project's first `count` migrations, built by running them in memory. */
export function expectedSchema(count: number, folder = projectMigrations): SchemaObject[] {
  const sqlite = new Database(":memory:");
  try {
    applyMigrations(sqlite, count, folder);
    return schemaObjects(sqlite);
  } finally {
    sqlite.close();
  }
}

function describe(o: SchemaObject): string {
  return o.type === "table" || o.type === "view" ? `${o.type} "${o.name}"` : `${o.type} "${o.name}" on ${o.tblName}`;
}

/**
 * Checks that `db` holds exactly the schema borderdesk's migrations create, at the level its
 * __drizzle_migrations table records. Every applied migration must be one of ours (same file hash, in order).
 */
export function checkStoreSchema(db: Database.Database, folder = projectMigrations): SchemaVerdict {
  const ours = readMigrationFiles({ migrationsFolder: folder });
  let applied: { hash: string; createdAt: number }[];
  try {
    applied = db.prepare<[], { hash: string; createdAt: number }>("select hash, cast(created_at as integer) as createdAt from __drizzle_migrations order by created_at, rowid").all();
  } catch {
    return { ok: false, problem: "it has no readable migrations table" };
  }
  if (!applied.length) return { ok: false, problem: "its migrations table is empty" };
  for (const [i, row] of applied.entries()) {
    const mine = ours[i];
    if (!mine || mine.folderMillis !== row.createdAt || mine.hash !== row.hash) {
      return { ok: false, problem: i >= ours.length ? "it was made by a newer borderdesk (it has migrations this version does not know)" : `its migration history does not match borderdesk's (migration ${i + 1} differs)` };
    }
  }
  const expected = expectedSchema(applied.length, folder);
  const actual = schemaObjects(db);
  const key = (o: SchemaObject): string => `${o.type}\u0000${o.name}`;
  const want = new Map(expected.map((o) => [key(o), o]));
  const have = new Map(actual.map((o) => [key(o), o]));
  const extra = actual.filter((o) => !want.has(key(o)));
  const changed = actual.filter((o) => {
    const w = want.get(key(o));
    return w !== undefined && (w.sql !== o.sql || w.tblName !== o.tblName);
  });
  const missing = expected.filter((o) => !have.has(key(o)));
  const problems = [
    ...extra.map((o) => `${describe(o)}, which borderdesk's migrations do not create`),
    ...changed.map((o) => `a changed ${describe(o)}`),
    ...missing.map((o) => `no ${describe(o)}`),
  ];
  if (problems.length) {
    const shown = problems.slice(0, 5).join("; ");
    return { ok: false, problem: `it holds ${shown}${problems.length > 5 ? ` and ${problems.length - 5} more differences` : ""}` };
  }
  return { ok: true, migrations: applied.length };
}
