/**
 * What the CPU side-by-side benches (extract- and ingest-side-by-side) share: two trees measured round by round in
 * alternation in one process, so the machine's load falls on both alike, and the figures they print.
 */

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
