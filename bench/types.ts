/** One figure a bench reports; run.ts prints them as one table and writes them to BENCHMARKS.md. */
export interface BenchResult {
  /** What was measured, e.g. "ingest 1,000 seed-sized articles". */
  name: string;
  metric: string;
  value: string;
  /**
   * The same work done the plainest way, measured in the same run on the same machine (e.g. "plain prepared
   * inserts of the same rows: 310,000 rows/s"). A throughput target is a ratio to it, so it holds on any host.
   */
  baseline?: string;
  /** `value` over `baseline`, e.g. "0.21×". */
  ratio?: string;
  /** The bar it must meet, if any ("≥ 0.15× baseline"). */
  target?: string;
  /** Whether the target was met; undefined when there is none. */
  met?: boolean;
}

/**
 * "full": the sizes the targets speak of (what `npm run bench` runs). "tiny": a handful of rows, so the smoke
 * test (test/bench/smoke.test.ts) can run every bench in a few seconds and a bench that no longer runs fails
 * `npm test`. Figures at tiny size mean nothing; the targets are not judged there.
 */
export type BenchSize = "full" | "tiny";

export interface BenchOptions {
  size: BenchSize;
}

/**
 * A bench module (bench/<name>.bench.ts) default-exports one of these; that file is all a new bench needs:
 * run.ts and the smoke test find every `*.bench.ts` in bench/.
 */
export type Bench = (options: BenchOptions) => Promise<BenchResult[]>;

/**
 * A throughput row with its baseline beside it: `rate` and `baselineRate` in the same unit, higher is better,
 * and the target a least ratio `rate / baselineRate`.
 */
export function throughputVsBaseline(row: { name: string; metric: string; unit: string; rate: number; baselineRate: number; baselineWhat: string; minRatio: number }): BenchResult {
  const ratio = row.rate / row.baselineRate;
  const fmt = (n: number): string => `${Math.round(n).toLocaleString("en")} ${row.unit}`;
  return {
    name: row.name,
    metric: row.metric,
    value: fmt(row.rate),
    baseline: `${row.baselineWhat}: ${fmt(row.baselineRate)}`,
    ratio: `${ratio.toFixed(2)}×`,
    target: `≥ ${row.minRatio}× baseline`,
    met: ratio >= row.minRatio,
  };
}

/** A latency (or size) row against its baseline: lower is better, the target a greatest ratio. */
export function costVsBaseline(row: { name: string; metric: string; value: number; baseline: number; baselineWhat: string; format: (n: number) => string; maxRatio: number; absolute?: { max: number; label: string } }): BenchResult {
  const ratio = row.value / row.baseline;
  const ratioMet = ratio <= row.maxRatio;
  const absMet = row.absolute ? row.value <= row.absolute.max : true;
  return {
    name: row.name,
    metric: row.metric,
    value: row.format(row.value),
    baseline: `${row.baselineWhat}: ${row.format(row.baseline)}`,
    ratio: `${ratio.toFixed(2)}×`,
    target: [`≤ ${row.maxRatio}× baseline`, row.absolute?.label].filter(Boolean).join(" and "),
    met: ratioMet && absMet,
  };
}
