/**
 * Event rules of the twenty-second session (issue 14): a violent happening told on a day of its own in a sentence and
 * paragraph that name no place took place where the story is — the place the article named last, a country only when
 * it named nothing smaller. Every sentence is written for its rule, none taken from the dev set.
 */
import { describe, expect, it } from "vitest";
import { extract } from "./extraction-helpers.ts";

const events = (ex: ReturnType<typeof extract>): string[] => ex.events.map((e) => `${e.date.value} ${e.date.precision} ${e.cue.type} @${e.placeText}`);

describe("a violent happening with no place of its own is where the story is (twenty-second session)", () => {
  it("“Fighting on March 3 killed two soldiers” after the article told of violence at Torkham is a clash at Torkham", () => {
    const ex = extract(
      "2025-03-24",
      "Traders at Torkham have waited for weeks since border guards exchanged fire there.",
      "Fighting on March 3 killed two Afghan soldiers and wounded three Pakistani troops, officials said.",
    );
    expect(events(ex)).toEqual(["2025-03-03 day clash @Torkham"]);
  });
  it("a shooting, a bombing and an airstrike on days of their own take the story's place", () => {
    // (Published on Saturday 13 October 2012: Tuesday is the 9th, Friday the 12th.)
    expect(events(extract("2012-10-13", "Police made arrests in Peshawar after the attack.", "The student was shot in the head Tuesday as she left school."))).toEqual(["2012-10-09 day attack @Peshawar"]);
    expect(events(extract("2012-10-13", "Parents in Peshawar fear more bombings.", "A suicide bomber blew himself up Friday outside a school, killing four."))).toEqual(["2012-10-12 day bombing @Peshawar"]);
    expect(events(extract("2012-10-13", "Elders in Kurram condemned the drone strikes.", "Officials said drones struck a compound on Friday, killing three."))).toEqual(["2012-10-12 day airstrike @Kurram"]);
  });
  it("a country named after a smaller place is a side, not the story's place", () => {
    const ex = extract(
      "2025-03-24",
      "Traders at Torkham have waited for weeks since the clashes. Militants from Afghanistan were blamed for the attacks.",
      "Fighting on March 3 killed two soldiers, officials said.",
    );
    expect(events(ex)).toEqual(["2025-03-03 day clash @Torkham"]);
  });
  it("a country is the place when the article told of violence nowhere smaller", () => {
    expect(events(extract("2025-03-24", "Militants in Pakistan have carried out many attacks.", "Fighting on March 3 killed two soldiers, officials said."))).toEqual(["2025-03-03 day clash @Pakistan"]);
  });
  it("no violence told at any place before: no event", () => {
    expect(events(extract("2025-03-24", "Fighting on March 3 killed two soldiers, officials said."))).toEqual([]);
  });
  it("a place the article only passes through is no story's place: a date line, where something was said, a journey", () => {
    // (Published on Tuesday 17 March 2026: Sunday is the 15th.)
    expect(events(extract("2026-03-17", "ISLAMABAD — Pakistan's army said Tuesday it would respond.", "On Sunday, gunmen ambushed a military convoy, killing four soldiers."))).toEqual([]);
    expect(events(extract("2026-03-17", "UNICEF said in New York it had delivered aid to Kurram.", "Gunmen ambushed a convoy on Sunday, killing four."))).toEqual([]);
    expect(events(extract("2026-03-17", "The prime minister flew to Quetta on Monday.", "A suicide bomber killed 30 people at a mosque on Sunday."))).toEqual(["2026-03-16 day meeting @Quetta"]);
  });
  it("a happening of years before takes no place from the story", () => {
    const ex = extract("2026-03-17", "A drone strike hit a compound in Datta Khel on Sunday.", "It was the deadliest attack since the school massacre on December 16, 2014.");
    expect(events(ex)).toEqual(["2026-03-15 day airstrike @Datta Khel"]);
  });
  it("a statement, a meeting or a closure with no place of its own is no day's event, as before", () => {
    expect(events(extract("2025-03-24", "Traders at Torkham have waited for weeks since the clashes.", "The ministry said on March 3 that it would respond."))).toEqual([]);
    expect(events(extract("2025-03-24", "Traders at Torkham have waited for weeks since the clashes.", "Elders met on March 3 to discuss the dispute."))).toEqual([]);
  });
  it("a violent happening dated only by the story's date (no day of its own) takes no place from before", () => {
    expect(events(extract("2025-03-24", "Traders at Torkham have waited for weeks since the clashes.", "Fighting killed two soldiers, officials said."))).toEqual([]);
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
  it("“police said that gunmen attacked …” is no reference back (“that” is the conjunction)", () => {
    const ex = extract("2026-03-15", "Militants attacked a checkpost in Domel on Friday.", "In Mandan, residents fear more attacks.", "Police said that gunmen attacked a vaccination team on Saturday.");
    expect(events(ex)).toEqual(["2026-03-13 day attack @Domel", "2026-03-14 day attack @Mandan"]);
  });
  it("“the attack on the border post” when no happening told names a border post: no place", () => {
    const ex = extract("2026-03-15", "Gunmen attacked a bus in Kohat on Friday.", "The group also claimed the attack on the border post on Saturday.");
    expect(events(ex)).toEqual(["2026-03-13 day attack @Kohat"]);
  });
  it("“the attack” after happenings at one place is there", () => {
    const ex = extract("2026-03-15", "A missile strike hit a house in Datta Khel, officials said.", "Officials said the attack took place on Saturday.");
    expect(events(ex)).toEqual(["2026-03-14 day attack @Datta Khel"]);
  });
});
