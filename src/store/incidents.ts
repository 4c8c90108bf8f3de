/**
 * The one read model of incidents (issue 13). /onthisday, the digest, /timeline, /who, /article, /chart, /map and
 * /export read incidents through these functions: one month-day query, one place-and-descendants rule, one
 * statement cache. Every list is bounded by what it shows: ids are picked from an index and a LIMIT, details are
 * loaded for those ids only, and counts that would need a long scan stop at COUNT_CAP.
 */
import type { Db } from "../db/client.ts";
import type { DatePrecision } from "../db/schema.ts";
import { addDays, isLeapYear } from "../digest/time.ts";
import { outletKey } from "../incidents/outlets.ts";
import { cached, cachedRaw } from "./statements.ts";

export { cached } from "./statements.ts";

/** Counts above this are shown as "1,000+" rather than paid for with a full scan. */
export const COUNT_CAP = 1000;

// ------------------------------------------------------------------ views

export interface IncidentClaim {
  by: string | null;
  byId: number | null;
  claim: string | null;
  killed: number | null;
  injured: number | null;
  of: string | null;
}

export interface IncidentSource {
  outlet: string;
  title: string;
  url: string | null;
  publishedOn: string | null;
  publishedPrecision: DatePrecision | null;
  kind: "article" | "timeline" | "acled";
}

export interface IncidentReport {
  id: number;
  source: "article" | "timeline" | "acled";
  key: string;
  occurredOn: string;
  precision: DatePrecision;
  type: string;
  summary: string;
  place: string | null;
  articleId: number | null;
  articleSlug: string | null;
  linkScore: number | null;
  killed: number | null;
  injured: number | null;
  casualtiesText: string | null;
}

/** What a one-line mention of an incident needs (the digest's context lines): its own row, no reports. */
export interface IncidentHead {
  id: number;
  occurredOn: string;
  precision: DatePrecision;
  year: number;
  type: string;
  summary: string;
  place: string | null;
  placeId: number | null;
  /** The place it is in ("Kunar" for Sarkano), shown beside it. */
  placeParent: string | null;
  status: "active" | "dismissed";
  /** Killed + injured, the highest any report gives: the ranking key, never shown as a total. */
  significance: number;
  reportCount: number;
  outletCount: number;
  hasCurated: boolean;
  firstReportedOn: string | null;
  /** Fields an editor corrected. */
  corrected: string[];
}

export interface IncidentView extends IncidentHead {
  /** Who claims it (the curated entry's claimant, else the first report's). */
  claimedBy: string | null;
  actors: { name: string; role: string }[];
  /** Each party's claims and figures, side by side, as each report gives them (the same claim once). */
  claims: IncidentClaim[];
  /**
   * Figures reports give outside a party's written claim: an article's "12 killed", attributed to whom the article
   * attributes them (`by`, e.g. "Zabihullah Mujahid said … killed 12") and to the outlet that gives them (`per`).
   */
  figures: { by: string | null; killed: number | null; injured: number | null; per: string; text: string | null }[];
  sources: IncidentSource[];
  reports: IncidentReport[];
}

/** An incident's row as read: the head, with SQLite's integer for a boolean and the corrections as JSON text. */
interface IncidentRow extends Omit<IncidentHead, "hasCurated" | "corrected"> {
  hasCurated: number;
  corrected: string;
}

interface ReportRow {
  id: number;
  incidentId: number;
  source: "article" | "timeline" | "acled";
  externalId: string | null;
  reportKey: string | null;
  occurredOn: string;
  precision: DatePrecision;
  type: string;
  summary: string;
  place: string | null;
  claimedBy: string | null;
  killed: number | null;
  injured: number | null;
  casualtiesText: string | null;
  linkScore: number | null;
  articleId: number | null;
  articleSlug: string | null;
  articleTitle: string | null;
  articleUrl: string | null;
  articleOutlet: string | null;
  articleAuthor: string | null;
  articlePublishedOn: string | null;
  articlePublishedPrecision: DatePrecision | null;
  acledSources: string | null;
  acledDate: string | null;
  acledLabels: string | null;
}

function idList(ids: readonly number[]): string {
  return ids.map((n) => String(Math.trunc(n))).join(",");
}

// An incident of one ACLED row made in bulk stores no summary of its own ('', src/incidents/pending.ts): its first
// report's is shown.
const HEAD_SQL = `select i.id, i.occurred_on as occurredOn, i.precision, i.year, i.type, coalesce(fr.summary, i.summary) as summary, i.place_id as placeId, p.name as place,
         pp.name as placeParent, i.status, i.significance, i.report_count as reportCount, i.outlet_count as outletCount, i.has_curated as hasCurated,
         i.first_reported_on as firstReportedOn, i.corrected
  from incidents i left join entities p on p.id = i.place_id left join entities pp on pp.id = p.parent_id
    left join events fr on i.summary = '' and fr.id = i.first_report_id
  where i.id in (select value from json_each(?))`;

function headOf(row: IncidentRow): IncidentHead {
  return {
    id: row.id,
    occurredOn: row.occurredOn,
    precision: row.precision,
    year: row.year,
    type: row.type,
    summary: row.summary,
    place: row.place,
    placeId: row.placeId,
    placeParent: row.placeParent,
    status: row.status,
    significance: row.significance,
    reportCount: row.reportCount,
    outletCount: row.outletCount,
    hasCurated: row.hasCurated === 1,
    firstReportedOn: row.firstReportedOn,
    corrected: JSON.parse(row.corrected) as string[],
  };
}

/** Incidents' own rows (no reports, claims or sources), in the order of `ids`: for lines that name an incident. */
export function loadIncidentHeads(db: Db, ids: readonly number[]): IncidentHead[] {
  if (!ids.length) return [];
  const byId = new Map((cached(db, HEAD_SQL).all(JSON.stringify(ids)) as IncidentRow[]).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [headOf(row)] : [];
  });
}

const REPORTS_SQL = `select r.id, r.incident_id, r.source, r.external_id, r.report_key, r.occurred_on,
            r.precision, r.type, r.summary, rp.name, c.name, r.killed, r.injured, r.casualties_text,
            r.link_score, r.article_id, a.slug, a.title, a.url, a.outlet, a.author, a.published_on, a.published_precision,
            d.sources, d.event_date, d.actor_labels
     from events r left join entities rp on rp.id = r.place_id left join entities c on c.id = r.claimed_by_id
       left join articles a on a.id = r.article_id left join acled_details d on d.event_id = r.id
     where r.incident_id in (select value from json_each(?)) order by case r.source when 'timeline' then 0 when 'article' then 1 else 2 end, r.id`;

/** A row of REPORTS_SQL as read (raw): ReportRow's fields in its order. */
type ReportTuple = [
  number, number, ReportRow["source"], string | null, string | null, string,
  DatePrecision, string, string, string | null, string | null, number | null, number | null, string | null,
  number | null, number | null, string | null, string | null, string | null, string | null, string | null, string | null, DatePrecision | null,
  string | null, string | null, string | null,
];

function reportRow(t: ReportTuple): ReportRow {
  return {
    id: t[0],
    incidentId: t[1],
    source: t[2],
    externalId: t[3],
    reportKey: t[4],
    occurredOn: t[5],
    precision: t[6],
    type: t[7],
    summary: t[8],
    place: t[9],
    claimedBy: t[10],
    killed: t[11],
    injured: t[12],
    casualtiesText: t[13],
    linkScore: t[14],
    articleId: t[15],
    articleSlug: t[16],
    articleTitle: t[17],
    articleUrl: t[18],
    articleOutlet: t[19],
    articleAuthor: t[20],
    articlePublishedOn: t[21],
    articlePublishedPrecision: t[22],
    acledSources: t[23],
    acledDate: t[24],
    acledLabels: t[25],
  };
}

/** Loads incidents with their reports, claims, actors and sources, in the order of `ids`. */
export function loadIncidents(db: Db, ids: readonly number[]): IncidentView[] {
  if (!ids.length) return [];
  const list = JSON.stringify(ids);
  // Cached statements reading the id lists through json_each: compiling five statements per call cost more than
  // running them.
  const rows = cached(db, HEAD_SQL).all(list) as IncidentRow[];
  // Read as arrays: better-sqlite3 makes a row of this many columns a dictionary-mode object of some 1.8 KB.
  const reports = (cachedRaw(db, REPORTS_SQL).all(list) as ReportTuple[]).map(reportRow);
  const reportIds = JSON.stringify(reports.map((r) => r.id));
  const claims = reports.length
    ? (cached(
        db,
        `select ec.event_id as eventId, en.id as byId, en.name as by, ec.claim, ec.killed, ec.injured, ec.casualties_of as "of"
         from event_claims ec left join entities en on en.id = ec.claimant_id where ec.event_id in (select value from json_each(?)) order by ec.id`,
      ).all(reportIds) as (IncidentClaim & { eventId: number })[])
    : [];
  const actors = reports.length
    ? (cached(
        db,
        `select ea.event_id as eventId, en.name, ea.role from event_actors ea join entities en on en.id = ea.entity_id where ea.event_id in (select value from json_each(?)) order by ea.rowid`,
      ).all(reportIds) as { eventId: number; name: string; role: string }[])
    : [];
  const curatedSources = reports.length
    ? (cached(db, `select event_id as eventId, outlet, title, published_on as publishedOn, url from event_sources where event_id in (select value from json_each(?)) order by id`).all(
        reportIds,
      ) as { eventId: number; outlet: string; title: string; publishedOn: string | null; url: string }[])
    : [];

  // Each incident walks only its own rows, in query order: reports, claims (by ec.id) and actors (by rowid) are
  // grouped per incident through the report they belong to, sources per report.
  const incidentOf = new Map<number, number>();
  const byIncident = new Map<number, ReportRow[]>();
  for (const r of reports) {
    incidentOf.set(r.id, r.incidentId);
    const l = byIncident.get(r.incidentId);
    if (l) l.push(r);
    else byIncident.set(r.incidentId, [r]);
  }
  const claimsOf = groupBy(claims, (c) => incidentOf.get(c.eventId));
  const actorsOf = groupBy(actors, (a) => incidentOf.get(a.eventId));
  const sourcesOf = groupBy(curatedSources, (s) => s.eventId);
  // Reports with a party's figures: an article's own figures are shown only without one.
  const withClaimedFigures = new Set<number>();
  for (const c of claims) if (c.killed !== null || c.injured !== null) withClaimedFigures.add(c.eventId);
  const byId = new Map<number, IncidentRow>();
  for (const r of rows) byId.set(r.id, r);
  const out: IncidentView[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) out.push(viewOf(row, byIncident.get(id) ?? NO_REPORTS, claimsOf.get(id), actorsOf.get(id), sourcesOf, withClaimedFigures));
  }
  return out;
}

const NO_REPORTS: readonly ReportRow[] = [];
const NO_CLAIMS: readonly (IncidentClaim & { eventId: number })[] = [];

/** Rows grouped by a key (rows without one left out), each group in the rows' order. */
function groupBy<T>(list: readonly T[], key: (x: T) => number | undefined): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const x of list) {
    const k = key(x);
    if (k === undefined) continue;
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** Each actor once: the same name in the same role. Places are the incident's place, claimants speak in the claims. */
function addActor(view: IncidentView, name: string, role: string): void {
  for (const a of view.actors) if (a.name === name && a.role === role) return;
  view.actors.push({ name, role });
}

/** Each source once: by its link, else by its outlet (as outletKey reads it) and title. */
function addSource(view: IncidentView, s: IncidentSource): void {
  for (const k of view.sources) {
    if (s.url !== null ? k.url === s.url : k.url === null && k.title === s.title && (k.outlet === s.outlet || outletKey(k.outlet) === outletKey(s.outlet))) return;
  }
  view.sources.push(s);
}

/**
 * One incident's view from its row and its own reports, claims and actors. Built as one object literal with every
 * field (no spread of the head, no per-incident sets of string keys): the digest builds six of these on every call.
 */
function viewOf(
  row: IncidentRow,
  members: readonly ReportRow[],
  claims: readonly (IncidentClaim & { eventId: number })[] | undefined,
  actors: readonly { eventId: number; name: string; role: string }[] | undefined,
  sourcesOf: ReadonlyMap<number, readonly { eventId: number; outlet: string; title: string; publishedOn: string | null; url: string }[]>,
  withClaimedFigures: ReadonlySet<number>,
): IncidentView {
  let claimedBy: string | null = null;
  for (const m of members) {
    if (m.claimedBy !== null) {
      claimedBy = m.claimedBy;
      break;
    }
  }
  const view: IncidentView = {
    id: row.id,
    occurredOn: row.occurredOn,
    precision: row.precision,
    year: row.year,
    type: row.type,
    summary: row.summary,
    place: row.place,
    placeId: row.placeId,
    placeParent: row.placeParent,
    status: row.status,
    significance: row.significance,
    reportCount: row.reportCount,
    outletCount: row.outletCount,
    hasCurated: row.hasCurated === 1,
    firstReportedOn: row.firstReportedOn,
    claimedBy,
    actors: [],
    claims: [],
    figures: [],
    sources: [],
    reports: members.map((m) => ({
      id: m.id,
      source: m.source,
      key: m.source !== "article" && m.externalId ? `${m.source}:${m.externalId}` : (m.reportKey ?? `event:${m.id}`),
      occurredOn: m.occurredOn,
      precision: m.precision,
      type: m.type,
      summary: m.summary,
      place: m.place,
      articleId: m.articleId,
      articleSlug: m.articleSlug,
      linkScore: m.linkScore,
      killed: m.killed,
      injured: m.injured,
      casualtiesText: m.casualtiesText,
    })),
    corrected: row.corrected === "[]" ? [] : (JSON.parse(row.corrected) as string[]),
  };
  if (actors) for (const a of actors) if (a.role !== "place" && a.role !== "claimant") addActor(view, a.name, a.role);
  // ACLED's group labels ("Journalists (Pakistan)"): who was there, shown as written, never organisations.
  for (const m of members) if (m.acledLabels) for (const [label, role] of JSON.parse(m.acledLabels) as [string, string][]) addActor(view, label, role);
  // The same claim once: the same party, words and figures.
  for (const c of claims ?? NO_CLAIMS) {
    const words = c.claim ?? "";
    if (view.claims.some((k) => k.byId === c.byId && (k.claim ?? "") === words && k.killed === c.killed && k.injured === c.injured)) continue;
    view.claims.push({ by: c.by, byId: c.byId, claim: c.claim, killed: c.killed, injured: c.injured, of: c.of });
  }
  for (const m of members) {
    if (m.source === "article" && m.articleTitle !== null) {
      const outlet = m.articleOutlet ?? m.articleAuthor ?? "borderdesk store";
      addSource(view, { outlet, title: m.articleTitle, url: m.articleUrl, publishedOn: m.articlePublishedOn, publishedPrecision: m.articlePublishedPrecision, kind: "article" });
      // An article's own figures (without a party's claim) are shown with the outlet that gives them.
      if ((m.killed !== null || m.injured !== null) && !withClaimedFigures.has(m.id)) {
        view.figures.push({ by: m.claimedBy, killed: m.killed, injured: m.injured, per: outlet, text: m.casualtiesText });
      }
    }
    // Sources a report cites (the curated timeline's; an import may carry them too).
    for (const s of sourcesOf.get(m.id) ?? []) {
      addSource(view, { outlet: s.outlet, title: s.title, url: s.url, publishedOn: s.publishedOn, publishedPrecision: s.publishedOn ? (s.publishedOn.length === 10 ? "day" : s.publishedOn.length === 7 ? "month" : "year") : null, kind: m.source });
    }
    if (m.source === "acled" && m.acledDate !== null) {
      addSource(view, { outlet: "ACLED", title: `${m.externalId ?? "event"}${m.acledSources ? ` (from ${m.acledSources})` : ""}`, url: null, publishedOn: m.acledDate, publishedPrecision: m.acledDate ? "day" : null, kind: "acled" });
      if (m.killed !== null && m.killed > 0) view.figures.push({ by: null, killed: m.killed, injured: null, per: "ACLED", text: null });
    }
  }
  return view;
}

// ------------------------------------------------------------------ filters

/** Ids of a place and every place inside it (district → province → country): the one place rule. */
export function placeAndDescendants(db: Db, entityId: number): number[] {
  const rows = cached(db, `with recursive tree(id) as (select ? union select e.id from entities e join tree on e.parent_id = tree.id) select id from tree limit 5000`).all(entityId) as {
    id: number;
  }[];
  return rows.map((r) => r.id);
}

/** A report of incident `alias` names one of `places` as its place, claimant or actor. */
const reportsNameEntity = (alias: string, places: string): string =>
  `exists (select 1 from events r where r.incident_id = ${alias}.id and (r.claimed_by_id in (${places}) or r.place_id in (${places})
     or exists (select 1 from event_actors ea where ea.event_id = r.id and ea.entity_id in (${places}))))`;

/** The same incidents as `place_id in places or reportsNameEntity`, as the set gathered through the reports' indexes. */
const incidentsOfEntity = (places: string): string =>
  `i.id in (select id from incidents where place_id in (${places})
     union select incident_id from events where claimed_by_id in (${places}) and incident_id is not null
     union select incident_id from events where place_id in (${places}) and incident_id is not null
     union select r.incident_id from event_actors ea join events r on r.id = ea.event_id where ea.entity_id in (${places}) and r.incident_id is not null)`;

/** Incidents placed at `places` past which scanning incidents in date order finds an entity's soon enough. */
const DENSE_AT = 200;

/**
 * Whether an entity's incidents are better gathered from the indexes than found by scanning. A group or a person
 * (no incident has it as its place) or a quiet district: a newest-first scan testing each incident would read the
 * whole table to find a few dozen (/who TTP read all 25,000 incidents of the load bench's store, 4–30 ms, twice).
 * A country or a busy province: its incidents are everywhere in the table, the scan stops after a few rows, and
 * gathering them all first would cost more.
 */
function fewIncidentsAt(db: Db, places: string): boolean {
  const n = (cached(db, `select count(*) as n from (select 1 from incidents where place_id in (${places}) limit ${DENSE_AT})`).get() as { n: number }).n;
  return n < DENSE_AT;
}

export interface IncidentFilter {
  /** Incidents at this place or a place inside it, or with this person or group as actor or claimant. */
  entityId?: number | null;
  /** Partial dates (YYYY, YYYY-MM, YYYY-MM-DD), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Dismissed incidents too (the review queue). */
  includeDismissed?: boolean;
}

/** The where-clause (on incidents `i`) and its parameters: shared by lists, pictures and exports. */
export function incidentWhere(db: Db, filter: IncidentFilter): { sql: string; params: Record<string, string | number> } {
  const conds: string[] = [];
  const params: Record<string, string | number> = {};
  if (!filter.includeDismissed) conds.push(`i.status = 'active'`);
  if (filter.entityId !== undefined && filter.entityId !== null) {
    const places = idList(placeAndDescendants(db, filter.entityId));
    conds.push(fewIncidentsAt(db, places) ? incidentsOfEntity(places) : `(i.place_id in (${places}) or ${reportsNameEntity("i", places)})`);
  }
  // Partial dates compare as text: "2024" ≥ "2024", "2024-03" ≤ "2024-03-31".
  if (filter.from) {
    params["from"] = filter.from;
    params["fromYear"] = filter.from.slice(0, 4);
    conds.push(`i.occurred_on >= @fromYear and substr(i.occurred_on || '-99-99', 1, length(@from)) >= @from`);
  }
  if (filter.to) {
    params["to"] = filter.to;
    conds.push(`substr(i.occurred_on, 1, length(@to)) <= @to`);
  }
  return { sql: conds.length ? conds.join(" and ") : "1", params };
}

// ------------------------------------------------------------------ lists

export interface IncidentPage {
  /** Matching incidents, counted up to COUNT_CAP. */
  total: number;
  /** True when there are more than `total` (the count stopped at COUNT_CAP). */
  capped: boolean;
  incidents: IncidentView[];
}

function cappedCount(db: Db, where: { sql: string; params: Record<string, string | number> }): { total: number; capped: boolean } {
  const n = (cached(db, `select count(*) as n from (select 1 from incidents i where ${where.sql} limit ${COUNT_CAP + 1})`).get(where.params) as { n: number }).n;
  return n > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: n, capped: false };
}

/** Incidents matching a filter, newest first (/timeline, /who, exports). */
export function listIncidents(db: Db, filter: IncidentFilter, limit: number, offset: number): IncidentPage {
  const where = incidentWhere(db, filter);
  const ids = (
    db.$client
      .prepare(`select i.id from incidents i where ${where.sql} order by i.occurred_on desc, i.id desc limit ${Math.trunc(limit)} offset ${Math.trunc(offset)}`)
      .all(where.params) as { id: number }[]
  ).map((r) => r.id);
  return { ...cappedCount(db, where), incidents: loadIncidents(db, ids) };
}

/** Month-days whose incidents show on this date: 28 February also shows 29 February in a year without one. */
export function monthDaysFor(date: string): string[] {
  const md = date.slice(5, 10);
  return md === "02-28" && !isLeapYear(Number(date.slice(0, 4))) ? ["02-28", "02-29"] : [md];
}

export interface OnThisDayOptions {
  /** The local date asked about (YYYY-MM-DD): its month-day, in the years before it. */
  date: string;
  /** Only incidents before this day (default: `date`). */
  before?: string;
  about?: number | null;
  limit: number;
  offset?: number;
}

export interface OnThisDayPage {
  date: string;
  monthDays: string[];
  /** All incidents on the month-day before `date`, per year (newest year first). */
  perYear: { year: number; count: number }[];
  total: number;
  /** The page asked for, most significant first. */
  incidents: IncidentView[];
}

/**
 * Day-precision incidents on the date's month-day in the years before it — the "on this day" list of both
 * /onthisday and the digest, so they agree by construction. Ordered by significance (killed + injured as the
 * reports give them), then independent sources, curated first, then newest; `perYear` says how many each year
 * has, so a busy day is paged through, never cut silently.
 */
export function listIncidentsOnDay(db: Db, opts: OnThisDayOptions): OnThisDayPage {
  const monthDays = monthDaysFor(opts.date);
  const about = opts.about ?? null;
  const aboutWhere = about !== null ? incidentWhere(db, { entityId: about }) : undefined;
  const params: Record<string, string | number> = { date: opts.before ?? opts.date, md0: monthDays[0] ?? "", md1: monthDays[1] ?? monthDays[0] ?? "", ...(aboutWhere?.params ?? {}) };
  const where = `i.month_day in (@md0, @md1) and i.occurred_on < @date and i.status = 'active'${aboutWhere ? ` and ${aboutWhere.sql}` : ""}`;
  const perYear = cached(db, `select i.year, count(*) as count from incidents i where ${where} group by i.year order by i.year desc`).all(params) as { year: number; count: number }[];
  const total = perYear.reduce((n, y) => n + y.count, 0);
  const order = `i.significance desc, i.outlet_count desc, i.has_curated desc, i.occurred_on desc, i.id desc`;
  const pick = `select i.id from incidents i where ${where} order by ${order} limit ${Math.trunc(opts.limit)} offset ${Math.trunc(opts.offset ?? 0)}`;
  const ids = (cached(db, pick).all(params) as { id: number }[]).map((r) => r.id);
  return { date: opts.date, monthDays, perYear, total, incidents: loadIncidents(db, ids) };
}

function nearDayIds(db: Db, opts: { date: string; radius: number; about?: number | null; limit: number }): number[] {
  const days: string[] = [];
  for (let k = -opts.radius; k <= opts.radius; k++) if (k !== 0) days.push(addDays(opts.date, k).slice(5));
  const about = opts.about ?? null;
  const aboutWhere = about !== null ? incidentWhere(db, { entityId: about }) : undefined;
  const params: Record<string, string | number> = { year: Number(opts.date.slice(0, 4)), ...(aboutWhere?.params ?? {}) };
  days.forEach((d, i) => (params[`d${i}`] = d));
  const sql = `select i.id from incidents i where i.month_day in (${days.map((_, i) => `@d${i}`).join(", ")}) and i.year < @year and i.status = 'active'${aboutWhere ? ` and ${aboutWhere.sql}` : ""}
    order by i.significance desc, i.occurred_on desc, i.id desc limit ${Math.trunc(opts.limit)}`;
  return (cached(db, sql).all(params) as { id: number }[]).map((r) => r.id);
}

/** Day-precision incidents within ±radius days of the date's month-day in earlier years: the "this week" fallback. */
export function listIncidentsNearDay(db: Db, opts: { date: string; radius: number; about?: number | null; limit: number }): IncidentView[] {
  return loadIncidents(db, nearDayIds(db, opts));
}

/** The same incidents as listIncidentsNearDay, as heads only (the digest names them in one line each). */
export function listIncidentHeadsNearDay(db: Db, opts: { date: string; radius: number; about?: number | null; limit: number }): IncidentHead[] {
  return loadIncidentHeads(db, nearDayIds(db, opts));
}

/** Places asked about at most by one statement of listLatestAtPlaces (a digest names up to six incidents' places). */
const LATEST_PLACES_PER_STATEMENT = 8;

/**
 * The latest incidents (any precision) at these places up to a date, leaving out `exclude`: the digest's context,
 * as heads (it names each in one line). One statement for all the places: each place's own newest rows, read from
 * incidents_place_idx and cut at `limit + exclude.length`, joined by UNION ALL (an IN over the places would read
 * and sort every incident they ever had).
 */
export function listLatestAtPlaces(db: Db, placeIds: readonly number[], onOrBefore: string, exclude: readonly number[], limit: number): IncidentHead[] {
  const places = [...new Set(placeIds)];
  if (!places.length) return [];
  // The excluded incidents are left out in SQL, so each place's newest `limit` are all that is read.
  const params = { day: onOrBefore, n: limit, exclude: JSON.stringify(exclude) };
  const found: { id: number; occurredOn: string }[] = [];
  for (let i = 0; i < places.length; i += LATEST_PLACES_PER_STATEMENT) {
    const chunk = places.length <= LATEST_PLACES_PER_STATEMENT ? places : places.slice(i, i + LATEST_PLACES_PER_STATEMENT);
    // An incident has one place: the places' lists never share one.
    for (const r of cached(db, latestAtPlacesSql(chunk.length)).all(...chunk, params) as { id: number; occurredOn: string }[]) found.push(r);
  }
  found.sort((a, b) => (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : b.id - a.id));
  const ids: number[] = [];
  for (let i = 0; i < found.length && i < limit; i++) ids.push((found[i] as { id: number }).id);
  return loadIncidentHeads(db, ids);
}

/** listLatestAtPlaces' statement for this many places, its text made once. */
const latestSql: string[] = [];
function latestAtPlacesSql(places: number): string {
  let sql = latestSql[places];
  if (sql === undefined) {
    const one = `select * from (select i.id, i.occurred_on as occurredOn from incidents i where i.place_id = ? and i.occurred_on <= @day and i.status = 'active'
      and i.id not in (select value from json_each(@exclude)) order by i.occurred_on desc, i.id desc limit @n)`;
    latestSql[places] = sql = Array.from({ length: places }, () => one).join(" union all ");
  }
  return sql;
}

/** The incidents an article reports (its dated events' incidents), newest first. */
export function listIncidentsOfArticle(db: Db, articleId: number, limit = 20): IncidentView[] {
  const ids = (
    cached(db, `select distinct i.id from events r join incidents i on i.id = r.incident_id where r.article_id = ? order by i.occurred_on desc, i.id desc limit ?`).all(articleId, limit) as {
      id: number;
    }[]
  ).map((r) => r.id);
  return loadIncidents(db, ids);
}

/** Incidents of one day (day precision), most significant first: `borderdesk incidents --date`. */
export function listIncidentsOnDate(db: Db, date: string, opts: { about?: number | null; limit: number; includeDismissed?: boolean }): IncidentPage {
  const where = incidentWhere(db, { entityId: opts.about ?? null, includeDismissed: opts.includeDismissed ?? false });
  const params = { ...where.params, day: date };
  const sql = `from incidents i where i.occurred_on = @day and i.precision = 'day' and ${where.sql}`;
  const ids = (
    cached(db, `select i.id ${sql} order by i.significance desc, i.outlet_count desc, i.id limit ${Math.trunc(opts.limit)}`).all(params) as { id: number }[]
  ).map((r) => r.id);
  const total = (cached(db, `select count(*) as n ${sql}`).get(params) as { n: number }).n;
  return { total, capped: false, incidents: loadIncidents(db, ids) };
}

export function getIncident(db: Db, id: number): IncidentView | undefined {
  return loadIncidents(db, [id])[0];
}

/**
 * An incident as the CLI's `incidents --json` prints it: a stable interface for scripts (fields are added,
 * never renamed). Claims stay per party; `figures` are those reports give outside a party's written claim.
 */
export function incidentRecord(i: IncidentView) {
  return {
    id: i.id,
    date: i.occurredOn,
    precision: i.precision,
    type: i.type,
    summary: i.summary,
    place: i.place,
    place_id: i.placeId,
    status: i.status,
    claimed_by: i.claimedBy,
    report_count: i.reportCount,
    outlet_count: i.outletCount,
    first_reported_on: i.firstReportedOn,
    curated: i.hasCurated,
    significance: i.significance,
    corrected: i.corrected,
    actors: i.actors,
    claims: i.claims.map((c) => ({ by: c.by, claim: c.claim, killed: c.killed, injured: c.injured, of: c.of })),
    figures: i.figures,
    sources: i.sources.map((s) => ({ outlet: s.outlet, title: s.title, url: s.url, published_on: s.publishedOn, kind: s.kind })),
    reports: i.reports.map((r) => ({ key: r.key, source: r.source, date: r.occurredOn, precision: r.precision, type: r.type, summary: r.summary, place: r.place, article: r.articleSlug, link_score: r.linkScore, killed: r.killed, injured: r.injured })),
  };
}
