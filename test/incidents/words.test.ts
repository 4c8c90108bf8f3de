/**
 * jaccardApart (src/incidents/words.ts) counts what two word sets share with the words of the reports' places set
 * apart, looking words up in `b` (a tally's list through a set made once): held here to the plain count, word by word,
 * on sets that overlap the places' words in every way (a word in both places, in one, in neither; lists and sets).
 */
import { describe, expect, it } from "vitest";
import { jaccardApart } from "../../src/incidents/words.ts";

function plain(a: ReadonlySet<string>, x: ReadonlySet<string>, y: ReadonlySet<string>, b: Iterable<string>): number {
  const keep = (w: string) => !x.has(w) && !y.has(w);
  const aa = [...a].filter(keep);
  const bb = [...new Set(b)].filter(keep);
  if (!aa.length || !bb.length) return 0;
  const both = bb.filter((w) => aa.includes(w)).length;
  return both / (aa.length + bb.length - both);
}

describe("jaccardApart", () => {
  it("is the plain count with the places' words left out, for lists and sets alike", () => {
    const words = ["bannu", "khyber", "attack", "police", "checkp", "suicid", "bomber", "conval", "troops", "border", "torkha", "crossi"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (n: number) => new Set(Array.from({ length: n }, () => words[Math.floor(random() * words.length)] as string));
    let shared = 0;
    for (let i = 0; i < 400; i++) {
      const a = pick(1 + Math.floor(random() * 8));
      const x = pick(Math.floor(random() * 3));
      const y = random() < 0.3 ? x : pick(Math.floor(random() * 3));
      const alike = jaccardApart(a, [x, y]);
      for (let k = 0; k < 4; k++) {
        const b = pick(Math.floor(random() * 9));
        const list = [...b].sort();
        expect(alike(b)).toBe(plain(a, x, y, b));
        // A list is read as the set it was made from, the first time and every time after.
        expect(alike(list)).toBe(plain(a, x, y, list));
        expect(alike(list)).toBe(plain(a, x, y, list));
        if (alike(b) > 0 && alike(b) < 1) shared++;
      }
    }
    // The sets drawn share some words and not others, many times over.
    expect(shared).toBeGreaterThan(100);
  });
});
