/**
 * Recomputes what an incident shows from its reports: the best date, the most specific place they agree on, its
 * type and summary, the highest figures (for ranking only), how many independent outlets report it and when it
 * was first reported. A curated timeline entry, written by reading its sources, wins over ACLED and articles;
 * fields an editor corrected (`incidents.corrected`) are kept. An incident left with no report is deleted.
 *
 * Two ways there: refreshIncident reads every report (and counts the incident's tally afresh); addReports takes
 * the incident as it stands and its tally (tally.ts) and adds the reports that just joined it, giving the same
 * result without reading the others, and falls back to the full read where it could not be sure of that.
 */
import type Database from "better-sqlite3";
import type { DatePrecision } from "../db/schema.ts";
import { perConnection } from "../store/statements.ts";
import { generationsOf } from "./generations.ts";
import { PlaceChains } from "./places.ts";
import {
  addToTally,
  dateKey,
  keepTally,
  listHas,
  outletsOf,
  parsedTallies,
  parseTally,
  publishedOf,
  tallyOf,
  type KeptTally,
  type ReportFacts,
  type Tally,
} from "./tally.ts";

/** The columns of a report that ReportFacts reads, with its article's (events `e`, articles `a`). */
export const REPORT_FACTS_COLUMNS = `e.id, e.source, e.occurred_on as occurredOn, e.precision, e.type, e.place_id as placeId, e.summary, e.killed, e.injured,
  e.claimed_by_id as claimedById, e.article_id as articleId, a.outlet as articleOutlet, a.url as articleUrl, a.slug as articleSlug,
  a.published_on as articlePublished`;

type ReportRow = Omit<ReportFacts, "actors" | "claims" | "sources">;
interface ActorRow {
  eventId: number;
  entityId: number;
}
interface ClaimRow {
  eventId: number;
  claimantId: number | null;
  killed: number | null;
  injured: number | null;
}
interface SourceRow {
  eventId: number;
  outlet: string;
  publishedOn: string | null;
}

/** Reports with their actors, claims and sources, from rows read by event or by incident. */
export function withExtras(rows: readonly ReportRow[], actors: readonly ActorRow[], claims: readonly ClaimRow[], sources: readonly SourceRow[]): ReportFacts[] {
  const out = new Map<number, ReportFacts>();
  for (const r of rows) out.set(r.id, { ...r, actors: [], claims: [], sources: [] });
  for (const a of actors) out.get(a.eventId)?.actors.push(a.entityId);
  for (const c of claims) out.get(c.eventId)?.claims.push({ claimantId: c.claimantId, killed: c.killed, injured: c.injured });
  for (const s of sources) out.get(s.eventId)?.sources.push({ outlet: s.outlet, publishedOn: s.publishedOn });
  return [...out.values()];
}

function prepare(sqlite: Database.Database) {
  return {
    incident: sqlite.prepare<[number], IncidentState>(
      `select occurred_on as occurredOn, precision, type, place_id as placeId, summary, killed_max as killedMax, injured_max as injuredMax, significance,
              report_count as reportCount, outlet_count as outletCount, has_curated as hasCurated, first_reported_on as firstReportedOn, corrected, tally
       from incidents where id = ?`,
    ),
    // The incident as `incident` reads it, except its tally: whether it still holds this text is asked instead (the
    // caller has the text; a big incident's tally is kilobytes, read again for every report that joins it).
    incidentHolding: sqlite.prepare<{ id: number; json: string }, IncidentState & { holds: number }>(
      `select occurred_on as occurredOn, precision, type, place_id as placeId, summary, killed_max as killedMax, injured_max as injuredMax, significance,
              report_count as reportCount, outlet_count as outletCount, has_curated as hasCurated, first_reported_on as firstReportedOn, corrected,
              null as tally, coalesce(tally = @json, 0) as holds
       from incidents where id = @id`,
    ),
    // The incident as `incident` reads it, its tally waiting to be written (withTalliesDeferred): whether its row still
    // keeps one (not NULL) instead of the text.
    incidentUnwritten: sqlite.prepare<[number], IncidentState & { holds: number }>(
      `select occurred_on as occurredOn, precision, type, place_id as placeId, summary, killed_max as killedMax, injured_max as injuredMax, significance,
              report_count as reportCount, outlet_count as outletCount, has_curated as hasCurated, first_reported_on as firstReportedOn, corrected,
              null as tally, tally is not null as holds
       from incidents where id = ?`,
    ),
    /** Whether an incident's row keeps a tally (1 or 0; NULL: its reports must be read), without reading the text. */
    keepsTally: sqlite.prepare<[number], number>(`select tally is not null from incidents where id = ?`).pluck(),
    members: sqlite.prepare<[number], ReportRow>(`select ${REPORT_FACTS_COLUMNS} from events e left join articles a on a.id = e.article_id where e.incident_id = ? order by e.id`),
    actors: sqlite.prepare<[number], ActorRow>(
      `select ea.event_id as eventId, ea.entity_id as entityId from event_actors ea join events e on e.id = ea.event_id where e.incident_id = ? and ea.role <> 'place'`,
    ),
    claims: sqlite.prepare<[number], ClaimRow>(
      `select c.event_id as eventId, c.claimant_id as claimantId, c.killed, c.injured from event_claims c join events e on e.id = c.event_id where e.incident_id = ?`,
    ),
    sources: sqlite.prepare<[number], SourceRow>(
      `select s.event_id as eventId, s.outlet, s.published_on as publishedOn from event_sources s join events e on e.id = s.event_id where e.incident_id = ?`,
    ),
    remove: sqlite.prepare<[number]>(`delete from incidents where id = ?`),
    create: sqlite.prepare<IncidentRow & { createdAt: string; firstReportId: number }>(
      `insert into incidents (occurred_on, precision, year, month_day, type, place_id, summary, killed_max, injured_max, significance, report_count,
         outlet_count, has_curated, first_reported_on, tally, created_at, first_report_id)
       values (@occurredOn, @precision, @year, @monthDay, @type, @placeId, @summary, @killedMax, @injuredMax, @significance, @reportCount,
         @outletCount, @hasCurated, @firstReportedOn, @tally, @createdAt, @firstReportId)`,
    ),
  };
}
const statements = perConnection(prepare);

/** The columns refresh writes, in incidents' names. */
export interface IncidentRow {
  occurredOn: string;
  precision: DatePrecision;
  year: number;
  monthDay: string | null;
  type: string;
  placeId: number | null;
  summary: string;
  killedMax: number | null;
  injuredMax: number | null;
  significance: number;
  reportCount: number;
  outletCount: number;
  hasCurated: number;
  firstReportedOn: string | null;
  /** Null for an incident of one report (see tallyFor). */
  tally: string | null;
}
/** An incident as refresh reads it: what it shows now, the editor's corrections and its tally. */
interface IncidentState extends Omit<IncidentRow, "year" | "monthDay" | "tally"> {
  corrected: string;
  tally: string | null;
}

const COLUMN: Record<keyof IncidentRow, string> = {
  occurredOn: "occurred_on",
  precision: "precision",
  year: "year",
  monthDay: "month_day",
  type: "type",
  placeId: "place_id",
  summary: "summary",
  killedMax: "killed_max",
  injuredMax: "injured_max",
  significance: "significance",
  reportCount: "report_count",
  outletCount: "outlet_count",
  hasCurated: "has_curated",
  firstReportedOn: "first_reported_on",
  tally: "tally",
};

/**
 * Writes only the columns that changed: SQLite rewrites an index's entry whenever its columns are set, and a report
 * joining a big incident usually changes nothing the three wide indexes hold.
 */
const updates = perConnection((sqlite: Database.Database) => {
  const made = new Map<string, Database.Statement>();
  return (id: number, row: IncidentRow, before: Partial<IncidentRow>): void => {
    let key = "";
    for (const k of COLUMN_KEYS) if (row[k] !== before[k]) key = key ? `${key},${k}` : k;
    if (!key) return;
    let st = made.get(key);
    if (!st) made.set(key, (st = sqlite.prepare(`update incidents set ${key.split(",").map((k) => `${COLUMN[k as keyof IncidentRow]} = @${k}`).join(", ")} where id = @id`)));
    const params: Record<string, string | number | null> = { id };
    for (const k of COLUMN_KEYS) if (row[k] !== before[k]) params[k] = row[k];
    st.run(params);
  };
});
const COLUMN_KEYS = Object.keys(COLUMN) as (keyof IncidentRow)[];

const PRECISION_RANK = { day: 3, month: 2, year: 1 } as const;
const SOURCE_RANK = { timeline: 3, acled: 2, article: 1 } as const;

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) [best, bestN] = [v, n];
  }
  return best;
}

function dated(occurredOn: string, precision: DatePrecision): Pick<IncidentRow, "occurredOn" | "precision" | "year" | "monthDay"> {
  return { occurredOn, precision, year: Number(occurredOn.slice(0, 4)), monthDay: precision === "day" ? occurredOn.slice(5, 10) : null };
}

/** What the reports say the incident is, before an editor's corrections: every report read. */
function rowOfReports(members: readonly ReportFacts[], places: PlaceChains): IncidentRow {
  const ranked = [...members].sort((a, b) => SOURCE_RANK[b.source] - SOURCE_RANK[a.source] || PRECISION_RANK[b.precision] - PRECISION_RANK[a.precision] || a.id - b.id);
  const lead = ranked[0] as ReportFacts;
  const curated = members.find((m) => m.source === "timeline");

  // Date: the curated entry's; else the most precise date, the most common one among equally precise reports.
  const bestPrecision = Math.max(...members.map((m) => PRECISION_RANK[m.precision]));
  const precise = members.filter((m) => PRECISION_RANK[m.precision] === bestPrecision);
  const date =
    curated ?? ranked.find((m) => m.source === "acled" && PRECISION_RANK[m.precision] === bestPrecision) ?? precise.find((m) => m.occurredOn === mostCommon(precise.map((p) => p.occurredOn))) ?? lead;
  const type = curated?.type ?? mostCommon(ranked.map((m) => m.type)) ?? lead.type;
  const placeId = curated?.placeId ?? places.agreed(members.flatMap((m) => (m.placeId === null ? [] : [m.placeId])));

  let killedMax: number | null = null;
  let injuredMax: number | null = null;
  const outlets = new Set<string>();
  const published: string[] = [];
  for (const m of members) {
    for (const [k, i] of [[m.killed, m.injured], ...m.claims.map((c) => [c.killed, c.injured])]) {
      if (k !== null && k !== undefined) killedMax = Math.max(killedMax ?? 0, k);
      if (i !== null && i !== undefined) injuredMax = Math.max(injuredMax ?? 0, i);
    }
    for (const o of outletsOf(m)) outlets.add(o);
    published.push(...publishedOf(m));
  }
  published.sort();
  return {
    ...dated(date.occurredOn, date.precision),
    type,
    placeId,
    summary: (curated ?? precise.find((m) => m.source === "article") ?? lead).summary,
    killedMax,
    injuredMax,
    significance: (killedMax ?? 0) + (injuredMax ?? 0),
    reportCount: members.length,
    outletCount: outlets.size,
    hasCurated: curated ? 1 : 0,
    firstReportedOn: published[0] ?? null,
    tally: "",
  };
}

/** An editor's correction stands: those columns keep what the incident holds. */
function keepCorrected(row: IncidentRow, corrected: ReadonlySet<string>, current: IncidentState): IncidentRow {
  const out = { ...row };
  if (corrected.has("date")) Object.assign(out, dated(current.occurredOn, current.precision));
  if (corrected.has("type")) out.type = current.type;
  if (corrected.has("place")) out.placeId = current.placeId;
  if (corrected.has("summary")) out.summary = current.summary;
  return out;
}

/** The incident as incidentUnwritten reads it, from the row as this batch wrote it (no editor corrected it: see addReports). */
function stateOf(w: IncidentRow): IncidentState {
  return {
    occurredOn: w.occurredOn,
    precision: w.precision,
    type: w.type,
    placeId: w.placeId,
    summary: w.summary,
    killedMax: w.killedMax,
    injuredMax: w.injuredMax,
    significance: w.significance,
    reportCount: w.reportCount,
    outletCount: w.outletCount,
    hasCurated: w.hasCurated,
    firstReportedOn: w.firstReportedOn,
    corrected: "[]",
    tally: UNREAD_TALLY,
  };
}

function beforeOf(s: IncidentState): IncidentRow {
  // Written out (not a spread of dated()): addReports makes one for every incident a report joins.
  return {
    occurredOn: s.occurredOn,
    precision: s.precision,
    year: Number(s.occurredOn.slice(0, 4)),
    monthDay: s.precision === "day" ? s.occurredOn.slice(5, 10) : null,
    type: s.type,
    placeId: s.placeId,
    summary: s.summary,
    killedMax: s.killedMax,
    injuredMax: s.injuredMax,
    significance: s.significance,
    reportCount: s.reportCount,
    outletCount: s.outletCount,
    hasCurated: s.hasCurated,
    firstReportedOn: s.firstReportedOn,
    tally: s.tally,
  };
}

/**
 * The tally an incident of these reports keeps: none for one report, which linking reads as cheaply as a tally
 * (most incidents of a store have one report; a bulk ACLED load makes them without one too), and which a report
 * joining it reads again anyway. Fewer bytes written for every incident made.
 */
function tallyFor(members: readonly ReportFacts[]): KeptTally | null {
  if (members.length <= 1) return null;
  const tally = tallyOf(members);
  return { json: JSON.stringify(tally), tally };
}

/** A tally just written, kept parsed for the next linking pass (tally.ts parsedTallies); one without word sets is never scored from. */
function keepWritten(sqlite: Database.Database, id: number, made: KeptTally | null): void {
  if (made?.tally.words) keepTally(parsedTallies(sqlite), id, made);
}

/** Reads every report of the incident and rewrites what it shows and its tally; deletes it when none is left. */
export function refreshIncident(sqlite: Database.Database, id: number, places = new PlaceChains(sqlite)): void {
  const st = statements(sqlite);
  const incident = st.incident.get(id);
  if (!incident) return;
  refreshFrom(sqlite, id, incident, withExtras(st.members.all(id), st.actors.all(id), st.claims.all(id), st.sources.all(id)), places);
}

/** refreshIncident with the incident as read and every report of it (ids ascending) at hand. */
function refreshFrom(sqlite: Database.Database, id: number, incident: IncidentState, members: readonly ReportFacts[], places: PlaceChains): void {
  // What is written now is counted from every report: what waits to be written (withTalliesDeferred) is void.
  unwrittenIncidents(sqlite).waiting.delete(id);
  if (!members.length) {
    statements(sqlite).remove.run(id);
    return;
  }
  const made = tallyFor(members);
  const row = keepCorrected({ ...rowOfReports(members, places), tally: made?.json ?? null }, new Set(JSON.parse(incident.corrected) as string[]), incident);
  updates(sqlite)(id, row, beforeOf(incident));
  keepWritten(sqlite, id, made);
}

export function refreshIncidents(sqlite: Database.Database, ids: Iterable<number>, places = new PlaceChains(sqlite)): void {
  for (const id of new Set(ids)) refreshIncident(sqlite, id, places);
}

/**
 * Incidents that reports joined during a batch of writes (withTalliesDeferred) whose tally, and the columns linking
 * never reads (report and outlet counts, summary, injured, significance, first reported), are not written yet: the
 * tally as counted so far, the row as it stands, and the row as the store holds it (`written`). The store keeps the
 * tally it had before the batch (or NULL, when something changed the incident's reports since: then this is void).
 * `active` only inside withTalliesDeferred.
 */
interface Unwritten {
  tally: Tally;
  row: IncidentRow;
  written: IncidentRow;
}
const unwrittenIncidents = perConnection((sqlite: Database.Database) => {
  void sqlite;
  return {
    active: false,
    waiting: new Map<number, Unwritten>(),
    /**
     * The incidents any write updated or removed since the batch began (generations.ts watchIncidents), less those whose
     * row this batch wrote last, as `written` holds it (addReports): for any other waiting incident, its row is still as
     * `written` says, with a tally, so neither is asked of SQLite again (two reads an incident an article, ~6% of
     * ingest's linking). Trusted only while the epoch is `epoch`.
     */
    changed: new Set<number>(),
    epoch: -1,
  };
});
type UnwrittenIncidents = ReturnType<typeof unwrittenIncidents>;

/** Whether nothing but this batch's own writes (as `written` holds them) touched a waiting incident's row since it began. */
function untouched(sqlite: Database.Database, u: UnwrittenIncidents, id: number): boolean {
  return !u.changed.has(id) && generationsOf(sqlite).lastEpoch === u.epoch;
}

/** An incident's tally and row not written yet (withTalliesDeferred), if it still keeps a tally at all (`holds`: its row's tally is not NULL). */
function unwrittenOf(sqlite: Database.Database, id: number, holds: () => boolean): Unwritten | undefined {
  const u = unwrittenIncidents(sqlite);
  const w = u.active ? u.waiting.get(id) : undefined;
  if (w === undefined) return undefined;
  if (untouched(sqlite, u, id) || holds()) return w;
  // A report of it was removed or changed since (a trigger of migrations 0025/0026 set its tally to NULL): recounted.
  u.waiting.delete(id);
  return undefined;
}

/** The tally reports joined in this batch, not written yet (withTalliesDeferred), if the incident's row still keeps one (`holds`). */
export function unwrittenTally(sqlite: Database.Database, id: number, holds: () => boolean): Tally | undefined {
  return unwrittenOf(sqlite, id, holds)?.tally;
}

/** The columns candidate queries read (link.ts): written at once even in a batch, so that linking finds what it found before. */
const LINKING_READS: readonly (keyof IncidentRow)[] = ["occurredOn", "precision", "year", "monthDay", "type", "placeId", "killedMax"];

/** A tally as no row holds it: what the store held is not known (incidentUnwritten does not read it), so it is written whatever it is. */
const UNREAD_TALLY = "\u0000unread";

/**
 * Runs `write` (inside the caller's transaction) with the incidents that reports join (addReports) written at its
 * end, once each, instead of at every linking pass: a background incident ("the 2020 Doha agreement") is joined by
 * a report of almost every article, and its tally (tens of kilobytes of JSON) was serialised and written again for
 * each, and its row (the tally in it) rewritten for its report count: a third of linking (bench/ingest.bench.ts).
 * What candidate queries read (LINKING_READS) is written at once, as before; the rest waits, kept here, and linking
 * reads it from here while it waits. What is stored at the end is the same. An incident whose tally something set to
 * NULL meanwhile (a report of it removed or changed, migrations 0025/0026) is dropped, not written: it is counted
 * again from its reports by the refresh that follows such a change (refreshFrom, which drops what waits as well).
 *
 * The caller must not commit after `write` throws without rolling back: what waits is then forgotten. A write inside
 * it that rolls back part of its work (a savepoint) would leave here what the store no longer backs: use it only
 * where a failure rolls back the whole transaction (ingestFiles' batches without savepoints). Nested inside another,
 * `write` just runs.
 */
export function withTalliesDeferred<T>(sqlite: Database.Database, write: () => T): T {
  if (!sqlite.inTransaction) throw new Error("withTalliesDeferred must run inside a transaction");
  const u = unwrittenIncidents(sqlite);
  if (u.active) return write();
  const generations = generationsOf(sqlite);
  u.active = true;
  u.waiting.clear();
  u.epoch = generations.hold();
  u.changed = generations.watchIncidents();
  try {
    const result = write();
    const st = statements(sqlite);
    const kept = parsedTallies(sqlite);
    generations.release();
    generations.epoch();
    for (const [id, w] of u.waiting) {
      if (!untouched(sqlite, u, id) && st.keepsTally.get(id) !== 1) continue;
      const json = JSON.stringify(w.tally);
      updates(sqlite)(id, { ...w.row, tally: json }, w.written);
      keepTally(kept, id, { json, tally: w.tally });
    }
    return result;
  } finally {
    generations.release();
    generations.unwatchIncidents();
    u.active = false;
    u.waiting.clear();
    u.changed = new Set<number>();
  }
}

/**
 * The incident with one more report, from what it shows now and its tally, without reading its other reports; or
 * undefined when that cannot be known so (the caller reads them all). Exact for a report that is newer than every
 * report in the tally (it comes last in every order the full refresh takes), not curated, joining an incident no
 * editor corrected — except a tie between the report's type and the incident's, which only the reports' order
 * settles.
 */
function rowWithReport(row: IncidentRow, t: Tally, r: ReportFacts, places: PlaceChains): IncidentRow | undefined {
  if (r.id <= t.maxId || r.source === "timeline") return undefined;
  const out = { ...row };
  if (!row.hasCurated) {
    const best = PRECISION_RANK[row.precision];
    const mine = PRECISION_RANK[r.precision];
    if (mine > best) {
      // The only report at the best precision: its date and summary.
      Object.assign(out, dated(r.occurredOn, r.precision));
      out.summary = r.summary;
    } else if (mine === best) {
      const acled = t.firstAcled[r.precision];
      if (acled === undefined) {
        if (r.source === "acled") Object.assign(out, dated(r.occurredOn, r.precision));
        else {
          // The most common date among the most precise reports; this one comes last, so it wins only outright.
          const n = (t.dates[dateKey(r.precision, r.occurredOn)] ?? 0) + 1;
          if (r.occurredOn !== row.occurredOn && n > (t.dates[dateKey(row.precision, row.occurredOn)] ?? 0)) Object.assign(out, dated(r.occurredOn, r.precision));
        }
      }
      // Summary: the first article report at the best precision, else the first ACLED one.
      if (t.firstArticle[r.precision] === undefined && (r.source === "article" || acled === undefined)) out.summary = r.summary;
    }
    if (r.type !== row.type) {
      const n = (t.types[r.type] ?? 0) + 1;
      const lead = t.types[row.type] ?? 0;
      if (n === lead) return undefined;
      if (n > lead) out.type = r.type;
    }
  }
  if (r.placeId !== null && !listHas(t.places, r.placeId)) {
    // A curated entry's place stands, but one without a place shows what the reports agree on: read them.
    if (row.hasCurated) return undefined;
    out.placeId = places.agreed([...t.places, r.placeId]);
  }
  for (const [k, i] of [[r.killed, r.injured], ...r.claims.map((c) => [c.killed, c.injured])]) {
    if (k !== null && k !== undefined) out.killedMax = Math.max(out.killedMax ?? 0, k);
    if (i !== null && i !== undefined) out.injuredMax = Math.max(out.injuredMax ?? 0, i);
  }
  out.significance = (out.killedMax ?? 0) + (out.injuredMax ?? 0);
  out.reportCount = t.n + 1;
  // The tally's outlets are distinct: count the report's that are new (a big incident's list holds hundreds).
  let outletCount = t.outlets.length;
  const mine = outletsOf(r);
  for (let i = 0; i < mine.length; i++) {
    const o = mine[i] as string;
    if (!listHas(t.outlets, o) && mine.indexOf(o) === i) outletCount++;
  }
  out.outletCount = outletCount;
  for (const p of publishedOf(r)) if (out.firstReportedOn === null || p < out.firstReportedOn) out.firstReportedOn = p;
  return out;
}

/**
 * These reports (ids ascending, already linked to the incident) just joined it: updates what it shows from its
 * tally, or reads all its reports when the tally is missing or cannot settle it (see rowWithReport). `parsed` is the
 * tally as the caller read and parsed it, used when the incident still holds that text (it is changed in place).
 * `others`, when the caller has them, are all the incident's other reports (a linking pass read them to score the
 * incident): then what the full read would show is made from them and `reports`, and nothing is read again.
 * Returns the tally written and its text when it was updated from its tally (undefined when the reports were read,
 * or when the tally waits to be written at the end of a batch: withTalliesDeferred).
 */
/**
 * addReports' way out when the tally cannot be added to: the incident made again from all its reports (those read by
 * the pass, `others`, and these), or read whole. (Not a closure made in every call: see incidentsOf in link.ts.)
 */
function readAll(sqlite: Database.Database, id: number, state: IncidentState, reports: readonly ReportFacts[], places: PlaceChains, others: readonly ReportFacts[] | undefined): void {
  if (others) refreshFrom(sqlite, id, state, [...others, ...reports].sort((a, b) => a.id - b.id), places);
  else refreshIncident(sqlite, id, places);
}

export function addReports(
  sqlite: Database.Database,
  id: number,
  reports: readonly ReportFacts[],
  places: PlaceChains,
  parsed?: { json: string; tally: Tally },
  others?: readonly ReportFacts[],
): { json: string; tally: Tally } | undefined {
  const st = statements(sqlite);
  let incident: IncidentState | undefined;
  let tally: Tally | null;
  // An incident joined earlier in this batch and not written yet (withTalliesDeferred): its tally and row are these.
  // Its row is as this batch wrote it unless another write touched it since (untouched): then it is read.
  const deferred = unwrittenIncidents(sqlite);
  const fromWritten = deferred.active && untouched(sqlite, deferred, id);
  let unwritten: IncidentState | undefined;
  const waiting = unwrittenOf(sqlite, id, () => (unwritten = st.incidentUnwritten.get(id))?.holds === 1);
  const holding = waiting === undefined && parsed !== undefined ? st.incidentHolding.get({ id, json: parsed.json }) : undefined;
  if (waiting !== undefined) {
    unwritten ??= stateOf(waiting.written);
    unwritten.tally = UNREAD_TALLY;
    incident = unwritten;
    tally = waiting.tally;
  } else if (parsed !== undefined && holding?.holds === 1) {
    holding.tally = parsed.json;
    incident = holding;
    tally = parsed.tally;
  } else {
    incident = st.incident.get(id);
    tally = parseTally(incident?.tally ?? null);
  }
  if (!incident) return undefined;
  if (!tally || incident.corrected !== "[]") {
    readAll(sqlite, id, incident, reports, places, others);
    return undefined;
  }
  const before = waiting?.row ?? beforeOf(incident);
  let row: IncidentRow = { ...before };
  for (const r of [...reports].sort((a, b) => a.id - b.id)) {
    const next = rowWithReport(row, tally, r, places);
    if (!next) {
      readAll(sqlite, id, incident, reports, places, others);
      return undefined;
    }
    row = next;
    addToTally(tally, r);
  }
  if (deferred.active) {
    // What candidate queries read now; the rest, the tally with it, once, at the batch's end (withTalliesDeferred).
    const written = waiting?.written ?? before;
    const now = { ...written };
    for (const k of LINKING_READS) (now as Record<string, unknown>)[k] = row[k];
    updates(sqlite)(id, now, written);
    deferred.waiting.set(id, { tally, row, written: now });
    // The row is now as `now` holds it, with a tally, when `written` was what it held: read from it just now, or kept
    // so since (fromWritten). (A row read again after another write may hold what `written` does not.)
    if (waiting === undefined || fromWritten) deferred.changed.delete(id);
    return undefined;
  }
  const json = JSON.stringify(tally);
  updates(sqlite)(id, { ...row, tally: json }, before);
  return { json, tally };
}

/**
 * A new incident of one report, written whole as the full refresh would show it, in one insert: most incidents a
 * linking pass makes keep their one report. Returns its id; what it was written with is rowOfOne(r).
 */
export function createIncident(sqlite: Database.Database, r: ReportFacts, now: Date): number {
  return Number(statements(sqlite).create.run({ ...rowOfOne(r), createdAt: isoOf(now), firstReportId: r.id }).lastInsertRowid);
}

/** now.toISOString(), made once for the instant a linking pass passes to every incident it makes. */
let lastIso: { at: number; iso: string } = { at: NaN, iso: "" };
function isoOf(now: Date): string {
  const at = now.getTime();
  if (at !== lastIso.at) lastIso = { at, iso: now.toISOString() };
  return lastIso.iso;
}

/**
 * rowOfReports of one report, written out: its date, type, place and summary are its own (one place agrees with
 * itself; a curated entry without a place has none), its figures the highest it or its claims give, and it keeps no
 * tally (tallyFor).
 */
function rowOfOne(r: ReportFacts): IncidentRow {
  let killedMax: number | null = r.killed === null ? null : Math.max(0, r.killed);
  let injuredMax: number | null = r.injured === null ? null : Math.max(0, r.injured);
  for (const c of r.claims) {
    if (c.killed !== null && c.killed !== undefined) killedMax = Math.max(killedMax ?? 0, c.killed);
    if (c.injured !== null && c.injured !== undefined) injuredMax = Math.max(injuredMax ?? 0, c.injured);
  }
  const outlets = outletsOf(r);
  const published = publishedOf(r);
  let first: string | null = null;
  for (const p of published) if (first === null || p < first) first = p;
  return {
    occurredOn: r.occurredOn,
    precision: r.precision,
    year: Number(r.occurredOn.slice(0, 4)),
    monthDay: r.precision === "day" ? r.occurredOn.slice(5, 10) : null,
    type: r.type,
    placeId: r.placeId,
    summary: r.summary,
    killedMax,
    injuredMax,
    significance: (killedMax ?? 0) + (injuredMax ?? 0),
    reportCount: 1,
    outletCount: outlets.length < 2 ? outlets.length : new Set(outlets).size,
    hasCurated: r.source === "timeline" ? 1 : 0,
    firstReportedOn: first,
    tally: null,
  };
}

/**
 * An incident made in this linking pass (createIncident, of `members[0]`) that more of the pass's reports joined: all
 * of them are at hand, so none is read. It was written as rowOfOne of the first (made again here rather than kept
 * for every incident the pass made).
 */
export function refreshFromReports(sqlite: Database.Database, id: number, members: readonly ReportFacts[], places: PlaceChains): void {
  const first = members[0];
  if (first === undefined) return;
  unwrittenIncidents(sqlite).waiting.delete(id);
  const made = tallyFor(members);
  updates(sqlite)(id, { ...rowOfReports(members, places), tally: made?.json ?? null }, rowOfOne(first));
  keepWritten(sqlite, id, made);
}
