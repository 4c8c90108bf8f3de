import { TYPE_LABEL } from "../render/format.ts";
import type { ChartTally, EventPoint } from "../store/event-points.ts";
import type { DatePrecision } from "../db/schema.ts";
import { typeColor } from "./colors.ts";
import { monthShort } from "../text/dates.ts";
import { rasterise, type Picture } from "./font.ts";
import { fitText, fmt, OTHER_COLOR, SERIES_COLORS, svgDocument, text, textWidth, THEME, thousands } from "./svg.ts";

/** Events per period as stacked bars: the shape of a conflict over time. */

export type StackBy = "type" | "actor";
export type Period = "week" | "month" | "year";

export interface ChartInput {
  /** e.g. "Incidents involving TTP". */
  title: string;
  /** The incidents one by one, or (stacked by type only) counted per day and type: tallyChartPoints. */
  events: readonly EventPoint[] | ChartTally;
  by: StackBy;
  /** Partial-date bounds the user asked for (YYYY, YYYY-MM or YYYY-MM-DD); the data's own span otherwise. */
  from?: string | undefined;
  to?: string | undefined;
  /** An entity not to stack by (the chart's own subject would otherwise colour every bar the same). */
  excludeActorId?: number | undefined;
  /** Fixed clock-free width; height follows. */
  width?: number;
}

export interface Series {
  key: string;
  label: string;
  color: string;
  /** Events per bucket. */
  counts: number[];
  total: number;
}

export interface ChartData {
  period: Period;
  /** Bucket start dates (YYYY-MM-DD), oldest first. */
  buckets: string[];
  series: Series[];
  placed: number;
  /** Events whose date is coarser than the period ("2024" in a monthly chart): counted, not drawn. */
  tooCoarse: number;
  /** Events outside the requested range that a partial date still matched. */
  total: number;
  sources: Map<string, number>;
}

const MAX_SERIES = 7;
const DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseDay(d: string): number {
  return Date.parse(`${d}T00:00:00Z`);
}

/** First day covered by a partial date ("2024-03" → 2024-03-01). */
function startOf(partial: string): string {
  return partial.length === 4 ? `${partial}-01-01` : partial.length === 7 ? `${partial}-01` : partial;
}

/** Last day covered by a partial date ("2024-02" → 2024-02-29). */
function endOf(partial: string): string {
  if (partial.length === 4) return `${partial}-12-31`;
  if (partial.length === 7) {
    const [y, m] = partial.split("-").map(Number);
    return isoDay(Date.UTC(y ?? 1970, m ?? 1, 0));
  }
  return partial;
}

/** The bucket a day falls in: Monday of its week, first of its month, or 1 January. */
function bucketOf(day: string, period: Period): string {
  if (period === "year") return `${day.slice(0, 4)}-01-01`;
  if (period === "month") return `${day.slice(0, 7)}-01`;
  const ms = parseDay(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return isoDay(ms - weekday * DAY);
}

function nextBucket(start: string, period: Period): string {
  const ms = parseDay(start);
  const d = new Date(ms);
  if (period === "week") return isoDay(ms + 7 * DAY);
  if (period === "month") return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return isoDay(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
}

/** Weeks for up to half a year, months for up to ten years, years beyond. */
export function choosePeriod(first: string, last: string): Period {
  const days = (parseDay(last) - parseDay(first)) / DAY;
  if (days <= 183) return "week";
  if (days <= 3660) return "month";
  return "year";
}

const PRECISION_RANK = { day: 0, month: 1, year: 2 } as const;
const PERIOD_RANK = { week: 0, month: 1, year: 2 } as const;

/** Incidents of one date (as stored), precision and series key, counted. */
interface Dated {
  occurredOn: string;
  precision: DatePrecision;
  key: string;
  count: number;
}

/** Counts events per bucket and series. Pure: the same events give the same chart. */
export function bucketEvents(input: ChartInput): ChartData {
  const tally = "days" in input.events ? input.events : undefined;
  const rows = "days" in input.events ? [] : input.events;
  if (tally && input.by !== "type") throw new Error("a chart by actor needs each incident's actors, not a tally");
  const sources = tally ? tally.sources : new Map<string, number>();
  for (const e of rows) sources.set(e.source, (sources.get(e.source) ?? 0) + 1);
  const keyOf = seriesKeys(input, rows);
  const items: Dated[] = tally
    ? tally.days.map((d) => ({ occurredOn: d.occurredOn, precision: d.precision, key: d.type, count: d.count }))
    : rows.map((e) => ({ occurredOn: e.occurredOn, precision: e.precision, key: keyOf(e), count: 1 }));
  const total = tally ? tally.total : rows.length;
  const dated = items.map((e) => e.occurredOn).sort();
  const first = input.from ? startOf(input.from) : startOf(dated[0] ?? "");
  const last = input.to ? endOf(input.to) : endOf(dated[dated.length - 1] ?? "");
  if (!total || !first || !last) {
    return { period: "month", buckets: [], series: [], placed: 0, tooCoarse: 0, total, sources };
  }
  const period = choosePeriod(first, last);
  const buckets: string[] = [];
  const lastBucket = bucketOf(last, period);
  for (let b = bucketOf(first, period); b <= lastBucket && buckets.length < 2000; b = nextBucket(b, period)) buckets.push(b);
  const index = new Map(buckets.map((b, i) => [b, i]));

  const placedEvents: { bucket: number; key: string; count: number }[] = [];
  let tooCoarse = 0;
  let placed = 0;
  for (const e of items) {
    if (PRECISION_RANK[e.precision] > PERIOD_RANK[period] || (e.precision === "month" && period === "week")) {
      tooCoarse += e.count;
      continue;
    }
    const i = index.get(bucketOf(startOf(e.occurredOn), period));
    if (i === undefined) continue;
    placedEvents.push({ bucket: i, key: e.key, count: e.count });
    placed += e.count;
  }
  const totals = new Map<string, number>();
  for (const p of placedEvents) totals.set(p.key, (totals.get(p.key) ?? 0) + p.count);
  const ranked = [...totals.entries()].filter(([k]) => k !== OTHER_KEY && k !== NONE_KEY).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const kept = new Set(ranked.slice(0, ranked.length > MAX_SERIES ? MAX_SERIES - 1 : MAX_SERIES).map(([k]) => k));
  const series = new Map<string, Series>();
  const label = labeller(input, rows);
  const colorFor = (key: string, rank: number): string => (key === OTHER_KEY || key === NONE_KEY ? OTHER_COLOR : input.by === "type" ? typeColor(key) : (SERIES_COLORS[rank] ?? OTHER_COLOR));
  const order = [...ranked.filter(([k]) => kept.has(k)).map(([k]) => k), OTHER_KEY, NONE_KEY];
  for (const [rank, key] of order.entries()) series.set(key, { key, label: label(key), color: colorFor(key, rank), counts: buckets.map(() => 0), total: 0 });
  for (const p of placedEvents) {
    const s = series.get(kept.has(p.key) ? p.key : p.key === NONE_KEY ? NONE_KEY : OTHER_KEY);
    if (!s) continue;
    s.counts[p.bucket] = (s.counts[p.bucket] ?? 0) + p.count;
    s.total += p.count;
  }
  return {
    period,
    buckets,
    series: [...series.values()].filter((s) => s.total > 0),
    placed,
    tooCoarse,
    total,
    sources,
  };
}

const OTHER_KEY = "\u0000other";
const NONE_KEY = "\u0000none";

/** By type: the event's type. By actor: its most active actor (other than the subject), so each event counts once. */
function seriesKeys(input: ChartInput, events: readonly EventPoint[]): (e: EventPoint) => string {
  if (input.by === "type") return (e) => e.type;
  const activity = new Map<number, number>();
  for (const e of events) for (const a of e.actors) if (a.id !== input.excludeActorId) activity.set(a.id, (activity.get(a.id) ?? 0) + 1);
  return (e) => {
    let best: { id: number; n: number } | undefined;
    for (const a of e.actors) {
      if (a.id === input.excludeActorId) continue;
      const n = activity.get(a.id) ?? 0;
      if (!best || n > best.n || (n === best.n && a.id < best.id)) best = { id: a.id, n };
    }
    return best ? String(best.id) : NONE_KEY;
  };
}

function labeller(input: ChartInput, events: readonly EventPoint[]): (key: string) => string {
  if (input.by === "type") return (k) => (k === OTHER_KEY ? "Other types" : (TYPE_LABEL[k] ?? k));
  const names = new Map<string, string>();
  for (const e of events) for (const a of e.actors) names.set(String(a.id), a.name);
  return (k) => (k === OTHER_KEY ? "Other actors" : k === NONE_KEY ? "No actor named" : (names.get(k) ?? k));
}

function bucketLabel(b: string, period: Period, long: boolean): string {
  const y = b.slice(0, 4);
  const m = monthShort(Number(b.slice(5, 7)));
  if (period === "year") return y;
  if (period === "month") return long ? `${m} ${y}` : m;
  return `${Number(b.slice(8, 10))} ${m}`;
}

export function rangeLabel(data: Pick<ChartData, "buckets" | "period">): string {
  const a = data.buckets[0];
  const b = data.buckets[data.buckets.length - 1];
  if (!a || !b) return "";
  const show = (d: string): string => (data.period === "year" ? d.slice(0, 4) : data.period === "month" ? `${monthShort(Number(d.slice(5, 7)))} ${d.slice(0, 4)}` : `${Number(d.slice(8, 10))} ${monthShort(Number(d.slice(5, 7)))} ${d.slice(0, 4)}`);
  return a === b ? show(a) : `${show(a)} – ${show(b)}`;
}

/** 1, 2, 5, 10, 20, 50…: a step giving at most `max` gridlines up to `top`. */
export function niceStep(top: number, max = 5): number {
  for (let p = 1; ; p *= 10) for (const f of [1, 2, 5]) if (top / (f * p) <= max) return f * p;
}

const SOURCE_NAMES: Record<string, string> = { timeline: "curated timeline", article: "articles", acled: "ACLED" };

export function sourceLine(sources: ReadonlyMap<string, number>): string {
  // Ties by name: the counts may come from a query's groups, in no particular order.
  const parts = [...sources.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${SOURCE_NAMES[k] ?? k} ${thousands(n)}`);
  return `Source: borderdesk store${parts.length ? ` — ${parts.join(", ")}` : ""}`;
}

const PER: Record<Period, string> = { week: "week", month: "month", year: "year" };

/** The chart as an SVG document (800 px wide: Discord shrinks it to a phone's width, so text is large). */
export function buildChartSvg(input: ChartInput, data: ChartData = bucketEvents(input)): string {
  const W = input.width ?? 800;
  const H = Math.round(W * 0.62);
  const pad = 28;
  const body: string[] = [];
  body.push(text(pad, 44, fitText(input.title, 26, W - 2 * pad, true), { size: 26, weight: "bold" }));
  if (!data.placed) return buildEmpty(input, data, W, H, body);

  const by = input.by === "type" ? "by type" : "by actor";
  const subtitle = `${thousands(data.placed)} event${data.placed === 1 ? "" : "s"}, counted per ${PER[data.period]} · ${rangeLabel(data)} · ${by}`;
  body.push(text(pad, 74, fitText(subtitle, 17, W - 2 * pad), { size: 17, fill: THEME.muted }));

  // Legend: swatch + label, wrapping into rows.
  let lx = pad;
  let ly = 104;
  const legendSize = 16;
  for (const s of data.series) {
    const label = fitText(`${s.label} (${thousands(s.total)})`, legendSize, W - 2 * pad - 24);
    const w = 22 + textWidth(label, legendSize) + 18;
    if (lx + w > W - pad && lx > pad) {
      lx = pad;
      ly += 26;
    }
    body.push(`<rect x="${fmt(lx)}" y="${fmt(ly - 13)}" width="15" height="15" rx="2" fill="${s.color}"/>`);
    body.push(text(lx + 21, ly, label, { size: legendSize }));
    lx += w;
  }

  // Plot area.
  const left = 62;
  const right = W - pad;
  const top = ly + 34;
  // Notes under the chart: the source, and what could not be drawn; two lines when one would be cut.
  const notes = [sourceLine(data.sources)];
  if (data.tooCoarse) notes.push(`${thousands(data.tooCoarse)} event${data.tooCoarse === 1 ? "" : "s"} dated only to the ${data.period === "week" ? "month or year" : "year"}, not drawn`);
  const noteLines = textWidth(notes.join(" · "), 13) > W - 2 * pad ? notes : [notes.join(" · ")];
  const bottom = H - 78 - (noteLines.length - 1) * 18;
  const n = data.buckets.length;
  const stackTotals = data.buckets.map((_, i) => data.series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
  const peak = Math.max(1, ...stackTotals);
  const step = niceStep(peak);
  const yMax = Math.ceil(peak / step) * step;
  const y = (v: number): number => bottom - (v / yMax) * (bottom - top);
  body.push(text(left - 4, top - 12, `Events per ${PER[data.period]}`, { size: 15, fill: THEME.muted, anchor: "start" }));
  for (let v = 0; v <= yMax; v += step) {
    body.push(`<line x1="${left}" x2="${right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" stroke="${v === 0 ? THEME.axis : THEME.grid}" stroke-width="${v === 0 ? 1.5 : 1}"/>`);
    body.push(text(left - 8, y(v) + 5, thousands(v), { size: 15, fill: THEME.muted, anchor: "end" }));
  }
  const slot = (right - left) / n;
  const barW = slot > 5 ? slot * 0.8 : slot;
  const rects: string[] = [];
  for (let i = 0; i < n; i++) {
    let acc = 0;
    const x = left + i * slot + (slot - barW) / 2;
    for (const s of data.series) {
      const c = s.counts[i] ?? 0;
      if (!c) continue;
      const y0 = y(acc);
      const y1 = y(acc + c);
      rects.push(`<rect x="${fmt(x)}" y="${fmt(y1)}" width="${fmt(Math.max(1, barW))}" height="${fmt(Math.max(0.5, y0 - y1))}" fill="${s.color}"/>`);
      acc += c;
    }
  }
  body.push(`<g shape-rendering="crispEdges">${rects.join("")}</g>`);

  // X labels: as many as fit without overlapping; Januaries get the year.
  const longLabels = data.period === "month" && n <= 8;
  const labelW = Math.max(...data.buckets.map((b) => textWidth(bucketLabel(b, data.period, longLabels), 14))) + 14;
  let every = Math.max(1, Math.ceil(labelW / slot));
  if (data.period === "month" && every > 1) every = [2, 3, 4, 6, 12, 24, 36, 60].find((k) => k >= every) ?? every;
  // Past three years, month names are noise on a phone: label the years only.
  if (data.period === "month" && n > 36) every = Math.max(every, 12);
  for (let i = 0; i < n; i++) {
    const b = data.buckets[i] ?? "";
    const isJan = b.slice(5, 7) === "01";
    const show = data.period === "month" && every >= 12 ? isJan || i === 0 : (data.period === "month" ? Number(b.slice(5, 7)) - 1 : i) % every === 0;
    if (!show) continue;
    const cx = left + i * slot + slot / 2;
    const label = data.period === "month" && every >= 12 ? b.slice(0, 4) : data.period === "month" && (isJan || i === 0) && !longLabels ? `${bucketLabel(b, "month", false)} ${b.slice(2, 4)}` : bucketLabel(b, data.period, longLabels);
    body.push(`<line x1="${fmt(cx)}" x2="${fmt(cx)}" y1="${bottom}" y2="${bottom + 5}" stroke="${THEME.axis}"/>`);
    body.push(text(cx, bottom + 22, label, { size: 14, fill: THEME.muted, anchor: "middle" }));
  }
  const xLabel = data.period === "week" ? "Week (starting Monday)" : data.period === "month" ? "Month" : "Year";
  body.push(text((left + right) / 2, bottom + 44, xLabel, { size: 15, fill: THEME.muted, anchor: "middle" }));

  for (const [i, line] of noteLines.entries()) body.push(text(pad, H - 12 - (noteLines.length - 1 - i) * 18, fitText(line, 13, W - 2 * pad), { size: 13, fill: THEME.muted }));
  return svgDocument(W, H, body);
}

function buildEmpty(input: ChartInput, data: ChartData, W: number, H: number, body: string[]): string {
  const range = input.from || input.to ? `${input.from ?? "start"} – ${input.to ?? "now"}` : "any date";
  body.push(`<rect x="28" y="90" width="${W - 56}" height="${H - 150}" rx="10" fill="none" stroke="${THEME.grid}" stroke-width="2" stroke-dasharray="8 6"/>`);
  body.push(text(W / 2, H / 2 - 4, "No incidents to chart", { size: 34, weight: "bold", anchor: "middle", fill: THEME.muted }));
  const why = data.tooCoarse ? `${thousands(data.tooCoarse)} event${data.tooCoarse === 1 ? " is" : "s are"} dated too roughly for this range` : `Nothing in the store for ${range}`;
  body.push(text(W / 2, H / 2 + 34, fitText(why, 18, W - 120), { size: 18, anchor: "middle", fill: THEME.muted }));
  body.push(text(28, H - 14, sourceLine(data.sources), { size: 13, fill: THEME.muted }));
  return svgDocument(W, H, body);
}

/** Alt text: the chart in one sentence for people who cannot see it. */
export function describeChart(input: ChartInput, data: ChartData): string {
  if (!data.placed) return `${input.title}: no incidents to chart.`;
  const totals = data.buckets.map((_, i) => data.series.reduce((s, x) => s + (x.counts[i] ?? 0), 0));
  const peak = Math.max(...totals);
  const at = data.buckets[totals.indexOf(peak)] ?? "";
  const top = data.series.slice(0, 3).map((s) => `${s.label} ${s.total}`).join(", ");
  return `Bar chart. ${input.title}: ${data.placed} incidents per ${PER[data.period]}, ${rangeLabel(data)}. Busiest ${PER[data.period]}: ${rangeLabel({ buckets: [at], period: data.period })} with ${peak}. Largest groups: ${top}.`;
}

export function renderChart(input: ChartInput): Picture & { data: ChartData } {
  const data = bucketEvents(input);
  const { png, width, height } = rasterise(buildChartSvg(input, data));
  return { png, width, height, alt: describeChart(input, data), data };
}
