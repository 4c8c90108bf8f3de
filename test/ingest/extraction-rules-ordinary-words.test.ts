/**
 * Rules against ordinary words among new names (issue 14, eighteenth session): a word capitalised only because of
 * where it stands (opening a sentence, a list item, the line after a dateline) is no name. Each rule is tested on
 * sentences written for it, none taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { extract, names } from "./extraction-helpers.ts";

describe("the first word after a dateline with a date opens a sentence (eighteenth session)", () => {
  it("“12 March -- Amid reports …”, “2 June -- Residents reported …”, “Friday, 20 October 2000 -- …”: no name", () => {
    expect(names(extract("2025-10-14", "12 March -- Amid reports of shelling, families fled Landi Kotal."))).toEqual([]);
    expect(names(extract("2025-10-14", "2 June -- Residents reported heavy shelling near Torkham."))).toEqual([]);
    expect(names(extract("2025-10-14", "Friday, 20 October 2000 -- Arrivals reported at the border rose again."))).toEqual([]);
  });
  it("a name there is still one when the article writes it capitalised mid-sentence", () => {
    expect(names(extract("2025-10-14", "20 October -- Gulan camp reopened, officials said.", "More than 300 families returned to Gulan this week."))).toEqual(["Gulan"]);
  });
});

describe("each item of a list run into one paragraph opens like a sentence (eighteenth session)", () => {
  it("“• Returns reported from Iran • …”: the item's first word is no name", () => {
    expect(names(extract("2025-10-14", "Highlights: • Returns reported from Iran • Shelter kits sent to Kurram • Water trucked to the camps"))).toEqual([]);
  });
  it("a name opening an item is still one when the article writes it capitalised mid-sentence", () => {
    const ex = extract("2025-10-14", "Highlights: • Returns reported from Iran • Gulan camp reopens in Khost", "Families returned to Gulan on Monday, and aid reached the Gulan camp.");
    expect(names(ex)).toEqual(["Gulan"]);
    expect(ex.candidates.filter((c) => c.text === "Gulan")).toHaveLength(3);
  });
});

describe("a one-word name the article also writes in lower case is that ordinary word (eighteenth session)", () => {
  it("“a two-day Ramadan Goodwill mission … express goodwill”: no name", () => {
    expect(names(extract("2025-10-14", "The envoy begins a two-day Ramadan Goodwill mission to Quetta, where he will express goodwill to the refugees."))).toEqual([]);
  });
  it("a place the article names capitalised at least as often as the word in lower case stays a name", () => {
    const ex = extract("2025-10-14", "Elders met in Tank on Monday, and Tank district officials said shops stayed open.", "A water tank was damaged in Tank, police said.");
    expect(names(ex)).toEqual(["Tank"]);
    expect(ex.candidates).toHaveLength(3);
  });
  it("a name written in lower case after a courtesy title is no ordinary word (“Mr. ban’s spokesperson”)", () => {
    expect(names(extract("2025-10-14", "Karim Dost, a commander, was arrested in Quetta.", "Mr. dost’s lawyer said the arrest was unlawful."))).toEqual(["Karim Dost", "dost"]);
  });
});

describe("a common noun's acronym is no organisation (eighteenth session)", () => {
  it("“UN and NGO partners”, “the MP said” after “MPs”", () => {
    expect(names(extract("2025-10-14", "Officials met UN and NGO partners in Peshawar on Monday."))).toEqual([]);
    expect(names(extract("2025-10-14", "Lawmakers met in Peshawar, and MPs from the province said the road was open.", "Officials from Khyber and the MP said the road was open."))).toEqual(["Khyber"]);
  });
  it("an organisation's acronym beside a known name is still one", () => {
    expect(names(extract("2025-10-14", "Officials met UN and KRDP partners in Peshawar on Monday."))).toEqual(["KRDP"]);
  });
});

describe("the first word after a dateline in mixed case, a colon's label or a list mark opens a sentence (eighteenth session)", () => {
  it("“Peshawar, Pakistan — Amid reports …”, “ISLAMABAD: Amid reports …”, “- Arrivals reported …”: no name", () => {
    expect(names(extract("2025-10-14", "Peshawar, Pakistan — Amid reports of shelling, families fled."))).toEqual([]);
    expect(names(extract("2025-10-14", "ISLAMABAD: Amid reports of shelling, families fled."))).toEqual([]);
    expect(names(extract("2025-10-14", "- Arrivals reported at the border rose again"))).toEqual([]);
  });
  it("a name in apposition after a dash, and a name of two words after a colon, are still names", () => {
    expect(names(extract("2025-10-14", "Karim Dost — a commander — said the road was open."))).toEqual(["Karim Dost"]);
    expect(names(extract("2025-10-14", "Speaker: Karim Dost, a commander, said the road was open."))).toEqual(["Karim Dost"]);
  });
});

describe("prepositions, conjunctions and sentence adverbs are no names wherever they stand (eighteenth session)", () => {
  it("a headline's casing run into the copy (“… across the border Amid reports of fighting”): no name", () => {
    expect(names(extract("2025-10-14", "Thousands of families streamed across the border Amid reports of fighting, officials said."))).toEqual([]);
  });
  it("a dateline with an agency in brackets (“KABUL (AFP) - Amid reports …”)", () => {
    expect(names(extract("2025-10-14", "KABUL (AFP) - Amid reports of shelling, families fled."))).toEqual([]);
  });
  it("a name after a sentence adverb is still one", () => {
    expect(names(extract("2025-10-14", "Reportedly, Gulan camp was shut.", "Families returned to Gulan on Monday."))).toEqual(["Gulan"]);
  });
});
