import type { Db } from "../db/client.ts";
import { listEventPoints, tallyChartPoints, tallyEventPoints } from "../store/event-points.ts";
import { renderChart, type StackBy } from "./chart.ts";
import { HURT_AT_LARGEST_MARKER, renderMap } from "./map.ts";
import { fileName, rangeText } from "./names.ts";

/**
 * A picture a command asks for, as plain data: what to draw, not the drawing. It crosses to a worker thread
 * (pool.ts) as it is, and the worker reads the events from its own connection, so neither the query nor the
 * drawing runs on the thread that answers interactions.
 */
export type PictureRequest =
  | { kind: "chart"; entity: PictureSubject; from?: string | undefined; to?: string | undefined; by: StackBy }
  | { kind: "map"; entity?: PictureSubject | undefined; from?: string | undefined; to?: string | undefined };

export interface PictureSubject {
  id: number;
  name: string;
  slug: string;
}

/** A drawn picture and what the reply says about it. */
export interface DrawnPicture {
  name: string;
  png: Uint8Array;
  /** Alt text. */
  alt: string;
  /** Events matched by the filter (drawn or not). */
  total: number;
  summary: string;
}

/** Queries and draws, on this thread (the worker's, or the caller's where no pool runs: console, CLI, tests). */
export function drawPicture(db: Db, req: PictureRequest): DrawnPicture {
  const { entity, from, to } = req;
  const range = rangeText(from, to);
  const filter = { ...(entity ? { entityId: entity.id } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if (req.kind === "chart") {
    const subject = req.entity;
    // By type, counted per day and type in SQL; by actor, each incident's actors are needed.
    const events = req.by === "type" ? tallyChartPoints(db, filter) : listEventPoints(db, filter, { actors: true });
    const chart = renderChart({ title: `Incidents involving ${subject.name}`, events, by: req.by, from, to, excludeActorId: subject.id });
    const d = chart.data;
    const summary = d.placed
      ? `${d.placed} event${d.placed === 1 ? "" : "s"} per ${d.period}${range ? `, ${range}` : ""}, stacked by ${req.by}.${d.tooCoarse ? ` ${d.tooCoarse} dated too roughly to place.` : ""}`
      : `No events involving ${subject.name}${range ? ` (${range})` : ""} to chart.`;
    return { name: fileName("chart", [subject.slug, from, to], "png"), png: chart.png, alt: chart.alt, total: d.total, summary };
  }
  // Counted by place, type and casualties in SQL: the worker never holds every incident's row.
  const events = tallyEventPoints(db, filter, { hurtCap: HURT_AT_LARGEST_MARKER });
  const title = entity ? `Incidents involving ${entity.name}` : "Incidents along the Afghanistan–Pakistan border";
  const map = renderMap({ title, subtitle: range || "All dates in the store", events });
  const d = map.data;
  const missing = d.noCoordinates + d.countryOnly + d.outside;
  const summary = `${d.located} of ${events.total} events mapped${missing ? `; ${missing} not shown (${[d.countryOnly ? `${d.countryOnly} placed only at country level` : "", d.noCoordinates ? `${d.noCoordinates} without coordinates` : "", d.outside ? `${d.outside} outside the map` : ""].filter(Boolean).join(", ")})` : ""}.`;
  return { name: fileName("map", [entity?.slug, from, to], "png"), png: map.png, alt: map.alt, total: events.total, summary };
}
