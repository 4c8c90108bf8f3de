/**
 * A paragraph far longer than any real one (the adversarial inputs of issue 19: one paragraph of megabytes) is read
 * sentence by sentence like a short one: the work and memory per sentence stay local to it, and nothing about the
 * paragraph as a whole (all its text, every token of it) is asked about the last words of the paragraph.
 */
import { describe, expect, it } from "vitest";
import { extractArticle, type Extraction } from "../../src/ingest/extract.ts";
import { loadAliasIndex } from "../../src/store/alias-index.ts";
import { SHARED_WORDS_FROM } from "../../src/text/normalize.ts";
import { freshStore } from "./helpers.ts";

const index = loadAliasIndex(freshStore());
const extract = (text: string): Extraction => extractArticle([{ role: "body", text }], index, { value: "2025-10-13", precision: "day" });
const quotes = (ex: Extraction): string[] => ex.quotes.map((q) => `${q.text} | ${q.speakerText ?? "-"} | ${q.confidence}`);

describe("a paragraph of thousands of sentences", () => {
  // Ends on a lone word opening its sentence ("Next"), which the candidate rules drop: the run of words ending the
  // paragraph is then empty, and is not asked whether it names an outlet (that once asked it about the whole paragraph).
  const unit = "“We want peace,” Khan said. “Next.” ";
  const times = 2000;
  const long = extract(unit.repeat(times).trim());
  const one = extract(unit.trim());

  it("is long enough for tokens of one word to share its strings", () => {
    expect(unit.length * times).toBeGreaterThan(10 * SHARED_WORDS_FROM);
  });

  it("gives every sentence the quotations and speaker one of them alone gets", () => {
    expect(one.quotes.map((q) => [q.text, q.speakerText])).toEqual([["We want peace,", "Khan"], ["Next.", "Khan"]]);
    expect(long.quotes).toHaveLength(2 * times);
    expect(new Set(quotes(long))).toEqual(new Set(quotes(one)));
    // Each at its own place in the paragraph.
    expect(long.quotes[2 * times - 1]?.start).toBe(unit.length * (times - 1) + unit.indexOf("Next"));
  });

  it("finds the name once per sentence that names it, and nothing in the last words", () => {
    expect(long.candidates.map((c) => `${c.text}/${c.kind}`)).toEqual(Array<string>(times).fill("Khan/person"));
    expect(long.candidates.at(-1)?.start).toBe(unit.length * (times - 1) + unit.indexOf("Khan"));
  });
});

describe("a paragraph of thousands of dated event sentences", () => {
  // "said Monday … overnight": what happened overnight happened the day before the telling. Whether a sentence says
  // "overnight" after its date is asked of that sentence alone (it was once searched for to the paragraph's end).
  const unit = "Officials said on Tuesday that two soldiers were killed in an overnight clash near Torkham. Police said Monday the crossing shut overnight. A trader said on Monday that the gate was shut. ";
  const times = 500;
  const events = (ex: Extraction): string[] => ex.events.map((e) => `${e.cue.type} ${e.date.value}`);

  it("dates each sentence's event as that sentence alone is dated", () => {
    const one = events(extract(unit.trim()));
    // (The piece is of Monday 13 October: "said on Tuesday", told in the past, is Tuesday 7 October, and the overnight
    // clash the 6th; before the seventeenth session's rule a weekday on the day after publication stayed there.)
    expect(one).toEqual(["clash 2025-10-06", "closure 2025-10-12", "closure 2025-10-13"]);
    const long = events(extract(unit.repeat(times).trim()));
    expect(long).toEqual(Array.from({ length: times }, () => one).flat());
  });
});

