import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { lazyRequire } from "../lazy.ts";
import { projectRoot } from "../paths.ts";
import type { GeometryCollection, GeometryObject, Topology } from "topojson-specification";

/**
 * The map's geography, read from files on disk (nothing is fetched at run time):
 * - countries: Natural Earth 1:10m admin-0 as TopoJSON, from the npm package world-atlas;
 * - provinces: Natural Earth 1:10m admin-1 for Afghanistan and Pakistan, extracted once into
 *   data/geo/af-pk-provinces.topo.json (see data/geo/build-provinces.mjs).
 * Both are parsed when a base map is first made, and the projected base map is cached per size.
 */

const require = createRequire(import.meta.url);
const PROVINCES_FILE = path.join(projectRoot, "data", "geo", "af-pk-provinces.topo.json");
const topojson = lazyRequire<typeof import("topojson-client")>("topojson-client");

/** ISO 3166-1 numeric ids, as world-atlas uses them. */
export const AFGHANISTAN = "004";
export const PAKISTAN = "586";

type Ring = [number, number][];
type Line = [number, number][];

/** Countries that can show in the window (checked again against it): AF, PK, IR, IN, CN, TJ, TM, UZ, KG, OM; plus the Siachen Glacier, which Natural Earth keeps apart. */
const NEAR = new Set([AFGHANISTAN, PAKISTAN, "364", "356", "156", "762", "795", "860", "417", "512"]);

/** Longitude/latitude window of the map, with room around both countries. */
export const VIEW = { west: 59.8, east: 78.4, south: 23.1, north: 39.1 } as const;
const REF_LAT = ((VIEW.south + VIEW.north) / 2) * (Math.PI / 180);

/**
 * Equirectangular projection with longitudes shrunk by cos(31°): at this size and latitude it keeps shapes
 * and distances within a few percent, and a marker lands where a reader looking at any atlas expects it.
 */
export interface Projection {
  width: number;
  height: number;
  project(lon: number, lat: number): [number, number];
  contains(lon: number, lat: number): boolean;
}

export function makeProjection(width: number): Projection {
  const k = width / ((VIEW.east - VIEW.west) * Math.cos(REF_LAT));
  const height = Math.round((VIEW.north - VIEW.south) * k);
  return {
    width,
    height,
    project: (lon, lat) => [(lon - VIEW.west) * Math.cos(REF_LAT) * k, (VIEW.north - lat) * k],
    contains: (lon, lat) => lon >= VIEW.west && lon <= VIEW.east && lat >= VIEW.south && lat <= VIEW.north,
  };
}

interface Geography {
  countries: Topology<{ countries: GeometryCollection<{ name: string }> }>;
  provinces: Topology<{ provinces: GeometryCollection<{ name: string; iso: string; country: string }> }>;
}

/**
 * Read for each base map made (one per size, cached below), and not kept: parsed, the 1:10m outlines of the world
 * hold about 35 MB of heap in every pool worker for paths that take well under 1 MB once projected.
 */
function loadGeography(): Geography {
  return {
    countries: JSON.parse(readFileSync(require.resolve("world-atlas/countries-10m.json"), "utf8")) as Geography["countries"],
    provinces: JSON.parse(readFileSync(PROVINCES_FILE, "utf8")) as Geography["provinces"],
  };
}

/** The projected, clipped outlines the map draws under its markers, as SVG path data. */
export interface BaseMap {
  projection: Projection;
  /** Countries other than AF and PK that show in the window. */
  neighbours: string;
  /** Afghanistan and Pakistan. */
  focus: string;
  /** Borders between countries other than the AF–PK one. */
  borders: string;
  /** The Afghanistan–Pakistan border (the Durand Line). */
  durand: string;
  /** Province borders inside AF and PK (F.A.T.A. drawn as part of Khyber Pakhtunkhwa, as since 2018). */
  provinces: string;
  provinceCount: number;
}

const cache = new Map<number, BaseMap>();

export function baseMap(width: number): BaseMap {
  const hit = cache.get(width);
  if (hit) return hit;
  const { countries, provinces } = loadGeography();
  const projection = makeProjection(width);
  const inView = countries.objects.countries.geometries.filter((g) => ((typeof g.id === "string" && NEAR.has(g.id)) || prop(g, "name") === "Siachen Glacier") && intersectsView(countries, g));
  const view: GeometryCollection<{ name: string }> = { type: "GeometryCollection", geometries: inView };
  const isFocus = (g: GeometryObject): boolean => g.id === AFGHANISTAN || g.id === PAKISTAN;
  const polygons = (geoms: GeometryObject[]): string =>
    geoms
      .map((g) => {
        return ringsOf(geometryOf(countries, g)).map((ring) => ringPath(clipRing(ring.map(([lon, lat]) => projection.project(lon, lat)), projection))).join("");
      })
      .join("");
  const lines = (ls: Line[]): string => ls.map((l) => linePath(l.map(([lon, lat]) => projection.project(lon, lat)), projection)).join("");
  const durandPair = (a: GeometryObject, b: GeometryObject): boolean => (a.id === AFGHANISTAN && b.id === PAKISTAN) || (a.id === PAKISTAN && b.id === AFGHANISTAN);
  const isKpFata = (a: GeometryObject, b: GeometryObject): boolean => [prop(a, "iso"), prop(b, "iso")].sort().join("|") === "PK-KP|PK-TA";
  const base: BaseMap = {
    projection,
    neighbours: polygons(inView.filter((g) => !isFocus(g))),
    focus: polygons(inView.filter(isFocus)),
    borders: lines(topojson().mesh(countries, view, (a, b) => a !== b && !durandPair(a, b)).coordinates as Line[]),
    durand: lines(topojson().mesh(countries, view, durandPair).coordinates as Line[]),
    provinces: lines(topojson().mesh(provinces, provinces.objects.provinces, (a, b) => a !== b && prop(a, "country") === prop(b, "country") && !isKpFata(a, b)).coordinates as Line[]),
    provinceCount: provinces.objects.provinces.geometries.length,
  };
  cache.set(width, base);
  return base;
}

function intersectsView(topology: Geography["countries"], g: GeometryObject): boolean {
  for (const ring of ringsOf(geometryOf(topology, g))) for (const [lon, lat] of ring) if (lon >= VIEW.west - 2 && lon <= VIEW.east + 2 && lat >= VIEW.south - 2 && lat <= VIEW.north + 2) return true;
  return false;
}

function geometryOf(topology: Topology, g: GeometryObject): GeoJSON.Geometry | null {
  const f = topojson().feature(topology, g);
  return "geometry" in f ? f.geometry : null;
}

/** A property of a TopoJSON geometry (the typings only know properties as `{}`). */
function prop(g: GeometryObject, key: string): unknown {
  const p: unknown = g.properties;
  return p && typeof p === "object" && key in p ? (p as Record<string, unknown>)[key] : undefined;
}

function ringsOf(g: GeoJSON.Geometry | null): Ring[] {
  if (!g) return [];
  if (g.type === "Polygon") return g.coordinates as Ring[];
  if (g.type === "MultiPolygon") return g.coordinates.flat() as Ring[];
  return [];
}

const MARGIN = 20;

/** Sutherland–Hodgman clipping of a projected ring to the picture (plus a margin), so paths stay small. */
function clipRing(points: Ring, p: Projection): Ring {
  let out = points;
  const edges: [(q: [number, number]) => boolean, (a: [number, number], b: [number, number]) => [number, number]][] = [
    [(q) => q[0] >= -MARGIN, (a, b) => atX(a, b, -MARGIN)],
    [(q) => q[0] <= p.width + MARGIN, (a, b) => atX(a, b, p.width + MARGIN)],
    [(q) => q[1] >= -MARGIN, (a, b) => atY(a, b, -MARGIN)],
    [(q) => q[1] <= p.height + MARGIN, (a, b) => atY(a, b, p.height + MARGIN)],
  ];
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      if (!cur || !prev) continue;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur));
    }
    if (!out.length) return [];
  }
  return out;
}

function atX(a: [number, number], b: [number, number], x: number): [number, number] {
  return [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
}

function atY(a: [number, number], b: [number, number], y: number): [number, number] {
  return [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
}

/** Path data with points rounded to a tenth of a pixel and repeats dropped. */
function ringPath(points: Ring): string {
  const d = pointsPath(points);
  return d ? `${d}Z` : "";
}

function linePath(points: Line, p: Projection): string {
  // Lines are only drawn inside the picture; anything off it is dropped point by point.
  const kept = points.filter(([x, y]) => x >= -MARGIN && x <= p.width + MARGIN && y >= -MARGIN && y <= p.height + MARGIN);
  return kept.length > 1 ? pointsPath(kept) : "";
}

function pointsPath(points: readonly [number, number][]): string {
  let d = "";
  let last = "";
  for (const [x, y] of points) {
    const s = `${Math.round(x * 10) / 10} ${Math.round(y * 10) / 10}`;
    if (s === last) continue;
    d += `${d ? "L" : "M"}${s}`;
    last = s;
  }
  return d.split("L").length > 1 ? d : "";
}
