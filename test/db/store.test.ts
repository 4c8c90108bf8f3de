import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb, migrationsFolder, openDb, type Db } from "../../src/db/client.ts";
import { DataFileError, loadGazetteer } from "../../src/gazetteer/load.ts";
import { withFtsDeferred } from "../../src/store/fts-deferral.ts";
import { seedAll } from "../../src/store/seed.ts";
import { coreDataDir, tableCounts } from "../ingest/helpers.ts";

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), "borderdesk-db-"));

function addArticle(db: Db, paragraph: string): { articleId: number; paragraphId: number } {
  const c = db.$client;
  const articleId = Number(c.prepare("insert into articles (slug, title, ingested_at) values (?, 'T', '2025-01-01')").run(`a-${Math.random()}`).lastInsertRowid);
  const paragraphId = Number(c.prepare("insert into paragraphs (article_id, idx, role, text) values (?, 0, 'body', ?)").run(articleId, paragraph).lastInsertRowid);
  return { articleId, paragraphId };
}

const ftsHits = (db: Db, table: string, query: string): number[] => db.$client.prepare(`select rowid from ${table} where ${table} match ? order by rowid`).pluck().all(query) as number[];

describe("the store's schema", () => {
  it("indexes every foreign key column, so a delete cascades by lookup instead of scanning the child table", () => {
    // Without these, re-ingesting one article in a store holding a million ACLED events scanned events once per
    // paragraph (12 s here); the cascade now finds its rows through the index.
    const db = openDb(":memory:");
    const c = db.$client;
    const tables = c.prepare("select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL%' and name not like 'sqlite_%'").pluck().all() as string[];
    const unindexed: string[] = [];
    for (const table of tables) {
      const leading = new Set<string>();
      for (const ix of c.pragma(`index_list("${table}")`) as { name: string }[]) {
        const first = (c.pragma(`index_info("${ix.name}")`) as { name: string }[])[0];
        if (first) leading.add(first.name);
      }
      for (const col of c.pragma(`table_info("${table}")`) as { name: string; pk: number }[]) if (col.pk === 1) leading.add(col.name);
      for (const fk of c.pragma(`foreign_key_list("${table}")`) as { from: string; table: string }[]) if (!leading.has(fk.from)) unindexed.push(`${table}.${fk.from} → ${fk.table}`);
    }
    expect(unindexed).toEqual([]);
    // The cascade from an article to its events really uses the (partial) index.
    const plan = (c.prepare("explain query plan delete from events where paragraph_id = ?").all(1) as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/USING (COVERING )?INDEX events_paragraph_idx/);
    closeDb(db);
  });

  it("migrations create the FTS5 tables (porter, diacritics folded) and the trigram alias index", () => {
    const db = openDb(":memory:");
    const sqlOf = (name: string): string => db.$client.prepare("select sql from sqlite_master where name = ?").pluck().get(name) as string;
    expect(sqlOf("paragraphs_fts")).toMatch(/USING fts5\(text, content='paragraphs'.*tokenize='porter unicode61 remove_diacritics 2'/);
    expect(sqlOf("quotes_fts")).toMatch(/USING fts5\(text, content='quotes'.*porter/);
    expect(sqlOf("aliases_trgm")).toMatch(/USING fts5\(norm, content='aliases'.*tokenize='trigram'/);
    const triggers = db.$client.prepare("select name from sqlite_master where type = 'trigger' order by name").pluck().all();
    expect(triggers).toEqual(expect.arrayContaining(["aliases_trgm_ad", "aliases_trgm_ai", "aliases_trgm_au", "paragraphs_fts_ad", "paragraphs_fts_ai", "paragraphs_fts_au", "quotes_fts_ad", "quotes_fts_ai", "quotes_fts_au"]));
  });

  it("keeps paragraph search in step with inserts, edits and deletes (stemmed, accents folded)", () => {
    const db = openDb(":memory:");
    const { articleId, paragraphId } = addArticle(db, "Mortar shells landed in Zarghūn Kalay on Monday.");
    expect(ftsHits(db, "paragraphs_fts", "shell")).toEqual([paragraphId]);
    expect(ftsHits(db, "paragraphs_fts", "zarghun")).toEqual([paragraphId]);
    db.$client.prepare("update paragraphs set text = 'The crossing reopened to trade.' where id = ?").run(paragraphId);
    expect(ftsHits(db, "paragraphs_fts", "shell")).toEqual([]);
    expect(ftsHits(db, "paragraphs_fts", "reopen")).toEqual([paragraphId]);
    // Deleting the article cascades to its paragraphs, and their index entries go with them.
    db.$client.prepare("delete from articles where id = ?").run(articleId);
    expect(ftsHits(db, "paragraphs_fts", "reopen")).toEqual([]);
    expect(db.$client.prepare("select count(*) from paragraphs_fts").pluck().get()).toBe(0);
  });

  it("keeps quote search in step with inserts, edits and deletes", () => {
    const db = openDb(":memory:");
    const { articleId, paragraphId } = addArticle(db, "x");
    const ins = db.$client.prepare("insert into quotes (text, confidence, is_fragment, article_id, paragraph_id, start, end) values (?, 0.9, 0, ?, ?, 0, 1)");
    const quoteId = Number(ins.run("We will not allow our soil to be used against any country.", articleId, paragraphId).lastInsertRowid);
    expect(ftsHits(db, "quotes_fts", "soil")).toEqual([quoteId]);
    db.$client.prepare("update quotes set text = 'Our only policy is Pakistan.' where id = ?").run(quoteId);
    expect(ftsHits(db, "quotes_fts", "soil")).toEqual([]);
    expect(ftsHits(db, "quotes_fts", "policies")).toEqual([quoteId]);
    db.$client.prepare("delete from quotes where id = ?").run(quoteId);
    expect(ftsHits(db, "quotes_fts", "policy")).toEqual([]);
  });

  it("with indexing deferred to a batch's end, search holds what the batch stored: rows edited, deleted or written before it included", () => {
    const db = openDb(":memory:");
    const c = db.$client;
    const integrity = (): void => {
      for (const t of ["paragraphs_fts", "quotes_fts"]) c.prepare(`insert into ${t} (${t}, rank) values ('integrity-check', 1)`).run();
    };
    const older = addArticle(db, "Mortar shells landed in Zarghūn Kalay on Monday.");
    const kept = addArticle(db, "Traders waited at Torkham for a week.");
    const quote = c.prepare("insert into quotes (text, confidence, is_fragment, article_id, paragraph_id, start, end) values (?, 0.9, 0, ?, ?, 0, 1)");
    const olderQuote = Number(quote.run("We will not allow our soil to be used.", older.articleId, older.paragraphId).lastInsertRowid);
    let added = { articleId: 0, paragraphId: 0 };
    let addedQuote = 0;
    let gone = 0;
    c.transaction(() =>
      withFtsDeferred(c, () => {
        added = addArticle(db, "Refugees crossed at Chaman overnight.");
        addedQuote = Number(quote.run("Our only policy is Pakistan.", added.articleId, added.paragraphId).lastInsertRowid);
        gone = addArticle(db, "A convoy of zqtrucks turned back.").articleId;
        // Not indexed yet, so nothing in the index answers for them before the batch's end.
        expect(ftsHits(db, "paragraphs_fts", "chaman")).toEqual([]);
        expect(ftsHits(db, "quotes_fts", "policy")).toEqual([]);
        // Rows the batch wrote, edited and deleted again; rows from before it, edited and deleted as before.
        c.prepare("update paragraphs set text = 'Refugees crossed at Spin Boldak overnight.' where id = ?").run(added.paragraphId);
        c.prepare("delete from articles where id = ?").run(gone);
        c.prepare("update paragraphs set text = 'The crossing reopened to trade.' where id = ?").run(older.paragraphId);
        c.prepare("delete from quotes where id = ?").run(olderQuote);
        c.prepare("delete from articles where id = ?").run(kept.articleId);
      }),
    )();
    expect(c.prepare("select count(*) from fts_deferred").pluck().get()).toBe(0);
    integrity();
    expect(ftsHits(db, "paragraphs_fts", "boldak")).toEqual([added.paragraphId]);
    expect(ftsHits(db, "paragraphs_fts", "chaman")).toEqual([]);
    expect(ftsHits(db, "paragraphs_fts", "zqtrucks")).toEqual([]);
    expect(ftsHits(db, "paragraphs_fts", "shell")).toEqual([]);
    expect(ftsHits(db, "paragraphs_fts", "reopen")).toEqual([older.paragraphId]);
    expect(ftsHits(db, "paragraphs_fts", "torkham")).toEqual([]);
    expect(ftsHits(db, "quotes_fts", "policies")).toEqual([addedQuote]);
    expect(ftsHits(db, "quotes_fts", "soil")).toEqual([]);
    // After the batch, a row is indexed by its trigger again.
    const after = addArticle(db, "Shelling resumed in Kurram.");
    expect(ftsHits(db, "paragraphs_fts", "kurram")).toEqual([after.paragraphId]);
    // A batch that fails part-way rolls back whole, its deferral with it.
    expect(() =>
      c.transaction(() =>
        withFtsDeferred(c, () => {
          addArticle(db, "Clashes near Angoor Adda.");
          throw new Error("simulated failure");
        }),
      )(),
    ).toThrow("simulated failure");
    expect(c.prepare("select count(*) from fts_deferred").pluck().get()).toBe(0);
    expect(ftsHits(db, "paragraphs_fts", "angoor")).toEqual([]);
    integrity();
    expect(() => withFtsDeferred(c, () => 1)).toThrow(/inside a transaction/);
  });

  it("keeps the trigram alias index in step, so substrings and misspellings find names", () => {
    const db = openDb(":memory:");
    const c = db.$client;
    const entityId = Number(c.prepare("insert into entities (slug, kind, name) values ('zabihullah-mujahid', 'person', 'Zabihullah Mujahid')").run().lastInsertRowid);
    const aliasId = Number(c.prepare("insert into aliases (entity_id, text, norm, kind) values (?, 'Zabiullah Mujahid', 'zabiullah mujahid', 'transliteration')").run(entityId).lastInsertRowid);
    expect(ftsHits(db, "aliases_trgm", '"ullah muj"')).toEqual([aliasId]);
    c.prepare("update aliases set norm = 'zabihullah' where id = ?").run(aliasId);
    expect(ftsHits(db, "aliases_trgm", '"mujahid"')).toEqual([]);
    expect(ftsHits(db, "aliases_trgm", '"ihull"')).toEqual([aliasId]);
    c.prepare("delete from entities where id = ?").run(entityId);
    expect(c.prepare("select count(*) from aliases_trgm").pluck().get()).toBe(0);
  });

  it("opens a file database with WAL, foreign keys and a busy timeout", () => {
    const file = path.join(tempDir(), "nested", "store.sqlite");
    const db = openDb(file);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(() => db.$client.prepare("insert into mentions (entity_id, article_id, paragraph_id, start, end) values (1, 1, 1, 0, 1)").run()).toThrow(/FOREIGN KEY/);
    closeDb(db);
    // Opening again applies no migration twice.
    const again = openDb(file);
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    expect(again.$client.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(journal.entries.length);
    closeDb(again);
  });
});

describe("the gazetteer loader", () => {
  it("names the file and line of a bad entry, one problem per line", () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "places.yaml"),
      ["- id: kunar", "  kind: place", "  name: Kunar", "", "- id: shpola-valley", "  kind: valley", "  name: Shpola Valley", "  coordinates: [34.1, 171.0, 3]", ""].join("\n"),
    );
    let error: unknown;
    try {
      loadGazetteer(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataFileError);
    const problems = (error as DataFileError).problems;
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const p of problems) expect(p).toMatch(/places\.yaml:5: entry "shpola-valley": (kind|coordinates)/);
    expect(problems.some((p) => p.includes("kind"))).toBe(true);
  });

  it("reports a YAML syntax error with its line", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "broken.yaml"), ["- id: kunar", "  kind: place", '  name: "Kunar', "- id: khost", ""].join("\n"));
    expect(() => loadGazetteer(dir)).toThrow(/broken\.yaml:\d+: /);
  });

  it("rejects an id defined twice, pointing at both places", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.yaml"), "- id: kunar\n  kind: place\n  name: Kunar\n");
    writeFileSync(path.join(dir, "b.yaml"), "# more\n- id: kunar\n  kind: place\n  name: Kunar Province\n");
    expect(() => loadGazetteer(dir)).toThrow(/b\.yaml:2: entry "kunar": duplicate id \(first defined at .*a\.yaml:1\)/);
  });
});

describe("seeding from data/", () => {
  const timelineEntry = (summary: string): string =>
    [
      "- id: 2025-01-11-kunar-accusation",
      '  date: "2025-01-11"',
      "  precision: day",
      "  type: accusation",
      `  summary: ${summary}`,
      "  places: [kunar]",
      "  claims:",
      '    - {by: zabihullah-mujahid, claim: "Pakistani forces targeted civilian infrastructure."}',
      "  sources:",
      '    - {outlet: "Example", title: "Kunar", date: "2025-01-11", url: "https://example.org/kunar"}',
      "",
    ].join("\n");

  function dataDir(summary: string): string {
    const dir = coreDataDir();
    mkdirSync(path.join(dir, "timeline"));
    writeFileSync(path.join(dir, "timeline", "2025.yaml"), timelineEntry(summary));
    return dir;
  }

  it("is a no-op the second time", () => {
    const dir = dataDir("The Taliban accuse Pakistani forces of striking civilian infrastructure in Kunar.");
    const db = openDb(":memory:");
    const first = seedAll(db, dir);
    expect(first).toMatchObject({ gazetteer: { applied: true }, timeline: { events: 1, applied: true } });
    const before = tableCounts(db);
    const second = seedAll(db, dir);
    expect(second).toMatchObject({ gazetteer: { applied: false }, timeline: { applied: false }, articles: [] });
    expect(tableCounts(db)).toEqual(before);
  });

  it("updates an edited timeline entry in place, by its id", () => {
    const dir = dataDir("The Taliban accuse Pakistani forces of striking civilian infrastructure in Kunar.");
    const db = openDb(":memory:");
    seedAll(db, dir);
    const row = (): unknown => db.$client.prepare("select external_id, summary, month_day from events where source = 'timeline'").all();
    expect(row()).toEqual([{ external_id: "2025-01-11-kunar-accusation", summary: "The Taliban accuse Pakistani forces of striking civilian infrastructure in Kunar.", month_day: "01-11" }]);
    writeFileSync(path.join(dir, "timeline", "2025.yaml"), timelineEntry("Zabihullah Mujahid accuses Pakistani forces of targeting civilian infrastructure in eastern Kunar."));
    expect(seedAll(db, dir).timeline.applied).toBe(true);
    expect(row()).toEqual([{ external_id: "2025-01-11-kunar-accusation", summary: "Zabihullah Mujahid accuses Pakistani forces of targeting civilian infrastructure in eastern Kunar.", month_day: "01-11" }]);
    expect(db.$client.prepare("select count(*) from event_claims").pluck().get()).toBe(1);
  });
});
