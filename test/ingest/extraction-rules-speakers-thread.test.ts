/**
 * Speaker rules of the nineteenth session, written from the shapes of thirteen rounds of blind speaker misses (dev-set
 * README, "Scored once, blind"): an organisation's statement told over several paragraphs, and a title phrase after
 * the verb whose holder is named after a courtesy title. Every sentence here was written for the test.
 */
import { describe, expect, it } from "vitest";
import { extract, speakers } from "./extraction-helpers.ts";

describe("a statement stays the antecedent of “it” over the next paragraphs", () => {
  it("an indefinite statement whose noun says whose it is speaks for that body, whatever countries its clause names", () => {
    const ex = extract(
      "2024-06-03",
      "Pakistan says four soldiers were hurt in a gunfight near the frontier with Afghanistan.",
      "A military statement said gunmen from the Afghan side had fired on Pakistani posts with “heavy weapons”.",
    );
    expect(speakers(ex)).toEqual(["Pakistan Army"]);
  });
  it("“It said …” in the next paragraph is the statement's", () => {
    const ex = extract(
      "2024-06-03",
      "Pakistan says four soldiers were hurt in a gunfight near the frontier.",
      "An army statement said gunmen had fired on border posts overnight.",
      "It said the troops answered “with restraint” and that calm had returned by morning.",
    );
    expect(speakers(ex)).toEqual(["Pakistan Army"]);
  });
  it("“said <day>'s statement” after a quotation, then “It went on to …”, carry the statement on", () => {
    const ex = extract(
      "2024-06-03",
      "Pakistan says four soldiers were hurt in a gunfight near the frontier.",
      "A military statement noted that the posts had come under fire twice since Friday.",
      "Islamabad has long accused Kabul of sheltering fighters.",
      "“The attackers used the cover of night to approach the fence,” said Monday's statement.",
      "It went on to stress that the work would continue “whatever the cost” to the troops.",
    );
    expect(speakers(ex)).toEqual(["Pakistan Army", "Pakistan Army"]);
  });
  it("an organisation named since the statement is the nearer antecedent of “it”", () => {
    const ex = extract(
      "2024-06-03",
      "Pakistan says four soldiers were hurt in a gunfight near the frontier.",
      "An army statement said gunmen had fired on border posts overnight.",
      "The Frontier Traders Union closed its offices at the crossing.",
      "It said members would stay away “until the shooting stops”.",
    );
    expect(speakers(ex)).toEqual(["Frontier Traders Union"]);
  });
  it("not three paragraphs on", () => {
    const ex = extract(
      "2024-06-03",
      "Pakistan says four soldiers were hurt in a gunfight near the frontier.",
      "An army statement said gunmen had fired on border posts overnight.",
      "Traders at the crossing waited for hours.",
      "Many of them had come from Peshawar.",
      "Some said they would return home.",
      "It said the posts would be rebuilt “within a month”.",
    );
    expect(speakers(ex)).toEqual([null]);
  });
});

describe("a title phrase after the verb, then a courtesy title and the name", () => {
  it("“…,” said the <title>, Mr. X: X", () => {
    const ex = extract(
      "2024-06-03",
      "“We are doing all we can for the families who arrived this week,” said the UNHCR Head of Office in Quetta, Mr. Tomas Verlinden.",
    );
    expect(speakers(ex)).toEqual(["Tomas Verlinden"]);
  });
  it("“…,” said the <title>, Dr. X: X", () => {
    const ex = extract("2024-06-03", "“The clinics will stay open,” said the provincial health director, Dr. Samina Rauf.");
    expect(speakers(ex)).toEqual(["Samina Rauf"]);
  });
});
