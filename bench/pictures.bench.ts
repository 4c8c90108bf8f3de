/**
 * Pictures: render time of /chart and /map for 10,000 events (a generated store: a dozen places, five
 * actors, two years), query included, and the process's peak RSS afterwards.
 */
import { closeDb } from "../src/db/client.ts";
import { renderChart } from "../src/pictures/chart.ts";
import { renderMap } from "../src/pictures/map.ts";
import { listEventPoints } from "../src/store/event-points.ts";
import { generatedStore } from "../test/pictures/generate.ts";
import type { Bench, BenchResult, BenchSize } from "./types.ts";

const SIZES: Record<BenchSize, { events: number; runs: number }> = { full: { events: 10_000, runs: 9 }, tiny: { events: 200, runs: 2 } };
const TARGET_MS = 500;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

function measure(runs: number, f: () => void): { p50: number; max: number; first: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 0.5), max: Math.max(...times), first: times[0] ?? 0 };
}

const bench: Bench = ({ size }) => {
  const { events: EVENTS, runs } = SIZES[size];
  const { db, subjectId } = generatedStore(EVENTS);
  const results: BenchResult[] = [];
  try {
    let bytes = 0;
    const query = measure(runs, () => listEventPoints(db, {}));
    const baseline = `the query alone: ${query.p50.toFixed(0)} ms`;
    const chartType = measure(runs, () => {
      const events = listEventPoints(db, {});
      bytes = renderChart({ title: "10,000 events by type", events, by: "type" }).png.length;
    });
    results.push({ name: `/chart of ${EVENTS.toLocaleString("en")} events, by type (query + render)`, metric: "p50 / max", value: `${chartType.p50.toFixed(0)} ms / ${chartType.max.toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KB PNG)`, baseline, target: `p50 ≤ ${TARGET_MS} ms`, met: chartType.p50 <= TARGET_MS });
    const chartActor = measure(runs, () => {
      const events = listEventPoints(db, {}, { actors: true });
      renderChart({ title: "10,000 events by actor", events, by: "actor", excludeActorId: subjectId });
    });
    results.push({ name: `/chart of ${EVENTS.toLocaleString("en")} events, by actor (query + render)`, metric: "p50 / max", value: `${chartActor.p50.toFixed(0)} ms / ${chartActor.max.toFixed(0)} ms`, baseline, target: `p50 ≤ ${TARGET_MS} ms`, met: chartActor.p50 <= TARGET_MS });
    const map = measure(runs, () => {
      const events = listEventPoints(db, {});
      bytes = renderMap({ title: "10,000 events", events }).png.length;
    });
    results.push({
      name: `/map of ${EVENTS.toLocaleString("en")} events (query + render)`,
      metric: "p50 / max (first, with map data loading)",
      value: `${map.p50.toFixed(0)} ms / ${map.max.toFixed(0)} ms (${map.first.toFixed(0)} ms; ${(bytes / 1024).toFixed(0)} KB PNG)`,
      baseline,
      target: `p50 ≤ ${TARGET_MS} ms`,
      met: map.p50 <= TARGET_MS,
    });
    // maxRSS is in kilobytes on Linux.
    results.push({ name: "pictures bench process", metric: "peak RSS", value: `${Math.round(process.resourceUsage().maxRSS / 1024)} MB` });
  } finally {
    closeDb(db);
  }
  return Promise.resolve(results);
};

export default bench;
