import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
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

/** Gold names a gazetteer entity as "id:<slug>" and anything else (a candidate) by its name as written. */
export const goldId = (s: string | null): string | undefined => (s?.startsWith("id:") ? s.slice(3) : undefined);

export interface GoldQuote {
  text: string;
  /** "id:<slug>", a name as written, or null for a speaker the article does not name. */
  speaker: string | null;
  fragment: boolean;
}

/** Checks an article's stored quotes against its gold: the same quotes, each with its fragment flag and speaker. */
export function expectQuotesAsGold(db: Db, articleId: number, quotes: readonly GoldQuote[]): void {
  const stored = db.$client
    .prepare("select q.text, q.speaker_text as speakerText, e.slug, q.is_fragment as fragment from quotes q left join entities e on e.id = q.speaker_id where q.article_id = ?")
    .all(articleId) as { text: string; speakerText: string | null; slug: string | null; fragment: number }[];
  expect(stored).toHaveLength(quotes.length);
  for (const g of quotes) {
    const q = stored.find((s) => quoteKey(s.text) === quoteKey(g.text));
    const label = `“${g.text.slice(0, 40)}”`;
    expect(q, `quote ${label}`).toBeDefined();
    expect(Boolean(q?.fragment), `fragment flag of ${label}`).toBe(g.fragment);
    const id = goldId(g.speaker);
    if (id) expect(q?.slug, `speaker of ${label}`).toBe(id);
    else expect({ slug: q?.slug, text: q?.speakerText }, `speaker of ${label}`).toEqual({ slug: null, text: g.speaker });
  }
}

/** A hand-written annotation of a test article (test/gold/<name>.gold.json), written by reading it. */
export interface ArticleGold {
  published: string;
  candidates: { text: string; kind: string }[];
  knownEntities: string[];
  quotes: GoldQuote[];
  dates: { phrase: string; resolved: string; precision: string }[];
  /** Phrases a reader may or may not count as dates: neither required nor errors. */
  optionalDates?: string[];
  events: { date: string; precision: string; type: string; place: string; claimedBy: string | null; killed?: number; injured?: number }[];
  /** Events the extractor records that the annotation does not count, named so that no others appear. */
  extraEvents?: { date: string; precision: string; type: string; claimedBy: string | null }[];
}

export function readGold(name: string): ArticleGold {
  return JSON.parse(readFileSync(repo("test", "gold", `${name}.gold.json`), "utf8")) as ArticleGold;
}
