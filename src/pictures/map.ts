import { TYPE_LABEL } from "../render/format.ts";
import { tallyOf, type EventPoint, type EventPointTally } from "../store/event-points.ts";
import { sourceLine } from "./chart.ts";
import { typeColor } from "./colors.ts";
import { rasterise, type Picture } from "./font.ts";
import { baseMap, type Projection } from "./geo.ts";
import { fitText, fmt, OTHER_COLOR, svgDocument, text, textWidth, THEME, thousands } from "./svg.ts";

/** Where incidents happen: one marker per located event on a map of Afghanistan and Pakistan. */

export interface MapInput {
  title: string;
  /** e.g. "Jan 2024 – Dec 2025"; shown under the title. */
  subtitle?: string | undefined;
  /** The incidents, one by one or already counted into groups (tallyEventPoints: what the bot's worker reads). */
  events: readonly EventPoint[] | EventPointTally;
  width?: number;
}

/** Incidents drawn as one marker: same place, type and size. */
export interface Marker {
  x: number;
  y: number;
  r: number;
  type: string;
  placeSubtype: string | null;
  /** Incidents it stands for. */
  count: number;
  firstId: number;
}

export interface MapData {
  /** Incidents drawn. */
  located: number;
  /** Biggest first (small ones stay visible on top), then in incident order. */
  markers: Marker[];
  /** No place, or a place without coordinates (e.g. "the Durand Line"). */
  noCoordinates: number;
  /** Placed only at a country ("Pakistan"): a marker at the country's middle would mislead. */
  countryOnly: number;
  /** Located but beyond this map (talks in Doha, Moscow…). */
  outside: number;
  /** The busiest places, labelled on the map. */
  busiest: { name: string; count: number; x: number; y: number }[];
  types: { type: string; count: number }[];
  sources: Map<string, number>;
}

const MAX_LABELS = 8;
const MAX_TYPES = 8;

const MARKER_MIN_R = 4.5;
const MARKER_MAX_R = 26;
const MARKER_GROWTH = 2.2;

/** Marker radius: area grows with people killed or injured, so 100 casualties is not 100 times as wide as 1. */
export function markerRadius(e: Pick<EventPoint, "killed" | "injured">): number {
  const hurt = (e.killed ?? 0) + (e.injured ?? 0);
  return Math.min(MARKER_MAX_R, MARKER_MIN_R + MARKER_GROWTH * Math.sqrt(hurt));
}

/** Casualties (whole people) from which a marker has its largest size: a map's tally may count them all as this. */
export const HURT_AT_LARGEST_MARKER = Math.ceil(((MARKER_MAX_R - MARKER_MIN_R) / MARKER_GROWTH) ** 2);

export function placeEvents(events: readonly EventPoint[] | EventPointTally, projection: Projection): MapData {
  const tally = "groups" in events ? events : tallyOf(events, { hurtCap: HURT_AT_LARGEST_MARKER });
  const markers: Marker[] = [];
  let located = 0;
  let noCoordinates = 0;
  let countryOnly = 0;
  let outside = 0;
  const byPlace = new Map<string, { name: string; count: number; x: number; y: number }>();
  const typeCounts = new Map<string, number>();
  for (const g of tally.groups) {
    if (g.lat === null || g.lon === null) {
      noCoordinates += g.count;
      continue;
    }
    if (g.placeSubtype === "country") {
      countryOnly += g.count;
      continue;
    }
    if (!projection.contains(g.lon, g.lat)) {
      outside += g.count;
      continue;
    }
    const [x, y] = projection.project(g.lon, g.lat);
    markers.push({ x, y, r: markerRadius({ killed: g.hurt, injured: 0 }), type: g.type, placeSubtype: g.placeSubtype, count: g.count, firstId: g.firstId });
    located += g.count;
    typeCounts.set(g.type, (typeCounts.get(g.type) ?? 0) + g.count);
    const key = g.placeId !== null ? String(g.placeId) : `${x.toFixed(0)},${y.toFixed(0)}`;
    const p = byPlace.get(key) ?? { name: g.place ?? "", count: 0, x, y };
    p.count += g.count;
    byPlace.set(key, p);
  }
  // Big markers first, so small ones stay visible on top; ties in a fixed order so renders are repeatable.
  markers.sort((a, b) => b.r - a.r || a.firstId - b.firstId);
  const busiest = [...byPlace.values()].filter((p) => p.count >= 2 && p.name).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const types = [...typeCounts.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return { located, markers, noCoordinates, countryOnly, outside, busiest, types, sources: tally.sources };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function buildMapSvg(input: MapInput, data?: MapData): string {
  const W = input.width ?? 800;
  const base = baseMap(W);
  const p = base.projection;
  const d = data ?? placeEvents(input.events, p);
  const top = input.subtitle ? 92 : 66;
  const body: string[] = [];
  body.push(text(24, 42, fitText(input.title, 26, W - 48, true), { size: 26, weight: "bold" }));
  if (input.subtitle) body.push(text(24, 72, fitText(input.subtitle, 17, W - 48), { size: 17, fill: THEME.muted }));

  // The map itself, shifted below the title and clipped to its frame.
  body.push(`<clipPath id="frame"><rect x="0" y="0" width="${p.width}" height="${p.height}"/></clipPath>`);
  body.push(`<g transform="translate(0 ${top})" clip-path="url(#frame)">`);
  body.push(`<rect x="0" y="0" width="${p.width}" height="${p.height}" fill="#d7e6ee"/>`);
  body.push(`<path d="${base.neighbours}" fill="#e7e4dc" stroke="none"/>`);
  body.push(`<path d="${base.focus}" fill="#fdfcf8" stroke="none"/>`);
  body.push(`<path d="${base.provinces}" fill="none" stroke="#a39d8e" stroke-width="1" stroke-dasharray="4 3"/>`);
  body.push(`<path d="${base.borders}" fill="none" stroke="#77736a" stroke-width="1.6"/>`);
  body.push(`<path d="${base.durand}" fill="none" stroke="#7b2d26" stroke-width="2.6"/>`);
  for (const [name, lon, lat, size] of COUNTRY_LABELS) {
    const [x, y] = p.project(lon, lat);
    body.push(text(x, y, name, { size, fill: "#8d8878", anchor: "middle", weight: "bold" }));
  }
  const [dx, dy] = p.project(63.4, 29.7);
  body.push(text(dx, dy, "Durand Line", { size: 15, fill: "#7b2d26", anchor: "middle", halo: true, weight: "bold", rotate: 5 }));

  // Markers that coincide exactly (same place, size and type) are drawn once, with the opacity that k
  // stacked copies would have (1 − 0.28^k): the same picture, and 10,000 events stay fast to rasterise.
  const stacks = new Map<string, { e: Marker; k: number }>();
  for (const e of d.markers) {
    const key = `${fmt(e.x)},${fmt(e.y)},${fmt(e.r)},${e.type}`;
    const s = stacks.get(key);
    if (s) s.k += e.count;
    else stacks.set(key, { e, k: e.count });
  }
  const circles: string[] = [];
  for (const { e, k } of stacks.values()) {
    const opacity = Math.round((1 - 0.28 ** k) * 100) / 100;
    circles.push(`<circle cx="${fmt(e.x)}" cy="${fmt(e.y)}" r="${fmt(e.r)}" fill="${typeColor(e.type)}" fill-opacity="${opacity}" stroke="#ffffff" stroke-width="0.8"/>`);
  }
  body.push(circles.join(""));

  // Labels for the busiest places, skipping any that would cover another label.
  const placed: Box[] = [];
  let labels = 0;
  for (const b of d.busiest) {
    if (labels >= MAX_LABELS) break;
    const label = `${b.name} (${b.count})`;
    const w = textWidth(label, 15, true);
    const candidates: Box[] = [
      { x: b.x + 9, y: b.y - 18, w, h: 20 },
      { x: b.x - 9 - w, y: b.y - 18, w, h: 20 },
      { x: b.x - w / 2, y: b.y - 34, w, h: 20 },
      { x: b.x - w / 2, y: b.y + 10, w, h: 20 },
    ];
    const spot = candidates.find((c) => c.x >= 4 && c.x + c.w <= p.width - 4 && c.y >= 2 && c.y + c.h <= p.height - 2 && !placed.some((q) => overlaps(q, c)));
    if (!spot) continue;
    placed.push(spot);
    labels++;
    body.push(text(spot.x, spot.y + 15, label, { size: 15, weight: "bold", halo: true }));
  }
  body.push(`</g>`);
  body.push(`<rect x="0" y="${top}" width="${p.width}" height="${p.height}" fill="none" stroke="${THEME.border}"/>`);

  // Legend: types present, marker sizes, then the honest notes.
  let y = top + p.height + 30;
  let x = 24;
  const shown = d.types.slice(0, d.types.length > MAX_TYPES ? MAX_TYPES - 1 : MAX_TYPES);
  const rest = d.types.slice(shown.length).reduce((n, t) => n + t.count, 0);
  const entries = [...shown.map((t) => ({ label: `${TYPE_LABEL[t.type] ?? t.type} (${thousands(t.count)})`, color: typeColor(t.type) })), ...(rest ? [{ label: `Other types (${thousands(rest)})`, color: OTHER_COLOR }] : [])];
  for (const e of entries) {
    const w = 24 + textWidth(e.label, 16) + 16;
    if (x + w > W - 24 && x > 24) {
      x = 24;
      y += 26;
    }
    body.push(`<circle cx="${x + 7}" cy="${y - 6}" r="7" fill="${e.color}" fill-opacity="0.8"/>`);
    body.push(text(x + 20, y, e.label, { size: 16 }));
    x += w;
  }
  y += 38;
  body.push(text(24, y, "Marker size: killed + injured", { size: 15, fill: THEME.muted }));
  let sx = 24 + textWidth("Marker size: killed + injured", 15) + 20;
  for (const n of [0, 10, 50, 100]) {
    const r = markerRadius({ killed: n, injured: 0 });
    body.push(`<circle cx="${fmt(sx + r)}" cy="${fmt(y - 5)}" r="${fmt(r)}" fill="none" stroke="${THEME.muted}" stroke-width="1.2"/>`);
    body.push(text(sx + 2 * r + 5, y, n === 0 ? "none given" : String(n), { size: 14, fill: THEME.muted }));
    sx += 2 * r + 14 + textWidth(n === 0 ? "none given" : String(n), 14);
  }
  const total = d.located + d.noCoordinates + d.countryOnly + d.outside;
  const missing = [
    d.countryOnly ? `${thousands(d.countryOnly)} placed only at country level` : "",
    d.noCoordinates ? `${thousands(d.noCoordinates)} without coordinates` : "",
    d.outside ? `${thousands(d.outside)} outside this map` : "",
  ].filter(Boolean);
  const notes = [
    total ? `Shown: ${thousands(d.located)} of ${thousands(total)} incidents, one marker each.` : "No incidents match.",
    ...(missing.length ? [`Not shown: ${missing.join(", ")}.`] : []),
    "Boundaries: Natural Earth (public domain), de facto; not an endorsement of any claim.",
    sourceLine(d.sources),
  ];
  y += 34;
  for (const n of notes) {
    body.push(text(24, y, fitText(n, 14, W - 48), { size: 14, fill: THEME.muted }));
    y += 22;
  }
  if (!d.located) {
    const cy = top + p.height / 2;
    body.push(`<rect x="${W / 2 - 230}" y="${cy - 44}" width="460" height="72" rx="10" fill="${THEME.background}" fill-opacity="0.92" stroke="${THEME.border}"/>`);
    body.push(text(W / 2, cy + 2, total ? "No incidents with a place on this map" : "No incidents to map", { size: 24, weight: "bold", anchor: "middle", fill: THEME.muted }));
  }
  return svgDocument(W, Math.round(y + 4), body);
}

/** Country names at fixed spots (lon, lat), away from the border and the busiest districts. */
const COUNTRY_LABELS: [string, number, number, number][] = [
  ["AFGHANISTAN", 64.6, 33.2, 22],
  ["PAKISTAN", 67.4, 26.9, 22],
  ["INDIA", 75.6, 26.0, 18],
  ["IRAN", 60.9, 27.6, 16],
  ["TAJIKISTAN", 70.4, 38.65, 14],
  ["Arabian Sea", 64.0, 23.8, 15],
];

export function describeMap(input: MapInput, d: MapData): string {
  const total = d.located + d.noCoordinates + d.countryOnly + d.outside;
  const top = d.busiest.slice(0, 3).map((b) => `${b.name} (${b.count})`).join(", ");
  return `Map of Afghanistan and Pakistan. ${input.title}: ${d.located} of ${total} incidents shown as markers${top ? `; busiest places ${top}` : ""}.`;
}

export function renderMap(input: MapInput): Picture & { data: MapData } {
  const data = placeEvents(input.events, baseMap(input.width ?? 800).projection);
  const { png, width, height } = rasterise(buildMapSvg(input, data));
  return { png, width, height, alt: describeMap(input, data), data };
}
