import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSentences, type FirstMarks, type Span } from "../../src/ingest/sentences.ts";

const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "capt", "sgt", "st", "no", "vs", "etc", "jan", "feb", "mar", "apr",
  "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "prof", "sen", "rep", "gov", "jr", "sr",
]);

/** splitSentences as it was written with regular expressions, before its checks went to character codes (with the fix of bb36f17). */
function reference(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  let inCurly = 0;
  let inStraight = false;
  for (let i = 0; i < text.length; i++) {
    // Char codes, not one-character strings: this runs for every character of the article.
    const c = text.charCodeAt(i);
    if (c === 0x201c) inCurly++; // “
    else if (c === 0x201d) inCurly = Math.max(0, inCurly - 1); // ”
    else if (c === 0x22) inStraight = !inStraight; // "
    if (c !== 0x2e && c !== 0x21 && c !== 0x3f) continue; // . ! ?
    // A sentence may end inside a quotation only if the quotation closes right after: ‘… end.” Next’.
    let j = i + 1;
    while (j < text.length && /["”’)\]]/.test(text[j] ?? "")) {
      if (text[j] === "”") inCurly = Math.max(0, inCurly - 1);
      if (text[j] === '"') inStraight = !inStraight;
      j++;
    }
    // The closing marks are counted once: the scan goes on after them (bb36f17; before it, a straight mark closing
    // before a bracket was counted again and kept the rest of the paragraph inside a quotation).
    const stop = i;
    i = j - 1;
    if (inCurly > 0 || inStraight) continue;
    if (j < text.length && !/\s/.test(text[j] ?? "")) continue;
    let k = j;
    while (k < text.length && /\s/.test(text[k] ?? "")) k++;
    if (k < text.length && !/[\p{Lu}\d“"‘(]/u.test(text[k] ?? "")) continue;
    if (c === 0x2e) {
      const word = /([\p{L}.]+)\.$/u.exec(text.slice(Math.max(0, stop - 12), stop + 1))?.[1]?.toLowerCase();
      if (word && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word))) continue;
    }
    out.push({ start, end: j });
    i = j - 1;
    start = k;
  }
  if (start < text.length && text.slice(start).trim()) out.push({ start, end: text.trimEnd().length });
  return out;
}

describe("splitSentences", () => {
  it("splits where the regular-expression version did, on any mix of stops, quotes, spaces, scripts and abbreviations", () => {
    const unit = fc.constantFrom(
      "a", "word", "Gul", "Gen", "U.S", "Mr", "J", "é", "É", "ü", "ک", "𝐀", "7", " ", " ", "\u00a0", "\u2003", "\n", ".", ".", "!", "?",
      "\"", "“", "”", "‘", "’", "(", ")", "]", "-",
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((u) => u.join("")), (text) => {
        expect(splitSentences(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps abbreviations and quotations inside their sentence", () => {
    const text = "Gen. Munir met U.S. officials. “We will reopen,” he said. Trade resumed!";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(["Gen. Munir met U.S. officials.", "“We will reopen,” he said.", "Trade resumed!"]);
  });

  it("notes where the first quotation mark, and the first opening mark or list item's mark, stand", () => {
    const unit = fc.constantFrom("a", "Gul", "Mr", " ", ".", "!", "?", "\"", "“", "”", "‘", "’", ")", "•", "◦", "▪", "■", "∙", "·", "é");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((u) => u.join("")), (text) => {
        const marks: FirstMarks = { quote: -2, openOrBullet: -2 };
        expect(splitSentences(text, marks)).toEqual(splitSentences(text));
        expect(marks).toEqual({ quote: /["“‘”]/.exec(text)?.index ?? -1, openOrBullet: /["“‘•◦▪▫●■□‣∙·]/u.exec(text)?.index ?? -1 });
      }),
      { numRuns: 5000 },
    );
  });
});
