import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { eventWhere, type EventFilter } from "./queries.ts";

/** An event reduced to what a chart or map needs: when, what, where (with coordinates), how many hurt, who. */
export interface EventPoint {
  id: number;
  occurredOn: string;
  precision: t.DatePrecision;
  type: string;
  source: string;
  killed: number | null;
  injured: number | null;
  placeId: number | null;
  place: string | null;
  placeSubtype: string | null;
  lat: number | null;
  lon: number | null;
  /** Actor entity ids and names, in the order stored (filled only when asked for). */
  actors: { id: number; name: string }[];
}

const CHUNK = 500;

/**
 * Every event matching the filter, oldest first, in two queries plus one per 500 events for actors —
 * light enough for 10,000 events (EventView's full provenance is for lists and exports).
 */
export function listEventPoints(db: Db, filter: EventFilter, opts: { actors?: boolean; limit?: number } = {}): EventPoint[] {
  const rows = db
    .select({
      id: t.events.id,
      occurredOn: t.events.occurredOn,
      precision: t.events.precision,
      type: t.events.type,
      source: t.events.source,
      killed: t.events.killed,
      injured: t.events.injured,
      placeId: t.events.placeId,
      place: t.entities.name,
      placeSubtype: t.entities.subtype,
      lat: t.entities.lat,
      lon: t.entities.lon,
    })
    .from(t.events)
    .leftJoin(t.entities, eq(t.entities.id, t.events.placeId))
    .where(eventWhere(db, filter))
    .orderBy(asc(t.events.occurredOn), asc(t.events.id))
    .limit(opts.limit ?? 100_000)
    .all();
  const points: EventPoint[] = rows.map((r) => ({ ...r, actors: [] }));
  if (opts.actors && points.length) {
    const byId = new Map(points.map((p) => [p.id, p]));
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const actorRows = db
        .select({ eventId: t.eventActors.eventId, id: t.entities.id, name: t.entities.name })
        .from(t.eventActors)
        .innerJoin(t.entities, eq(t.entities.id, t.eventActors.entityId))
        .where(inArray(t.eventActors.eventId, ids.slice(i, i + CHUNK)))
        .all();
      for (const a of actorRows) byId.get(a.eventId)?.actors.push({ id: a.id, name: a.name });
    }
  }
  return points;
}

/** Ids of matching events, newest first (what /export walks through, in chunks). */
export function listEventIds(db: Db, filter: EventFilter, limit: number): number[] {
  return db
    .select({ id: t.events.id })
    .from(t.events)
    .where(eventWhere(db, filter))
    .orderBy(desc(t.events.occurredOn), desc(t.events.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** What EventView leaves out and an export needs: stable ids and ACLED's own classification. */
export interface EventProvenance {
  externalId: string | null;
  acledEventType: string | null;
  acledSubEventType: string | null;
  articleSlug: string | null;
  lat: number | null;
  lon: number | null;
}

export function getEventProvenance(db: Db, ids: readonly number[]): Map<number, EventProvenance> {
  const out = new Map<number, EventProvenance>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = db
      .select({
        id: t.events.id,
        externalId: t.events.externalId,
        acledEventType: t.events.acledEventType,
        acledSubEventType: t.events.acledSubEventType,
        articleSlug: t.articles.slug,
        lat: t.entities.lat,
        lon: t.entities.lon,
      })
      .from(t.events)
      .leftJoin(t.articles, eq(t.articles.id, t.events.articleId))
      .leftJoin(t.entities, eq(t.entities.id, t.events.placeId))
      .where(inArray(t.events.id, ids.slice(i, i + CHUNK)))
      .all();
    for (const { id, ...rest } of rows) out.set(id, rest);
  }
  return out;
}
