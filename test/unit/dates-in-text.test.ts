import { describe, expect, it } from "vitest";
import { findDates } from "../../src/ingest/dates-in-text.ts";

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
