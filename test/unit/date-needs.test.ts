import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NEED, needsIn } from "../../src/ingest/date-needs.ts";
import { dateNeedTests } from "../../src/ingest/dates-in-text.ts";

const TESTS = dateNeedTests();

/** What each test's own expression finds in the text, as NEED bits. */
const expected = (text: string): number => TESTS.reduce((bits, t) => (t.need.test(text) ? bits | t.found : bits), 0);

describe("needsIn (chrono's parsers' tests in one pass)", () => {
  it("has a bit for every test, each its own", () => {
    expect(TESTS.map((t) => t.found).sort((a, b) => a - b)).toEqual(Object.values(NEED).sort((a, b) => a - b));
  });

  it("finds what each test's expression finds, in run-together date words, digits and marks", () => {
    const unit = fc.constantFrom(
      ...["sun", "Mon", "tue", "WED", "thu", "thur", "thurs", "fri", "sat", "Sunday", "monday", "Tuesday", "weekend", "weekday", "day", "s", "d"],
      ...["jan", "Feb", "mar", "may", "Sept", "dec", "month", "months", "of", "OF", "the", "The", "this", "last", "past", "next", "this ", "last  "],
      ...["in", "for", "ago", "before", "earlier", "later", "after", "from now", "from  now", "henceforth", "forward", "out", "now", "today", "tonight"],
      ...["tomorrow", "overmorrow", "tmr", "tmrw", "yesterday", "night", "morning", "afternoon", "evening", "midday", "noon", "week", "year", "hrs", "qtr"],
      ...["0", "1", "12", "2024", "20245", "-", "/", ".", "+", " ", "  ", "\u00a0", "\u2009", "\n", "_", ",", "é", "ſ", "K", "’", "x", "a", "m", "o", "n"],
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 14 }).map((u) => u.join("")), (text) => {
        expect(needsIn(text)).toBe(expected(text));
      }),
      { numRuns: 20000 },
    );
  });

  it("finds what the expressions find in any text of those characters", () => {
    const ch = fc.constantFrom(..."0123456789-/. +_\u00a0\u3000\tabcdefghijklmnopqrstuvwxyzAEHMNOSTW,é");
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 24 }).map((c) => c.join("")), (text) => {
        expect(needsIn(text)).toBe(expected(text));
      }),
      { numRuns: 20000 },
    );
  });

  it("reads dates as chrono's parsers' tests do", () => {
    expect(needsIn("On 2024-10-03, in 3 days")).toBe(expected("On 2024-10-03, in 3 days"));
    expect(needsIn("2024 Oct 5")).toBe(NEED.yearMonthDay | NEED.month | NEED.digit);
    expect(needsIn("10/2024")).toBe(NEED.slash | NEED.slashYear | NEED.digit);
    expect(needsIn("the end of the month.")).toBe(NEED.endOfMonth);
    expect(needsIn("Sundayof lastweek")).toBe(NEED.weekday | NEED.relative | NEED.casualRelative);
    expect(needsIn("")).toBe(0);
  });
});
