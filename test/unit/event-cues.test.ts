import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyEvent, CUE_FIRST_WORDS, mayHoldEventCue } from "../../src/ingest/event-types.ts";
import { tokenize } from "../../src/text/normalize.ts";

describe("the event-cue prefilter", () => {
  it("passes every sentence classifyEvent finds a cue in, whatever the words, case and boundaries around them", () => {
    // Whole cue words, the words that follow a cue's first word, near misses, and characters that move word
    // boundaries (apostrophes, accented letters, underscores, digits, hyphens).
    const words = fc.constantFrom(
      ...CUE_FIRST_WORDS,
      "AIR", "Strikes", "strike", "raids", "fire", "of", "with", "in", "the", "it", "for", "them", "bombers", "attackers", "company",
      "compan", "without", "no", "any", "IEDs", "Shelling", "ATTACKED", "Ceasefire", "accusation", "statement", "border", "Torkham",
    );
    const glue = fc.constantFrom(" ", " ", " ", "-", "'", "’", "é", "É", "_", "2", ",", ".", "“", "”", "\u0301", "");
    const sentence = fc.array(fc.tuple(words, glue), { maxLength: 8 }).map((parts) => parts.map(([w, g]) => w + g).join(""));
    fc.assert(
      fc.property(sentence, (text) => {
        if (classifyEvent(text) !== undefined) expect(mayHoldEventCue(tokenize(text), 0, text.length)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("lets a sentence without cue words through unscanned, and stops at the sentence's end", () => {
    const text = "Traders in Chaman counted lorries at the gate. Mortars hit the village.";
    const tokens = tokenize(text);
    const second = text.indexOf("Mortars");
    expect(mayHoldEventCue(tokens, 0, second - 1)).toBe(false);
    expect(mayHoldEventCue(tokens, tokens.findIndex((t) => t.start === second), text.length)).toBe(true);
    expect(classifyEvent(text.slice(second))?.type).toBe("shelling");
  });
});
