/** One figure a bench reports; run.ts prints them as one table and writes them to BENCHMARKS.md. */
export interface BenchResult {
  /** What was measured, e.g. "ingest 1,000 seed-sized articles". */
  name: string;
  metric: string;
  value: string;
  /** The bar it must meet, if any ("≥ 200 articles/s"). */
  target?: string;
  /** Whether the target was met; undefined when there is none. */
  met?: boolean;
}

/** A bench module (bench/<name>.bench.ts) default-exports one of these. */
export type Bench = () => Promise<BenchResult[]>;
