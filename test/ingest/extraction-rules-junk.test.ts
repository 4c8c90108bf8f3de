/**
 * Rules against junk among new names (issue 14, fourteenth session), each tested on sentences written for it, none
 * taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/ingest/extract.ts";
import { extract, index, mentioned, names } from "./extraction-helpers.ts";

const kinds = (ex: ReturnType<typeof extract>): string[] => [...new Set(ex.candidates.map((c) => `${c.text} (${c.kind})`))];

describe("a word that joins two parts of a name never ends one (fourteenth session)", () => {
  it("“Coalition and Afghan forces”: the demonym dropped takes its “and” with it", () => {
    expect(names(extract("2025-10-14", "Coalition and Afghan forces attacked the hideout in Helmand on Monday."))).toEqual(["Helmand"]);
    expect(names(extract("2025-10-14", "Police and Pakistani troops sealed the road."))).toEqual([]);
    expect(names(extract("2025-10-14", "Residents said Ministry of Refugees and Afghan officials met in Kabul."))).toEqual(["Ministry of Refugees"]);
  });
  it("an organisation's own “and” still joins its name", () => {
    expect(kinds(extract("2025-10-14", "The Ministry of Refugees and Repatriation said the camps would close."))).toEqual(["Ministry of Refugees and Repatriation (organisation)"]);
  });
});

describe("a religious or customary honorific stays part of the name it stands before (fourteenth session)", () => {
  it("“Mullah <name>” is one name, the honorific kept, also after an office and with one word after it", () => {
    expect(kinds(extract("2025-10-14", "Officials said Mullah Karim Dost, who led the district, was arrested in Quetta."))).toEqual(["Mullah Karim Dost (person)"]);
    expect(kinds(extract("2025-10-14", "Police arrested Mullah Rahim Gul, who ran the group's finances, and Maulvi Sadiq, who oversaw its schools."))).toEqual([
      "Mullah Rahim Gul (person)",
      "Maulvi Sadiq (person)",
    ]);
    expect(kinds(extract("2025-10-14", "Intelligence Chief Maulvi Abdul Haq said the road was open."))).toEqual(["Maulvi Abdul Haq (person)"]);
    expect(kinds(extract("2025-10-14", "Taliban spokesman Qari Yousuf Ahmadi said the attack was theirs."))).toEqual(["Qari Yousuf Ahmadi (person)"]);
  });
  it("an honorific alone, or after an office with no name, is still no name; an office title is still dropped", () => {
    expect(names(extract("2025-10-14", "Intelligence Chief Maulvi said the road was open."))).toEqual([]);
    expect(kinds(extract("2025-10-14", "Governor Karim Dost said the road was open."))).toEqual(["Karim Dost (person)"]);
  });
  it("a later reference by the family name is the same person", () => {
    const ex = extract("2025-10-14", "Mullah Karim Dost, a commander, was arrested in Quetta.", "Dost said he had done nothing wrong.");
    expect(ex.candidates.map((c) => c.text)).toEqual(["Mullah Karim Dost", "Mullah Karim Dost"]);
  });
});

describe("a document named by what it is, not by a name, is no new name (fourteenth session)", () => {
  it("“the Tripartite Agreement”, “a Joint Declaration”, “the Peace Accord”", () => {
    expect(names(extract("2025-10-14", "Under the Tripartite Agreement signed on Monday, returns would be voluntary."))).toEqual([]);
    expect(names(extract("2025-10-14", "The two sides issued a Joint Declaration after the talks, officials said."))).toEqual([]);
    expect(names(extract("2025-10-14", "Under the Quadrilateral Peace Accord, prisoners would be freed."))).toEqual([]);
  });
  it("an agreement named after a place is still one, an organisation, never a person", () => {
    expect(kinds(extract("2025-10-14", "Talks on the Doha Agreement resumed, officials said."))).toEqual(["Doha Agreement (organisation)"]);
  });
});

describe("a word of faith opening a longer name is part of it (fourteenth session)", () => {
  it("“Islam Qala”, “Allah Noor”", () => {
    expect(kinds(extract("2025-10-14", "Refugees crossed through the Islam Qala crossing on Monday."))).toEqual(["Islam Qala (place)"]);
    expect(kinds(extract("2025-10-14", "Shops closed in Islam Qala, in western Afghanistan, traders said."))).toEqual(["Islam Qala (place)"]);
    expect(kinds(extract("2025-10-14", "Allah Noor, a shopkeeper, said prices rose."))).toEqual(["Allah Noor (person)"]);
  });
  it("alone it is still no name", () => {
    expect(names(extract("2025-10-14", "Islam is the faith of most people in Kunar, Allah Noor said."))).toEqual(["Allah Noor"]);
  });
});

describe("a plural head noun after a list of names is each item's (fourteenth session)", () => {
  it("“its Kabul, Herat and Gardez Offices”: Gardez is a place, “Gardez Offices” no name", () => {
    const ex = extract("2025-10-14", "Petitions were delivered to its Kabul, Herat and Gardez Offices by elders.");
    expect(kinds(ex)).toContain("Gardez (place)");
    expect(names(ex)).not.toContain("Gardez Offices");
  });
  it("a plural organisation word ends an organisation's name, never a person's", () => {
    expect(kinds(extract("2025-10-14", "Officials at the Gardez Offices said the road was open."))).toEqual(["Gardez Offices (organisation)"]);
  });
});

describe("second reader's items 6 and 8 of the twelfth session's rules (fourteenth session)", () => {
  const withHeading = (heading: string, ...body: string[]): ReturnType<typeof extract> =>
    extractArticle([{ role: "heading", text: heading }, ...body.map((text) => ({ role: "body" as const, text }))], index, { value: "2025-10-14", precision: "day" });
  it("item 6: a Title-Case headline whose last word opens a body sentence as an ordinary word is no name", () => {
    expect(names(withHeading("Smugglers Return", "Smugglers returned to Chaman, traders said. Return of trade was welcomed."))).toEqual([]);
  });
  it("item 6: a heading's name whose family name says or does something in the body is still the writer's", () => {
    expect(names(withHeading("Nargis Qadri", "The border stayed quiet on Friday.", "Qadri reported from Chaman."))).toContain("Nargis Qadri");
    expect(names(withHeading("Nargis Qadri", "The border stayed quiet on Friday.", "Qadri's photographs show the gate."))).toContain("Nargis Qadri");
  });
  it("item 8: “both X and Y” pairs two names; the first is no plural counted by “both”, and shares the second's evidence", () => {
    const ex = extract("2025-10-14", "Talks were attended by both Abbas and Dawar, a spokesman said.", "Abbas said the talks went well.");
    expect(names(ex)).toContain("Abbas");
    expect(names(extract("2025-10-14", "The plan was backed by both Younas and Khan, who lead the council."))).toEqual(["Younas", "Khan"]);
  });
  it("item 8: “both States” alone is still a common noun", () => {
    expect(names(extract("2025-10-14", "It urges both States to act.", "States must act, it said."))).toEqual([]);
  });
});

describe("a name in apposition to a title's phrase is a person's (fifteenth session)", () => {
  it("“the minister responsible for refugees, X”, “Pakistan's Minister of the Interior, X”: X is a new name", () => {
    expect(kinds(extract("2025-10-14", "Envoys met the minister responsible for refugees, Karim Dost, in Quetta on Monday."))).toEqual(["Karim Dost (person)"]);
    expect(kinds(extract("2025-10-14", "Envoys met Pakistan's Minister of the Interior, Moin Ahmad-Zai, on Monday."))).toEqual(["Moin Ahmad-Zai (person)"]);
  });
  it("a phrase headed by no title gives no evidence", () => {
    expect(kinds(extract("2025-10-14", "Aid reached the families of the victims, Karim Dost and others on Monday."))).toEqual([]);
  });
});

describe("an office's fields, a body's seat and a date are no names (issue 14, sixteenth session)", () => {
  it("the fields listed after “<office> for/of” are part of the office, never a person", () => {
    expect(names(extract("2025-10-14", "The envoy met the Ministers for Refugees, Frontier Settlement, the Economy and Foreign Affairs in Kabul."))).toEqual([]);
    expect(names(extract("2025-10-14", "Aid was handed to the ministry of Frontier Settlement and Development, officials said."))).toEqual([]);
    expect(names(extract("2025-10-14", "Staff of the Department of Education, Health and Social Welfare said schools had shut."))).toEqual(["Department of Education"]);
  });
  it("a name in apposition to an office of one or two fields is still a person's", () => {
    expect(kinds(extract("2025-10-14", "Envoys met the Minister for Refugees and Repatriation, Karim Dost, in Quetta on Monday."))).toEqual(["Karim Dost (person)"]);
    expect(kinds(extract("2025-10-14", "The Minister for Refugees, Karim Dost, and Nasir Wali, a trader, met in Quetta."))).toEqual(["Nasir Wali (person)"]);
  });
  it("a body's headquarters or station named by generic words alone is no name; with a name of its own it stands for the body", () => {
    expect(names(extract("2025-10-14", "The blast hit the area where Police Headquarters and other offices stand."))).toEqual([]);
    expect(names(extract("2025-10-14", "Officials at Army Headquarters said the talks were over."))).toEqual([]);
    expect(kinds(extract("2025-10-14", "Protesters gathered outside the Zarghun Headquarters on Monday."))).toEqual(["Zarghun Headquarters (organisation)"]);
  });
  it("a weekday ends the name before it (“told VOA Thursday”), and may stand between a subject and its verb", () => {
    expect(kinds(extract("2025-10-14", "Dozens were deported, the agency told VOA Thursday."))).toEqual(["VOA (organisation)"]);
    expect(kinds(extract("2025-10-14", "Dozens were deported, Nasir Wali Thursday said."))).toEqual(["Nasir Wali (person)"]);
  });
});

describe("an organisation's name with a preposition or a purpose in it (issue 14, sixteenth session)", () => {
  it("“X Without Borders” is an organisation, never a person", () => {
    expect(kinds(extract("2025-10-14", "The killing was condemned by Engineers Without Borders, which said its staff were at risk."))).toEqual(["Engineers Without Borders (organisation)"]);
    expect(kinds(extract("2025-10-14", "Teachers Against Hunger said its school in Khost was hit."))).toEqual(["Teachers Against Hunger (organisation)"]);
  });
  it("“Committee to Protect Journalists” is one name, not a place “Protect Journalists”; a body sent to a place is two", () => {
    expect(kinds(extract("2025-10-14", "The Committee to Protect Farmers said the trader was the third killed this year."))).toEqual(["Committee to Protect Farmers (organisation)"]);
    expect(kinds(extract("2025-10-14", "The government sent the Army to Zarghun Valley on Monday."))).toEqual(["Zarghun Valley (place)"]);
  });
});

describe("a label in quotation marks, a body of a kind and a name cut before its place (issue 14, seventeenth session)", () => {
  it("a capitalised run that fills a quotation by itself is a label, no name, whatever its head noun", () => {
    expect(names(extract("2025-10-14", "The two sides signed the “Joint Development Programme,” which sets out the work of the coming years."))).toEqual([]);
    expect(names(extract("2025-10-14", "The police launched what they called the “Clean Bazaar Drive” on Monday."))).toEqual([]);
    expect(names(extract("2025-10-14", 'Officials described the plan as the "Frontier Village Scheme" in a statement.'))).toEqual([]);
  });
  it("unless the text around the marks names it: “known as”, a noun it stands in apposition to", () => {
    expect(names(extract("2025-10-14", "Police said the cell was known as the “Tehreek-e-Nifaz-e-Aman”, and its leader was arrested."))).toEqual(["Tehreek-e-Nifaz-e-Aman"]);
    expect(names(extract("2025-10-14", "A new group, “Lashkar-e-Khorasan,” claimed the attack."))).toEqual(["Lashkar-e-Khorasan"]);
    // (The same words outside marks keep their own evidence: an organisation's head noun.)
    expect(names(extract("2025-10-14", "The Joint Development Programme said the work would begin."))).toEqual(["Joint Development Programme"]);
  });
  it("an organisation's generic words after “a” or “an”, heading their phrase, are a body of a kind, also when named again", () => {
    expect(names(extract("2025-10-14", "The minister said he would set up an independent Commission of Inquiry shortly."))).toEqual([]);
    expect(names(extract("2025-10-14", "Elders formed a Peace Committee to settle the dispute.", "The Peace Committee will meet on Monday."))).toEqual([]);
  });
  it("but not a name of its own, a definite one, or one before the noun the article belongs to", () => {
    expect(names(extract("2025-10-14", "The Commission of Inquiry said it would report in March."))).toEqual(["Commission of Inquiry"]);
    expect(names(extract("2025-10-14", "He joined an Afghan Refugee Welfare Committee in 2010."))).toEqual(["Afghan Refugee Welfare Committee"]);
    expect(names(extract("2025-10-14", "The envoy visited a Frontier Relief Agency clinic and a World Food Programme (WFP) distribution centre."))).toEqual(["Frontier Relief Agency", "World Food Programme"]);
  });
  it("a body named by its members (“<board> of <people>”) with no name in it is a common noun", () => {
    expect(names(extract("2025-10-14", "The company's Board of Directors met on Monday."))).toEqual([]);
    expect(names(extract("2025-10-14", "The Council of Elders said it would hold talks with the district administration."))).toEqual([]);
    expect(names(extract("2025-10-14", "A Committee of Experts will review the law, the ministry said."))).toEqual([]);
    expect(names(extract("2025-10-14", "The Afghan Council of Ministers approved the plan."))).toEqual(["Afghan Council of Ministers"]);
    expect(names(extract("2025-10-14", "The Tribal Union of Journalists condemned the killing."))).toEqual(["Tribal Union of Journalists"]);
  });
  it("a name ending in “of” and an adjective goes on through the known place after it", () => {
    expect(names(extract("2025-10-14", "Ministers discussed the meeting of the Friends Group of Democratic Pakistan, due on Thursday."))).toEqual(["Friends Group of Democratic Pakistan"]);
    expect(names(extract("2025-10-14", "The Alliance of Free Afghanistan said it would boycott the talks."))).toEqual(["Alliance of Free Afghanistan"]);
    expect(names(extract("2025-10-14", "The University of Central Punjab said classes would resume."))).toEqual(["University of Central Punjab"]);
  });
  it("but only an organisation's: “Residents of Eastern Afghanistan” is no name, and the known place stays known (second reader, session 18)", () => {
    const ex = extract("2025-10-14", "Thousands of families returned on Sunday.", "Residents of Eastern Afghanistan say the aid has stopped.");
    expect(names(ex)).toEqual([]);
    expect(mentioned(ex)).toContain("Afghanistan → afghanistan");
  });
});

describe("a new name's key and the honorifics it opens with (seventeenth session)", () => {
  it("an honorific spelled outside the usual list is still written as part of the name and left out of its key", () => {
    const ex = extract("2025-10-14", "Hajji Ahmad Gul, who heads the traders, said the road was shut.", "Mulla Karim Dost, a commander, was arrested in Quetta.");
    expect(ex.candidates.map((c) => `${c.text}: ${c.norm}`)).toEqual(["Hajji Ahmad Gul: ahmad gul", "Mulla Karim Dost: karim dost"]);
  });
  it("one word after an honorific keeps it in the key: two people with one given name are two names", () => {
    const ex = extract("2025-10-14", "Haji Omar, a trader, said the road was shut.", "Mullah Omar, a commander, was arrested in Quetta.");
    expect(ex.candidates.map((c) => `${c.text}: ${c.norm}`)).toEqual(["Haji Omar: haji omar", "Mullah Omar: mullah omar"]);
  });
});
