/**
 * Job titles and bodies taken as names (issue 14, eighteenth session, from the fourteenth round's junk): a job title
 * before a name splits off, a job title alone is no candidate, and two bodies joined by "and" are two candidates.
 * Each is tested on sentences written for it, none taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { extract, names } from "./extraction-helpers.ts";

const kinds = (ex: ReturnType<typeof extract>): string[] => [...new Set(ex.candidates.map((c) => `${c.text} (${c.kind})`))];

describe("a job title of several words before a name is the name's title, no part of it", () => {
  it("“Associate Protection Officer <name>”, “Senior Field Coordinator <name>”: the holder alone, a person", () => {
    expect(kinds(extract("2025-10-14", "UNHCR Associate Protection Officer Selim Darwaz said the tents would help."))).toEqual(["Selim Darwaz (person)"]);
    expect(kinds(extract("2025-10-14", "Senior Field Coordinator Jan Baz said the road was open."))).toEqual(["Jan Baz (person)"]);
    expect(kinds(extract("2025-10-14", "The camp's Station House Officer Ali Gul Marwat told reporters the road was open."))).toEqual(["Ali Gul Marwat (person)"]);
  });
  it("a title's own “of” and field before the name: “Senior Superintendent of Police <name>”", () => {
    expect(kinds(extract("2025-10-14", "The Senior Superintendent of Police Karim Dost said the road was open."))).toEqual(["Karim Dost (person)"]);
  });
  it("the quotation goes to the holder, named without the title", () => {
    const ex = extract("2025-10-14", "Regional Logistics Officer Selim Darwaz said the trucks had left. “The roads are open again,” he explained.");
    expect(ex.quotes.map((q) => q.speakerText)).toEqual(["Selim Darwaz"]);
  });
  it("a body's name after a role's head noun is no holder: “Deputy Commissioner Office” names no person", () => {
    expect(kinds(extract("2025-10-14", "Refugees queued outside the Deputy Commissioner Office in Landi Kotal, officials said."))).not.toContain("Office (person)");
  });
});

describe("a job title with no name is no organisation and no person", () => {
  it("“the UN Emergency Relief Coordinator, <name>”: the title is no candidate, the name is", () => {
    expect(kinds(extract("2025-10-14", "The UN Emergency Relief Coordinator, Selim Darwaz, met the minister on Monday."))).toEqual(["Selim Darwaz (person)"]);
  });
  it("a title whose head comes before its field (“… Commissioner for …”) or at its end", () => {
    expect(names(extract("2025-10-14", "The Provincial Disaster Relief Coordinator visited the camp on Monday."))).toEqual([]);
    expect(names(extract("2025-10-14", "The Assistant Camp Commissioner for Returnees said the camp was full."))).toEqual([]);
  });
  it("a body's own name before a job title stays, the title goes; a title of generic words alone is none", () => {
    expect(kinds(extract("2025-10-14", "The Sarhad Rural Support Council Programme Director said the wells were dry."))).toEqual(["Sarhad Rural Support Council (organisation)"]);
    expect(names(extract("2025-10-14", "The District Police Officer said the road was open."))).toEqual([]);
  });
  it("a body whose name holds a title after its head noun stays a body", () => {
    expect(kinds(extract("2025-10-14", "The Office of the Special Envoy said the talks would resume."))).toEqual(["Office of the Special Envoy (organisation)"]);
  });
});

describe("two bodies joined by “and” are two candidates", () => {
  it("a body's name and an acronym after “and”", () => {
    expect(kinds(extract("2025-10-14", "Staff of the Provincial Relief Agency and PDRA, the disaster body, sent tents to the camps."))).toEqual([
      "Provincial Relief Agency (organisation)",
      "PDRA (organisation)",
    ]);
  });
  it("a body's name and another with an organisation's word after “and”", () => {
    expect(names(extract("2025-10-14", "Officials of the Refugee Housing Authority and Federal Investigation Agency met in Peshawar."))).toEqual([
      "Refugee Housing Authority",
      "Federal Investigation Agency",
    ]);
  });
  it("an “and” between two fields stays inside one name", () => {
    expect(kinds(extract("2025-10-14", "The Ministry of States and Frontier Regions said the camps would stay open."))).toEqual(["Ministry of States and Frontier Regions (organisation)"]);
    expect(kinds(extract("2025-10-14", "Officials of the Bureau of Population and Migration Services met in Peshawar."))).toEqual(["Bureau of Population and Migration Services (organisation)"]);
  });
  it("an agency named by its field is an organisation; one named after a tribe or place alone stays a place", () => {
    expect(kinds(extract("2025-10-14", "The Federal Migration Agency said returns rose."))).toEqual(["Federal Migration Agency (organisation)"]);
    expect(kinds(extract("2025-10-14", "Shelling hit villages in Shakardara Agency, residents said."))).toEqual(["Shakardara Agency (place)"]);
  });
});

describe("a title that is also an office's adjective, before a body's word, is part of the body's name", () => {
  it("“the General Assembly”, “the Justice Department”: organisations, the first word kept", () => {
    expect(kinds(extract("2025-10-14", "The envoy will brief the General Assembly in New York next week."))).toContain("General Assembly (organisation)");
    expect(kinds(extract("2025-10-14", "The Justice Department said the case was closed."))).toEqual(["Justice Department (organisation)"]);
  });
  it("“General Headquarters” is no person “Headquarters”; “General <name>” is still a general's name", () => {
    expect(names(extract("2025-10-14", "General Headquarters said the border would stay shut."))).not.toContain("Headquarters");
    expect(kinds(extract("2025-10-14", "General Karim Dost said the border would stay shut."))).toEqual(["Karim Dost (person)"]);
  });
});
