import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb, migrationsFolder, openDb } from "../../src/db/client.ts";
import { restoreDatabase } from "../../src/ops/backup.ts";
import { applyMigrations, checkStoreSchema } from "../../src/ops/schema-check.ts";
import { freshStore, tempDir } from "../ingest/helpers.ts";

const MIGRATIONS = (JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

/** A real store on disk (core gazetteer, real migrations) with one ingested event, closed so it is one file. */
function storeFile(dir: string, name: string): string {
  const file = path.join(dir, name);
  const db = freshStore(file);
  db.$client.prepare("insert into events (type, occurred_on, precision, year, month_day, summary, source) values ('attack', '2025-01-11', 'day', 2025, '01-11', 'Checkpost attacked in Bajaur', 'timeline')").run();
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  closeDb(db);
  return file;
}

function tamper(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

const digest = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("db restore accepts only the schema borderdesk's migrations create", () => {
  it("refuses a backup with an extra trigger, naming it, and leaves the store untouched", async () => {
    const dir = tempDir();
    const live = storeFile(dir, "live.sqlite");
    const backup = path.join(dir, "trojan.sqlite");
    copyFileSync(live, backup);
    tamper(backup, "create trigger purge_events after insert on articles begin delete from events; end;");
    const before = digest(live);
    await expect(restoreDatabase(backup, live)).rejects.toThrow(
      `Refusing to restore ${backup}: it holds trigger "purge_events" on articles, which borderdesk's migrations do not create. The store was not changed.`,
    );
    expect(digest(live)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes("before-restore"))).toEqual([]);
    // The store still works and still has its event.
    const db = openDb(live);
    expect(db.$client.prepare("select count(*) from events where summary = 'Checkpost attacked in Bajaur'").pluck().get()).toBe(1);
    closeDb(db);
  });

  it("refuses an extra view or table, a changed index or table, and a missing trigger", () => {
    const dir = tempDir();
    const clean = storeFile(dir, "clean.sqlite");
    const cases: [string, string][] = [
      ["create view leak as select * from articles", 'view "leak"'],
      ["create table notes (x text)", 'table "notes"'],
      ["drop index articles_url_idx; create index articles_url_idx on articles (title)", 'a changed index "articles_url_idx" on articles'],
      ["alter table articles add column payload text", 'a changed table "articles"'],
    ];
    const sqlite = new Database(clean, { readonly: true });
    const anyTrigger = sqlite.prepare<[], { name: string; tbl: string }>("select name, tbl_name as tbl from sqlite_master where type = 'trigger' order by name limit 1").get();
    sqlite.close();
    if (anyTrigger) cases.push([`drop trigger "${anyTrigger.name}"`, `no trigger "${anyTrigger.name}" on ${anyTrigger.tbl}`]);
    expect(anyTrigger).toBeDefined();
    for (const [i, [sql, named]] of cases.entries()) {
      const file = path.join(dir, `case-${i}.sqlite`);
      copyFileSync(clean, file);
      tamper(file, sql);
      const db = new Database(file, { readonly: true });
      const verdict = checkStoreSchema(db);
      db.close();
      expect([sql, verdict.ok ? "" : verdict.problem]).toEqual([sql, expect.stringContaining(named)]);
    }
  });

  it("restores a clean backup, and an older one made before the newest migrations (migrated forward on open)", async () => {
    const dir = tempDir();
    const live = storeFile(dir, "live.sqlite");
    const clean = storeFile(dir, "clean.sqlite");
    await expect(restoreDatabase(clean, live)).resolves.toMatchObject({ to: live });

    const older = path.join(dir, "older.sqlite");
    const sqlite = new Database(older);
    applyMigrations(sqlite, MIGRATIONS - 2);
    sqlite.close();
    const check = new Database(older, { readonly: true });
    expect(checkStoreSchema(check)).toEqual({ ok: true, migrations: MIGRATIONS - 2 });
    check.close();
    await restoreDatabase(older, live);
    const db = openDb(live);
    expect(db.$client.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(MIGRATIONS);
    closeDb(db);

    // The same older backup with a trigger of its own is refused.
    const olderTrojan = path.join(dir, "older-trojan.sqlite");
    copyFileSync(older, olderTrojan);
    tamper(olderTrojan, "create trigger purge_events after insert on articles begin delete from events; end;");
    await expect(restoreDatabase(olderTrojan, live)).rejects.toThrow(/trigger "purge_events" on articles/);
  });

  it("refuses a backup whose migration history is not borderdesk's", async () => {
    const dir = tempDir();
    const live = storeFile(dir, "live.sqlite");
    const forged = path.join(dir, "forged.sqlite");
    copyFileSync(live, forged);
    tamper(forged, "update __drizzle_migrations set hash = 'x' where rowid = (select min(rowid) from __drizzle_migrations)");
    await expect(restoreDatabase(forged, live)).rejects.toThrow(/migration history does not match borderdesk's \(migration 1 differs\)/);
    const newer = path.join(dir, "newer.sqlite");
    copyFileSync(live, newer);
    tamper(newer, "insert into __drizzle_migrations (hash, created_at) values ('f00', 99999999999999)");
    await expect(restoreDatabase(newer, live)).rejects.toThrow(/made by a newer borderdesk/);
    expect(existsSync(live)).toBe(true);
  });
});
