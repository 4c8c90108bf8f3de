/**
 * Speaker rules found on the eleventh round's misses and the fourteenth session's second reader (issue 14, fifteenth
 * session): each is tested on sentences written for the rule, none taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { extract, speakers } from "./extraction-helpers.ts";

describe("“reported” is a verb of saying (issue 14, fifteenth session)", () => {
  it("“The spokeswoman also reported on “…”” is the spokeswoman named before", () => {
    const ex = extract("2025-10-14", "“The camps are full,” spokeswoman Hana Mirza told reporters in Peshawar.", "The UNHCR spokeswoman also reported on “a sharp rise” in arrivals from Kunar.");
    expect(speakers(ex)).toEqual(["Hana Mirza", "Hana Mirza"]);
  });
  it("an organisation that reports words says them; a passive “was reported” names nobody", () => {
    const ex = extract("2025-10-14", "UNHCR opened a centre in Nowshera.", "Separately, the refugee agency reported “steady progress” in registration.");
    expect(speakers(ex)).toEqual(["UNHCR"]);
    expect(speakers(extract("2025-10-14", "Two people were reported killed. “It was chaos,” Gul Wazir said."))).toEqual(["Gul Wazir"]);
  });
});
