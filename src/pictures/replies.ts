import type { Deps } from "../commands/types.ts";
import type { Entity } from "../db/schema.ts";
import { showDate } from "../render/format.ts";
import type { FileModel } from "../render/reply.ts";
import { listEventPoints } from "../store/event-points.ts";
import { renderChart, type StackBy } from "./chart.ts";
import { renderMap } from "./map.ts";

/** The pictures as reply attachments, shared by /chart, /timeline chart:true and /map. */

export function rangeText(from: string | undefined, to: string | undefined): string {
  return from || to ? `${from ? showDate(from, null) : "start"} – ${to ? showDate(to, null) : "now"}` : "";
}

/** A file name Discord and file systems accept: "chart-khyber-pakhtunkhwa-2024.png". */
export function fileName(prefix: string, parts: readonly (string | undefined)[], ext: string): string {
  const slug = parts
    .filter((p): p is string => !!p)
    .join("-")
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${prefix}${slug ? `-${slug}` : ""}.${ext}`;
}

export interface PictureAttachment {
  file: FileModel;
  /** Events matched by the filter (drawn or not). */
  total: number;
  summary: string;
}

export function chartAttachment(deps: Deps, entity: Entity, from: string | undefined, to: string | undefined, by: StackBy): PictureAttachment {
  const events = listEventPoints(deps.db, { entityId: entity.id, ...(from ? { from } : {}), ...(to ? { to } : {}) }, { actors: by === "actor" });
  const range = rangeText(from, to);
  const chart = renderChart({ title: `Incidents involving ${entity.name}`, events, by, from, to, excludeActorId: entity.id });
  const name = fileName("chart", [entity.slug, from, to], "png");
  const d = chart.data;
  const summary = d.placed
    ? `${d.placed} event${d.placed === 1 ? "" : "s"} per ${d.period}${range ? `, ${range}` : ""}, stacked by ${by}.${d.tooCoarse ? ` ${d.tooCoarse} dated too roughly to place.` : ""}`
    : `No events involving ${entity.name}${range ? ` (${range})` : ""} to chart.`;
  return { file: { name, data: chart.png, description: chart.alt }, total: events.length, summary };
}

export function mapAttachment(deps: Deps, entity: Entity | undefined, from: string | undefined, to: string | undefined): PictureAttachment {
  const events = listEventPoints(deps.db, { ...(entity ? { entityId: entity.id } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const range = rangeText(from, to);
  const title = entity ? `Incidents involving ${entity.name}` : "Incidents along the Afghanistan–Pakistan border";
  const map = renderMap({ title, subtitle: range || "All dates in the store", events });
  const d = map.data;
  const missing = d.noCoordinates + d.countryOnly + d.outside;
  const summary = `${d.located.length} of ${events.length} events mapped${missing ? `; ${missing} not shown (${[d.countryOnly ? `${d.countryOnly} placed only at country level` : "", d.noCoordinates ? `${d.noCoordinates} without coordinates` : "", d.outside ? `${d.outside} outside the map` : ""].filter(Boolean).join(", ")})` : ""}.`;
  return { file: { name: fileName("map", [entity?.slug, from, to], "png"), data: map.png, description: map.alt }, total: events.length, summary };
}
