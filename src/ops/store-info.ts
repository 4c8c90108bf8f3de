/** Facts about the store for /status, /readyz and /metrics: size on disk, row counts, migration state. */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { migrationsFolder, type Db } from "../db/client.ts";

/** Tables whose row counts /status and /metrics show. */
export const COUNTED_TABLES = ["articles", "paragraphs", "entities", "mentions", "quotes", "events", "digest_subscriptions", "digest_deliveries", "feeds"] as const;

export interface StoreSize {
  /** Main file plus its write-ahead log. */
  bytes: number;
  walBytes: number;
}

export function storeSize(db: Db): StoreSize {
  const file = db.$client.name;
  if (!file || file === ":memory:" || !existsSync(file)) {
    const pages = db.$client.pragma("page_count", { simple: true }) as number;
    const size = db.$client.pragma("page_size", { simple: true }) as number;
    return { bytes: pages * size, walBytes: 0 };
  }
  const wal = `${file}-wal`;
  const walBytes = existsSync(wal) ? statSync(wal).size : 0;
  return { bytes: statSync(file).size + walBytes, walBytes };
}

/** Row counts of the main tables; a table this store does not have yet is left out. */
export function rowCounts(db: Db): Record<string, number> {
  const present = new Set((db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const out: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    if (!present.has(table)) continue;
    out[table] = (db.$client.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  return out;
}

let journalEntries: number | undefined;

/** How many migrations the code ships (migrations/meta/_journal.json). */
export function expectedMigrations(): number {
  if (journalEntries === undefined) {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    journalEntries = journal.entries.length;
  }
  return journalEntries;
}

/** Open, readable, and every shipped migration applied. */
export function migrationState(db: Db): { open: boolean; applied: number; expected: number; ok: boolean; error?: string } {
  const expected = expectedMigrations();
  if (!db.$client.open) return { open: false, applied: 0, expected, ok: false, error: "database closed" };
  try {
    const applied = (db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
    return { open: true, applied, expected, ok: applied >= expected };
  } catch (err) {
    return { open: true, applied: 0, expected, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
