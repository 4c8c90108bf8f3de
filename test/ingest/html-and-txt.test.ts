import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findDates } from "../../src/ingest/dates-in-text.ts";
import { ingestFile } from "../../src/ingest/index.ts";
import { parseArticle } from "../../src/ingest/parse.ts";
import { referenceDate } from "../../src/text/dates.ts";
import { fixture, freshStore, tempDir } from "./helpers.ts";

describe("an HTML page whose facts are in JSON-LD", () => {
  const page = readFileSync(fixture("articles", "ld-json.html"), "utf8");

  it("takes headline, author, publisher and publication date from schema.org data (inside @graph, skipping a broken script)", () => {
    const article = parseArticle("ld-json.html", Buffer.from(page));
    expect(article).toMatchObject({ title: "Chaman gate reopens after two-day closure", author: "Samina Qureshi", outlet: "Borderline Wire", published: { value: "2025-10-14", precision: "day" } });
    expect(article.paragraphs.map((p) => p.text.slice(0, 20))).toEqual(["Trucks and pedestria", "Traders in Chaman sa", "The closure was the "]);
  });

  it("reads a date meta tag written in words, and refuses a page whose only date is not one", () => {
    const wordsOnly = page.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, "");
    expect(parseArticle("words.html", Buffer.from(wordsOnly)).published).toEqual({ value: "2025-10-14", precision: "day" });
    const nonsense = wordsOnly.replace('content="Oct 14, 2025"', 'content="sometime last autumn"');
    expect(() => parseArticle("nonsense.html", Buffer.from(nonsense))).toThrow('the page\'s publication date "sometime last autumn" is not a real date');
  });
});

describe("an HTML news page", () => {
  const html = fixture("articles", "sample.html");
  const article = parseArticle("sample.html", readFileSync(html));

  it("keeps only the readable story body: no cookie banner, nav, caption, share links, sidebar or footer", () => {
    expect(article.paragraphs).toHaveLength(8);
    expect(article.paragraphs.every((p) => p.role === "body")).toBe(true);
    expect(article.paragraphs[0]?.text).toMatch(/^The Torkham crossing between Pakistan and Afghanistan reopened/);
    expect(article.paragraphs.at(-1)?.text).toMatch(/further talks with Kabul on border management next month\.$/);
    const body = article.paragraphs.map((p) => p.text).join("\n");
    for (const chrome of ["cookies", "Accept all", "Subscribe", "Illustrative image", "Share", "12 comments", "Most read", "Flour prices", "Peshawar side wins", "Torkham stays shut", "newsletter", "All rights reserved", "Privacy policy", "localStorage"]) {
      expect(body, chrome).not.toContain(chrome);
    }
  });

  it("takes title, author, outlet, URL and publication date from the page's metadata", () => {
    expect(article).toMatchObject({
      title: "Torkham reopens to trade after 17-day closure",
      author: "Nadia Tareen",
      outlet: "Frontier Desk Review",
      url: "https://example.org/frontier-desk/2025/03/21/torkham-reopens-to-trade",
      published: { value: "2025-03-21", precision: "day" },
    });
  });

  it("resolves the body's dates against Friday 21 March 2025, and takes durations for what they are", () => {
    const found = article.paragraphs.flatMap((p) => findDates(p.text, referenceDate({ value: "2025-03-21", precision: "day" })));
    expect(found.map((d) => ({ text: d.text.replace(/,$/, ""), value: d.value, precision: d.precision }))).toEqual([
      { text: "on Thursday", value: "2025-03-20", precision: "day" },
      { text: "March 3", value: "2025-03-03", precision: "day" },
      { text: "this week", value: "2025-03-17", precision: "week" },
      { text: "next month", value: "2025-04", precision: "month" },
    ]);
  });

  it("ingests with quotes attributed, the follow-on quote carried to the same speaker", () => {
    const db = freshStore();
    const report = ingestFile(db, html);
    expect(report.ok).toBe(true);
    const quotes = db.$client.prepare("select text, speaker_text as speaker from quotes where article_id = ? order by id").all(report.article?.id);
    expect(quotes).toEqual([
      { text: "This is a relief for every driver who has been sleeping beside the road,", speaker: "Sherzad Momand" },
      { text: "But we have heard promises before, and we will judge this by whether the gate stays open.", speaker: "Sherzad Momand" },
      { text: "should never be held hostage to politics.", speaker: "Zabihullah Mujahid" },
    ]);
    expect(db.$client.prepare("select occurred_on, precision, type from events where article_id = ? and type = 'reopening'").get(report.article?.id)).toEqual({
      occurred_on: "2025-03-20",
      precision: "day",
      type: "reopening",
    });
  });
});

describe("a plain-text article in the seed's layout", () => {
  const txt = fixture("articles", "plain-news.txt");

  it("reads the byline as the author, short unpunctuated lines as headings, and the Related Articles list as stubs", () => {
    const article = parseArticle("plain-news.txt", readFileSync(txt));
    expect(article.author).toBe("Hamid Kakar");
    expect(article.paragraphs[0]).toEqual({ role: "byline", text: "By Hamid Kakar" });
    expect(article.paragraphs.filter((p) => p.role === "heading").map((p) => p.text)).toEqual([
      "Background",
      "A Town Built On Daily Trade",
      "Security First, Officials Say",
      "What Comes Next",
      "Related Articles:",
    ]);
    expect(article.paragraphs.filter((p) => p.role === "body")).toHaveLength(8);
    expect(article.related).toEqual([
      { title: "Torkham Stays Shut As Mortar Fire Hits Border Village", published: { value: "2025-03-18", precision: "day" } },
      { title: "Porters Of Chaman: A Livelihood Caught Between Two States", published: { value: "2024-11-02", precision: "day" } },
      { title: "Why Border Closures Hurt Both Economies", published: { value: "2024-06-14", precision: "day" } },
      { title: "Transit Trade And The Durand Line Question", published: { value: "2023-01-09", precision: "day" } },
    ]);
    // The file gives no date and none is made up.
    expect(article.published).toBeUndefined();
  });

  it("extracts nothing from the related list and attributes its quotes, the verbless follow-on included", () => {
    const db = freshStore();
    const report = ingestFile(db, txt, { overrides: { published: "2025-03-20" } });
    expect(report.ok).toBe(true);
    const id = report.article?.id;
    const fromRelated = db.$client
      .prepare(
        `select (select count(*) from mentions m join paragraphs p on p.id = m.paragraph_id where p.role = 'related' and p.article_id = @id)
              + (select count(*) from candidates c join paragraphs p on p.id = c.paragraph_id where p.role = 'related' and p.article_id = @id)
              + (select count(*) from quotes q join paragraphs p on p.id = q.paragraph_id where p.role = 'related' and p.article_id = @id)`,
      )
      .pluck()
      .get({ id });
    expect(fromRelated).toBe(0);
    const quotes = db.$client
      .prepare("select q.text, q.speaker_text as speaker, e.slug, q.is_fragment as fragment from quotes q left join entities e on e.id = q.speaker_id where q.article_id = ? order by q.id")
      .all(id);
    expect(quotes).toEqual([
      { text: "We are not smugglers, we are neighbours,", speaker: "Rashid Noorzai", slug: null, fragment: 0 },
      { text: "Our grandfathers traded here before there was any gate.", speaker: "Rashid Noorzai", slug: null, fragment: 0 },
      { text: "a sovereign decision", speaker: "Pakistan Foreign Office", slug: "pakistan-foreign-office", fragment: 1 },
      { text: "If the gate closes again, this town will empty,", speaker: "Rashid Noorzai", slug: null, fragment: 0 },
    ]);
    const stubs = db.$client.prepare("select title, published_on from articles where kind = 'stub' and related_to_id = ?").all(id);
    expect(stubs).toHaveLength(4);
    expect(db.$client.prepare("select published_on, published_precision from articles where id = ?").get(id)).toEqual({ published_on: "2025-03-20", published_precision: "day" });
  });

  it("resolves relative dates against --published, and leaves them unresolved (never 'today') without it", () => {
    // The unseen article's body as plain text: no front matter, so no publication date of its own.
    const md = readFileSync(fixture("articles", "unseen-news.md"), "utf8");
    const body = md.replace(/^---\n[\s\S]*?\n---\n/, "").replace(/^#+ /gm, "");
    const file = path.join(tempDir(), "torkham-plain.txt");
    writeFileSync(file, body);
    const events = (db: ReturnType<typeof freshStore>, id: number | undefined): unknown[] =>
      db.$client.prepare("select occurred_on as date, precision, type from events where article_id = ? order by occurred_on, type").all(id);

    const withDate = freshStore();
    const dated = ingestFile(withDate, file, { overrides: { published: "2025-03-18" } });
    expect(dated.article?.published).toBe("2025-03-18");
    expect(events(withDate, dated.article?.id)).toEqual([
      { date: "2024-11-14", precision: "day", type: "shelling" },
      { date: "2025-03", precision: "month", type: "meeting" },
      { date: "2025-03", precision: "month", type: "statement" },
      { date: "2025-03-03", precision: "day", type: "closure" },
      { date: "2025-03-17", precision: "day", type: "accusation" },
      { date: "2025-03-17", precision: "day", type: "shelling" },
    ]);

    const undated = freshStore();
    const plain = ingestFile(undated, file, { now: new Date("2031-07-01T12:00:00Z") });
    expect(plain.article?.published).toBeNull();
    // Only the date that names its year survives; "on Monday", "March 3", "last week" need a reference.
    expect(events(undated, plain.article?.id)).toEqual([{ date: "2024-11-14", precision: "day", type: "shelling" }]);
  });
});

describe("a long article (more paragraphs and quotes than one insert statement takes)", () => {
  it("keeps every paragraph in order with its mentions, quotes and search entries on the right paragraph", () => {
    const db = freshStore();
    const dir = tempDir();
    const file = path.join(dir, "long-dispatch.txt");
    const paragraphs = Array.from({ length: 450 }, (_, i) =>
      i % 3 === 0
        ? `Paragraph ${i}: Zabihullah Mujahid said, “The crossing at Torkham will stay open for item ${i}.”`
        : `Paragraph ${i}: traders in Khyber Pakhtunkhwa counted lorries marked zq${i}x at the gate.`,
    );
    writeFileSync(file, `${paragraphs.join("\n\n")}\n`);
    const report = ingestFile(db, file, { overrides: { published: "2025-03-21" } });
    expect(report.ok, report.error).toBe(true);
    const c = db.$client;
    const articleId = report.article?.id ?? 0;
    const stored = c.prepare<[number], { id: number; idx: number; text: string }>("select id, idx, text from paragraphs where article_id = ? order by idx").all(articleId);
    expect(stored.map((p) => p.text)).toEqual(paragraphs);
    // Every mention's offsets point into its own paragraph's text, at the words that name its entity.
    const mentions = c.prepare<[number], { entity: string; start: number; end: number; para: string }>("select e.name as entity, m.start, m.end, p.text as para from mentions m join paragraphs p on p.id = m.paragraph_id join entities e on e.id = m.entity_id where m.article_id = ?").all(articleId);
    expect(mentions.length).toBeGreaterThanOrEqual(450);
    const named = { "Zabihullah Mujahid": "Zabihullah Mujahid", Torkham: "Torkham", "Khyber Pakhtunkhwa": "Khyber Pakhtunkhwa" } as Record<string, string>;
    for (const m of mentions) expect(m.para.slice(m.start, m.end)).toBe(named[m.entity]);
    // 150 quotes, each on the paragraph that holds it, attributed.
    const quotes = c.prepare<[number], { text: string; para: string; speaker: string | null }>("select q.text, p.text as para, e.name as speaker from quotes q join paragraphs p on p.id = q.paragraph_id left join entities e on e.id = q.speaker_id where q.article_id = ?").all(articleId);
    expect(quotes).toHaveLength(150);
    for (const q of quotes) {
      expect(q.para).toContain(q.text);
      expect(q.speaker).toBe("Zabihullah Mujahid");
    }
    // Full-text search finds a word of paragraph 428 in paragraph 428 only, and a quote's word in that quote.
    expect(c.prepare("select rowid from paragraphs_fts where paragraphs_fts match 'zq428x'").pluck().all()).toEqual([stored[428]?.id]);
    const quoteHit = c.prepare("select q.text from quotes_fts f join quotes q on q.id = f.rowid where quotes_fts match '\"item 447\"'").pluck().all();
    expect(quoteHit).toEqual(["The crossing at Torkham will stay open for item 447."]);
    // Each entity's mention count (kept by the writer, one statement per article) matches its mention rows.
    const drift = c.prepare("select e.id, e.mention_count, (select count(*) from mentions m where m.entity_id = e.id) as rows from entities e where e.mention_count != (select count(*) from mentions m where m.entity_id = e.id)").all();
    expect(drift).toEqual([]);
    expect(c.prepare("select mention_count from entities where name = 'Zabihullah Mujahid'").pluck().get()).toBe(150);
  });
});
