/**
 * Backups of the SQLite store with SQLite's online backup API (better-sqlite3's `db.backup`): safe while
 * the bot runs, because the copy is made page by page through SQLite's own locking, never by copying a
 * file that a writer (or its WAL) is halfway through changing.
 *
 *   backupDatabase(db.$client, "store-copy.sqlite")   → a checked copy (written beside, then renamed)
 *   restoreDatabase("store-copy.sqlite", target)       → refuses a file failing PRAGMA integrity_check or the schema check
 *   checkStoreOnStart(file, backupDir)                  → PRAGMA quick_check before the bot trusts the store
 *   scheduleBackups({ db, dir, keep, logger })          → nightly, keeping the newest `keep`
 */
import Database from "better-sqlite3";
import cron from "node-cron";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../logger.ts";
import { checkStoreSchema } from "./schema-check.ts";

export class StoreCorruptError extends Error {
  override readonly name = "StoreCorruptError";
}

export class RestoreRefusedError extends Error {
  override readonly name = "RestoreRefusedError";
}

export interface IntegrityReport {
  ok: boolean;
  /** What SQLite reported (at most 20 lines), or why the file could not be read as a database. */
  problems: string[];
  ms: number;
}

/**
 * Runs `PRAGMA integrity_check` (full: every page, index and constraint) or `quick_check` (no index
 * cross-checks; several times faster) on a file, read-only. A file that is not a database at all is
 * reported the same way, not thrown.
 */
export function checkIntegrity(file: string, mode: "full" | "quick" = "full"): IntegrityReport {
  const t0 = performance.now();
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const rows = sqlite.pragma(`${mode === "full" ? "integrity_check" : "quick_check"}(20)`) as Record<string, unknown>[];
    const lines = rows.map((r) => String(Object.values(r)[0]));
    const ok = lines.length === 1 && lines[0] === "ok";
    return { ok, problems: ok ? [] : lines, ms: Math.round(performance.now() - t0) };
  } catch (err) {
    return { ok: false, problems: [err instanceof Error ? err.message : String(err)], ms: Math.round(performance.now() - t0) };
  } finally {
    sqlite?.close();
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  ms: number;
}

/** Pages per backup step: small steps keep the event loop (and the bot) responsive during the copy. */
const PAGES_PER_STEP = 1000;

/**
 * Copies the live database to `dest` with the online backup API, checks the copy with integrity_check,
 * and only then moves it into place (a crash mid-backup leaves a `.partial` file, never a bad backup).
 * Writes through this connection are carried into the copy as it goes; a write from another process
 * restarts the copy, so after the first restart the rest is copied in one step (one read transaction).
 */
export async function backupDatabase(source: Database.Database, dest: string, opts: { pagesPerStep?: number } = {}): Promise<BackupResult & { restarts: number }> {
  const t0 = performance.now();
  const target = path.resolve(dest);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  let lastRemaining = Number.POSITIVE_INFINITY;
  let restarts = 0;
  try {
    const meta = await source.backup(partial, {
      progress: ({ remainingPages }) => {
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        return restarts > 0 ? 0x7fffffff : (opts.pagesPerStep ?? PAGES_PER_STEP);
      },
    });
    const check = checkIntegrity(partial, "full");
    if (!check.ok) throw new Error(`the copy failed integrity_check: ${check.problems.join("; ")}`);
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, pages: meta.totalPages, restarts, ms: Math.round(performance.now() - t0) };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

export interface RestoreResult {
  from: string;
  to: string;
  /** Where the database that was replaced was saved first (undefined when there was none). */
  previous: string | undefined;
  ms: number;
}

/**
 * Replaces the store at `target` with the backup `file`. Refuses a file that fails integrity_check, is not a
 * borderdesk store, or whose schema is not exactly what borderdesk's migrations create (see schema-check.ts). The current store is first saved beside itself as
 * `<name>.before-restore-<time>.sqlite`. The copy goes through the backup API, so the target's WAL is
 * handled by SQLite. Stop the bot first: a running bot would keep its in-memory state.
 */
export async function restoreDatabase(file: string, target: string, now: Date = new Date()): Promise<RestoreResult> {
  const t0 = performance.now();
  const from = path.resolve(file);
  if (!existsSync(from)) throw new RestoreRefusedError(`${file} does not exist.`);
  const check = checkIntegrity(from, "full");
  if (!check.ok) throw new RestoreRefusedError(`Refusing to restore ${file}: it fails PRAGMA integrity_check (${check.problems.slice(0, 3).join("; ")}).`);
  const src = new Database(from, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set((src.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has("articles") || !tables.has("__drizzle_migrations")) {
      throw new RestoreRefusedError(`Refusing to restore ${file}: it is a SQLite file, but not a borderdesk store (no articles or migrations table).`);
    }
    // Only the schema our migrations create: an extra trigger or view in a backup would run inside the bot.
    const schema = checkStoreSchema(src);
    if (!schema.ok) throw new RestoreRefusedError(`Refusing to restore ${file}: ${schema.problem}. The store was not changed.`);
    const to = path.resolve(target);
    let previous: string | undefined;
    if (existsSync(to)) {
      previous = path.join(path.dirname(to), `${path.basename(to, path.extname(to))}.before-restore-${stamp(now)}.sqlite`);
      // Unchecked on purpose: the store being replaced may be the damaged one; keep what can be copied.
      const current = new Database(to, { fileMustExist: true });
      try {
        await current.backup(previous);
      } catch {
        copyFileSync(to, previous); // not readable as a database at all: keep the raw bytes
      } finally {
        current.close();
      }
    } else mkdirSync(path.dirname(to), { recursive: true });
    await src.backup(to);
    return { from, to, previous, ms: Math.round(performance.now() - t0) };
  } finally {
    src.close();
  }
}

/** "20260111T031500Z": sortable, and safe in file names everywhere. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

const BACKUP_NAME = /^borderdesk-\d{8}T\d{6}Z\.sqlite$/;

/** Nightly backups in `dir`, newest first. */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => BACKUP_NAME.test(f))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}

/** Deletes all but the newest `keep` nightly backups; returns the files removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(Math.max(1, keep));
  for (const f of old) rmSync(f, { force: true });
  return old;
}

/** One nightly backup: `borderdesk-<time>.sqlite` in `dir`, then retention. */
export async function runNightlyBackup(source: Database.Database, dir: string, keep: number, now: Date = new Date()): Promise<BackupResult & { pruned: string[] }> {
  const result = await backupDatabase(source, path.join(dir, `borderdesk-${stamp(now)}.sqlite`));
  return { ...result, pruned: pruneBackups(dir, keep) };
}

/**
 * The start-up check: PRAGMA quick_check on the store before anything trusts it. A damaged file stops
 * start-up with one clear message naming the newest backup to restore, instead of failing later in
 * the middle of a digest.
 */
export function checkStoreOnStart(file: string, backupDir: string): IntegrityReport | undefined {
  if (file === ":memory:" || !existsSync(file)) return undefined;
  const report = checkIntegrity(file, "quick");
  if (report.ok) return report;
  const latest = listBackups(backupDir)[0];
  throw new StoreCorruptError(
    [
      `The store at ${file} is damaged: ${report.problems.slice(0, 3).join("; ")}.`,
      latest
        ? `Restore the newest backup with: npx borderdesk db restore ${latest}`
        : `No backup was found in ${backupDir}; restore one you have with: npx borderdesk db restore <file>`,
    ].join("\n"),
  );
}

export interface BackupScheduleOptions {
  db: Database.Database;
  dir: string;
  keep: number;
  logger: Logger;
  /** node-cron expression in UTC; default 02:30 UTC, before most of the region's morning digests. */
  cron?: string;
  onBackup?: (result: { ok: boolean; bytes?: number; ms: number }) => void;
}

export interface BackupSchedule {
  runNow(): Promise<BackupResult | undefined>;
  stop(): Promise<void>;
}

export function scheduleBackups(opts: BackupScheduleOptions): BackupSchedule {
  let running: Promise<BackupResult | undefined> | undefined;
  const runNow = (): Promise<BackupResult | undefined> => {
    if (running) return running;
    const t0 = performance.now();
    running = runNightlyBackup(opts.db, opts.dir, opts.keep)
      .then((r) => {
        opts.logger.info({ file: r.file, bytes: r.bytes, ms: r.ms, pruned: r.pruned.length }, "nightly backup written");
        opts.onBackup?.({ ok: true, bytes: r.bytes, ms: r.ms });
        return r;
      })
      .catch((err: unknown) => {
        opts.logger.error({ err, dir: opts.dir }, "nightly backup failed");
        opts.onBackup?.({ ok: false, ms: Math.round(performance.now() - t0) });
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task = cron.schedule(
    opts.cron ?? "30 2 * * *",
    async () => {
      await runNow();
    },
    { name: "borderdesk-backup", timezone: "UTC", noOverlap: true },
  );
  return {
    runNow,
    async stop() {
      await task.destroy();
      await running;
    },
  };
}

/** `borderdesk db backup <file>`: a copy of the store at `dbPath` through its own read-only connection (the bot may be running). */
export async function backupFile(dbPath: string, dest: string): Promise<BackupResult> {
  if (!existsSync(dbPath)) throw new RestoreRefusedError(`There is no store at ${dbPath} to back up.`);
  if (path.resolve(dbPath) === path.resolve(dest)) throw new RestoreRefusedError("The backup file must not be the store itself.");
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    return await backupDatabase(source, dest);
  } finally {
    source.close();
  }
}
