import { sha256Hex } from "../text/hash.ts";
import type Database from "better-sqlite3";
import type { Db } from "../db/client.ts";
import type { ParsedArticle } from "./parse.ts";
import type { DatePrecision } from "../db/schema.ts";
import type { PartialDate } from "../text/dates.ts";
import type { Extraction } from "./extract.ts";
import { acledPair } from "../incidents/vocabulary.ts";
import { linkReports, reportKey, writtenActors, type WrittenReport } from "../incidents/link.ts";
import { refreshIncidents } from "../incidents/refresh.ts";

export type WriteOutcome = "created" | "replaced" | "unchanged";

export interface WriteResult {
  outcome: WriteOutcome;
  articleId: number;
  slug: string;
}

/**
 * The store keeps day, month or year precision. A week ("last week") is stored as the smallest of those that
 * holds the whole week, its month when Monday to Sunday fall in one month, else its year: claiming the
 * Monday as the day would put the event on a date the article never gave (and on that day's "on this day").
 */
export function storableDate(d: PartialDate): { value: string; precision: DatePrecision } {
  if (d.precision !== "week") return { value: d.value, precision: d.precision };
  const [y, m, day] = d.value.split("-").map(Number);
  const monday = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1, 12));
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  if (sunday.getUTCMonth() === monday.getUTCMonth()) return { value: d.value.slice(0, 7), precision: "month" };
  // A week across New Year belongs to neither year; its Monday's year is the closer honest guess.
  return { value: d.value.slice(0, 4), precision: "year" };
}

export function contentHash(article: ParsedArticle): string {
  // The title and each paragraph as one text, hashed at once: a hash update per paragraph cost twice as much (the
  // digest is the same; the text is the article's, some 15 KB).
  let text = article.title;
  for (const p of article.paragraphs) text += `\n${p.role}:${p.text}`;
  return sha256Hex(text);
}

/**
 * Paragraphs, mentions and quotes are written with one statement per article (up to this many rows each): an
 * article has hundreds of mentions, and one statement per row cost more than the rows; and the FTS5 triggers on
 * paragraphs and quotes flush FTS5's pending terms at every statement that fires them, which with a statement
 * per row cost three times the indexing itself (1.6 ms of a 6.6 ms article).
 */
const MAX_ROWS_PER_STATEMENT = 200;

/** Multi-row insert statements by row count, per connection and table. */
const multiRow = new WeakMap<Database.Database, Map<string, Database.Statement>>();

type RowTable = "paragraphs" | "mentions" | "quotes" | "candidates" | "entity_articles" | "events" | "event_actors";

/** What follows a table's multi-row insert: an event's actor is written once for each entity and role. */
const INSERT_SUFFIX: Partial<Record<RowTable, string>> = { event_actors: " on conflict do nothing" };

/** The statement that inserts `count` rows into a table (one table is always written with the same columns). */
function multiRowInsert(sqlite: Database.Database, table: RowTable, columns: readonly string[], count: number): Database.Statement {
  let cache = multiRow.get(sqlite);
  if (!cache) multiRow.set(sqlite, (cache = new Map<string, Database.Statement>()));
  const key = `${table}:${count}`;
  let statement = cache.get(key);
  if (!statement) {
    const row = `(${columns.map(() => "?").join(", ")})`;
    statement = sqlite.prepare(`insert into ${table} (${columns.join(", ")}) values ${Array(count).fill(row).join(", ")}${INSERT_SUFFIX[table] ?? ""}`);
    cache.set(key, statement);
  }
  return statement;
}

function insertRows<T>(
  sqlite: Database.Database,
  table: RowTable,
  columns: readonly string[],
  items: readonly T[],
  /** Pushes one item's values, in column order (straight into the statement's parameters, no array per row). */
  values: (item: T, out: unknown[], index: number) => void,
): void {
  for (let i = 0; i < items.length; i += MAX_ROWS_PER_STATEMENT) {
    const count = Math.min(MAX_ROWS_PER_STATEMENT, items.length - i);
    const params: unknown[] = [];
    for (let k = i; k < i + count; k++) values(items[k] as T, params, k);
    multiRowInsert(sqlite, table, columns, count).run(params);
  }
}

/** Inserts rows given as one flat list of values (each row's, in column order, one row after another). */
function insertFlatRows(sqlite: Database.Database, table: RowTable, columns: readonly string[], values: readonly unknown[]): void {
  const perStatement = MAX_ROWS_PER_STATEMENT * columns.length;
  for (let i = 0; i < values.length; i += perStatement) {
    const params = values.slice(i, i + perStatement);
    multiRowInsert(sqlite, table, columns, params.length / columns.length).run(params);
  }
}

const MENTION_COLUMNS = ["entity_id", "article_id", "paragraph_id", "start", "end"] as const;
const EVENT_COLUMNS = [
  "occurred_on",
  "precision",
  "year",
  "month_day",
  "type",
  "acled_event_type",
  "acled_sub_event_type",
  "summary",
  "place_id",
  "claimed_by_id",
  "killed",
  "injured",
  "casualties_text",
  "source",
  "article_id",
  "paragraph_id",
  "start",
  "end",
  "report_key",
] as const;
const ACTOR_COLUMNS = ["event_id", "entity_id", "role"] as const;
const ENTITY_ARTICLE_COLUMNS = ["entity_id", "article_id", "published_on", "mentions"] as const;

/**
 * The statements one article's write needs, prepared once per connection: building each row's SQL through
 * drizzle cost more than the rest of ingest together (see BENCHMARKS.md).
 */
function prepareStatements(sqlite: Database.Database) {
  return {
    byHash: sqlite.prepare<[string], { id: number; slug: string }>("select id, slug from articles where content_hash = ?"),
    previous: sqlite.prepare<[string, string | null], { id: number }>("select id from articles where kind = 'article' and (slug = ? or url = ?) limit 1"),
    deleteArticle: sqlite.prepare<[number]>("delete from articles where id = ?"),
    deleteStubsOf: sqlite.prepare<[number]>("delete from articles where kind = 'stub' and related_to_id = ?"),
    stubTitled: sqlite.prepare<[string], number>("select id from articles where kind = 'stub' and title = ? limit 1").pluck(),
    deleteStubsTitled: sqlite.prepare<[string]>("delete from articles where kind = 'stub' and title = ?"),
    titleExists: sqlite.prepare<[string], { id: number }>("select id from articles where title = ? limit 1"),
    insertArticle: sqlite.prepare(
      `insert into articles (slug, title, author, outlet, url, published_on, published_precision, language, content_hash, kind, related_to_id, source_path, tags, ingested_at)
       values (@slug, @title, @author, @outlet, @url, @publishedOn, @publishedPrecision, @language, @contentHash, @kind, @relatedToId, @sourcePath, @tags, @ingestedAt)`,
    ),
    paragraphIds: sqlite.prepare<[number], number>("select id from paragraphs where article_id = ? order by idx").pluck(),
    mentionsSequenced: sqlite.prepare<[], number>("select 1 from sqlite_sequence where name = 'mentions'").pluck(),
    // One statement for all of a batch's entities ([[id, mentions, articles], …] as JSON): one UPDATE per entity cost
    // 0.1 ms an article, and a trigger's UPDATE per entity_articles row (migration 0029 dropped it) as much again.
    addEntityCounts: sqlite.prepare<[string]>(
      `update entities set mention_count = mention_count + c.m, article_count = article_count + c.a
       from (select value ->> 0 as id, value ->> 1 as m, value ->> 2 as a from json_each(?)) c where entities.id = c.id`,
    ),
    incidentsOf: sqlite.prepare<[number], number>("select distinct incident_id from events where article_id = ? and incident_id is not null").pluck(),
  };
}
type Statements = ReturnType<typeof prepareStatements>;
const prepared = new WeakMap<Database.Database, Statements>();

function statementsFor(sqlite: Database.Database): Statements {
  let statements = prepared.get(sqlite);
  if (!statements) {
    statements = prepareStatements(sqlite);
    prepared.set(sqlite, statements);
  }
  return statements;
}

/**
 * What written articles add to their entities, per entity id: their mentions, and the articles that mention it (one
 * entity_articles row each). Kept per batch by ingestFiles and written once, before it commits (addEntityCounts).
 */
export type EntityCounts = Map<number, { mentions: number; articles: number }>;

/**
 * What a batch of articles (ingestFiles' chunk) leaves to write once, before it commits (writePending): its
 * entities' counts, and, for articles written without savepoints, their mention and entity_articles rows. Those
 * rows were a third of an article's write (1.4 ms of mentions and entity_articles, against 1 ms written together at
 * the end): each article's rows land on the last page of every entity's run in the entity-ordered indexes, some
 * seventy pages, which the article's extraction pushes out of the processor's caches before the next article's rows
 * come, and each statement copies every page it changes into its statement journal. Written back to back, the
 * pages stay warm and a statement's pages serve several articles.
 *
 * The rows are written in the order the articles were, so every row gets the id (and rowid) it would have had;
 * before an article is deleted in the batch (one replaced), the rows waiting are written first, so that the delete
 * finds, cascades to and uncounts them as it would have. Stubs, also deleted, have no such rows.
 */
export class PendingWrites {
  readonly counts: EntityCounts = new Map();
  /** Mention rows not yet written: MENTION_COLUMNS' values, row after row. */
  readonly mentions: unknown[] = [];
  /** entity_articles rows not yet written: ENTITY_ARTICLE_COLUMNS' values, row after row. */
  readonly entityArticles: unknown[] = [];
  /** Whether the store's sqlite_sequence has its row for mentions (see writeArticle). */
  mentionsSequenced = false;
}

/** Writes the rows a batch has waiting (not its counts). */
function writePendingRows(sqlite: Database.Database, pending: PendingWrites): void {
  if (pending.mentions.length) {
    insertFlatRows(sqlite, "mentions", MENTION_COLUMNS, pending.mentions);
    pending.mentions.length = 0;
  }
  if (pending.entityArticles.length) {
    insertFlatRows(sqlite, "entity_articles", ENTITY_ARTICLE_COLUMNS, pending.entityArticles);
    pending.entityArticles.length = 0;
  }
}

/** Writes what a batch has waiting, rows and counts; the batch then has nothing pending. */
export function writePending(sqlite: Database.Database, pending: PendingWrites): void {
  writePendingRows(sqlite, pending);
  addEntityCounts(sqlite, pending.counts);
  pending.counts.clear();
}

/**
 * Adds mention and article counts to the entities, in one statement however many entities. Deleting an article
 * subtracts its mentions and entity_articles rows (triggers of migrations 0007 and 0019); writing one adds them
 * here: entity_articles has no insert trigger (migration 0029), so a writer of its rows adds their count itself.
 */
export function addEntityCounts(sqlite: Database.Database, counts: EntityCounts): void {
  if (!counts.size) return;
  const rows: [number, number, number][] = [];
  for (const [id, c] of counts) rows.push([id, c.mentions, c.articles]);
  statementsFor(sqlite).addEntityCounts.run(JSON.stringify(rows));
}

/**
 * A write that failed part-way inside a batch transaction written without savepoints (`savepoint: false`):
 * the batch holds part of an article, so the caller must roll the whole batch back (ingestFiles then writes it
 * again, one savepoint per article).
 */
export class PartialWriteError extends Error {
  constructor(readonly original: unknown) {
    super(`an article's write failed part-way: ${original instanceof Error ? original.message : String(original)}`);
  }
}

/**
 * Writes one article and everything extracted from it in a single transaction (a savepoint inside a caller's
 * transaction): all of it or none. The same content again is a no-op; an edited article (same URL, or same
 * slug) replaces its derived rows. With `savepoint: false` inside a caller's transaction the article is written
 * straight into it, and a failure is a PartialWriteError: savepoints cost about 0.3 ms an article (SQLite
 * journals every page an article touches, to be able to undo just that article), which a batch that rolls back
 * whole on the rare failure does not need.
 */
export function writeArticle(
  db: Db,
  article: ParsedArticle,
  extraction: Extraction,
  now: Date,
  sourcePath: string | null,
  opts: {
    savepoint?: boolean;
    /**
     * A batch's pending writes: this article's mention and article counts per entity are added to it (each article
     * updating the counts cost 0.1 ms, for one UPDATE a batch), and, written without a savepoint, its mention and
     * entity_articles rows; the batch writes them with writePending before it commits.
     */
    pending?: PendingWrites;
  } = {},
): WriteResult {
  const hash = contentHash(article);
  const sqlite = db.$client;
  const st = statementsFor(sqlite);
  const withoutSavepoint = opts.savepoint === false && sqlite.inTransaction;
  const body = (): WriteResult => {
    // Rows wait only without savepoints (a savepoint rolled back would undo rows of earlier articles written in it),
    // and once the store has written a mention: the first one ever adds mentions' row to sqlite_sequence, which must
    // come where it always did, after the rows of tables written before mentions and before those written after.
    let rowsWait = withoutSavepoint ? opts.pending : undefined;
    if (rowsWait && !rowsWait.mentionsSequenced) {
      if (st.mentionsSequenced.get() === undefined) rowsWait = undefined;
      else rowsWait.mentionsSequenced = true;
    }
    const same = st.byHash.get(hash);
    if (same) return { outcome: "unchanged", articleId: same.id, slug: same.slug };

    const previous = st.previous.get(article.slug, article.url ?? null);
    // Incidents the replaced article reported: refreshed (or removed, when it was their only report) below.
    const replacedIncidents = previous ? st.incidentsOf.all(previous.id) : [];
    if (previous) {
      // Rows waiting are written first: the delete must find them (its cascades and count triggers). (Stubs, deleted
      // below, have none.)
      if (rowsWait) writePendingRows(sqlite, rowsWait);
      st.deleteArticle.run(previous.id);
      // Its related-articles stubs go with it (they are re-read from the new text below); no FK would catch them.
      st.deleteStubsOf.run(previous.id);
    }
    // Stubs known only from a related-articles list are superseded by the full article.
    // (Looked up first: a DELETE that finds nothing still cost 70 µs an article inside the batch.)
    if (st.stubTitled.get(article.title) !== undefined) st.deleteStubsTitled.run(article.title);

    const published = article.published ? storableDate(article.published) : undefined;
    const ingestedAt = now.toISOString();
    const articleId = Number(
      st.insertArticle.run({
        slug: article.slug,
        title: article.title,
        author: article.author ?? null,
        outlet: article.outlet ?? null,
        url: article.url ?? null,
        publishedOn: published?.value ?? null,
        publishedPrecision: published?.precision ?? null,
        language: article.language,
        contentHash: hash,
        kind: "article",
        relatedToId: null,
        sourcePath,
        tags: JSON.stringify(article.tags),
        ingestedAt,
      }).lastInsertRowid,
    );

    insertRows(sqlite, "paragraphs", ["article_id", "idx", "role", "text"], article.paragraphs, (p, out, idx) => out.push(articleId, idx, p.role, p.text));
    const paragraphIds = st.paragraphIds.all(articleId);
    const pid = (i: number): number => {
      const id = paragraphIds[i];
      if (id === undefined) throw new Error(`extraction referred to paragraph ${i}, which does not exist`);
      return id;
    };

    // The mentions' rows, and one row per entity the article mentions (entity_articles: what /who reads, latest
    // articles, first and last seen, by index): written now, or, in a batch without savepoints, added to what the
    // batch writes at its end once this article is wholly written.
    const mentionRows: unknown[] = [];
    const perEntity = new Map<number, number>();
    for (const m of extraction.mentions) {
      mentionRows.push(m.entityId, articleId, pid(m.paragraph), m.start, m.end);
      perEntity.set(m.entityId, (perEntity.get(m.entityId) ?? 0) + 1);
    }
    const entityArticleRows: unknown[] = [];
    for (const [entityId, n] of perEntity) entityArticleRows.push(entityId, articleId, published?.value ?? null, n);
    if (!rowsWait) {
      insertFlatRows(sqlite, "mentions", MENTION_COLUMNS, mentionRows);
      insertFlatRows(sqlite, "entity_articles", ENTITY_ARTICLE_COLUMNS, entityArticleRows);
    }
    insertRows(
      sqlite,
      "candidates",
      ["article_id", "paragraph_id", "text", "norm", "kind_guess", "start", "end"],
      extraction.candidates,
      (c, out) => out.push(articleId, pid(c.paragraph), c.text, c.norm, c.kind, c.start, c.end),
    );
    insertRows(
      sqlite,
      "quotes",
      ["text", "speaker_id", "speaker_text", "confidence", "is_fragment", "said_on", "said_precision", "dated_on", "article_id", "paragraph_id", "start", "end"],
      extraction.quotes,
      (q, out) => {
        const said = q.saidOn ? storableDate(q.saidOn) : undefined;
        const dated = said?.value ?? published?.value ?? null;
        out.push(q.text, q.speakerId, q.speakerText, q.confidence, q.isFragment ? 1 : 0, said?.value ?? null, said?.precision ?? null, dated, articleId, pid(q.paragraph), q.start, q.end);
      },
    );
    const reports: number[] = [];
    // The reports as linking reads them back (WrittenReport in link.ts): handed to it instead.
    const written: WrittenReport[] = [];
    const outlet = article.outlet ?? null;
    const url = article.url ?? null;
    const publishedOn = published?.value ?? null;
    // The events in one statement (up to MAX_ROWS_PER_STATEMENT), then their actors in one: a statement a row was
    // fourteen an article. Rows of one INSERT into an AUTOINCREMENT table (no trigger inserts events) take consecutive
    // ids, the last one lastInsertRowid: the ids one statement a row gave. The actors follow in the order they were
    // written, event by event, each (event, entity, role) once, as before.
    const eventRows: unknown[] = [];
    for (const e of extraction.events) {
      const date = storableDate(e.date);
      const [y, m, d] = date.value.split("-");
      const acled = acledPair(e.cue.type);
      const key = reportKey("article", { articleSlug: article.slug, summary: e.summary });
      eventRows.push(
        date.value,
        date.precision,
        Number(y),
        date.precision === "day" && m && d ? `${m}-${d}` : null,
        e.cue.type,
        acled?.[0] ?? null,
        acled?.[1] ?? null,
        e.summary,
        e.placeId,
        e.claimedById,
        e.killed,
        e.injured,
        e.casualtiesText,
        "article",
        articleId,
        pid(e.paragraph),
        e.start,
        e.end,
        key,
      );
      written.push({
        id: 0,
        source: "article",
        occurredOn: date.value,
        precision: date.precision,
        type: e.cue.type,
        placeId: e.placeId,
        summary: e.summary,
        killed: e.killed,
        injured: e.injured,
        claimedById: e.claimedById,
        articleId,
        articleOutlet: outlet,
        articleUrl: url,
        articleSlug: article.slug,
        articlePublished: publishedOn,
        actors: writtenActors(e.actors),
        claims: [],
        sources: [],
        externalId: null,
        reportKey: key,
      });
    }
    const perStatement = MAX_ROWS_PER_STATEMENT * EVENT_COLUMNS.length;
    for (let i = 0; i < eventRows.length; i += perStatement) {
      const params = eventRows.slice(i, i + perStatement);
      const count = params.length / EVENT_COLUMNS.length;
      const last = Number(multiRowInsert(sqlite, "events", EVENT_COLUMNS, count).run(params).lastInsertRowid);
      for (let k = 0; k < count; k++) reports.push(last - count + 1 + k);
    }
    const actorRows: unknown[] = [];
    for (const [i, e] of extraction.events.entries()) {
      const eventId = reports[i] as number;
      (written[i] as WrittenReport).id = eventId;
      for (const a of e.actors) actorRows.push(eventId, a.entityId, a.role);
    }
    insertFlatRows(sqlite, "event_actors", ACTOR_COLUMNS, actorRows);
    // Each dated event is a report: it joins the incident other reports describe, or starts one.
    refreshIncidents(sqlite, replacedIncidents);
    linkReports(sqlite, reports, now, { written });
    for (const [i, r] of article.related.entries()) {
      if (st.titleExists.get(r.title)) continue;
      const date = r.published ? storableDate(r.published) : undefined;
      st.insertArticle.run({
        slug: `${article.slug}-related-${i + 1}`,
        title: r.title,
        author: null,
        outlet: article.outlet ?? null,
        url: null,
        publishedOn: date?.value ?? null,
        publishedPrecision: date?.precision ?? null,
        language: article.language,
        contentHash: null,
        kind: "stub",
        relatedToId: articleId,
        sourcePath: null,
        tags: "[]",
        ingestedAt,
      });
    }
    // Last, once everything else is written: a batch's pending rows and counts must hold only articles that are stored.
    if (rowsWait) {
      for (const v of mentionRows) rowsWait.mentions.push(v);
      for (const v of entityArticleRows) rowsWait.entityArticles.push(v);
    }
    const counts: EntityCounts = opts.pending?.counts ?? new Map<number, { mentions: number; articles: number }>();
    for (const [entityId, n] of perEntity) {
      const c = counts.get(entityId);
      if (c) {
        c.mentions += n;
        c.articles++;
      } else counts.set(entityId, { mentions: n, articles: 1 });
    }
    if (!opts.pending) addEntityCounts(sqlite, counts);
    return { outcome: previous ? "replaced" : "created", articleId, slug: article.slug };
  };
  if (withoutSavepoint) {
    try {
      return body();
    } catch (err) {
      throw new PartialWriteError(err);
    }
  }
  return sqlite.transaction(body).immediate();
}
