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

describe("“…,” said X, adding, “…”: the quotation after the participle is the inverted subject's (issue 14, fifteenth session)", () => {
  it("the name after the verb, with or without a title or an apposition, says the second quotation too", () => {
    expect(speakers(extract("2025-10-14", "The gate stayed closed. “The road is shut,” said Ahmad Khan, adding, “We lose money every day.”"))).toEqual(["Ahmad Khan", "Ahmad Khan"]);
    expect(speakers(extract("2025-10-14", "“The road is shut,” said Ms. Rahimi, a trader in Torkham, adding: “We lose money every day.”"))).toEqual(["Rahimi", "Rahimi"]);
    expect(speakers(extract("2025-10-14", "The crossing is shut, said Ahmad Khan, adding that traders had “lost everything.”"))).toEqual(["Ahmad Khan"]);
  });
  it("a subject before the verb is still the speaker; a name in another clause is not", () => {
    expect(speakers(extract("2025-10-14", "“The road is shut,” Ahmad Khan said, adding, “We lose money every day.”"))).toEqual(["Ahmad Khan", "Ahmad Khan"]);
    expect(speakers(extract("2025-10-14", "Gul Wazir was at the gate. The elders said Ahmad Khan, adding, “We lose money every day.”"))).toEqual([null]);
  });
});
