/**
 * What the CPU side-by-side benches (extract- and ingest-side-by-side) share: two trees measured in child processes
 * of their own in blocks (or, with --one-process, round by round in alternation in one process), so the machine's
 * load falls on both alike, and the figures they print.
 */
import { spawnSync } from "node:child_process";

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Runs `rounds` rounds, each tree first in every other round (`measure` returns one round's figure, lower is
 * better), and returns each tree's figures.
 */
export function alternate<T>(other: T, self: T, rounds: number, measure: (tree: T, round: number) => number): { other: number[]; self: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const tree of r % 2 === 0 ? [other, self] : [self, other]) (tree === self ? b : a).push(measure(tree, r));
  }
  return { other: a, self: b };
}

/**
 * Runs a bench script again as a child process with `args` (same Node flags, so the same TypeScript loader; same
 * core) and returns the JSON of the last line it prints.
 */
export function runChild<T>(script: string, args: readonly string[]): T {
  const run = spawnSync(process.execPath, [...process.execArgv, script, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0) throw new Error(`the bench's child ${args.join(" ")} exited with ${run.status ?? run.signal}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "") as T;
}

/**
 * Each tree's figures from children of its own, in blocks of four — other, this, this, other — repeated
 * ceil(rounds / 4) times (`measure` runs one child of a tree and returns its figures): a host whose speed drifts over
 * minutes then weighs on both trees alike, which one long child per tree does not.
 */
export function inChildBlocks(
  otherRoot: string,
  selfRoot: string,
  rounds: number,
  measure: (root: string, tree: "other" | "this", block: number) => number[],
): { other: number[]; self: number[] } {
  const other: number[] = [];
  const self: number[] = [];
  for (let b = 0; b < Math.max(1, Math.ceil(rounds / 4)); b++) {
    for (const tree of ["other", "this", "this", "other"] as const) {
      (tree === "this" ? self : other).push(...measure(tree === "this" ? selfRoot : otherRoot, tree, b));
    }
  }
  return { other, self };
}

/** The JSON line both CPU side-by-sides print: each tree's fastest and median round, and the ratios this/other. */
export function summary(articles: number, a: readonly number[], b: readonly number[]): string {
  const ratios = b.map((x, i) => x / (a[i] ?? Number.NaN));
  return JSON.stringify({
    articles,
    otherMs: { min: Math.min(...a), median: median(a) },
    thisMs: { min: Math.min(...b), median: median(b) },
    ratioOfMins: Math.min(...b) / Math.min(...a),
    medianRoundRatio: median(ratios),
  });
}
