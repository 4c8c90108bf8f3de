import { and, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { cached, COUNT_CAP, incidentWhere, listIncidents, listIncidentsOfArticle, type IncidentView } from "./incidents.ts";
import { cachedPluck } from "./statements.ts";

export { COUNT_CAP };

export interface QuoteView {
  id: number;
  text: string;
  speaker: string | null;
  speakerId: number | null;
  speakerText: string | null;
  confidence: number;
  isFragment: boolean;
  saidOn: string | null;
  saidPrecision: string | null;
  article: { id: number; slug: string; title: string; url: string | null; outlet: string | null; publishedOn: string | null; publishedPrecision: string | null };
}

/** Articles and related pieces published on a month-day in any year. */
export function listArticlesOnDay(db: Db, monthDay: string, limit = 10): t.Article[] {
  return db
    .select()
    .from(t.articles)
    .where(and(eq(t.articles.publishedPrecision, "day"), sql`substr(${t.articles.publishedOn}, 6, 5) = ${monthDay}`))
    .orderBy(desc(t.articles.publishedOn))
    .limit(limit)
    .all();
}

function quoteViews(db: Db, rows: t.Quote[]): QuoteView[] {
  if (!rows.length) return [];
  const speakerIds = rows.map((r) => r.speakerId).filter((x): x is number => x !== null);
  const names = speakerIds.length
    ? new Map(db.select({ id: t.entities.id, name: t.entities.name }).from(t.entities).where(inArray(t.entities.id, speakerIds)).all().map((e) => [e.id, e.name]))
    : new Map<number, string>();
  const arts = new Map(
    db
      .select()
      .from(t.articles)
      .where(inArray(t.articles.id, [...new Set(rows.map((r) => r.articleId))]))
      .all()
      .map((a) => [a.id, a]),
  );
  return rows.flatMap((q) => {
    const a = arts.get(q.articleId);
    if (!a) return [];
    return [
      {
        id: q.id,
        text: q.text,
        speaker: q.speakerId !== null ? (names.get(q.speakerId) ?? null) : null,
        speakerId: q.speakerId,
        speakerText: q.speakerText,
        confidence: q.confidence,
        isFragment: q.isFragment,
        saidOn: q.saidOn,
        saidPrecision: q.saidPrecision,
        article: { id: a.id, slug: a.slug, title: a.title, url: a.url, outlet: a.outlet, publishedOn: a.publishedOn, publishedPrecision: a.publishedPrecision },
      },
    ];
  });
}

export function loadQuotes(db: Db, ids: readonly number[]): QuoteView[] {
  if (!ids.length) return [];
  const rows = db.select().from(t.quotes).where(inArray(t.quotes.id, [...ids])).all();
  const order = new Map(ids.map((id, i) => [id, i]));
  return quoteViews(db, rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)));
}

export interface QuoteFilter {
  speakerId?: number;
  /** A speaker the gazetteer does not know yet, as the articles spell them (quotes.speaker_text, no speaker id). */
  speakerTexts?: readonly string[];
  about?: string;
  fullOnly?: boolean;
}

/** At most this many of the newest quotes matching "about" words are ranked and counted (common words match most quotes). */
const ABOUT_CANDIDATES = 2000;

/**
 * Quotes, full statements before fragments, then most recent first (quotes.dated_on: said on, else published),
 * read through the listing indexes (migration store_bounds) so a page costs what it shows. `total` stops at `countCap`
 * (`capped` then says there are more); "about" words rank the newest ABOUT_CANDIDATES matching quotes, unless a
 * speaker is given, whose quotes are then each checked against the words.
 */
export function listQuotes(
  db: Db,
  filter: QuoteFilter,
  limit: number,
  offset: number,
  countCap: number = COUNT_CAP,
): { total: number; capped: boolean; quotes: QuoteView[] } {
  const none = { total: 0, capped: false, quotes: [] };
  const conds: SQL[] = [];
  if (filter.speakerId !== undefined) conds.push(eq(t.quotes.speakerId, filter.speakerId));
  if (filter.speakerTexts !== undefined) {
    if (!filter.speakerTexts.length) return none;
    conds.push(and(isNull(t.quotes.speakerId), inArray(t.quotes.speakerText, [...filter.speakerTexts])) as SQL);
  }
  if (filter.fullOnly) conds.push(eq(t.quotes.isFragment, false));
  if (filter.about) {
    const match = storedTextQuery(db, filter.about);
    if (!match) return none;
    conds.push(
      filter.speakerId !== undefined || filter.speakerTexts !== undefined
        ? sql`exists (select 1 from quotes_fts where quotes_fts match ${match} and quotes_fts.rowid = ${t.quotes.id})`
        : sql`${t.quotes.id} in (select rowid from quotes_fts where quotes_fts match ${match} order by rowid desc limit ${ABOUT_CANDIDATES})`,
    );
  }
  const where = conds.length ? and(...conds) : undefined;
  const counted = db.get<{ n: number }>(sql`select count(*) as n from (select 1 from ${t.quotes} where ${where ?? sql`1`} limit ${countCap + 1})`)?.n ?? 0;
  const rows = db
    .select()
    .from(t.quotes)
    .where(where)
    .orderBy(t.quotes.isFragment, desc(t.quotes.datedOn), t.quotes.id)
    .limit(limit)
    .offset(offset)
    .all();
  return { total: Math.min(counted, countCap), capped: counted > countCap, quotes: quoteViews(db, rows) };
}

/** One quote at random among the first COUNT_CAP the filter lists (the newest, full statements first). */
export function randomQuote(db: Db, filter: QuoteFilter): QuoteView | undefined {
  const { total } = listQuotes(db, filter, 0, 0);
  if (!total) return undefined;
  return listQuotes(db, filter, 1, Math.floor(Math.random() * total)).quotes[0];
}

/**
 * Turns what a person typed into a safe FTS5 query: words only (quotes, operators and brackets are
 * dropped), each as a quoted term, the last one as a prefix. "AND OR (" becomes nothing to match.
 */
export function ftsQuery(input: string, mode: "and" | "or" = "and", prefixLast = true): string | undefined {
  const words = input
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !/^(AND|OR|NOT|NEAR)$/.test(w))
    .slice(0, 12);
  if (!words.length) return undefined;
  const terms = words.map((w, i) => `"${w}"${prefixLast && i === words.length - 1 && w.length >= 3 ? "*" : ""}`);
  return terms.join(mode === "and" ? " " : " OR ");
}

/**
 * ftsQuery for the stored texts: the last word is a prefix only when it is not a word of the index itself
 * ("Wakh" finds Wakhan; "border" is a word, and porter stemming already finds "borders"). A prefix query merges
 * every matching term's rows before the first result (70 ms for a common word on 600,000 paragraphs); a word is
 * looked up where it stands.
 */
export function storedTextQuery(db: Db, input: string, mode: "and" | "or" = "and"): string | undefined {
  const words = ftsQuery(input, "or", false)?.split(" OR ");
  const last = words?.[words.length - 1];
  if (!last) return undefined;
  const known = cachedPluck(db, "select (exists (select 1 from paragraphs_fts where paragraphs_fts match ?)) or (exists (select 1 from quotes_fts where quotes_fts match ?))")
    .get(last, last) as number | undefined;
  return ftsQuery(input, mode, !known);
}

export interface SearchHit {
  kind: "paragraph" | "quote";
  id: number;
  articleId: number;
  articleSlug: string;
  articleTitle: string;
  url: string | null;
  publishedOn: string | null;
  snippet: string;
  score: number;
  /** For a quote: its speaker, as the gazetteer names them or as the article does; null when unattributed. */
  speaker: string | null;
  /** The paragraph the passage is (or the quote stands) in. */
  paragraphId: number;
  /** Other matching paragraphs and quotes of the same article, not shown. */
  more: number;
}

/**
 * The two searchable texts: article paragraphs and quotes, each with its FTS5 index. `candidates` bounds the work
 * of one query: only the newest that many matching rows (FTS5 walks a term's rows in rowid order and stops) are
 * ranked by bm25, of which the best `limit` are grouped by article.
 */
const SEARCHED = [
  { kind: "paragraph", fts: "paragraphs_fts", table: "paragraphs", limit: 200, candidates: 2000 },
  { kind: "quote", fts: "quotes_fts", table: "quotes", limit: 100, candidates: 1000 },
] as const;

/** The best `limit` of a source's newest `candidates` matches, by bm25; snippets are drawn later, for the page shown. */
function ftsHits(db: Db, source: (typeof SEARCHED)[number], match: string): SearchHit[] {
  const { kind, fts, table, limit, candidates } = source;
  // The oldest row among the newest `candidates` matches: ranking starts there (0: fewer match).
  const floor = (cachedPluck(db, `select rowid from ${fts} where ${fts} match ? order by rowid desc limit 1 offset ${candidates - 1}`).get(match) as number | undefined) ?? 0;
  const speaker = kind === "quote" ? "coalesce(sp.name, t.speaker_text)" : "null";
  const paragraph = kind === "quote" ? "t.paragraph_id" : "t.id";
  const speakerJoin = kind === "quote" ? "left join entities sp on sp.id = t.speaker_id" : "";
  return cached(
      db,
      `select '${kind}' as kind, t.id, t.article_id as articleId, a.slug as articleSlug, a.title as articleTitle, a.url, a.published_on as publishedOn,
              '' as snippet, ranked.score, ${speaker} as speaker, ${paragraph} as paragraphId, 0 as more
       from (select rowid as id, bm25(${fts}) as score from ${fts} where ${fts} match ? and rowid >= ? order by score limit ${limit}) ranked
       join ${table} t on t.id = ranked.id join articles a on a.id = t.article_id ${speakerJoin}
       order by ranked.score`,
    )
    .all(match, floor) as SearchHit[];
}

/** Draws each hit's highlighted snippet (one FTS5 lookup by rowid each). */
function withSnippets(db: Db, hits: SearchHit[], match: string): SearchHit[] {
  return hits.map((hit) => {
    const fts = hit.kind === "quote" ? "quotes_fts" : "paragraphs_fts";
    const snippet = cachedPluck(db, `select snippet(${fts}, 0, '**', '**', '…', 24) from ${fts} where ${fts} match ? and rowid = ?`).get(match, hit.id) as string | undefined;
    return { ...hit, snippet: snippet ?? "" };
  });
}

/**
 * Full-text search over article paragraphs and quotes, ranked by bm25, with highlighted snippets: one hit per
 * article (its best passage, a matching quote before a paragraph, and how many more match), so one long article
 * does not fill every page. The work is bounded (SEARCHED): the newest few thousand matches are ranked, so
 * `total` counts the articles among them.
 */
export function searchText(db: Db, query: string, limit: number, offset: number): { total: number; hits: SearchHit[] } {
  for (const mode of ["and", "or"] as const) {
    const match = storedTextQuery(db, query, mode);
    if (!match) return { total: 0, hits: [] };
    const all = SEARCHED.flatMap((source) => ftsHits(db, source, match)).sort((a, b) => a.score - b.score);
    const best = new Map<number, SearchHit>();
    for (const hit of all) {
      const seen = best.get(hit.articleId);
      if (!seen) best.set(hit.articleId, { ...hit, more: 0 });
      // An article's matching quote stands for it over a matching paragraph: it says who said it. The paragraph
      // that holds the quote shown is the same passage, not one more.
      else if (seen.kind === "paragraph" && hit.kind === "quote") best.set(hit.articleId, { ...hit, more: seen.more + (seen.paragraphId === hit.paragraphId ? 0 : 1) });
      else if (!(seen.kind === "quote" && hit.kind === "paragraph" && hit.paragraphId === seen.paragraphId)) seen.more++;
    }
    const grouped = [...best.values()];
    if (grouped.length || mode === "or") return { total: grouped.length, hits: withSnippets(db, grouped.slice(offset, offset + limit), match) };
  }
  return { total: 0, hits: [] };
}

export interface EntityProfile {
  entity: t.Entity;
  aliases: t.Alias[];
  parents: { id: number; name: string }[];
  mentions: number;
  articleCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  latestQuote: QuoteView | undefined;
  quoteCount: number;
  /** True when there are more quotes than `quoteCount` says (counting stopped at COUNT_CAP). */
  quoteCountCapped: boolean;
  latestEvents: IncidentView[];
  /** Incidents involving it, counted up to COUNT_CAP (`eventCountCapped` when there are more). */
  eventCount: number;
  eventCountCapped: boolean;
  articles: { id: number; slug: string; title: string; url: string | null; publishedOn: string | null; mentions: number }[];
}

/**
 * Everything /who shows, in work bounded by what it shows: mention and article counts are kept on the entity
 * (the writer and triggers), its latest articles and first and last seen are read from entity_articles by index,
 * and the incident and quote counts stop at COUNT_CAP.
 */
export function getEntityProfile(db: Db, entityId: number): EntityProfile | undefined {
  const entity = db.select().from(t.entities).where(eq(t.entities.id, entityId)).get();
  if (!entity) return undefined;
  const aliases = db.select().from(t.aliases).where(eq(t.aliases.entityId, entityId)).all();
  const parents: { id: number; name: string }[] = [];
  let parentId = entity.parentId;
  while (parentId !== null && parents.length < 6) {
    const p = db.select({ id: t.entities.id, name: t.entities.name, parentId: t.entities.parentId }).from(t.entities).where(eq(t.entities.id, parentId)).get();
    if (!p) break;
    parents.push({ id: p.id, name: p.name });
    parentId = p.parentId;
  }
  const articles = db
    .select({ id: t.articles.id, slug: t.articles.slug, title: t.articles.title, url: t.articles.url, publishedOn: t.articles.publishedOn, mentions: t.entityArticles.mentions })
    .from(t.entityArticles)
    .innerJoin(t.articles, eq(t.articles.id, t.entityArticles.articleId))
    .where(eq(t.entityArticles.entityId, entityId))
    .orderBy(desc(t.entityArticles.publishedOn))
    .limit(8)
    .all();
  const firstArticle = db
    .select({ d: t.entityArticles.publishedOn })
    .from(t.entityArticles)
    .where(and(eq(t.entityArticles.entityId, entityId), isNotNull(t.entityArticles.publishedOn)))
    .orderBy(t.entityArticles.publishedOn)
    .limit(1)
    .get()?.d;
  const events = listIncidents(db, { entityId }, 3, 0);
  const where = incidentWhere(db, { entityId });
  const firstIncident = cached(db, `select i.occurred_on as d from incidents i where ${where.sql} order by i.occurred_on limit 1`).get(where.params) as { d: string } | undefined;
  const dates = [firstArticle, articles[0]?.publishedOn, firstIncident?.d, events.incidents[0]?.occurredOn].filter((d): d is string => !!d).sort();
  const quotes = listQuotes(db, { speakerId: entityId }, 1, 0);
  return {
    entity,
    aliases,
    parents,
    mentions: entity.mentionCount,
    articleCount: entity.articleCount,
    firstSeen: dates[0] ?? null,
    lastSeen: dates[dates.length - 1] ?? null,
    latestQuote: quotes.quotes[0],
    quoteCount: quotes.total,
    quoteCountCapped: quotes.capped,
    latestEvents: events.incidents,
    eventCount: events.total,
    eventCountCapped: events.capped,
    articles,
  };
}

export function findArticles(db: Db, query: string, limit: number): t.Article[] {
  const q = `%${query.trim().replace(/[%_]/g, "")}%`;
  return db
    .select()
    .from(t.articles)
    .where(and(eq(t.articles.kind, "article"), or(sql`${t.articles.title} like ${q}`, sql`${t.articles.slug} like ${q}`)))
    .orderBy(desc(t.articles.publishedOn))
    .limit(limit)
    .all();
}

export function getArticleCard(db: Db, idOrSlug: string) {
  const article = /^\d+$/.test(idOrSlug)
    ? db.select().from(t.articles).where(eq(t.articles.id, Number(idOrSlug))).get()
    : (db.select().from(t.articles).where(eq(t.articles.slug, idOrSlug)).get() ?? findArticles(db, idOrSlug, 1)[0]);
  if (!article) return undefined;
  const topEntities = db
    .select({ id: t.entities.id, name: t.entities.name, kind: t.entities.kind, n: sql<number>`count(*)` })
    .from(t.mentions)
    .innerJoin(t.entities, eq(t.entities.id, t.mentions.entityId))
    .where(eq(t.mentions.articleId, article.id))
    .groupBy(t.entities.id)
    .orderBy(desc(sql`count(*)`))
    .limit(12)
    .all();
  const quoteIds = db.select({ id: t.quotes.id }).from(t.quotes).where(eq(t.quotes.articleId, article.id)).orderBy(t.quotes.isFragment, t.quotes.id).all();

  const related = db.select().from(t.articles).where(eq(t.articles.relatedToId, article.id)).orderBy(desc(t.articles.publishedOn)).all();
  const paragraphs = db.select({ n: sql<number>`count(*)` }).from(t.paragraphs).where(eq(t.paragraphs.articleId, article.id)).get()?.n ?? 0;
  return {
    article,
    paragraphs,
    topEntities,
    quotes: loadQuotes(db, quoteIds.map((q) => q.id)),
    events: listIncidentsOfArticle(db, article.id),
    related,
  };
}
