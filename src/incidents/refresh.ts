/**
 * Recomputes what an incident shows from its reports: the best date, the most specific place they agree on, its
 * type and summary, the highest figures (for ranking only), how many independent outlets report it and when it
 * was first reported. A curated timeline entry, written by reading its sources, wins over ACLED and articles;
 * fields an editor corrected (`incidents.corrected`) are kept. An incident left with no report is deleted.
 */
import type Database from "better-sqlite3";
import { reportOutlet } from "./outlets.ts";
import type { ReportCore } from "./link.ts";
import { perConnection } from "../store/statements.ts";

interface MemberRow extends ReportCore {
  injured: number | null;
  articleOutlet: string | null;
  articleUrl: string | null;
  articleSlug: string | null;
  articlePublished: string | null;
}

function prepare(sqlite: Database.Database) {
  return {
    incident: sqlite.prepare<[number], { corrected: string; status: string }>(`select corrected, status from incidents where id = ?`),
    members: sqlite.prepare<[number], MemberRow>(
      `select e.id, e.source, e.occurred_on as occurredOn, e.precision, e.type, e.place_id as placeId, e.summary, e.killed, e.injured,
              a.outlet as articleOutlet, a.url as articleUrl, a.slug as articleSlug, a.published_on as articlePublished
       from events e left join articles a on a.id = e.article_id where e.incident_id = ? order by e.id`,
    ),
    claims: sqlite.prepare<[number], { killed: number | null; injured: number | null }>(
      `select c.killed, c.injured from event_claims c join events e on e.id = c.event_id where e.incident_id = ?`,
    ),
    sources: sqlite.prepare<[number], { outlet: string; publishedOn: string | null }>(
      `select s.outlet, s.published_on as publishedOn from event_sources s join events e on e.id = s.event_id where e.incident_id = ?`,
    ),
    parent: sqlite.prepare<[number], number | null>(`select parent_id from entities where id = ?`).pluck(),
    remove: sqlite.prepare<[number]>(`delete from incidents where id = ?`),
    update: sqlite.prepare(
      `update incidents set occurred_on = @occurredOn, precision = @precision, year = @year, month_day = @monthDay, type = @type, place_id = @placeId,
         summary = @summary, killed_max = @killedMax, injured_max = @injuredMax, significance = @significance, report_count = @reportCount,
         outlet_count = @outletCount, has_curated = @hasCurated, first_reported_on = @firstReportedOn
       where id = @id`,
    ),
  };
}
type Statements = ReturnType<typeof prepare>;
const statements = perConnection(prepare);

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

function chain(st: Statements, id: number): number[] {
  const c = [id];
  let p = st.parent.get(id) ?? null;
  while (p !== null && c.length < 8 && !c.includes(p)) {
    c.push(p);
    p = st.parent.get(p) ?? null;
  }
  return c;
}

/**
 * The most specific place the reports agree on: the deepest place that every other report's place contains
 * (Sarkano when the others say Kunar or Afghanistan); when two reports name places apart, the nearest place that
 * holds them both.
 */
function agreedPlace(st: Statements, placeIds: readonly number[]): number | null {
  const ids = [...new Set(placeIds)];
  if (!ids.length) return null;
  const chains = ids.map((id) => chain(st, id));
  const deepest = chains.reduce((a, b) => (b.length > a.length ? b : a));
  const agreed = chains.every((c) => deepest.includes(c[0] as number));
  if (agreed) return deepest[0] ?? null;
  // The nearest common ancestor of all of them.
  for (const candidate of chains[0] ?? []) if (chains.every((c) => c.includes(candidate))) return candidate;
  return null;
}

export function refreshIncident(sqlite: Database.Database, id: number): void {
  const st = statements(sqlite);
  const incident = st.incident.get(id);
  if (!incident) return;
  const members = st.members.all(id);
  if (!members.length) {
    st.remove.run(id);
    return;
  }
  const corrected = new Set(JSON.parse(incident.corrected) as string[]);
  const ranked = [...members].sort((a, b) => SOURCE_RANK[b.source] - SOURCE_RANK[a.source] || PRECISION_RANK[b.precision] - PRECISION_RANK[a.precision] || a.id - b.id);
  const lead = ranked[0] as MemberRow;
  const curated = members.find((m) => m.source === "timeline");

  // Date: the curated entry's; else the most precise date, the most common one among equally precise reports.
  const bestPrecision = Math.max(...members.map((m) => PRECISION_RANK[m.precision]));
  const precise = members.filter((m) => PRECISION_RANK[m.precision] === bestPrecision);
  const dated = curated ?? ranked.find((m) => m.source === "acled" && PRECISION_RANK[m.precision] === bestPrecision) ?? precise.find((m) => m.occurredOn === mostCommon(precise.map((p) => p.occurredOn))) ?? lead;
  const type = curated?.type ?? mostCommon(ranked.map((m) => m.type)) ?? lead.type;
  const placeId = curated?.placeId ?? agreedPlace(st, members.map((m) => m.placeId).filter((p): p is number => p !== null));

  let killedMax: number | null = null;
  let injuredMax: number | null = null;
  const bump = (k: number | null, i: number | null): void => {
    if (k !== null) killedMax = Math.max(killedMax ?? 0, k);
    if (i !== null) injuredMax = Math.max(injuredMax ?? 0, i);
  };
  for (const m of members) bump(m.killed, m.injured);
  for (const c of st.claims.all(id)) bump(c.killed, c.injured);

  const outlets = new Set<string>();
  const published: string[] = [];
  for (const m of members) {
    if (m.source === "acled") outlets.add("acled");
    if (m.source === "article") {
      outlets.add(reportOutlet(m.articleOutlet, m.articleUrl, m.articleSlug));
      if (m.articlePublished) published.push(m.articlePublished);
    }
  }
  for (const s of st.sources.all(id)) {
    outlets.add(reportOutlet(s.outlet, null, null));
    if (s.publishedOn) published.push(s.publishedOn);
  }
  published.sort();

  const current = { occurredOn: dated.occurredOn, precision: dated.precision };
  const row = {
    id,
    occurredOn: current.occurredOn,
    precision: current.precision,
    year: Number(current.occurredOn.slice(0, 4)),
    monthDay: current.precision === "day" ? current.occurredOn.slice(5, 10) : null,
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
  };
  if (corrected.size) {
    // An editor's correction stands: keep those columns as they are.
    const keep = sqlite.prepare<[number], { occurredOn: string; precision: "day" | "month" | "year"; type: string; placeId: number | null; summary: string }>(
      `select occurred_on as occurredOn, precision, type, place_id as placeId, summary from incidents where id = ?`,
    ).get(id);
    if (keep) {
      if (corrected.has("date")) {
        row.occurredOn = keep.occurredOn;
        row.precision = keep.precision;
        row.year = Number(keep.occurredOn.slice(0, 4));
        row.monthDay = keep.precision === "day" ? keep.occurredOn.slice(5, 10) : null;
      }
      if (corrected.has("type")) row.type = keep.type;
      if (corrected.has("place")) row.placeId = keep.placeId;
      if (corrected.has("summary")) row.summary = keep.summary;
    }
  }
  st.update.run(row);
}

export function refreshIncidents(sqlite: Database.Database, ids: Iterable<number>): void {
  for (const id of new Set(ids)) refreshIncident(sqlite, id);
}
