/**
 * Event rules of the twenty-first session (issue 14): shootings as wire copy tells them, drones that struck, and a
 * relative clause's date kept off the happening. Every sentence is written for its rule, none taken from the dev set.
 */
import { describe, expect, it } from "vitest";
import { extract } from "./extraction-helpers.ts";

const events = (ex: ReturnType<typeof extract>): string[] => ex.events.map((e) => `${e.date.value} ${e.date.precision} ${e.cue.type}`);

describe("a shooting is an attack (twenty-first session)", () => {
  it("gunmen opened fire, was shot dead, shot and killed, gunned down, an assassination attempt: each dated attack", () => {
    // (Published on Friday 22 November 2024: Thursday is the 21st.)
    expect(events(extract("2024-11-22", "Gunmen opened fire on a bus in Kurram district on Thursday, killing 11 people, police said."))).toEqual(["2024-11-21 day attack"]);
    expect(events(extract("2024-11-22", "A police constable was shot dead in Peshawar on Thursday."))).toEqual(["2024-11-21 day attack"]);
    expect(events(extract("2024-11-22", "Two traders were shot and killed near Peshawar on Thursday evening."))).toEqual(["2024-11-21 day attack"]);
    expect(events(extract("2024-11-22", "A tribal elder was gunned down in Kurram on Thursday."))).toEqual(["2024-11-21 day attack"]);
    expect(events(extract("2024-11-22", "The district judge survived an assassination attempt in Peshawar Thursday."))).toEqual(["2024-11-21 day attack"]);
    expect(events(extract("2024-11-22", "The killing of a polio worker in Peshawar on Thursday drew wide condemnation."))).toEqual(["2024-11-21 day attack"]);
    expect(events(extract("2024-11-22", "Militants took six policemen hostage in Kurram on Thursday."))).toEqual(["2024-11-21 day attack"]);
  });
  it("a shot that is no shooting (a vaccine, a film, a chance, a vote) is no attack", () => {
    expect(events(extract("2024-11-22", "Children in Peshawar got a polio shot on Thursday."))).toEqual([]);
    expect(events(extract("2024-11-22", "The team took a shot at the title in Peshawar on Thursday."))).toEqual([]);
    expect(events(extract("2024-11-22", "The killing fields of the past were remembered in Peshawar on Thursday."))).toEqual([]);
    expect(events(extract("2024-11-22", "The video was shot in a camp near Peshawar on Thursday and released by the agency."))).toEqual([]);
    expect(events(extract("2024-11-22", "The proposal was shot down by the provincial assembly in Peshawar on Thursday."))).toEqual([]);
  });
  it("hostages and fire that are no attack: aid held hostage to politics, a vigil, talks, an open fire", () => {
    expect(events(extract("2024-11-22", "Aid must not be held hostage to politics, the envoy said in Peshawar on Thursday."))).toEqual([]);
    expect(events(extract("2024-11-22", "Relatives held a vigil for the hostages in Peshawar on Thursday."))).toEqual([]);
    expect(events(extract("2024-11-22", "The minister held talks with the hostages' families in Peshawar on Thursday."))).toEqual(["2024-11-21 day talks"]);
    expect(events(extract("2024-11-22", "Two children were burnt by an open fire in a camp in Peshawar on Thursday."))).toEqual([]);
  });
});

describe("drones that struck are an airstrike (twenty-first session)", () => {
  it("“drones had struck a house … on Saturday”", () => {
    // (Published on Monday 20 October 2025: Saturday is the 18th.)
    expect(events(extract("2025-10-20", "Officials said drones had struck a house in Kurram district on Saturday, killing three civilians."))).toEqual(["2025-10-18 day airstrike"]);
    expect(events(extract("2025-10-20", "A drone hit a compound in Kurram on Saturday."))).toEqual(["2025-10-18 day airstrike"]);
  });
});

describe("a relative clause's date is not the happening's (twenty-first session)", () => {
  it("“X, who had served since April 2017, was shot … on 8 April 2019” is dated 8 April 2019", () => {
    expect(events(extract("2019-04-09", "Mr Khan, who had worked for the health department since April 2017, was shot and killed in Peshawar on 8 April 2019."))).toEqual(["2019-04-08 day attack"]);
  });
  it("a date inside the clause that holds the cue still dates it", () => {
    expect(events(extract("2019-04-09", "The officer, who was attacked in Peshawar on 8 April 2019, left hospital on Tuesday."))).toEqual(["2019-04-08 day attack"]);
  });
  it("a clause right after the happening's word, or telling when it happened, is its date (“The blast, which occurred on Monday, …”)", () => {
    // (Published on Friday 22 November 2024: Monday is the 18th.)
    expect(events(extract("2024-11-22", "The blast, which occurred on Monday evening, was the deadliest in Peshawar since 2013, police said on Wednesday."))).toEqual(["2024-11-18 day bombing"]);
    expect(events(extract("2024-11-22", "The attack, which came on Monday, killed 11 people in Kurram, officials told reporters on Wednesday."))).toEqual(["2024-11-18 day attack"]);
  });
});
