/**
 * The digest's reads: day-precision events on a month-day, their actors/claims/sources, pieces
 * published on a month-day, latest developments at places, and full-statement quotes. Prepared
 * statements are cached per connection: one digest build is a handful of indexed lookups.
 */
import type Database from "better-sqlite3";
import type { Db } from "../db/client.ts";

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function stmt(db: Db, sql: string): Database.Statement {
  let m = cache.get(db.$client);
  if (!m) {
    m = new Map();
    cache.set(db.$client, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.$client.prepare(sql);
    m.set(sql, s);
  }
  return s;
}

export interface EventRow {
  id: number;
  occurredOn: string;
  precision: string;
  year: number;
  monthDay: string | null;
  type: string;
  summary: string;
  placeId: number | null;
  placeName: string | null;
  claimedByName: string | null;
  killed: number | null;
  injured: number | null;
  casualtiesText: string | null;
  source: string;
  articleId: number | null;
  articleTitle: string | null;
  articleUrl: string | null;
  articleOutlet: string | null;
  articlePublishedOn: string | null;
  articlePublishedPrecision: string | null;
}

const EVENT_COLUMNS = `e.id, e.occurred_on as occurredOn, e.precision, e.year, e.month_day as monthDay, e.type, e.summary,
  e.place_id as placeId, p.name as placeName, c.name as claimedByName, e.killed, e.injured, e.casualties_text as casualtiesText,
  e.source, e.article_id as articleId, a.title as articleTitle, a.url as articleUrl, a.outlet as articleOutlet,
  a.published_on as articlePublishedOn, a.published_precision as articlePublishedPrecision`;
const EVENT_JOINS = `left join entities p on p.id = e.place_id left join entities c on c.id = e.claimed_by_id left join articles a on a.id = e.article_id`;

/** Matches events about an entity: as place (or the place's parent), claimant or actor. */
function aboutClause(): string {
  const a = "@about";
  return `(${a} is null or e.place_id = ${a} or e.claimed_by_id = ${a} or p.parent_id = ${a}
    or exists (select 1 from event_actors ea where ea.event_id = e.id and ea.entity_id = ${a}))`;
}

/**
 * Day-precision events on these month-days from years before `beforeYear`, newest first (`month_day`
 * is set for day-precision events only). Ids are chosen from the (month_day, year) index alone, then
 * joined, so a busy day costs a sort of small rows; `withTotal: false` skips the count.
 */
export function listEventsOnMonthDays(
  db: Db,
  monthDays: readonly string[],
  beforeYear: number,
  about: number | null,
  limit: number,
  withTotal = true,
): { rows: EventRow[]; total: number } {
  const marks = monthDays.map((_, i) => `@md${i}`).join(", ");
  const params: Record<string, string | number | null> = { year: beforeYear };
  monthDays.forEach((md, i) => (params[`md${i}`] = md));
  let where = `e.month_day in (${marks}) and e.year < @year`;
  let from = "events e";
  if (about !== null) {
    params["about"] = about;
    from = "events e left join entities p on p.id = e.place_id";
    where += ` and ${aboutClause()}`;
  }
  const order = "e.year desc, e.month_day desc, e.id desc";
  const rows = stmt(
    db,
    `with picked as (select e.id from ${from} where ${where} order by ${order} limit ${Number(limit)})
     select ${EVENT_COLUMNS} from picked join events e on e.id = picked.id ${EVENT_JOINS} order by ${order}`,
  ).all(params) as EventRow[];
  const total = rows.length < limit || !withTotal ? rows.length : (stmt(db, `select count(*) as n from ${from} where ${where}`).get(params) as { n: number }).n;
  return { rows, total };
}

/** The most recent events (any precision) at these places up to `onOrBefore`, skipping `exclude`. */
export function listLatestAtPlaces(db: Db, placeIds: readonly number[], onOrBefore: string, exclude: readonly number[], limit: number): EventRow[] {
  if (placeIds.length === 0) return [];
  const out: EventRow[] = [];
  const seen = new Set(exclude);
  const s = stmt(db, `select ${EVENT_COLUMNS} from events e ${EVENT_JOINS} where e.place_id = ? and e.occurred_on <= ? order by e.occurred_on desc, e.id desc limit ?`);
  for (const id of placeIds) {
    for (const r of s.all(id, onOrBefore, limit + exclude.length) as EventRow[]) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
    }
  }
  return out.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.id - a.id).slice(0, limit);
}

export interface ActorRow {
  eventId: number;
  name: string;
  role: string;
}

export interface ClaimRow {
  eventId: number;
  claimant: string | null;
  claim: string | null;
  killed: number | null;
  injured: number | null;
  casualtiesOf: string | null;
}

export interface SourceRow {
  eventId: number;
  outlet: string;
  title: string;
  publishedOn: string | null;
  url: string;
}

function ids(list: readonly number[]): string {
  return list.map((n) => String(Math.trunc(n))).join(",");
}

export function listEventDetails(db: Db, eventIds: readonly number[]): { actors: ActorRow[]; claims: ClaimRow[]; sources: SourceRow[] } {
  if (eventIds.length === 0) return { actors: [], claims: [], sources: [] };
  const list = ids(eventIds);
  // Ids are integers from our own query, so inlining them is safe and keeps one statement per list size.
  const actors = db.$client
    .prepare(`select ea.event_id as eventId, en.name, ea.role from event_actors ea join entities en on en.id = ea.entity_id where ea.event_id in (${list}) order by ea.rowid`)
    .all() as ActorRow[];
  const claims = db.$client
    .prepare(
      `select ec.event_id as eventId, en.name as claimant, ec.claim, ec.killed, ec.injured, ec.casualties_of as casualtiesOf from event_claims ec left join entities en on en.id = ec.claimant_id where ec.event_id in (${list}) order by ec.id`,
    )
    .all() as ClaimRow[];
  const sources = db.$client
    .prepare(`select event_id as eventId, outlet, title, published_on as publishedOn, url from event_sources where event_id in (${list}) order by id`)
    .all() as SourceRow[];
  return { actors, claims, sources };
}

export interface PieceRow {
  id: number;
  title: string;
  kind: "article" | "stub";
  publishedOn: string;
  url: string | null;
  outlet: string | null;
  relatedTitle: string | null;
}

/** Articles and related pieces published (to the day) on this month-day before `beforeDate`, newest first. */
export function listPiecesOnMonthDays(db: Db, monthDays: readonly string[], beforeDate: string, limit: number): PieceRow[] {
  const marks = monthDays.map(() => "?").join(", ");
  return stmt(
    db,
    `select a.id, a.title, a.kind, a.published_on as publishedOn, a.url, a.outlet, r.title as relatedTitle
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

/** Ids of full statements (no fragments), optionally only those by or about an entity. */
export function listQuoteIds(db: Db, about: number | null): number[] {
  const rows = stmt(
    db,
    `select q.id from quotes q where q.is_fragment = 0 and (@about is null or q.speaker_id = @about
       or exists (select 1 from mentions m where m.article_id = q.article_id and m.entity_id = @about)) order by q.id`,
  ).all({ about }) as { id: number }[];
  return rows.map((r) => r.id);
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
