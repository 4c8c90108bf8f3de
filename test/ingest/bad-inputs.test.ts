import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/ingest/extract.ts";
import { ingestFile, ingestFiles } from "../../src/ingest/index.ts";
import { parseArticle } from "../../src/ingest/parse.ts";
import { writeArticle } from "../../src/ingest/write.ts";
import { loadAliasIndex } from "../../src/store/alias-index.ts";
import { fixture, freshStore, repo, seedArticle, tableCounts, tempDir } from "./helpers.ts";

const bad = (name: string): string => fixture("bad", name);

/** Entities whose mention count differs from their mention rows. */
const countDrift = (db: ReturnType<typeof freshStore>): unknown[] =>
  db.$client.prepare("select e.slug, e.mention_count, (select count(*) from mentions m where m.entity_id = e.id) as rows from entities e where e.mention_count != (select count(*) from mentions m where m.entity_id = e.id)").all();

/** Entities whose article count differs from their entity_articles rows. */
const articleCountDrift = (db: ReturnType<typeof freshStore>): unknown[] =>
  db.$client.prepare("select e.slug from entities e where e.article_count != (select count(*) from entity_articles ea where ea.entity_id = e.id)").all();

describe("bad input is rejected with a one-line reason and writes nothing", () => {
  const cases: [file: string, reason: RegExp][] = [
    [bad("empty.txt"), /^empty file$/],
    [bad("whitespace.md"), /^no text: the file holds only whitespace$/],
    [bad("binary.txt"), /^not a text file: it holds binary data \(NUL bytes or invalid UTF-8\)$/],
    [bad("broken-front-matter.md"), /^invalid front matter: Missing closing "quote \(file line \d+\)$/],
    [bad("impossible-date.md"), /^invalid front matter: published "2025-02-30" is not a real calendar date$/],
    [bad("no-body.md"), /^article has no body text$/],
    // Every field error at once, and "yesterday" is never handed to a date parser.
    [bad("front-matter-wrong-types.md"), /^invalid front matter: title must be a string; published must be a YYYY-MM-DD date, not "yesterday"$/],
  ];

  it.each(cases)("%s", (file, reason) => {
    const db = freshStore();
    ingestFile(db, seedArticle);
    const before = tableCounts(db);
    const report = ingestFile(db, file);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(reason);
    expect(report.error).not.toContain("\n");
    expect(tableCounts(db)).toEqual(before);
  });

  it("rejects a file over 5 MB without reading it", () => {
    const big = path.join(tempDir(), "huge.txt");
    writeFileSync(big, "The border stayed shut. ".repeat(230_000)); // ≈5.5 MB of plausible text
    const db = freshStore();
    const before = tableCounts(db);
    const report = ingestFile(db, big);
    expect(report).toMatchObject({ ok: false, error: "the file is 5.3 MB; articles are limited to 5 MB" });
    expect(tableCounts(db)).toEqual(before);
  });

  it("rejects a file type it cannot read", () => {
    const pdf = path.join(tempDir(), "report.pdf");
    writeFileSync(pdf, "Torkham reopened on Monday, officials said.\n");
    const db = freshStore();
    const before = tableCounts(db);
    expect(ingestFile(db, pdf)).toMatchObject({ ok: false, error: 'unsupported file type ".pdf" (expected .txt, .md or .html)' });
    expect(tableCounts(db)).toEqual(before);
  });

  it("ingests the good files of a batch even when one is bad, and the CLI exits non-zero naming the failure", () => {
    const dir = tempDir();
    copyFileSync(fixture("articles", "unseen-news.md"), path.join(dir, "a-unseen.md"));
    copyFileSync(bad("impossible-date.md"), path.join(dir, "b-impossible-date.md"));
    copyFileSync(fixture("articles", "sample.html"), path.join(dir, "c-sample.html"));

    const db = freshStore();
    const reports = ingestFiles(db, [dir]);
    expect(reports.map((r) => [path.basename(r.file), r.ok])).toEqual([
      ["a-unseen.md", true],
      ["b-impossible-date.md", false],
      ["c-sample.html", true],
    ]);
    expect(db.$client.prepare("select count(*) from articles where kind = 'article'").pluck().get()).toBe(2);

    const dbFile = path.join(tempDir(), "batch.sqlite");
    const cli = spawnSync(process.execPath, [repo("bin", "borderdesk.js"), "ingest", dir, "--json", "--db", dbFile], { encoding: "utf8", timeout: 30_000 });
    expect(cli.status).toBe(1);
    const out = JSON.parse(cli.stdout) as { ok: boolean; results: { file: string; ok: boolean; error?: string }[] };
    expect(out.ok).toBe(false);
    const failed = out.results.filter((r) => !r.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.file).toContain("b-impossible-date.md");
    expect(failed[0]?.error).toContain("not a real calendar date");
    expect(out.results.filter((r) => r.ok).map((r) => path.basename(r.file))).toEqual(["a-unseen.md", "c-sample.html"]);
  });
});

describe("re-ingesting", () => {
  it("the same content is a no-op", () => {
    const db = freshStore();
    expect(ingestFile(db, seedArticle).outcome).toBe("created");
    const before = tableCounts(db);
    const again = ingestFile(db, seedArticle);
    expect(again.outcome).toBe("unchanged");
    expect(tableCounts(db)).toEqual(before);
  });

  it("an edited article with the same URL replaces its derived rows, without duplicates", () => {
    const dir = tempDir();
    const file = path.join(dir, "torkham.md");
    const original = readFileSync(fixture("articles", "unseen-news.md"), "utf8");
    writeFileSync(file, original);
    const db = freshStore();
    const first = ingestFile(db, file);
    expect(first.outcome).toBe("created");

    // The desk corrects the casualty count and drops the driver's paragraph.
    const edited = original.replace("wounding three children and a woman", "wounding four children and a woman").replace(/\nA driver waiting[^\n]*\n/, "\n");
    const renamed = path.join(dir, "torkham-corrected.md"); // a different file name: the URL identifies it
    writeFileSync(renamed, edited);
    const second = ingestFile(db, renamed);
    expect(second.outcome).toBe("replaced");

    // What the store holds now is exactly what a fresh ingest of the edited text gives.
    const fresh = freshStore();
    ingestFile(fresh, renamed);
    const count = (d: typeof db, table: string): unknown => d.$client.prepare(`select count(*) from ${table}`).pluck().get();
    for (const table of ["articles", "paragraphs", "mentions", "candidates", "quotes", "events", "event_actors", "paragraphs_fts", "quotes_fts"]) {
      expect(count(db, table), table).toBe(count(fresh, table));
    }
    expect(db.$client.prepare("select count(*) from quotes where text like 'My children%'").pluck().get()).toBe(0);
    expect(db.$client.prepare("select injured from events where occurred_on = '2025-03-17' and type = 'shelling'").pluck().get()).toBe(4);
    expect(db.$client.prepare("select count(*) from paragraphs_fts where paragraphs_fts match 'driver AND permit'").pluck().get()).toBe(0);
  });

  it("an edited article without a URL is recognised by its slug (file name), related stubs included", () => {
    const dir = tempDir();
    const file = path.join(dir, "plain-news.txt");
    const original = readFileSync(fixture("articles", "plain-news.txt"), "utf8");
    writeFileSync(file, original);
    const db = freshStore();
    const overrides = { published: "2025-03-20" };
    expect(ingestFile(db, file, { overrides }).outcome).toBe("created");
    const before = tableCounts(db);
    writeFileSync(file, original.replace("more than half", "nearly two thirds"));
    expect(ingestFile(db, file, { overrides }).outcome).toBe("replaced");
    const after = tableCounts(db);
    for (const table of ["articles", "paragraphs", "mentions", "candidates", "quotes", "events"]) expect(after[table], table).toBe(before[table]);
    const id = db.$client.prepare("select id from articles where slug = 'plain-news'").pluck().get();
    expect(db.$client.prepare("select count(*) from articles where kind = 'stub' and related_to_id = ?").pluck().get(id)).toBe(4);
  });
});

describe("all or nothing", () => {
  it("a database failure in the middle of writing an article leaves nothing of it behind", () => {
    const db = freshStore();
    const before = tableCounts(db);
    // A real SQLite abort on the quotes insert: the article row, its paragraphs, mentions and candidates are
    // already written inside the transaction by then.
    db.$client.exec("create temp trigger fail_quotes before insert on quotes begin select raise(abort, 'simulated disk failure'); end");
    const report = ingestFile(db, seedArticle);
    expect(report).toMatchObject({ ok: false, error: "could not be stored (simulated disk failure); nothing was written" });
    expect(tableCounts(db)).toEqual(before);
    db.$client.exec("drop trigger fail_quotes");
    expect(ingestFile(db, seedArticle).outcome).toBe("created");
  });

  it("in a batch (one commit per chunk of files), a failure mid-write undoes that article only", () => {
    const db = freshStore();
    // Abort only while the unseen article's driver quote is written: by then its article, paragraphs,
    // mentions and candidates are in the chunk's transaction.
    db.$client.exec("create temp trigger fail_driver before insert on quotes when new.text like 'My children%' begin select raise(abort, 'simulated disk failure'); end");
    // The chunk is first written without savepoints; the failure rolls it back whole and it is written again
    // article by article: each file is still reported once.
    const progress: boolean[] = [];
    const reports = ingestFiles(db, [seedArticle, fixture("articles", "unseen-news.md"), fixture("articles", "sample.html")], { onFile: (r) => progress.push(r.ok) });
    expect(reports.map((r) => r.ok)).toEqual([true, false, true]);
    expect(progress).toEqual([true, false, true]);
    expect(reports[1]?.error).toBe("could not be stored (simulated disk failure); nothing was written");
    const c = db.$client;
    expect(c.prepare("select slug from articles where kind = 'article' order by slug").pluck().all()).toEqual(["pak-afghan-ttp-analysis", "sample"]);
    const orphans = ["paragraphs", "mentions", "candidates", "quotes", "events"].map((table) =>
      c.prepare(`select count(*) from ${table} where article_id not in (select id from articles)`).pluck().get(),
    );
    expect(orphans).toEqual([0, 0, 0, 0, 0]);
    expect(c.prepare("select count(*) from paragraphs_fts where paragraphs_fts match 'Zarghun'").pluck().get()).toBe(0);
    // The batch adds its mention counts once, before it commits: only the stored articles' mentions count.
    expect(countDrift(db)).toEqual([]);
  });

  it("in a batch, a mention row refused when the chunk's waiting rows are written at its end undoes that article only", () => {
    const db = freshStore();
    // Mention rows of a chunk written without savepoints wait for its end (src/ingest/write.ts PendingWrites); a row
    // refused then fails the chunk, which is written again article by article: only the unseen article fails.
    db.$client.exec(
      "create temp trigger fail_mention before insert on mentions when (select text from paragraphs where id = new.paragraph_id) like '%Zarghun%' begin select raise(abort, 'simulated disk failure'); end",
    );
    const reports = ingestFiles(db, [seedArticle, fixture("articles", "unseen-news.md"), fixture("articles", "sample.html")]);
    expect(reports.map((r) => r.ok)).toEqual([true, false, true]);
    expect(reports[1]?.error).toBe("could not be stored (simulated disk failure); nothing was written");
    const c = db.$client;
    expect(c.prepare("select slug from articles where kind = 'article' order by slug").pluck().all()).toEqual(["pak-afghan-ttp-analysis", "sample"]);
    for (const table of ["paragraphs", "mentions", "entity_articles", "candidates", "quotes", "events"]) {
      expect(c.prepare(`select count(*) from ${table} where article_id not in (select id from articles)`).pluck().get(), table).toBe(0);
    }
    expect(countDrift(db)).toEqual([]);
    expect(articleCountDrift(db)).toEqual([]);
  });

  it("a batch that replaces an article it has just written keeps every entity's mention count right", () => {
    const db = freshStore();
    const [first, second] = [tempDir(), tempDir()].map((dir) => path.join(dir, "border-report.md"));
    if (!first || !second) throw new Error("two files");
    const seed = readFileSync(seedArticle, "utf8");
    writeFileSync(first, seed);
    // The same slug, edited: fewer mentions of Pakistan and of the TTP.
    writeFileSync(second, seed.replace(/Pakistan’s /g, "the ").replace(/\bTTP\b/g, "group"));
    const reports = ingestFiles(db, [first, second]);
    expect(reports.map((r) => r.outcome)).toEqual(["created", "replaced"]);
    const c = db.$client;
    expect(c.prepare("select count(*) from articles where kind = 'article'").pluck().get()).toBe(1);
    expect(countDrift(db)).toEqual([]);
    const ttp = c.prepare("select mention_count from entities where slug = 'ttp'").pluck().get();
    expect(ttp).toBe(c.prepare("select count(*) from mentions m join entities e on e.id = m.entity_id where e.slug = 'ttp'").pluck().get());
    expect(ttp).toBeGreaterThan(0);
    // One entity_articles row per entity the stored article mentions, with its mentions; the articles counted so.
    expect(c.prepare("select count(*) from entity_articles").pluck().get()).toBe(c.prepare("select count(distinct entity_id) from mentions").pluck().get());
    const rowDrift = c.prepare(
      "select ea.entity_id from entity_articles ea where ea.mentions != (select count(*) from mentions m where m.entity_id = ea.entity_id and m.article_id = ea.article_id)",
    );
    expect(rowDrift.all()).toEqual([]);
    expect(articleCountDrift(db)).toEqual([]);
    // Search holds the stored text only: the first version's paragraphs and quotes, written and deleted again in
    // the same batch (whose full-text indexing waits for its end), are in no index.
    for (const fts of ["paragraphs_fts", "quotes_fts"]) c.prepare(`insert into ${fts} (${fts}, rank) values ('integrity-check', 1)`).run();
    const hits = (fts: string, query: string): unknown => c.prepare(`select count(*) from ${fts} where ${fts} match ?`).pluck().get(query);
    expect(hits("paragraphs_fts", "ttp")).toBe(0);
    expect(hits("paragraphs_fts", "group")).toBeGreaterThan(0);
    expect(hits("quotes_fts", "ttp")).toBe(0);
    expect(c.prepare("select count(*) from paragraphs_fts_docsize").pluck().get()).toBe(c.prepare("select count(*) from paragraphs").pluck().get());
  });

  it("an extraction that points at a missing paragraph or entity is refused whole", () => {
    const db = freshStore();
    const before = tableCounts(db);
    const article = parseArticle("seed.md", readFileSync(seedArticle));
    const extraction = extractArticle(article.paragraphs, loadAliasIndex(db), article.published);
    const lastQuote = extraction.quotes.at(-1);
    if (!lastQuote) throw new Error("the seed has quotes");
    const outOfRange = { ...extraction, quotes: [...extraction.quotes.slice(0, -1), { ...lastQuote, paragraph: 999 }] };
    expect(() => writeArticle(db, article, outOfRange, new Date(), null)).toThrow("extraction referred to paragraph 999, which does not exist");
    expect(tableCounts(db)).toEqual(before);
    const unknownEntity = { ...extraction, events: extraction.events.map((e, n) => (n === extraction.events.length - 1 ? { ...e, actors: [{ entityId: 99_999, role: "actor" }] } : e)) };
    expect(() => writeArticle(db, article, unknownEntity, new Date(), null)).toThrow(/FOREIGN KEY constraint failed/);
    expect(tableCounts(db)).toEqual(before);
  });
});
