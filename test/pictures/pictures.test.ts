import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Db } from "../../src/db/client.ts";
import { buildChartSvg, bucketEvents, renderChart } from "../../src/pictures/chart.ts";
import { rasterise } from "../../src/pictures/font.ts";
import { HURT_AT_LARGEST_MARKER, markerRadius, renderMap } from "../../src/pictures/map.ts";
import { listEventPoints, tallyChartPoints, tallyEventPoints, tallyOf } from "../../src/store/event-points.ts";
import { resolveEntity } from "../../src/store/entities.ts";
import { seededStore } from "../helpers/store.ts";
import { compareWithReference, decode, diffImages, readReference } from "./compare.ts";
import { generatedStore } from "./generate.ts";

/** At most this share of pixels may differ from the reference (anti-aliasing across CPUs and resvg builds). */
const TOLERANCE = 0.005;

let seed: Db;
let generated: { db: Db; subjectId: number };

beforeAll(() => {
  seed = seededStore();
  generated = generatedStore(1500);
});

afterAll(() => {
  closeDb(seed);
  closeDb(generated.db);
});

describe("the events chart", () => {
  it("draws the seed corpus's TTP events per month, stacked by type, matching the reference image", () => {
    const ttp = resolveEntity(seed, "TTP");
    expect(ttp).toBeDefined();
    const events = listEventPoints(seed, { entityId: ttp?.id ?? 0 });
    const chart = renderChart({ title: "Events involving Tehreek-e-Taliban Pakistan", events, by: "type" });
    const png = decode(chart.png);
    expect([png.width, png.height]).toEqual([800, 496]);
    expect(chart.data.period).toBe("month");
    expect(chart.data.placed).toBeGreaterThan(30);
    const diff = compareWithReference("chart-seed-ttp", chart.png);
    expect(diff.sameSize).toBe(true);
    expect(diff.fraction).toBeLessThanOrEqual(TOLERANCE);
  });

  it("draws a generated store by actor, and by week for a short range", () => {
    const events = listEventPoints(generated.db, {}, { actors: true });
    const byActor = renderChart({ title: "Generated events by actor", events, by: "actor" });
    expect(decode(byActor.png).width).toBe(800);
    expect(byActor.data.series.map((s) => s.label)).toContain("Tehreek-e-Taliban Pakistan");
    // Every drawn event is counted once, whatever the number of actors.
    expect(byActor.data.series.reduce((n, s) => n + s.total, 0)).toBe(byActor.data.placed);
    expect(compareWithReference("chart-generated-actor", byActor.png).fraction).toBeLessThanOrEqual(TOLERANCE);

    const quarter = listEventPoints(generated.db, { from: "2024-01", to: "2024-03" });
    const weekly = renderChart({ title: "Generated events, first quarter of 2024", events: quarter, by: "type", from: "2024-01", to: "2024-03" });
    expect(weekly.data.period).toBe("week");
    // Month- and year-precision events cannot be put in a week: counted and said, not drawn.
    expect(weekly.data.tooCoarse).toBeGreaterThan(0);
    expect(weekly.data.placed + weekly.data.tooCoarse).toBe(quarter.length);
    expect(compareWithReference("chart-generated-weekly", weekly.png).fraction).toBeLessThanOrEqual(TOLERANCE);
  });

  it("renders a clear 'no incidents' image for zero incidents instead of failing", () => {
    const empty = renderChart({ title: "Events involving nobody", events: [], by: "type", from: "2019", to: "2019" });
    const png = decode(empty.png);
    expect([png.width, png.height]).toEqual([800, 496]);
    expect(buildChartSvg({ title: "x", events: [], by: "type" })).toContain("No incidents to chart");
    expect(empty.alt).toMatch(/no incidents/i);
    expect(compareWithReference("chart-empty", empty.png).fraction).toBeLessThanOrEqual(TOLERANCE);
  });

  it("the reference comparison can fail: an altered chart differs from its reference", () => {
    const ttp = resolveEntity(seed, "TTP");
    const events = listEventPoints(seed, { entityId: ttp?.id ?? 0 });
    // Same data, one event type dropped: bars and legend change.
    const altered = renderChart({ title: "Events involving Tehreek-e-Taliban Pakistan", events: events.filter((e) => e.type !== "attack"), by: "type" });
    const diff = diffImages(altered.png, readReference("chart-seed-ttp"));
    expect(diff.sameSize).toBe(true);
    expect(diff.fraction).toBeGreaterThan(TOLERANCE);
    // And a one-word title change alone is caught too.
    const retitled = renderChart({ title: "Events involving Tehreek-e-Taliban Afghanistan", events, by: "type" });
    expect(diffImages(retitled.png, renderChart({ title: "Events involving Tehreek-e-Taliban Pakistan", events, by: "type" }).png).differing).toBeGreaterThan(50);
  });

  it("puts events in the right buckets", () => {
    const base = { precision: "day" as const, source: "timeline", killed: null, injured: null, placeId: null, place: null, placeSubtype: null, lat: null, lon: null, actors: [] };
    const data = bucketEvents({
      title: "t",
      by: "type",
      events: [
        { ...base, id: 1, occurredOn: "2024-01-31", type: "clash" },
        { ...base, id: 2, occurredOn: "2024-02-01", type: "clash" },
        { ...base, id: 3, occurredOn: "2024-02", precision: "month", type: "attack" },
        { ...base, id: 4, occurredOn: "2024", precision: "year", type: "attack" },
        { ...base, id: 5, occurredOn: "2024-12-31", type: "clash" },
      ],
    });
    expect(data.period).toBe("month");
    expect(data.buckets).toHaveLength(12);
    const clash = data.series.find((s) => s.key === "clash");
    expect(clash?.counts.slice(0, 3)).toEqual([1, 1, 0]);
    expect(data.series.find((s) => s.key === "attack")?.counts[1]).toBe(1);
    expect(data.tooCoarse).toBe(1);
  });
});

describe("the events chart from the store's counts", () => {
  it("draws the same chart by type from counts per day and type as from every incident's row", () => {
    const ttp = resolveEntity(seed, "TTP");
    expect(ttp).toBeDefined();
    for (const [db, filter, range] of [
      [seed, { entityId: ttp?.id ?? 0 }, {}],
      [generated.db, {}, {}],
      [generated.db, { from: "2024-01", to: "2024-03" }, { from: "2024-01", to: "2024-03" }],
    ] as const) {
      const events = listEventPoints(db, filter);
      const tally = tallyChartPoints(db, filter);
      expect(tally.total).toBe(events.length);
      expect(tally.days.length).toBeLessThan(events.length);
      const one = renderChart({ title: "Events by type", events, by: "type", ...range });
      const counted = renderChart({ title: "Events by type", events: tally, by: "type", ...range });
      expect(counted.data).toEqual(one.data);
      expect(counted.alt).toBe(one.alt);
      expect(Buffer.from(counted.png).equals(Buffer.from(one.png))).toBe(true);
    }
    // A chart by actor needs each incident's actors: a tally is refused, not drawn wrong.
    expect(() => bucketEvents({ title: "x", events: tallyChartPoints(generated.db, {}), by: "actor" })).toThrow(/actors/);
  });
});

describe("the incident map", () => {
  it("maps the seed corpus, noting events without coordinates, matching the reference image", () => {
    const events = listEventPoints(seed, {});
    const map = renderMap({ title: "Events along the Afghanistan–Pakistan border", subtitle: "All dates in the store", events });
    const png = decode(map.png);
    expect(png.width).toBe(800);
    expect(png.height).toBeGreaterThan(900);
    const d = map.data;
    expect(d.located).toBeGreaterThan(150);
    expect(d.located + d.noCoordinates + d.countryOnly + d.outside).toBe(events.length);
    expect(d.noCoordinates).toBeGreaterThan(0);
    expect(d.busiest[0]?.count).toBeGreaterThan(5);
    expect(compareWithReference("map-seed", map.png).fraction).toBeLessThanOrEqual(TOLERANCE);
  });

  it("maps a generated store: country-level, unplaced and faraway events are counted, not drawn", () => {
    const events = listEventPoints(generated.db, {});
    const map = renderMap({ title: "Generated events", subtitle: "2023 – 2024", events });
    const d = map.data;
    expect(d.countryOnly).toBeGreaterThan(0);
    expect(d.noCoordinates).toBeGreaterThan(0);
    expect(d.outside).toBeGreaterThan(0);
    expect(d.markers.every((e) => e.placeSubtype !== "country")).toBe(true);
    expect(map.alt).toContain(`${d.located} of ${events.length}`);
    expect(compareWithReference("map-generated", map.png).fraction).toBeLessThanOrEqual(TOLERANCE);
  });

  it("draws the same picture from the store's counted groups as from every incident's row, from fewer groups than incidents", () => {
    for (const [db, filter] of [
      [generated.db, {}],
      [generated.db, { from: "2024-01", to: "2024-06" }],
      [seed, {}],
    ] as const) {
      const events = listEventPoints(db, filter);
      const tally = tallyEventPoints(db, filter, { hurtCap: HURT_AT_LARGEST_MARKER });
      expect(tally.total).toBe(events.length);
      expect(tally.groups.reduce((n, g) => n + g.count, 0)).toBe(events.length);
      expect(new Map([...tally.sources].sort())).toEqual(new Map([...tallyOf(events).sources].sort()));
      const one = renderMap({ title: "Generated events", subtitle: "2023 – 2024", events });
      const grouped = renderMap({ title: "Generated events", subtitle: "2023 – 2024", events: tally });
      expect(grouped.data.markers).toEqual(one.data.markers);
      expect(grouped.data.busiest).toEqual(one.data.busiest);
      expect(grouped.alt).toBe(one.alt);
      expect(Buffer.from(grouped.png).equals(Buffer.from(one.png))).toBe(true);
    }
    const all = tallyEventPoints(generated.db, {}, { hurtCap: HURT_AT_LARGEST_MARKER });
    expect(all.total).toBeGreaterThan(1000);
    // This store's casualty figures are spread at random below the cap, so its groups stay many (about half its
    // incidents); ACLED's rows, mostly without casualties, and the load bench's copies fall into far fewer.
    expect(all.groups.length).toBeLessThan(all.total * 0.6);
    // Past the cap a marker no longer grows, so counting every larger figure as the cap changes no marker.
    expect(markerRadius({ killed: HURT_AT_LARGEST_MARKER - 1, injured: 0 })).toBeLessThan(markerRadius({ killed: HURT_AT_LARGEST_MARKER, injured: 0 }));
    expect(markerRadius({ killed: HURT_AT_LARGEST_MARKER, injured: 0 })).toBe(markerRadius({ killed: 10_000, injured: 5_000 }));
  });

  it("the map comparison can fail too: one marker moved is caught", () => {
    const events = listEventPoints(seed, {});
    const moved = events.map((e, i) => (i === 0 || e.lat === null ? e : { ...e, lat: e.lat - 0.8 }));
    const diff = diffImages(renderMap({ title: "Events along the Afghanistan–Pakistan border", subtitle: "All dates in the store", events: moved }).png, readReference("map-seed"));
    expect(diff.differing).toBeGreaterThan(500);
  });

  it("an empty map still renders, saying there is nothing to show", () => {
    const map = renderMap({ title: "Nothing", events: [] });
    expect(decode(map.png).width).toBe(800);
    expect(compareWithReference("map-empty", map.png).fraction).toBeLessThanOrEqual(TOLERANCE);
    // The markers alone make the seed map differ from the empty one well past the tolerance.
    expect(diffImages(map.png, readReference("map-seed")).fraction).toBeGreaterThan(TOLERANCE);
  });

  it("uses only the bundled font: text renders without system fonts", () => {
    const { png } = rasterise(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="white"/><text x="5" y="28" font-size="24" font-family="Some Font Nobody Has">Kabul</text></svg>`);
    const img = decode(png);
    let dark = 0;
    for (let i = 0; i < img.data.length; i += 4) if ((img.data[i] ?? 255) < 128) dark++;
    expect(dark).toBeGreaterThan(50);
  });
});
