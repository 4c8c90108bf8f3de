import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/text/normalize.ts";
import { isCap, isSayingVerb, tokenFacts } from "../../src/ingest/extract/lexicon.ts";
import { pronounsIn } from "../../src/ingest/extract/mentions.ts";
import type { Referent } from "../../src/ingest/extract/context.ts";
import { AliasIndex, type AliasRow, type EntityInfo } from "../../src/ingest/matcher.ts";
import { possibleCues } from "../../src/ingest/event-types.ts";
import { splitSentences } from "../../src/ingest/sentences.ts";

/** Characters and words that move word boundaries or case: apostrophes, marks, accents, "_", capitals, the pronouns and verbs themselves. */
const unit = fc.constantFrom("he", "He", "HE", "she", "She", "they", "They", "THEY", "said", "says", "read", "statement", "s", "d", "ll", " ", "-", "_", ".", "'", "’", "ʼ", "‘", "“", "é", "É", "\u0301", "ک", "İ", "7", "the", "\n");

describe("one pass over a paragraph's tokens (extraction)", () => {
  it("finds the pronouns /\\b(he|she|they)\\b/gi finds in the text, from the tokens", () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        const found: Referent[] = [];
        const tokens = tokenize(text);
        pronounsIn(text, tokens, tokenFacts(tokens).pronounAt, found);
        const expected = [...text.matchAll(/\b(he|she|they)\b/gi)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], type: "pronoun" }));
        expect(found).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    const found: Referent[] = [];
    const tokens = tokenize("He said he’d go; _she_ and éhe, THEY’re");
    pronounsIn("He said he’d go; _she_ and éhe, THEY’re", tokens, tokenFacts(tokens).pronounAt, found);
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

  it("matches aliases from the tokens it lists as the only places an alias may start, as a match at every token does", () => {
    const entities: EntityInfo[] = [
      { id: 1, slug: "pakistan", kind: "place", subtype: "country", name: "Pakistan", parentId: null },
      { id: 2, slug: "ttp", kind: "organisation", subtype: null, name: "Tehreek-e-Taliban Pakistan", parentId: null },
      { id: 3, slug: "unhcr", kind: "organisation", subtype: null, name: "United Nations High Commissioner for Refugees", parentId: null },
      { id: 4, slug: "asif", kind: "person", subtype: null, name: "Khawaja Asif", parentId: null },
    ];
    const row = (aliasId: number, entityId: number, text: string, norm: string, kind: AliasRow["kind"] = "name", validFrom: string | null = null): AliasRow => ({ aliasId, entityId, text, norm, kind, validFrom, validTo: null });
    const index = new AliasIndex(entities, [
      row(1, 1, "Pakistan", "pakistan"),
      row(2, 2, "Tehreek-e-Taliban Pakistan", "tehreek e taliban pakistan"),
      row(3, 2, "TTP", "ttp", "abbreviation"),
      row(4, 3, "UNHCR", "unhcr", "abbreviation"),
      row(5, 4, "Khawaja Asif", "khawaja asif"),
      row(6, 4, "Pakistan's defence minister", "pakistan defence minister", "role", "2024-03"),
    ]);
    const words = fc.constantFrom("Pakistan", "pakistan’s", "Tehreek", "e", "Taliban", "TTP", "ttp", "U", "N", "H", "C", "R", "UNHCR", "Khawaja", "Asif", "defence", "minister", "the", "said", " ", "-", ".", "’", "é");
    fc.assert(
      fc.property(fc.array(words, { maxLength: 16 }), fc.constantFrom("", "2023", "2024-05-01"), (parts, onDate) => {
        const text = parts.join(" ");
        const tokens = tokenize(text);
        const { aliasAt } = tokenFacts(tokens, index.firstWords);
        expect(index.match(tokens, onDate, aliasAt)).toEqual(index.match(tokens, onDate));
      }),
      { numRuns: 2000 },
    );
    // (An acronym spelled letter by letter starts at a capital letter alone, which no alias's first word is.)
    const spelled = tokenize("the U-N-H-C-R and U.N.H.C.R. said, Pakistan’s defence minister Khawaja Asif");
    const matched = index.match(spelled, "2024-05-01", tokenFacts(spelled, index.firstWords).aliasAt);
    expect(matched.map((m) => m.entityId)).toEqual([3, 3, 4, 4]);
    expect(matched).toEqual(index.match(spelled, "2024-05-01"));
  });

  it("gives each sentence the cues possibleCues finds from its first token", () => {
    const words = fc.constantFrom("Militants", "attacked", "killed", "a", "bomb", "blast", "suicide", "bomber", "clashes", "police", "said", "He", "air", "strike", "drone", "’s", "é", "Gen.", ".", "!", "?", "“", "”", '"', " ", "  ");
    fc.assert(
      fc.property(fc.array(words, { maxLength: 24 }), (parts) => {
        const text = parts.join(" ");
        const tokens = tokenize(text);
        const sentences = splitSentences(text);
        const expected = sentences.map((span) => {
          let first = 0;
          while (first < tokens.length && (tokens[first]?.start ?? 0) < span.start) first++;
          return possibleCues(tokens, first, span.end);
        });
        expect(tokenFacts(tokens, undefined, undefined, sentences).cues).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
