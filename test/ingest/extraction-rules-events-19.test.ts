/**
 * Event-dating rules of the nineteenth session (issue 14), from the shapes of every wrong day stored in the blind
 * rounds 3–15: each tested on sentences written for the rule, none taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import type { Extraction } from "../../src/ingest/extract.ts";
import { extract } from "./extraction-helpers.ts";

const dated = (ex: Extraction): string[] => ex.events.map((e) => `${e.date.value} ${e.date.precision} ${e.cue.type} ${e.placeText}`);

describe("a statement is a day's event only where the sentence says it was made (issue 14, nineteenth session)", () => {
  // 2024-05-08 is a Wednesday.
  it("an announcement, a rejection or a defence with no place of its telling dates nothing; the place it speaks of is not where it was made", () => {
    expect(dated(extract("2024-05-08", "The refugee agency on Tuesday announced plans to reduce its staff in Quetta."))).toEqual([]);
    expect(dated(extract("2024-05-08", "Pakistan's interior minister on Monday rejected the proposal to fence the crossing at Chaman."))).toEqual([]);
    expect(dated(extract("2024-05-08", "Speaking late Monday, the governor dismissed the charges against the traders of Peshawar."))).toEqual([]);
  });
  it("a condemnation told on another day than the report's dates nothing; one told “today” stays the day's", () => {
    expect(dated(extract("2024-05-08", "On Monday, the envoy condemned the killing of two aid workers in Kurram."))).toEqual([]);
    expect(dated(extract("2024-05-08", "The envoy today condemned the attack on a police post in Bannu."))).toEqual(["2024-05-08 day statement Bannu"]);
  });
  it("a telling at a place keeps its day: “told reporters in”, “announced today in”, “at a news conference in the capital of”", () => {
    expect(dated(extract("2024-05-08", "The agency's spokesman told a news conference in Islamabad on Tuesday that returns had slowed."))).toEqual(["2024-05-07 day statement Islamabad"]);
    expect(dated(extract("2024-05-08", "The governor announced on Tuesday in Peshawar that the schools would reopen."))).toEqual(["2024-05-07 day statement Peshawar"]);
    expect(dated(extract("2024-05-08", "The minister declared the plan a success at a news conference in the provincial capital of Quetta on Tuesday."))).toEqual(["2024-05-07 day statement Quetta"]);
  });
  it("an accusation is not asked: its charge may hold its place", () => {
    expect(dated(extract("2024-05-08", "Kabul accused Pakistani troops of starting Monday's exchange of fire near Torkham."))).toEqual(["2024-05-06 day accusation Torkham"]);
  });
  it("a condemned incident dated before its noun (“the 3 May bombing”, “Monday's attack”) is that incident on its day", () => {
    expect(dated(extract("2024-05-08", "The Security Council condemned in the strongest terms the 3 May bombing in Quetta."))).toEqual(["2024-05-03 day bombing Quetta"]);
    expect(dated(extract("2024-05-08", "The envoy condemned Monday's attack on a school in Bannu."))).toEqual(["2024-05-06 day attack Bannu"]);
  });
});

describe("a happening named after “following” or “after” is dated only in its own phrase (issue 14, nineteenth session)", () => {
  // 2024-05-08 is a Wednesday.
  it("the day of the sentence, a dateline's included, is not the day of what it followed", () => {
    expect(dated(extract("2024-05-08", "ISLAMABAD, 7 May 2024: Following the closure of the Chaman crossing, traders moved their goods to Torkham."))).toEqual([]);
    expect(dated(extract("2024-05-08", "Aid deliveries to Bajaur stopped on Monday following the attack on a convoy near Khar."))).toEqual([]);
  });
  it("the main verb's happening keeps the sentence's day", () => {
    expect(dated(extract("2024-05-08", "Pakistan closed the Torkham crossing on Monday after a clash between border guards."))).toEqual(["2024-05-06 day closure Torkham"]);
  });
  it("a day inside the phrase dates the happening it names", () => {
    expect(dated(extract("2024-05-08", "Many families left Bajaur after the clash near Khar on 3 May."))).toEqual(["2024-05-03 day clash Khar"]);
  });
});
