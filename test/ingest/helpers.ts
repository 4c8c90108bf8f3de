import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, projectRoot, type Db } from "../../src/db/client.ts";
import { seedAll } from "../../src/store/seed.ts";

export const repo = (...parts: string[]): string => path.join(projectRoot, ...parts);
export const seedArticle = repo("data", "articles", "pak-afghan-ttp-analysis.md");
export const fixture = (...parts: string[]): string => repo("test", "fixtures", ...parts);

export function tempDir(prefix = "borderdesk-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A data dir holding only the core gazetteer (the timeline files are edited by others and may be mid-change),
 * plus any articles given.
 */
export function coreDataDir(articles: readonly string[] = []): string {
  const dir = tempDir("borderdesk-data-");
  mkdirSync(path.join(dir, "gazetteer"));
  mkdirSync(path.join(dir, "articles"));
  copyFileSync(repo("data", "gazetteer", "core.yaml"), path.join(dir, "gazetteer", "core.yaml"));
  for (const a of articles) copyFileSync(a, path.join(dir, "articles", path.basename(a)));
  return dir;
}

/** A migrated store holding the core gazetteer and no articles. */
export function freshStore(file = ":memory:"): Db {
  const db = openDb(file);
  seedAll(db, coreDataDir(), new Date("2025-03-25T00:00:00Z"));
  return db;
}

/** Row counts of every table, virtual and shadow tables included: "nothing was written" means these do not move. */
export function tableCounts(db: Db): Record<string, number> {
  const names = db.$client.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[];
  return Object.fromEntries(names.map((n) => [n, db.$client.prepare(`select count(*) from "${n}"`).pluck().get() as number]));
}

/** Quote text as the gold writes it, minus the trailing comma or stop that `“…,” said X` carries. */
export function quoteKey(s: string): string {
  return s.trim().replace(/[\s,.;:]+$/u, "");
}
