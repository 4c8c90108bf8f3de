import type { Db } from "../db/client.ts";
import type * as t from "../db/schema.ts";
import { cached, incidentWhere, type IncidentFilter } from "./incidents.ts";

/** An incident reduced to what a chart or map needs: when, what, where (with coordinates), how many hurt, who. */
export interface EventPoint {
  id: number;
  occurredOn: string;
  precision: t.DatePrecision;
  type: string;
  /** "timeline" when a curated entry reports it, else the first report's origin ("article", "acled"). */
  source: string;
  /** The highest figures any report gives (a map sizes its circles by them). */
  killed: number | null;
  injured: number | null;
  placeId: number | null;
  place: string | null;
  placeSubtype: string | null;
  lat: number | null;
  lon: number | null;
  /** Actor entity ids and names of its reports (filled only when asked for). */
  actors: { id: number; name: string }[];
}

const CHUNK = 500;

/**
 * Every incident matching the filter, oldest first, in one query plus one per 500 incidents for actors —
 * light enough for 10,000 (the full provenance of loadIncidents is for lists and exports).
 */
export function listEventPoints(db: Db, filter: IncidentFilter, opts: { actors?: boolean; limit?: number } = {}): EventPoint[] {
  const where = incidentWhere(db, filter);
  const rows = db.$client
    .prepare(
      `select i.id, i.occurred_on as occurredOn, i.precision, i.type,
              case when i.has_curated then 'timeline' else coalesce((select r.source from events r where r.id = i.first_report_id), 'article') end as source,
              i.killed_max as killed, i.injured_max as injured, i.place_id as placeId, p.name as place, p.subtype as placeSubtype, p.lat, p.lon
       from incidents i left join entities p on p.id = i.place_id
       where ${where.sql} order by i.occurred_on asc, i.id asc limit ${Math.trunc(opts.limit ?? 100_000)}`,
    )
    .all(where.params) as Omit<EventPoint, "actors">[];
  const points: EventPoint[] = rows.map((r) => ({ ...r, actors: [] }));
  if (opts.actors && points.length) {
    const byId = new Map(points.map((p) => [p.id, p]));
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const actorRows = db.$client
        .prepare(
          `select distinct r.incident_id as incidentId, en.id, en.name from events r join event_actors ea on ea.event_id = r.id join entities en on en.id = ea.entity_id
           where r.incident_id in (${ids.slice(i, i + CHUNK).join(",")}) and ea.role <> 'place' order by r.id, ea.rowid`,
        )
        .all() as { incidentId: number; id: number; name: string }[];
      for (const a of actorRows) byId.get(a.incidentId)?.actors.push({ id: a.id, name: a.name });
    }
  }
  return points;
}

/**
 * Incidents that share a place, a type and a casualty figure, counted: all a map needs of them, since they are
 * drawn as one marker (same spot, size and colour). A map of 27,000 incidents reads a few hundred of these
 * instead of holding every incident's row in the pool worker.
 */
export interface EventPointGroup {
  placeId: number | null;
  place: string | null;
  placeSubtype: string | null;
  lat: number | null;
  lon: number | null;
  type: string;
  /** killed + injured (the highest figures any report gives; none given counts 0), at most the tally's hurtCap: what sizes a marker. */
  hurt: number;
  count: number;
  /** The group's lowest incident id: markers of one size are drawn in id order, as when drawn one by one. */
  firstId: number;
}

export interface EventPointTally {
  groups: EventPointGroup[];
  /** Incidents per source ("timeline", "article", "acled"), as EventPoint.source. */
  sources: Map<string, number>;
  /** Incidents matched (up to the limit). */
  total: number;
}

export interface TallyOptions {
  /** Incidents matched at most (default 100,000, as listEventPoints). */
  limit?: number;
  /** Casualties counted as this many when more (a marker stops growing there): fewer groups. Default: no cap. */
  hurtCap?: number;
}

/** The matched incidents (a subquery with first_report_id and has_curated) counted per source, as EventPoint.source. */
function countBySource(db: Db, matched: string, params: Record<string, string | number>): Map<string, number> {
  const rows = cached(
    db,
    `select case when m.has_curated then 'timeline' else coalesce((select r.source from events r where r.id = m.first_report_id), 'article') end as source, count(*) as n
     from (${matched}) m group by 1`,
  ).all(params) as { source: string; n: number }[];
  return new Map(rows.map((r) => [r.source, r.n]));
}

/** The incidents of listEventPoints (same filter, order and limit), counted by place, type and casualties in SQL. */
export function tallyEventPoints(db: Db, filter: IncidentFilter, opts: TallyOptions = {}): EventPointTally {
  const where = incidentWhere(db, filter);
  const hurt = `coalesce(i.killed_max, 0) + coalesce(i.injured_max, 0)`;
  // The same rows as listEventPoints: the oldest `limit` incidents matching the filter.
  const matched = `select i.id, i.type, i.place_id, i.has_curated, i.first_report_id, ${opts.hurtCap === undefined ? hurt : `min(${hurt}, ${Math.trunc(opts.hurtCap)})`} as hurt
                   from incidents i where ${where.sql} order by i.occurred_on asc, i.id asc limit ${Math.trunc(opts.limit ?? 100_000)}`;
  // Both reads in one transaction: one snapshot, so the groups and the per-source line count the same incidents
  // while the bot and the ingest worker write.
  return db.$client.transaction(() => {
    const groups = cached(
      db,
      `select m.place_id as placeId, p.name as place, p.subtype as placeSubtype, p.lat, p.lon, m.type, m.hurt, count(*) as count, min(m.id) as firstId
       from (${matched}) m left join entities p on p.id = m.place_id group by m.place_id, m.type, m.hurt`,
    ).all(where.params) as EventPointGroup[];
    const sources = countBySource(db, matched, where.params);
    return { groups, sources, total: groups.reduce((n, g) => n + g.count, 0) };
  })();
}

/** The same tally from points already read (the console, tests): one group per place, coordinates, type and casualties. */
export function tallyOf(events: readonly EventPoint[], opts: Pick<TallyOptions, "hurtCap"> = {}): EventPointTally {
  const groups = new Map<string, EventPointGroup>();
  const sources = new Map<string, number>();
  for (const e of events) {
    sources.set(e.source, (sources.get(e.source) ?? 0) + 1);
    const hurt = Math.min((e.killed ?? 0) + (e.injured ?? 0), opts.hurtCap ?? Infinity);
    const key = JSON.stringify([e.placeId, e.place, e.placeSubtype, e.lat, e.lon, e.type, hurt]);
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.firstId = Math.min(g.firstId, e.id);
    } else groups.set(key, { placeId: e.placeId, place: e.place, placeSubtype: e.placeSubtype, lat: e.lat, lon: e.lon, type: e.type, hurt, count: 1, firstId: e.id });
  }
  return { groups: [...groups.values()], sources, total: events.length };
}

/** The incidents of listEventPoints counted per date (as stored), precision and type: all a chart by type needs. */
export interface ChartTally {
  days: { occurredOn: string; precision: t.DatePrecision; type: string; count: number }[];
  /** Incidents per source, as EventPoint.source. */
  sources: Map<string, number>;
  total: number;
}

/** listEventPoints' incidents (same filter, order and limit) counted in SQL for a chart by type. */
export function tallyChartPoints(db: Db, filter: IncidentFilter, opts: Pick<TallyOptions, "limit"> = {}): ChartTally {
  const where = incidentWhere(db, filter);
  const matched = `select i.id, i.occurred_on, i.precision, i.type, i.has_curated, i.first_report_id
                   from incidents i where ${where.sql} order by i.occurred_on asc, i.id asc limit ${Math.trunc(opts.limit ?? 100_000)}`;
  // One snapshot for both reads, as tallyEventPoints.
  return db.$client.transaction(() => {
    const days = cached(db, `select m.occurred_on as occurredOn, m.precision, m.type, count(*) as count from (${matched}) m group by m.occurred_on, m.precision, m.type`).all(
      where.params,
    ) as ChartTally["days"];
    const sources = countBySource(db, matched, where.params);
    return { days, sources, total: days.reduce((n, d) => n + d.count, 0) };
  })();
}

/** Ids of matching incidents, newest first (what /export walks through, in chunks). */
export function listIncidentIds(db: Db, filter: IncidentFilter, limit: number): number[] {
  const where = incidentWhere(db, filter);
  return (
    cached(db, `select i.id from incidents i where ${where.sql} order by i.occurred_on desc, i.id desc limit ${Math.trunc(limit)}`).all(where.params) as { id: number }[]
  ).map((r) => r.id);
}

/** What the incident view leaves out and an export needs: stable ids, ACLED's own classification, coordinates. */
export interface EventProvenance {
  externalId: string | null;
  acledEventType: string | null;
  acledSubEventType: string | null;
  articleSlug: string | null;
  lat: number | null;
  lon: number | null;
  subType: string | null;
}

export function getEventProvenance(db: Db, ids: readonly number[]): Map<number, EventProvenance> {
  const out = new Map<number, EventProvenance>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    // The lead report of each incident: curated first, then ACLED, then the first article.
    const rows = db.$client
      .prepare(
        `select i.id, r.external_id as externalId, r.acled_event_type as acledEventType, r.acled_sub_event_type as acledSubEventType, r.sub_type as subType,
                (select a.slug from events ra join articles a on a.id = ra.article_id where ra.incident_id = i.id order by ra.id limit 1) as articleSlug,
                p.lat, p.lon
         from incidents i left join entities p on p.id = i.place_id
           left join events r on r.id = (select x.id from events x where x.incident_id = i.id order by case x.source when 'timeline' then 0 when 'acled' then 1 else 2 end, x.id limit 1)
         where i.id in (${ids.slice(i, i + CHUNK).join(",")})`,
      )
      .all() as ({ id: number } & EventProvenance)[];
    for (const { id, ...rest } of rows) out.set(id, rest);
  }
  return out;
}
