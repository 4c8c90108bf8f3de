/**
 * Rules against junk among new names (issue 14, fourteenth session), each tested on sentences written for it, none
 * taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { extract, names } from "./extraction-helpers.ts";

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
