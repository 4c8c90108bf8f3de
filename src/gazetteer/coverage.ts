import type { EventType, Precision, TimelineEvent } from "./schema.ts";

/** Event types that are something happening on the ground, as opposed to words about it. */
export const violentTypes: ReadonlySet<EventType> = new Set(["airstrike", "shelling", "clash", "attack", "bombing"]);

export interface TimelineCoverage {
  events: number;
  violent: number;
  byYear: Record<string, { events: number; violent: number }>;
  byPrecision: Record<Precision, number>;
  /** Month-days (of 366, 29 February included) with at least one day-precision event on the day. */
  monthDaysCovered: number;
  /** Month-days with no day-precision event, "MM-DD". */
  monthDaysMissing: string[];
  /** Number of events citing 1, 2, 3… sources. */
  sourcesPerEvent: Record<number, number>;
  meanSources: number;
  /** Events with a casualty figure cited by only one outlet. */
  casualtyEventsWithOneOutlet: number;
  outlets: { outlet: string; sources: number }[];
  sourcesWithMonthOnlyDate: number;
}

function allMonthDays(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 366; i++) {
    const d = new Date(Date.UTC(2024, 0, 1 + i));
    out.push(`${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`);
  }
  return out;
}

/** Strips the wire credit so "Dawn (APP)" and "Dawn" count as one outlet. */
export function outletName(outlet: string): string {
  return outlet.replace(/\s*\(.*\)\s*$/, "").trim();
}

/** The figures data/timeline/README.md reports: how much of the beat, and of the calendar, the timeline covers. */
export function timelineCoverage(events: readonly TimelineEvent[]): TimelineCoverage {
  const byYear: TimelineCoverage["byYear"] = {};
  const byPrecision: Record<Precision, number> = { day: 0, month: 0, year: 0 };
  const days = new Set<string>();
  const sourcesPerEvent: Record<number, number> = {};
  const outlets = new Map<string, number>();
  let violent = 0;
  let sourceCount = 0;
  let monthOnly = 0;
  let casualtyOneOutlet = 0;
  for (const e of events) {
    const year = e.date.slice(0, 4);
    const y = (byYear[year] ??= { events: 0, violent: 0 });
    y.events++;
    if (violentTypes.has(e.type)) {
      y.violent++;
      violent++;
    }
    byPrecision[e.precision]++;
    if (e.precision === "day") days.add(e.date.slice(5));
    sourcesPerEvent[e.sources.length] = (sourcesPerEvent[e.sources.length] ?? 0) + 1;
    sourceCount += e.sources.length;
    for (const s of e.sources) {
      outlets.set(outletName(s.outlet), (outlets.get(outletName(s.outlet)) ?? 0) + 1);
      if (s.date.length < 10) monthOnly++;
    }
    if (e.casualties.length > 0 && new Set(e.sources.map((s) => outletName(s.outlet))).size < 2) casualtyOneOutlet++;
  }
  const monthDays = allMonthDays();
  return {
    events: events.length,
    violent,
    byYear,
    byPrecision,
    monthDaysCovered: monthDays.filter((d) => days.has(d)).length,
    monthDaysMissing: monthDays.filter((d) => !days.has(d)),
    sourcesPerEvent,
    meanSources: events.length ? sourceCount / events.length : 0,
    casualtyEventsWithOneOutlet: casualtyOneOutlet,
    outlets: [...outlets].map(([outlet, sources]) => ({ outlet, sources })).sort((a, b) => b.sources - a.sources || a.outlet.localeCompare(b.outlet)),
    sourcesWithMonthOnlyDate: monthOnly,
  };
}

/** The coverage as the plain-text table `npm run timeline:coverage` prints. */
export function renderCoverage(c: TimelineCoverage): string {
  const lines: string[] = [];
  lines.push(`events: ${c.events} (violent incidents — airstrike, shelling, clash, attack, bombing: ${c.violent})`);
  lines.push("per year:");
  for (const [year, n] of Object.entries(c.byYear).sort()) lines.push(`  ${year}: ${n.events} events, ${n.violent} violent`);
  lines.push(`per precision: day ${c.byPrecision.day}, month ${c.byPrecision.month}, year ${c.byPrecision.year}`);
  lines.push(`month-days with an event on the day: ${c.monthDaysCovered} of 366`);
  const spread = Object.entries(c.sourcesPerEvent)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  lines.push(`sources per event: mean ${c.meanSources.toFixed(2)} (${spread})`);
  lines.push(`events with a casualty figure but one outlet: ${c.casualtyEventsWithOneOutlet}`);
  lines.push(`sources dated only to the month or year: ${c.sourcesWithMonthOnlyDate}`);
  lines.push(`outlets: ${c.outlets.length}; most cited: ${c.outlets.slice(0, 10).map((o) => `${o.outlet} ${o.sources}`).join(", ")}`);
  return lines.join("\n");
}
