/**
 * The digest's own reads: pieces published on a month-day and the quote of the day. Incidents are read through
 * the one incident read model (src/store/incidents.ts), as /onthisday reads them.
 */
import type { Db } from "../db/client.ts";
import { cached as stmt } from "../store/statements.ts";

export interface PieceRow {
  id: number;
  title: string;
  kind: "article" | "stub";
  publishedOn: string;
  url: string | null;
  outlet: string | null;
  relatedTitle: string | null;
  /** The same as relatedTitle, under the digest's name for it (both are in `digest --json`). */
  relatedTo: string | null;
}

/** Articles and related pieces published (to the day) on this month-day before `beforeDate`, newest first. */
export function listPiecesOnMonthDays(db: Db, monthDays: readonly string[], beforeDate: string, limit: number): PieceRow[] {
  const marks = monthDays.map(() => "?").join(", ");
  return stmt(
    db,
    `select a.id, a.title, a.kind, a.published_on as publishedOn, a.url, a.outlet, r.title as relatedTitle, r.title as relatedTo
     from articles a left join articles r on r.id = a.related_to_id
     where a.published_precision = 'day' and substr(a.published_on, 6, 5) in (${marks}) and a.published_on < ?
     order by a.published_on desc, a.id desc limit ${Number(limit)}`,
  ).all(...monthDays, beforeDate) as PieceRow[];
}

export interface QuoteRow {
  id: number;
  text: string;
  speaker: string | null;
  saidOn: string | null;
  saidPrecision: string | null;
  articleTitle: string;
  articleUrl: string | null;
  articleOutlet: string | null;
  articlePublishedOn: string | null;
  articlePublishedPrecision: string | null;
}

/** Full statements (no fragments), optionally only those by or about an entity (`@about`). */
const ELIGIBLE_QUOTES = `q.is_fragment = 0 and (@about is null or q.speaker_id = @about
  or exists (select 1 from mentions m where m.article_id = q.article_id and m.entity_id = @about))`;

/** Ids of full statements (no fragments), optionally only those by or about an entity, ascending. */
export function listQuoteIds(db: Db, about: number | null): number[] {
  return stmt(db, `select q.id from quotes q where ${ELIGIBLE_QUOTES} order by q.id`).pluck(true).all({ about }) as number[];
}

/** How many ids listQuoteIds lists. */
export function countQuoteIds(db: Db, about: number | null): number {
  return stmt(db, `select count(*) from quotes q where ${ELIGIBLE_QUOTES}`).pluck(true).get({ about }) as number;
}

/** The id listQuoteIds lists at this position (0-based), read without the others. */
export function quoteIdAt(db: Db, about: number | null, index: number): number | undefined {
  return stmt(db, `select q.id from quotes q where ${ELIGIBLE_QUOTES} order by q.id limit 1 offset @index`).pluck(true).get({ about, index: Math.trunc(index) }) as number | undefined;
}

export function getQuote(db: Db, id: number): QuoteRow | undefined {
  return stmt(
    db,
    `select q.id, q.text, coalesce(s.name, q.speaker_text) as speaker, q.said_on as saidOn, q.said_precision as saidPrecision,
       a.title as articleTitle, a.url as articleUrl, a.outlet as articleOutlet, a.published_on as articlePublishedOn, a.published_precision as articlePublishedPrecision
     from quotes q join articles a on a.id = q.article_id left join entities s on s.id = q.speaker_id where q.id = ?`,
  ).get(id) as QuoteRow | undefined;
}

export function getEntityName(db: Db, id: number): string | undefined {
  return (stmt(db, `select name from entities where id = ?`).get(id) as { name: string } | undefined)?.name;
}
