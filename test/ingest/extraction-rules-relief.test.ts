/**
 * Relief operations (issue 14, eighteenth session): aid given out, people moved to a camp, a return, registration or
 * screening programme begun, halted or resumed, each with a day in its own clause, is a dated happening of its own
 * type, "relief", which shares an incident with no border incident. Sentences written for the rules, none taken from
 * the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import type { Extraction } from "../../src/ingest/extract.ts";
import { classifyEvent } from "../../src/ingest/event-types.ts";
import { compatibleTypes, typesCompatible } from "../../src/incidents/vocabulary.ts";
import { extract } from "./extraction-helpers.ts";

const dated = (ex: Extraction): string[] => ex.events.map((e) => `${e.date.value} ${e.date.precision} ${e.cue.type} ${e.placeText}`);

// 2024-05-09 is a Thursday.
describe("aid given out on a day is a relief operation", () => {
  it("handed out, handed over, distributed or delivered, with what is given or who gets it", () => {
    expect(dated(extract("2024-05-09", "Agency staff handed out blankets and cooking sets to 120 families in Peshawar on Tuesday."))).toEqual(["2024-05-07 day relief Peshawar"]);
    expect(dated(extract("2024-05-09", "On Monday the agency began distributing food to displaced families in Bannu."))).toEqual(["2024-05-06 day relief Bannu"]);
    expect(dated(extract("2024-05-09", "Volunteers delivered relief supplies to villages near Chaman on 2 May."))).toEqual(["2024-05-02 day relief Chaman"]);
    expect(dated(extract("2024-05-09", "The distribution of tents to returnees in Quetta ended on Wednesday."))).toEqual(["2024-05-08 day relief Quetta"]);
  });
  it("what is handed over to no one in need, or delivered with no goods, is none", () => {
    expect(dated(extract("2024-05-09", "The suspects were handed over to the police in Peshawar on Tuesday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "The governor delivered a speech in Quetta on Monday."))).toEqual([]);
  });
  it("who gets something names no aid: bodies, leaflets or a speech given to families or refugees are none (second reader, session 19)", () => {
    // (Each was a relief operation on 97b0f8f: the recipients' words alone stood for the goods.)
    expect(dated(extract("2024-05-09", "Police handed over the bodies of the militants to their families in Bannu on Monday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "The minister delivered a speech to refugees at the camp in Peshawar on Monday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "Militants distributed leaflets threatening families who send girls to school in Bajaur on Monday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "The UN began distributing food to 2,000 families in Chaman on Monday."))).toEqual(["2024-05-06 day relief Chaman"]);
  });
});

describe("people moved to a camp, and a programme begun, halted or resumed, on a day are relief operations", () => {
  it("relocated or transferred to a camp, a settlement or a site", () => {
    expect(dated(extract("2024-05-09", "About 400 people were relocated on Wednesday from Peshawar to a new camp."))).toEqual(["2024-05-08 day relief Peshawar"]);
    expect(dated(extract("2024-05-09", "Traffic at Torkham was moved on Monday to a second lane."))).toEqual([]);
    // (A camp of soldiers or prisoners is no relief: second reader, session 19; a relief operation on 97b0f8f.)
    expect(dated(extract("2024-05-09", "The detained militants were transferred on Friday to an army camp in Kohat."))).toEqual([]);
  });
  it("registration, repatriation or screening suspended, halted, resumed or begun", () => {
    expect(dated(extract("2024-05-09", "Pakistan suspended the registration of new arrivals at Torkham on Saturday."))).toEqual(["2024-05-04 day relief Torkham"]);
    expect(dated(extract("2024-05-09", "The agency resumed its voluntary return operation to Afghanistan on 2 May."))).toEqual(["2024-05-02 day relief Afghanistan"]);
    expect(dated(extract("2024-05-09", "In Quetta the repatriation programme was halted on Monday."))).toEqual(["2024-05-06 day relief Quetta"]);
    expect(dated(extract("2024-05-09", "Officials in Chaman today began registering refugees from Kandahar."))).toEqual(["2024-05-09 day relief Chaman"]);
    expect(dated(extract("2024-05-09", "Registration of new arrivals at Torkham could begin tomorrow, officials said."))).toEqual(["2024-05-10 day relief Torkham"]);
    expect(dated(extract("2024-05-09", "Repatriation from Quetta resumed on Monday after the winter break."))).toEqual(["2024-05-06 day relief Quetta"]);
  });
  it("a programme word with no verb of beginning, halting or resuming is none", () => {
    expect(classifyEvent("Troops launched an operation near Wana on Monday.")?.type).not.toBe("relief");
    expect(classifyEvent("The army began relocating fighters from Bajaur on Monday.")).toBeUndefined();
    expect(classifyEvent("The registration of voters in Quetta closes on Monday.")?.type).not.toBe("relief");
    expect(classifyEvent("Repatriation figures for Peshawar were published on Monday.")).toBeUndefined();
  });
  it("a programme whose “of” or “for” names no one in need or nothing given is none: voters, parties, a film (second reader, session 19)", () => {
    // (Each was a relief operation on 97b0f8f.)
    expect(dated(extract("2024-05-09", "The election commission began the registration of voters in Peshawar on Monday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "Registration of voters began in Peshawar on Tuesday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "Pakistan suspended the registration of new political parties in Islamabad on Monday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "The government launched a screening of the documentary in Islamabad on Monday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "Officials in Quetta began registering voters on Monday."))).toEqual([]);
    expect(dated(extract("2024-05-09", "Pakistan halted the pre-registration of new Afghan refugees at Chaman on Monday."))).toEqual(["2024-05-06 day relief Chaman"]);
  });
});

describe("a relief operation told at a briefing with no day of its own", () => {
  it("gives way to the day's telling", () => {
    const ex = extract("2024-05-09", "The refugee agency said today that roads into Chaman were blocked by landslides.", "Its spokesman told reporters in Geneva that registration will start again once the road is cleared.");
    expect(dated(ex)).toEqual(["2024-05-09 day statement Geneva"]);
  });
});

describe("a relief operation is no border incident", () => {
  it("shares an incident only with another relief operation", () => {
    expect(typesCompatible("relief", "relief")).toBe("same");
    for (const t of ["attack", "clash", "bombing", "statement", "meeting", "closure", "other"]) expect(typesCompatible("relief", t)).toBe(false);
    expect(compatibleTypes("relief")).toEqual(["relief"]);
    expect(compatibleTypes("attack")).not.toContain("relief");
  });
  it("an attack on an aid convoy stays an attack", () => {
    expect(classifyEvent("Gunmen attacked a convoy delivering food to refugees near Chaman on Monday.")?.type).toBe("attack");
  });
});
