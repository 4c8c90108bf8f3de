import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/text/normalize.ts";
import { isCap, isSayingVerb, tokenFacts } from "../../src/ingest/extract/lexicon.ts";
import { pronounsIn } from "../../src/ingest/extract/mentions.ts";
import type { Referent } from "../../src/ingest/extract/context.ts";

/** Characters and words that move word boundaries or case: apostrophes, marks, accents, "_", capitals, the pronouns and verbs themselves. */
const unit = fc.constantFrom("he", "He", "HE", "she", "She", "they", "They", "THEY", "said", "says", "read", "statement", "s", "d", "ll", " ", "-", "_", ".", "'", "’", "ʼ", "‘", "“", "é", "É", "\u0301", "ک", "İ", "7", "the", "\n");

describe("one pass over a paragraph's tokens (extraction)", () => {
  it("finds the pronouns /\\b(he|she|they)\\b/gi finds in the text, from the tokens", () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        const found: Referent[] = [];
        pronounsIn(text, tokenize(text), found);
        const expected = [...text.matchAll(/\b(he|she|they)\b/gi)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], type: "pronoun" }));
        expect(found).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    const found: Referent[] = [];
    pronounsIn("He said he’d go; _she_ and éhe, THEY’re", tokenize("He said he’d go; _she_ and éhe, THEY’re"), found);
    expect(found.map((r) => r.text)).toEqual(["He", "he", "he", "THEY"]);
  });

  it("lists the capitalised tokens and the verbs of saying as a token-by-token test does", () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        const tokens = tokenize(text);
        const facts = tokenFacts(tokens);
        expect(facts.caps).toEqual(tokens.flatMap((t, k) => (isCap(t.raw) ? [k] : [])));
        const verbs = tokens.filter((t, k) => isSayingVerb(t.raw) || ((t.raw === "read" || t.raw === "reads") && tokens[k - 1]?.norm === "statement"));
        expect(facts.verbs).toEqual(verbs.map((t) => ({ start: t.start, end: t.end })));
      }),
      { numRuns: 2000 },
    );
  });
});
