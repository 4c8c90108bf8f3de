/**
 * General rules for the recurring classes of blind miss (issue 14, twentieth session), each tested on sentences
 * written for it in the class's pattern, none taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { extract, speakers } from "./extraction-helpers.ts";

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
