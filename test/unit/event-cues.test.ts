import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyEvent, CUE_FIRST_WORDS, CUE_PATTERNS, mayHoldEventCue, possibleCues } from "../../src/ingest/event-types.ts";
import { tokenize } from "../../src/text/normalize.ts";

/** Splits a pattern source at its top-level "|" (not inside a group, not escaped). */
function topLevel(src: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i] ?? "";
    if (c === "\\") {
      cur += c + (src[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") depth--;
    if (c === "|" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  return [...parts, cur];
}

/** Where the group opening at src[0] closes. */
function groupEnd(src: string): number {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "(") depth++;
    else if (src[i] === ")" && --depth === 0) return i;
  }
  return src.length;
}

/**
 * The words each alternative of the cue patterns starts with, read from the patterns' source: "accus" of
 * \baccus(?:e|ed|es|ing)\b, "mortar" and "mortars" of \bmortars?\b, each branch of \b(?:stated|announced|…).
 * A cue added later is covered by the tests below without anyone listing it.
 */
function cueStems(): string[] {
  const stems: string[] = [];
  const walk = (alternative: string): void => {
    let rest = alternative;
    if (rest.startsWith("(?<!")) rest = rest.slice(groupEnd(rest) + 1); // a lookbehind before the word
    if (rest.startsWith("\\b")) rest = rest.slice(2);
    if (rest.startsWith("(?:")) {
      const end = groupEnd(rest);
      for (const branch of topLevel(rest.slice(3, end))) walk(branch);
      return;
    }
    const m = /^([A-Za-z]+)(\?)?/.exec(rest);
    if (!m?.[1]) return;
    const word = m[1].toLowerCase();
    stems.push(m[2] ? word.slice(0, -1) : word);
    if (m[2]) stems.push(word);
  };
  for (const re of CUE_PATTERNS) for (const alternative of topLevel(re.source)) walk(alternative);
  return stems;
}

describe("the event-cue prefilter", () => {
  it("knows a first word for every alternative of every cue pattern", () => {
    const stems = cueStems();
    expect(stems).toContain("accus");
    expect(stems).toContain("mortar");
    expect(stems).toContain("condemned");
    expect(stems).toContain("agreement");
    expect(stems.length).toBeGreaterThan(40);
    for (const stem of stems) expect([...CUE_FIRST_WORDS].some((w) => w.startsWith(stem)), stem).toBe(true);
  });

  it("passes every sentence classifyEvent finds a cue in, whatever the words, case and boundaries around them", () => {
    // Whole cue words, the words that follow a cue's first word, near misses, and characters that move word
    // boundaries (apostrophes, accented letters, underscores, digits, hyphens).
    const suffixes = ["", "e", "ed", "es", "ing", "ings", "s", "d", "ion", "ions"];
    const words = fc.constantFrom(
      ...CUE_FIRST_WORDS,
      ...cueStems().flatMap((stem) => suffixes.map((x) => stem + x)),
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

  it("narrows classifyEvent to the cues a sentence's words allow without changing what it finds", () => {
    const suffixes = ["", "e", "ed", "es", "ing", "ings", "s", "d", "ion", "ions"];
    const words = fc.constantFrom(
      ...CUE_FIRST_WORDS,
      ...cueStems().flatMap((stem) => suffixes.map((x) => stem + x)),
      "AIR", "Strikes", "strike", "raids", "fire", "of", "with", "in", "the", "it", "for", "them", "bombers", "attackers", "company",
      "compan", "without", "no", "any", "IEDs", "Shelling", "ATTACKED", "Ceasefire", "said", "nothing to do with", "official", "state",
    );
    const glue = fc.constantFrom(" ", " ", " ", "-", "'", "’", "é", "_", "2", ",", ".", "");
    const sentence = fc.array(fc.tuple(words, glue), { maxLength: 10 }).map((parts) => parts.map(([w, g]) => w + g).join(""));
    fc.assert(
      fc.property(sentence, (text) => {
        const cues = possibleCues(tokenize(text), 0, text.length);
        expect(cues === 0 ? undefined : classifyEvent(text, cues)).toEqual(classifyEvent(text));
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

  it("turns an incident into a statement only when the sentence denies a part in one already reported", () => {
    expect(classifyEvent("Mujahid said on Wednesday that Afghanistan had nothing to do with the attack.")?.type).toBe("statement");
    expect(classifyEvent("Kabul said it had no role in this week's air strike.")?.type).toBe("statement");
    expect(classifyEvent("Police said the men behind the bombing were killed in a raid in Bannu on Friday.")?.type).toBe("bombing");
    expect(classifyEvent("The TTP said it was responsible for the bombing in Bannu on Friday.")?.type).toBe("bombing");
  });
});
