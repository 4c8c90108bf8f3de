/**
 * General rules against junk among new names by word class and layout (issue 14, nineteenth session): a phrase of
 * ordinary English words, a heading in capitals, a place's head noun alone, an acronym of a common phrase. Each is
 * tested on sentences written for it, none taken from the dev-set articles. Every test of a name left out fails on
 * 6da6ede; those of names kept guard the rule's edges and pass on both.
 */
import { describe, expect, it } from "vitest";
import { isEnglishWord } from "../../src/ingest/extract/wordlist.ts";
import { extract, mentioned, names } from "./extraction-helpers.ts";

const kinds = (ex: ReturnType<typeof extract>): string[] => [...new Set(ex.candidates.map((c) => `${c.text} (${c.kind})`))];

describe("the word list", () => {
  it("holds ordinary words and leaves out the beat's names", () => {
    for (const w of ["relocation", "voluntary", "scheme", "solidarity", "displaced", "a", "zyzzyvas"]) expect(isEnglishWord(w)).toBe(true);
    for (const w of ["jalozai", "haripur", "ahmed", "javed", "kabul", "", "zzzz", "Relocation"]) expect(isEnglishWord(w)).toBe(false);
  });
});

describe("a phrase of ordinary English words with no name's head noun is no name (nineteenth session)", () => {
  it("a programme, a meeting, a drive told by what it is, written with capitals", () => {
    expect(names(extract("2025-10-14", "The Voluntary Relocation Scheme said 300 families would move to Khost next week."))).toEqual([]);
    expect(names(extract("2025-10-14", "Delegates at the Regional Cooperation Dialogue said the border should reopen."))).toEqual([]);
    expect(names(extract("2025-10-14", "The Community Mobilisation Drive said volunteers had reached 40 villages."))).toEqual([]);
    expect(names(extract("2025-10-14", "Organisers of the Humanitarian Access Meeting said the road to Torkham was blocked."))).toEqual([]);
  });
  it("a word that is no English word, a body's head noun or a person's title keeps the name", () => {
    expect(kinds(extract("2025-10-14", "The Jalozai Relocation Committee said 300 families would move."))).toEqual(["Jalozai Relocation Committee (organisation)"]);
    expect(kinds(extract("2025-10-14", "The Refugee Relocation Committee said 300 families would move."))).toEqual(["Refugee Relocation Committee (organisation)"]);
    expect(kinds(extract("2025-10-14", "Commander Fielding Manning said the post had been attacked twice."))).toEqual(["Fielding Manning (person)"]);
    // (No derived word: the list's homographs of places stay names.)
    expect(kinds(extract("2025-10-14", "UNHCR officials said in Geneva that returns had slowed."))).toEqual(["Geneva (place)"]);
  });
});

describe("a line written wholly in capitals is a heading: no new names (nineteenth session)", () => {
  it("a heading's capitalised words are no candidates; the body's names still are", () => {
    expect(kinds(extract("2025-10-14", "DEPUTY ENVOY VISITS REFUGEE SETTLEMENTS IN ANTICIPATION OF WINTER", "The envoy met elders in Haripur on Monday."))).toEqual(["Haripur (place)"]);
  });
  it("a known name in a heading is still linked", () => {
    const ex = extract("2025-10-14", "DEPUTY ENVOY VISITS REFUGEE SETTLEMENTS NEAR PESHAWAR IN ANTICIPATION OF WINTER");
    expect(names(ex)).toEqual([]);
    expect(mentioned(ex).map((m) => m.split(" → ")[0])).toEqual(["PESHAWAR"]);
  });
});

describe("a place's head noun alone names no place (nineteenth session)", () => {
  it("“within the Province”, a heading's “Region”", () => {
    expect(names(extract("2025-10-14", "Fighting displaced 300 families to two districts within the Province, officials said."))).toEqual([]);
    expect(names(extract("2025-10-14", "Officials said 900 families had moved within the Province last week."))).toEqual([]);
    expect(names(extract("2025-10-14", "Eastern Region: fighting in Kunar displaced 300 families to the Region's camps."))).toEqual([]);
  });
  it("the head noun after a name stays part of it", () => {
    expect(names(extract("2025-10-14", "Fighting displaced 300 families to Shawal Valley, officials said."))).toEqual(["Shawal Valley"]);
  });
});

describe("an acronym of a common phrase is no name (nineteenth session)", () => {
  it("the acronym whose long form in capitals is a common phrase, there and later", () => {
    expect(names(extract("2025-10-14", "Under the Assisted Voluntary Departure (AVD) scheme, 200 families left Peshawar.", "AVD convoys leave every week, the AVD office said."))).toEqual([]);
    expect(names(extract("2025-10-14", "The plan is called the Illegal Migrants Repatriation Plan (IMRP) and starts in November.", "The IMRP covers every province."))).toEqual([]);
  });
  it("an acronym of a body's name stays a name", () => {
    expect(names(extract("2025-10-14", "The Khyber Rural Support Programme (KRSP) said 200 families had returned.", "KRSP staff met them."))).toEqual(["Khyber Rural Support Programme", "KRSP"]);
  });
});
