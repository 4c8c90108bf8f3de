import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { findDates } from "../../src/ingest/dates-in-text.ts";
import { extractArticle, type Extraction } from "../../src/ingest/extract.ts";
import { ingestFile } from "../../src/ingest/index.ts";
import { parseArticle, type ParsedArticle } from "../../src/ingest/parse.ts";
import { loadAliasIndex } from "../../src/store/alias-index.ts";
import { referenceDate } from "../../src/text/dates.ts";
import { expectQuotesAsGold, fixture, freshStore, goldId, readGold } from "./helpers.ts";

const gold = readGold("unseen-news");
const file = fixture("articles", "unseen-news.md");

describe("an article the extractor was not tuned on (test/fixtures/articles/unseen-news.md)", () => {
  let db: Db;
  let articleId: number;
  let article: ParsedArticle;
  let extraction: Extraction;

  beforeAll(() => {
    db = freshStore();
    const report = ingestFile(db, file);
    expect(report.error).toBeUndefined();
    articleId = report.article?.id ?? -1;
    // The same pure stages the ingest ran, to see what the store cannot hold (places and claimants that are candidates).
    article = parseArticle("unseen-news.md", readFileSync(file));
    extraction = extractArticle(article.paragraphs, loadAliasIndex(db), article.published);
  });

  it("surfaces the names the gazetteer does not know as candidates, with their kind", () => {
    const rows = db.$client.prepare("select text, kind_guess as kind from candidates where article_id = ?").all(articleId) as { text: string; kind: string }[];
    const found = new Map<string, string>();
    for (const r of rows) if (!found.has(r.text) || found.get(r.text) === "unknown") found.set(r.text, r.kind);
    const hits = gold.candidates.filter((c) => found.has(c.text));
    const recall = hits.length / gold.candidates.length;
    const precision = [...found.keys()].filter((t) => gold.candidates.some((c) => c.text === t)).length / found.size;
    const kindsRight = hits.filter((c) => found.get(c.text) === c.kind).length;
    console.log(
      `candidates: recall ${recall.toFixed(2)} (${hits.length}/${gold.candidates.length}), precision ${precision.toFixed(2)} (${found.size} distinct), kind right ${kindsRight}/${hits.length}` +
        `\n  missed: ${gold.candidates.filter((c) => !found.has(c.text)).map((c) => c.text).join(", ") || "—"}` +
        `\n  extra: ${[...found.keys()].filter((t) => !gold.candidates.some((c) => c.text === t)).join(", ") || "—"}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.8);
    expect(kindsRight / hits.length).toBeGreaterThanOrEqual(0.8);
    // Front-matter author and outlet are metadata, and short forms ("Gul", "Momand") are the same people.
    expect(found.has("Nadia Tareen") || found.has("Frontier Desk Review") || found.has("Gul") || found.has("Momand")).toBe(false);
  });

  it("links the gazetteer names it mentions, longest match first", () => {
    const slugs = db.$client.prepare("select distinct e.slug from mentions m join entities e on e.id = m.entity_id where m.article_id = ?").pluck().all(articleId) as string[];
    const missed = gold.knownEntities.filter((s) => !slugs.includes(s));
    const extra = slugs.filter((s) => !gold.knownEntities.includes(s));
    console.log(`known entities: ${gold.knownEntities.length - missed.length}/${gold.knownEntities.length} found; missed ${missed.join(" ") || "—"}; extra ${extra.join(" ") || "—"}`);
    expect(missed).toEqual([]);
    expect(extra).toEqual([]);
  });

  it("attributes each quote per the gold: named people, carried pronouns, an organisation, and the anonymous driver to no one", () => {
    // "Gul’s office said …" and "according to Gul, who said …" carry no quotation marks and give no quotes.
    expectQuotesAsGold(db, articleId, gold.quotes);
  });

  it("resolves every date against the publication date with the precision the words carry, and nothing else", () => {
    expect(article.published).toEqual({ value: gold.published, precision: "day" });
    const reference = referenceDate({ value: gold.published, precision: "day" });
    const found = article.paragraphs.filter((p) => p.role === "body").flatMap((p) => findDates(p.text, reference));
    const shown = found.map((d) => `${d.text} → ${d.value} (${d.precision})`);
    console.log(`dates: ${shown.join("; ")}`);
    // "into its third week", "Every day this gate stays shut", "since the closure began" are not dates.
    expect(found).toHaveLength(gold.dates.length);
    gold.dates.forEach((g, n) => {
      const d = found[n];
      const phrase = d?.text.toLowerCase().replace(/[,.]$/, "") ?? "";
      expect(phrase.includes(g.phrase.toLowerCase()) || g.phrase.toLowerCase().includes(phrase), `date ${n + 1}: "${g.phrase}" vs "${d?.text}"`).toBe(true);
      expect({ value: d?.value, precision: d?.precision }, `date ${n + 1}: "${g.phrase}"`).toEqual({ value: g.resolved, precision: g.precision });
    });
  });

  it("stores the six dated happenings as events with date, precision, type, place and claimant", () => {
    const stored = db.$client
      .prepare(
        `select ev.occurred_on as date, ev.precision, ev.type, ev.month_day as monthDay, p.slug as place, c.slug as claimedBy, ev.killed, ev.injured
         from events ev left join entities p on p.id = ev.place_id left join entities c on c.id = ev.claimed_by_id where ev.article_id = ? order by ev.occurred_on`,
      )
      .all(articleId) as { date: string; precision: string; type: string; monthDay: string | null; place: string | null; claimedBy: string | null; killed: number | null; injured: number | null }[];
    expect(stored).toHaveLength(gold.events.length);
    for (const g of gold.events) {
      const label = `${g.date} ${g.type}`;
      // The store keeps day/month/year only: a week is kept as the month that holds all of it (10–16 March →
      // 2025-03, month), never as its Monday, which would put the meeting on a day the article never gave.
      const want = g.precision === "week" ? { date: g.date.slice(0, 7), precision: "month" } : { date: g.date, precision: g.precision };
      const row = stored.find((s) => s.date === want.date && s.precision === want.precision && s.type === g.type);
      expect(row, `stored event ${label}`).toBeDefined();
      expect(row?.monthDay ?? null).toBe(want.precision === "day" ? want.date.slice(5) : null);
      const ex = extraction.events.find((e) => e.date.value === g.date && e.date.precision === g.precision && e.cue.type === g.type);
      expect(ex, `extracted event ${label}`).toBeDefined();
      const placeId = goldId(g.place);
      if (placeId) expect(row?.place, `place of ${label}`).toBe(placeId);
      // A place the gazetteer does not know cannot be a foreign key: the event keeps the province it knows (or
      // none), and the extraction keeps the village as written.
      else expect(ex?.placeText, `place of ${label}`).toBe(g.place);
      const claimId = goldId(g.claimedBy);
      if (claimId) expect(row?.claimedBy, `claimant of ${label}`).toBe(claimId);
      else if (g.claimedBy === null) expect({ id: row?.claimedBy, text: ex?.claimedByText }, `claimant of ${label}`).toEqual({ id: null, text: null });
      else expect({ id: row?.claimedBy, text: ex?.claimedByText }, `claimant of ${label}`).toEqual({ id: null, text: g.claimedBy });
    }
    const monday = stored.find((s) => s.date === "2025-03-17" && s.type === "shelling");
    expect(monday).toMatchObject({ injured: 3, place: "khyber-pakhtunkhwa" });
    expect(stored.find((s) => s.date === "2024-11-14")).toMatchObject({ killed: 2, place: null });
  });
});
