import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as chrono from "chrono-node";
import { chronoParse, chronoParsersAlwaysRun, findDates, hintsByExpressions, paragraphHints } from "../../src/ingest/dates-in-text.ts";

const REF = new Date(Date.UTC(2025, 9, 13, 12)); // Monday 13 October 2025
const found = (text: string): string[] => findDates(text, REF).map((d) => `${d.text} → ${d.value} (${d.precision})`);

describe("findDates: spans of time are not dates", () => {
  it("drops durations chrono would count forward or back from the publication date", () => {
    expect(found("He has worked at the crossing for 15 years.")).toEqual([]);
    expect(found("Talks resume in two weeks.")).toEqual([]);
    expect(found("Within a few days the gate reopened.")).toEqual([]);
    expect(found("Attacks have doubled over the past three years.")).toEqual([]);
  });

  it("keeps the dates beside them", () => {
    expect(found("It happened 15 years ago.")).toEqual(["15 years ago → 2010 (year)"]);
    expect(found("Trade fell by a quarter last year.")).toEqual(["last year → 2024 (year)"]);
    expect(found("The gate was shut on Sunday after fighting late on Saturday.")).toEqual(["on Sunday → 2025-10-12 (day)", "on Saturday → 2025-10-11 (day)"]);
  });
});

describe("findDates: “later” counts from the date before it", () => {
  it("offsets the paragraph's previous date, with the coarser precision of the two", () => {
    expect(found("The border closed on October 3. Two days later, it reopened.")).toEqual(["October 3 → 2025-10-03 (day)", "Two days later → 2025-10-05 (day)"]);
    expect(found("The gate shut on September 20 and a month later it reopened.")).toEqual(["September 20 → 2025-09-20 (day)", "a month later → 2025-10 (month)"]);
    expect(found("The talks began in 2021; two years later they collapsed.")).toEqual(["2021 → 2021 (year)", "two years later → 2023 (year)"]);
  });

  it("counts each from the nearest date before it, also when several follow one another", () => {
    expect(found("Fighting began on October 1. Two days later the crossing shut. Talks resumed on October 10. A day later they collapsed.")).toEqual([
      "October 1 → 2025-10-01 (day)",
      "Two days later → 2025-10-03 (day)",
      "October 10 → 2025-10-10 (day)",
      "A day later → 2025-10-11 (day)",
    ]);
  });

  it("leaves it out when nothing before it says when (never counting from the publication date)", () => {
    expect(found("Three weeks later the talks resumed.")).toEqual([]);
  });

  it("counts from the previous paragraph's last date when its own has none", () => {
    const d = findDates("Two days later, the crossing reopened.", REF, { value: "2025-10-03", precision: "day" });
    expect(d.map((x) => `${x.text} → ${x.value} (${x.precision})`)).toEqual(["Two days later → 2025-10-05 (day)"]);
  });
});

describe("findDates: a weekend is the week that holds it", () => {
  it("keeps week precision, Monday first", () => {
    expect(found("The weekend's fighting was the worst in years.")).toEqual(["weekend → 2025-10-06 (week)"]);
    expect(found("Fighting broke out last weekend.")).toEqual(["last weekend → 2025-10-06 (week)"]);
  });
});

describe("findDates: long runs of dates", () => {
  const SENTENCES = [
    "The crossing shut on Monday, October 6, and reopened on October 9.",
    "Trade fell in 2023 and again last year.",
    "Elders met on 14 September 2025 in Landi Kotal.",
    "Fighting resumed on Saturday; a week ago the talks stalled.",
    "Since 2021 the fence has been breached twice a month.",
  ];

  it("finds in a paragraph of thousands of dated sentences exactly what it finds in each sentence alone", () => {
    // One paragraph of 300 sentences is one long run of date hints: it is parsed in pieces, and no date is lost,
    // cut or counted twice at a piece's edge.
    const sentences = Array.from({ length: 300 }, (_, i) => SENTENCES[(i * 7) % SENTENCES.length] ?? "");
    const paragraph = sentences.join(" ");
    let offset = 0;
    const expected: string[] = [];
    for (const s of sentences) {
      for (const d of findDates(s, REF)) expected.push(`${d.start + offset}:${d.text} → ${d.value} (${d.precision})`);
      offset += s.length + 1;
    }
    expect(findDates(paragraph, REF).map((d) => `${d.start}:${d.text} → ${d.value} (${d.precision})`)).toEqual(expected);
  });

  it("resolves each of many “later”s from the date just before it", () => {
    const paragraph = Array.from({ length: 200 }, (_, i) => `Talks resumed on October ${(i % 10) + 1}. Two days later they collapsed.`).join(" ");
    const found = findDates(paragraph, REF);
    expect(found).toHaveLength(400);
    for (let i = 0; i < 200; i++) expect(found[2 * i + 1]?.value).toBe(`2025-10-${String((i % 10) + 3).padStart(2, "0")}`);
  });
});

describe("chronoParse: only the parsers that can match, the same results", () => {
  const ref = new Date(Date.UTC(2025, 9, 13, 12));
  const full = chrono.en.casual.clone();
  const described = (results: chrono.ParsedResult[]): string[] =>
    results.map((r) => {
      const certain = (["year", "month", "day", "weekday", "hour", "minute", "second", "timezoneOffset"] as const).filter((c) => r.start.isCertain(c)).join(",");
      return `${r.index}:${r.text} → ${r.start.date().toISOString()} [${certain}]${r.end ? ` – ${r.end.date().toISOString()}` : ""}`;
    });

  it("knows every parser of this chrono's casual English (a new chrono's parsers would all run until their tests are read again)", () => {
    expect(chronoParsersAlwaysRun()).toEqual([]);
  });

  it("gives chrono's own results on date phrases of every kind, each parser's", () => {
    const phrases = [
      "The border reopened on 2024-10-03 after talks on 2024 Oct 3 and 2024/10/03.",
      "Filed 10/25, again 25.10.2024 and 10-25-24; the series ran 10/2024.",
      "Talks resume within two weeks, in 3 days, for a few hours, in half an hour.",
      "on the 5th of March 2024, 5 March, March 5th, March 5-7, Sept. 12, 2023, in mid-Aug.",
      "On Monday, last Friday, next Tuesday, on Wed., Thurs. and the weekend of this week; sat on the fence.",
      "at 10:30 am, from 9 to 11 pm, 7:45 in the morning, at 10 o'clock, 22:00 GMT+05:00, 3pm EST",
      "three days ago, a week earlier, 2 months before, two days later, 5 years after, a few minutes from now",
      "2024 March, 2019 of May, today, tonight, tomorrow, yesterday, last night, now",
      "this morning, at noon, midnight, in the evening, by the end of the month, last day of the month",
      "this week, last month, next year, past quarter, +2 days, -3 weeks, next 3 days, last 2 months",
      "The 13 camps held 10,000 to 20,000 people; 4,000 fled in 2020-21 and 58 died.",
      "A march in Quetta; he may go; the wed couple sat down in the mon- ths of sun.",
      // (Words of the time-unit parsers with no count and unit before or after them, and with one.)
      "He said 4 million people had been accessible before 11 September, after the 11 September 2001 attacks, out of reach.",
      "In the second round, for the most part, the past months and the next few d; within a couple of weeks, about 2 hrs ago.",
      "a couple of weeks later, the 3 d after, + 2 days, -1 week, in ~ 3 hours, for just 1.5 years, in about an hour, half an hour earlier",
    ];
    for (const text of phrases) expect(described(chronoParse(text, ref)), text).toEqual(described(full.parse(text, ref)));
  });

  it("gives chrono's own results on thousands of run-together date words", () => {
    const words = ["on", "Monday", "mon", "sat", "Wed.", "thurs.", "the", "5th", "of", "March", "may", "2024", "24", "10/2024", "3/4", "12.5", "2020-21", "2024-10-03", "10:30", "am", "at", "in", "within", "for", "3", "three", "a", "few", "days", "hrs", "d", "ago", "before", "earlier", "later", "after", "from now", "out", "this", "last", "next", "past", "week", "weekend", "month", "year", "+", "-", ",", "today", "tonight", "last night", "yesterday", "tomorrow", "now", "morning", "noon", "midnight", "end", "of the", "till", "to", "Sept.", "about", "couple", "half an", "hour", "BE", "1999", "T", "Z", "GMT", "+05:00", "EST"];
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 3000; k++) {
      const text = Array.from({ length: 1 + next(7) }, () => words[next(words.length)] ?? "").join(next(5) === 0 ? "" : " ");
      expect(described(chronoParse(text, ref)), text).toEqual(described(full.parse(text, ref)));
    }
  });

  it("finds no date where chrono finds only times of day (those windows are not parsed), and the dates times stand beside", () => {
    expect(described(full.parse("the bombardment began around 7:45 and continued until 10:30 am", ref)).length).toBeGreaterThan(0);
    expect(findDates("The bombardment began around 7:45 and continued until 10:30 am.", REF)).toEqual([]);
    expect(findDates("It began this morning around 7:45 and went on until 10:30 am.", REF).map((d) => `${d.text} → ${d.value}`)).toEqual(["this morning → 2025-10-13"]);
    // (Only the parsers whose tests pass almost anywhere, "in" and "+", are left beside the time: their own patterns say these windows hold more.)
    const dated = (text: string): string[] => findDates(text, REF).map((d) => `${d.text} → ${d.value} (${d.precision})`);
    expect(dated("The gate opens at 10:30, in 3 hrs.")).toEqual(["in 3 hrs → 2025-10-13 (day)"]);
    expect(dated("Trucks left at 7:45, +2 days on.")).toEqual(["at 7:45, +2 days → 2025-10-15 (day)"]);
  });
});

describe("findDates: the hints, the part of day's and relation's tests and the bare years in one search", () => {
  it("finds what DATE_HINT, PART_OF_DAY_OR_RELATION_HINT and YEAR_RE find, each searching the text", () => {
    const unit = fc.constantFrom(
      ...["jan", "January", "MAR", "march", "Marches", "may", "sept", "Sepember", "dec", "december", "Mon", "monday", "Monday", "MONDAY", "tues", "wed", "Wednes", "thu", "thurs"],
      ...["sat", "satur", "Saturday", "sun", "today", "Today", "tonight", "yesterday", "tomorrow", "ago", "later", "weekend", "fortnight", "week", "weeks", "Month", "years"],
      ...["last", "Last", "night", "this", "This", "his", "His", "morning", "Morning", "afternoon", "evening", "day", "days", "Days", "dayS", "after", "before", "After"],
      ...["1979", "1980", "1999", "2020", "2049", "2050", "20201", "12", "3", "F16", "a1b22", "2020s", "19th", "s1980", "2020_"],
      ...[" ", " ", " ", "  ", "\u00a0", ",", ".", ",5", ".5", "-", "_", "'s", "’s", "’", "é", "ā", "x", "“", "\n"],
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 16 }).map((u) => u.join("")), (text) => {
        expect(paragraphHints(text)).toEqual(hintsByExpressions(text));
      }),
      { numRuns: 30000 },
    );
    const text = "Last night, on Monday before the 2020 vote, this morning and two days after";
    expect(paragraphHints(text)).toEqual({ hints: [0, 10, 15, 21, 33, 37], partOfDay: 3, years: [33] });
  });
});
