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
