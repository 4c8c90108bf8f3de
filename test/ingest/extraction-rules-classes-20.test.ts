/**
 * General rules for the recurring classes of blind miss (issue 14, twentieth session), each tested on sentences
 * written for it in the class's pattern, none taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/ingest/sentences.ts";
import { extract, names, speakers } from "./extraction-helpers.ts";

describe("a place inside a post's title after its organisation: the post's holder speaks (twentieth session)", () => {
  it("“said <Org> <Place> <Title> <Name>” is the name's, not the organisation's", () => {
    expect(speakers(extract("2025-10-14", "“Stocks will run out by March,” said UNHCR Pakistan Representative Marta Lindqvist."))).toEqual(["Marta Lindqvist"]);
    expect(speakers(extract("2025-10-14", "“We need trucks, not promises,” said WFP Kandahar Area Coordinator Omid Rahimi, “and we need them now.”"))).toEqual(["Omid Rahimi", "Omid Rahimi"]);
  });
  it("without a title between, or with a comma, the organisation and the place stay apart", () => {
    expect(speakers(extract("2025-10-14", "“Stocks will run out by March,” said UNHCR in Pakistan."))).toEqual(["UNHCR"]);
    expect(speakers(extract("2025-10-14", "“Stocks will run out by March,” said UNHCR, Pakistan and Marta Lindqvist in a joint note."))).toEqual(["UNHCR"]);
  });
});

const kinds = (ex: ReturnType<typeof extract>): string[] => [...new Set(ex.candidates.map((c) => `${c.text} (${c.kind})`))];

describe("a two-word military or police rank is a title, split off the name (twentieth session)", () => {
  it("“Rear Admiral”, “Air Chief Marshal”, “Squadron Leader”, “Lance Naik” and plain ranks before a name", () => {
    expect(kinds(extract("2024-05-02", "Rear Admiral Dalton Pruitt told reporters the patrols would go on."))).toEqual(["Dalton Pruitt (person)"]);
    expect(kinds(extract("2024-05-02", "Air Chief Marshal Tariq Hameed said the base was secure."))).toEqual(["Tariq Hameed (person)"]);
    expect(kinds(extract("2024-05-02", "Squadron Leader Nadia Qureshi said the aircraft returned safely."))).toEqual(["Nadia Qureshi (person)"]);
    expect(kinds(extract("2024-05-02", "Lance Naik Gul Sher was killed at the post, the army's media wing said."))).toEqual(["Gul Sher (person)"]);
    expect(kinds(extract("2024-05-02", "Constable Gul Sher was wounded, the district police chief said."))).toEqual(["Gul Sher (person)"]);
  });
  it("the quote goes to the person without the rank", () => {
    expect(speakers(extract("2024-05-02", "“We will not be deterred,” said spokesman Vice Admiral Dalton Pruitt."))).toEqual(["Dalton Pruitt"]);
  });
  it("a rank's first word before no title stays in a name (“Air Weapons Complex”, “Wing Zero”)", () => {
    expect(kinds(extract("2024-05-02", "Engineers at the Air Weapons Complex said the test had succeeded."))).toEqual(["Air Weapons Complex (place)"]);
  });
});

describe("a statement as the inverted subject of a verb of saying speaks for its issuer (twentieth session)", () => {
  it("“…,” said a <Name> statement, “…”: both parts are the issuer's, a new name an organisation", () => {
    const ex = extract("2024-05-02", "“We will not bow,” said a Blue Palace statement, “to those who kill children at prayer.”");
    expect(speakers(ex)).toEqual(["Blue Palace", "Blue Palace"]);
    expect(kinds(ex)).toEqual(["Blue Palace (organisation)"]);
    expect(speakers(extract("2024-05-02", "“The road stays shut,” said the Frontier Corps press release."))).toEqual(["Frontier Corps"]);
  });
  it("“…,” said a statement from (issued by) <Name>", () => {
    expect(speakers(extract("2024-05-02", "“The road stays shut,” said a statement issued by the Khyber Traders Union."))).toEqual(["Khyber Traders Union"]);
    expect(speakers(extract("2024-05-02", "“The road stays shut,” said a joint statement from UNHCR."))).toEqual(["UNHCR"]);
  });
  it("a name before a statement that is no inverted subject is not taken for its issuer", () => {
    expect(speakers(extract("2024-05-02", "“The road stays shut,” said a trader, reading a Blue Palace statement."))).toEqual([null]);
  });
});

describe("curly marks typed the wrong way round are paired in turn (twentieth session)", () => {
  it("a left mark closing the first part and a right mark opening the second: both found, both the speaker's", () => {
    const text = "“We condemn this attack on vaccinators,“ said Dr Lina Haddad, the agency's regional director.” Health care must never be a target. We will go on with our work.”";
    const ex = extract("2024-05-02", text);
    // (No space typed inside a mark is kept: the text and its offsets are the words alone.)
    expect(ex.quotes.map((q) => q.text)).toEqual(["We condemn this attack on vaccinators,", "Health care must never be a target. We will go on with our work."]);
    expect(ex.quotes.map((q) => text.slice(q.start, q.end))).toEqual(ex.quotes.map((q) => q.text));
    expect(speakers(ex)).toEqual(["Lina Haddad", "Lina Haddad"]);
  });
  it("a quotation opened with a right mark and closed with one", () => {
    const ex = extract("2024-05-02", "”The camp has no water,” said Gul Rahim, a camp elder.");
    expect(ex.quotes.map((q) => q.text)).toEqual(["The camp has no water,"]);
    expect(speakers(ex)).toEqual(["Gul Rahim"]);
  });
  it("marks facing their ways, or odd in number, are read as before", () => {
    expect(extract("2024-05-02", "“The camp has no water,” said Gul Rahim. “Send tankers.”").quotes.map((q) => q.text)).toEqual(["The camp has no water,", "Send tankers."]);
    // (Three marks: no pairing in turn; the one well-formed pair is read as ever.)
    expect(extract("2024-05-02", "Gul Rahim called it a ”scandal and said “nothing had changed” since May.").quotes.map((q) => q.text)).toEqual(["nothing had changed"]);
  });
});

describe("sentences: closing marks after a stop are counted once (twentieth session)", () => {
  it("a straight mark closing after a stop, before a bracket, leaves the next sentences apart", () => {
    const t = 'Elders shouted "Go home."), and left. The police said nothing. Traders waited.';
    expect(splitSentences(t).map((s) => t.slice(s.start, s.end))).toEqual(['Elders shouted "Go home."), and left.', "The police said nothing.", "Traders waited."]);
  });
});

describe("junk among new names by class (twentieth session)", () => {
  it("a preposition of place opening a sentence or caption is no part of the name after it", () => {
    expect(kinds(extract("2024-05-02", "Inside Shahgai, 40 tents have been pitched for new arrivals."))).toEqual(["Shahgai (place)"]);
    expect(kinds(extract("2024-05-02", "Outside Shahgai, police said the road was shut."))).toEqual(["Shahgai (place)"]);
  });
  it("a faith's adjective alone before a noun is no name; as a family name it stays", () => {
    expect(names(extract("2024-05-02", "The attack on an Ahmadi prayer centre killed 20, police said."))).toEqual([]);
    expect(names(extract("2024-05-02", "Guards stood at a Sikh community hall, police said."))).toEqual([]);
    expect(names(extract("2024-05-02", "This story was written by Nadir Ahmadi and Saba Ishaq."))).toEqual(["Nadir Ahmadi", "Saba Ishaq"]);
  });
  it("the plural of a body's or an office's word alone is a common noun", () => {
    expect(names(extract("2024-05-02", "Under deals with the respective Governments and UNHCR, returns resumed in Shahgai."))).toEqual(["Shahgai"]);
    expect(names(extract("2024-05-02", "The Commissioners of both provinces met in Shahgai on Monday."))).toEqual(["Shahgai"]);
  });
  it("a media player named in a caption is no name", () => {
    expect(names(extract("2024-05-02", "VIDEO: 26 February - Tania Blix reports from the camps. Watch in QuickPlay"))).toEqual(["Tania Blix"]);
  });
  it("an administrative unit after “of” is a second place; before a new name it is the name's kind", () => {
    expect(kinds(extract("2024-05-02", "He was a vaccinator of the Sarband Union Council of Tehsil Lalpura, officials said."))).toEqual(["Sarband Union Council (organisation)", "Lalpura (place)"]);
    expect(kinds(extract("2024-05-02", "Families fled to Tehsil Lalpura on Monday."))).toEqual(["Lalpura (place)"]);
  });
});

describe("verbs of judging aloud are verbs of saying (twentieth session)", () => {
  it("a fragment after “decried”, “denounced”, “criticised” is the subject's", () => {
    expect(speakers(extract("2024-05-02", "Governor Lena Marsh decried the “barbaric” raid on the school in Shahgai."))).toEqual(["Lena Marsh"]);
    expect(speakers(extract("2024-05-02", "Governor Lena Marsh denounced what she called “a cowardly act”."))).toEqual(["Lena Marsh"]);
    expect(speakers(extract("2024-05-02", "Governor Lena Marsh criticised the “slow” relief effort."))).toEqual(["Lena Marsh"]);
  });
});

describe("a quotation closed with two single marks for a double one (twentieth session)", () => {
  it("“…’’ and ‘‘…’’ are quotations; the marks are left out of the text", () => {
    expect(extract("2024-05-02", "“We have no tents and the nights are cold,’’ said Karim Dad, a camp elder.").quotes.map((q) => `${q.text} | ${q.speakerText}`)).toEqual(["We have no tents and the nights are cold, | Karim Dad"]);
    expect(extract("2024-05-02", "‘‘We have no tents,’’ said Karim Dad.").quotes.map((q) => q.text)).toEqual(["We have no tents,"]);
  });
  it("an apostrophe inside the words, or a plural possessive, is no closing mark", () => {
    expect(extract("2024-05-02", "“The camp’s water is bad,’’ said Karim Dad.").quotes.map((q) => q.text)).toEqual(["The camp’s water is bad,"]);
    expect(extract("2024-05-02", "The elders’’ council met in Shahgai.").quotes).toEqual([]);
  });
});

describe("a person named in apposition to a noun of kin or an owned title after the verb speaks (twentieth session)", () => {
  it("“…,” says X’s eldest brother, Y — Y, a person, and the speaker", () => {
    const ex = extract("2024-05-02", "“We walked for two days to reach the camp,” says Gul Rahim’s eldest brother, Anwar, 15.");
    expect(speakers(ex)).toEqual(["Anwar"]);
    expect(kinds(ex)).toContain("Anwar (person)");
  });
  it("a noun of kin and a name in apposition make the name a person", () => {
    expect(kinds(extract("2024-05-02", "Her son, Bilal, was wounded in the blast."))).toEqual(["Bilal (person)"]);
  });
  it("a possessive owner alone after the verb stays no speaker", () => {
    expect(speakers(extract("2024-05-02", "“We walked for two days,” says Gul Rahim’s eldest brother."))).toEqual([null]);
  });
});

describe("a name ending in a body's noun after the verb is the subject, not a role noun (twentieth session)", () => {
  it("“…,” said the <new body's name>: the name speaks", () => {
    expect(speakers(extract("2024-05-02", "“The road stays shut,” said the Shahgai Traders Council."))).toEqual(["Shahgai Traders Council"]);
  });
  it("a role noun alone still stands for the body named before", () => {
    expect(speakers(extract("2024-05-02", "The Shahgai Traders Council met on Monday.", "“The road stays shut,” said the council."))).toEqual(["Shahgai Traders Council"]);
  });
});
