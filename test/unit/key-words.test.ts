import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEY_WORD, keyWordsIn } from "../../src/ingest/extract/context.ts";

/** Each bit of KEY_WORD and the plain substrings it stands for. */
const PIECES: [number, string[]][] = [
  [KEY_WORD.statement, ["tatement"]],
  [KEY_WORD.report, ["eport"]],
  [KEY_WORD.spokes, ["spokes"]],
  [KEY_WORD.ministryOf, ["inistry of"]],
  [KEY_WORD.accordingTo, ["ccording to"]],
  [KEY_WORD.official, ["official"]],
  [KEY_WORD.diplomat, ["diplomat"]],
  [KEY_WORD.today, ["today"]],
  [KEY_WORD.incident, ["incident"]],
  [KEY_WORD.watchOrListen, ["Watch ", "Listen "]],
];

describe("keyWordsIn (extraction)", () => {
  it("sets the bit of every piece the text holds, as a plain search for each does, overlapping pieces too", () => {
    const unit = fc.constantFrom("s", "tatement", "re", "eport", "spokes", "Minis", "inistry", " of", "inistry of", "a", "ccording", " to", "official", "diplomat", "to", "today", "inc", "incident", "Watch", "Listen", " ", "é", "“");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }).map((u) => u.join("")), (text) => {
        const expected = PIECES.reduce((bits, [bit, pieces]) => (pieces.some((p) => text.includes(p)) ? bits | bit : bits), 0);
        expect(keyWordsIn(text)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
    expect(keyWordsIn("the Ministry official said today")).toBe(KEY_WORD.ministryOf | KEY_WORD.official | KEY_WORD.today);
    expect(keyWordsIn("the ministry officials' incident report: Watch in RealPlayer")).toBe(KEY_WORD.ministryOf | KEY_WORD.official | KEY_WORD.incident | KEY_WORD.report | KEY_WORD.watchOrListen);
  });
});
