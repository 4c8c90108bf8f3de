/**
 * Event rules of the twenty-second session (issue 14): a violent happening told on a day of its own in a sentence and
 * paragraph that name no place took place where the story is — the place the article named last, a country only when
 * it named nothing smaller. Every sentence is written for its rule, none taken from the dev set.
 */
import { describe, expect, it } from "vitest";
import { extract } from "./extraction-helpers.ts";

const events = (ex: ReturnType<typeof extract>): string[] => ex.events.map((e) => `${e.date.value} ${e.date.precision} ${e.cue.type} @${e.placeText}`);

describe("a violent happening with no place of its own is where the story is (twenty-second session)", () => {
  it("“Fighting on March 3 killed two soldiers” after a paragraph about Torkham is a clash at Torkham", () => {
    const ex = extract(
      "2025-03-24",
      "Traders at Torkham have waited for weeks for the crossing to reopen.",
      "Fighting on March 3 killed two Afghan soldiers and wounded three Pakistani troops, officials said.",
    );
    expect(events(ex)).toEqual(["2025-03-03 day clash @Torkham"]);
  });
  it("a shooting, a bombing and an airstrike on days of their own take the story's place", () => {
    // (Published on Saturday 13 October 2012: Tuesday is the 9th, Friday the 12th.)
    expect(events(extract("2012-10-13", "Police made arrests in Peshawar.", "The student was shot in the head Tuesday as she left school."))).toEqual(["2012-10-09 day attack @Peshawar"]);
    expect(events(extract("2012-10-13", "Parents in Peshawar were anxious.", "A suicide bomber blew himself up Friday outside a school, killing four."))).toEqual(["2012-10-12 day bombing @Peshawar"]);
    expect(events(extract("2012-10-13", "Elders in Kurram met the governor.", "Officials said drones struck a compound on Friday, killing three."))).toEqual(["2012-10-12 day airstrike @Kurram"]);
  });
  it("a country named after a smaller place is a side, not the story's place", () => {
    const ex = extract(
      "2025-03-24",
      "Traders at Torkham have waited for weeks. Militants from Afghanistan were blamed for the delays.",
      "Fighting on March 3 killed two soldiers, officials said.",
    );
    expect(events(ex)).toEqual(["2025-03-03 day clash @Torkham"]);
  });
  it("a country is the place when the article named nothing smaller", () => {
    expect(events(extract("2025-03-24", "Pakistan has closed its schools.", "Fighting on March 3 killed two soldiers, officials said."))).toEqual(["2025-03-03 day clash @Pakistan"]);
  });
  it("no place named anywhere before: no event", () => {
    expect(events(extract("2025-03-24", "Fighting on March 3 killed two soldiers, officials said."))).toEqual([]);
  });
  it("a statement, a meeting or a closure with no place of its own is no day's event, as before", () => {
    expect(events(extract("2025-03-24", "Traders at Torkham have waited for weeks.", "The ministry said on March 3 that it would respond."))).toEqual([]);
    expect(events(extract("2025-03-24", "Traders at Torkham have waited for weeks.", "Elders met on March 3 to discuss the dispute."))).toEqual([]);
  });
  it("a violent happening dated only by the story's date (no day of its own) takes no place from before", () => {
    expect(events(extract("2025-03-24", "Traders at Torkham have waited for weeks.", "Fighting killed two soldiers, officials said."))).toEqual([]);
  });
});

describe("a violent happening named with “the” is where the one it refers to was (twenty-second session)", () => {
  // (Published on Sunday 15 March 2026: Saturday is the 14th.)
  const twoAttacks = [
    "Militants attacked a police checkpost in Domel on Saturday, killing three policemen.",
    "In a separate incident on Saturday, gunmen attacked a polio team in Mandan, killing a vaccinator.",
  ];
  it("“the attack on the checkpost” after attacks in Domel and Mandan is the checkpost's, in Domel", () => {
    const ex = extract("2026-03-15", ...twoAttacks, "The group claimed responsibility for the attack on the checkpost on Saturday.");
    expect(events(ex)).toEqual(["2026-03-14 day attack @Domel", "2026-03-14 day attack @Mandan", "2026-03-14 day attack @Domel"]);
  });
  it("“the attack” after attacks at two places is at neither", () => {
    const ex = extract("2026-03-15", ...twoAttacks, "The group claimed responsibility for the attack on Saturday.");
    expect(events(ex)).toEqual(["2026-03-14 day attack @Domel", "2026-03-14 day attack @Mandan"]);
  });
  it("“the attack” after happenings at one place is there", () => {
    const ex = extract("2026-03-15", "A missile strike hit a house in Datta Khel, officials said.", "Officials said the attack took place on Saturday.");
    expect(events(ex)).toEqual(["2026-03-14 day attack @Datta Khel"]);
  });
});
