/**
 * Rules of the twenty-third session (issue 14), found by running the extractor over a grid of sentences written for
 * it — titles of many kinds before two invented names, in four or five frames (a statement, a quotation with "said" before
 * the name, a that-clause, "told", "chaired by") — and a grid of happenings told beside the day of their telling. No
 * sentence is taken from the dev set. Names here are invented.
 */
import { describe, expect, it } from "vitest";
import { extract, names, speakers } from "./extraction-helpers.ts";

const events = (ex: ReturnType<typeof extract>): string[] => ex.events.filter((e) => e.date.precision === "day").map((e) => `${e.date.value} ${e.cue.type} @${e.placeText}`);
const NAMES = ["Farid Ullah Khan", "Naseem Akhtar"];

/** The frames each title is tried in: the name must be found alone (no title in it) and, with a quotation, speak it. */
function frames(title: string, name: string): string[][] {
  return [
    [`${title} ${name} said the attack was planned across the border.`],
    [`“We will not allow it,” said ${title} ${name}.`],
    [`Officials in Bannu said on Monday that ${title} ${name} had been wounded in the attack.`],
    [`“The road is closed,” ${title} ${name} told VOA.`],
  ];
}

function expectHolder(title: string): void {
  for (const name of NAMES) {
    for (const paragraphs of frames(title, name)) {
      const ex = extract("2019-05-06", ...paragraphs);
      const found = names(ex).filter((n) => n !== "Bannu" && n !== "VOA" && !title.includes(n));
      expect(found, `${title} | ${paragraphs[0]}`).toEqual([name]);
      if (ex.quotes.length > 0) expect(speakers(ex), `${title} | ${paragraphs[0]}`).toEqual([name]);
    }
  }
}

describe("titles before a new name (twenty-third session)", () => {
  it("a title written short with a full stop is its holder's, in a that-clause too: Mr., Dr., Gen., Lt. Gen., Col., Prof.", () => {
    for (const title of ["Mr.", "Ms.", "Dr.", "Gen.", "Lt. Gen.", "Maj. Gen.", "Col.", "Lt. Col.", "Brig.", "Capt.", "Prof."]) expectHolder(title);
  });
  it("US copy's abbreviated titles: “said Sen. X”, “Rep.”, “Gov.”, “Amb.” — not a speaker “Sen”", () => {
    for (const title of ["Sen.", "Rep.", "Gov.", "Amb."]) expectHolder(title);
  });
  it("offices of legislatures, local government and police ranks: Speaker, Lawmaker, MNA, MPA, District Nazim, DSP, DIG, ASI", () => {
    for (const title of ["Speaker", "Deputy Speaker", "Lawmaker", "MNA", "MPA", "Nazim", "District Nazim", "DSP", "DIG", "ASI", "Havaldar"]) expectHolder(title);
  });
  it("a party's acronym before a title: “PPP Senator X”, “PML-N Senator X”, “PTI MNA X”", () => {
    for (const title of ["PPP Senator", "PML-N Senator", "JUI-F Senator", "PTI MNA"]) expectHolder(title);
  });
  it("a post's unit after “of”: “Head of Office X”, “Chief of Staff X”, “Chief of Army Staff X”, “Head of Mission X”", () => {
    for (const title of ["Head of Office", "Chief of Staff", "Chief of Army Staff", "Head of Mission"]) expectHolder(title);
  });
  it("an office's two fields joined by “and”: “Minister for Refugees and Repatriation X”", () => {
    for (const title of ["Minister for Refugees and Repatriation", "Minister of Law and Justice"]) expectHolder(title);
  });
  it("a body and a post after it: “Provincial Assembly member X”, “Pentagon spokesman X”, “ISPR Director General X”, “UN Secretary-General X”", () => {
    for (const title of ["Provincial Assembly member", "Pentagon spokesman", "ISPR Director General", "UN Secretary-General", "Frontier Corps officer", "PTI leader"]) expectHolder(title);
  });
  it("the titles alone name no one, and a body joined to a name by “and” holds no post", () => {
    expect(names(extract("2019-05-06", "The Speaker adjourned the session in Islamabad."))).toEqual([]);
    expect(names(extract("2019-05-06", "He was elected MNA from Bannu in 2018."))).toEqual(["Bannu"]);
    expect(speakers(extract("2019-05-06", "“We will not allow it,” said UNHCR and Naseem Akhtar."))).toEqual(["UNHCR"]);
  });
});

describe("two people with their titles joined by “and” (twenty-third session)", () => {
  it("“Khost Governor X and police chief Y … the governor said”: X, whose title is before the “and”", () => {
    const both = "Khost Governor Farida Noor and police chief Naseem Akhtar visited the camp.";
    expect(speakers(extract("2019-05-08", both, "“We need more tents,” the governor said."))).toEqual(["Farida Noor"]);
    expect(speakers(extract("2019-05-08", both, "“We need more police,” the police chief said."))).toEqual(["Naseem Akhtar"]);
  });
  it("a title with “and” inside it stays whole: “Minister for Refugees and Repatriation X … the minister said”", () => {
    expect(speakers(extract("2019-05-08", "Minister for Refugees and Repatriation Naseem Akhtar visited Bajaur.", "“The tribes are with us,” the minister said."))).toEqual(["Naseem Akhtar"]);
  });
});

describe("an official's seat named by the office (twenty-third session)", () => {
  it("“Governor House”, “the President House”: no person “House”", () => {
    expect(names(extract("2019-05-08", "The meeting was held at Governor House in Peshawar."))).toEqual([]);
    expect(names(extract("2019-05-08", "Protesters marched to the President House on Monday."))).toEqual([]);
  });
});

describe("a happening's own day beside its telling's (twenty-third session)", () => {
  // (Published on Wednesday 8 May 2019: Sunday is the 5th, Monday the 6th, Tuesday the 7th.)
  it("“said on Tuesday that … on Monday”: the happening's day, not the telling's, though the telling's is nearer the cue", () => {
    expect(events(extract("2019-05-08", "The military confirmed on Tuesday that a drone strike in North Waziristan on Sunday killed four militants."))).toEqual(["2019-05-05 airstrike @North Waziristan"]);
    expect(events(extract("2019-05-08", "Police said Tuesday that gunmen had shot dead a polio worker in Bajaur on Monday."))).toEqual(["2019-05-06 attack @Bajaur"]);
    expect(events(extract("2019-05-08", "Officials in Kabul said on Tuesday that Pakistani shelling in Kunar killed three children on Monday."))).toEqual(["2019-05-06 shelling @Kunar"]);
  });
  it("a telling's day alone still dates what it tells, and two days of happenings are left as they were", () => {
    expect(events(extract("2019-05-08", "Officials said on Monday that Pakistani shelling in Kunar killed three children."))).toEqual(["2019-05-06 shelling @Kunar"]);
    expect(events(extract("2019-05-08", "A roadside bomb killed two soldiers in North Waziristan on Monday, the military said in a statement on Tuesday."))).toEqual(["2019-05-06 bombing @North Waziristan"]);
  });
});

describe("where those who tell it are (twenty-third session)", () => {
  it("“Officials in Kabul said … shelling in Kunar”: the happening is in Kunar; “Police in Bannu said” alone still places it", () => {
    expect(events(extract("2019-05-08", "Officials in Kabul said on Monday that Pakistani shelling in Kunar killed three children."))).toEqual(["2019-05-06 shelling @Kunar"]);
    expect(events(extract("2019-05-08", "Police in Bannu said militants attacked a checkpoint on Monday."))).toEqual(["2019-05-06 attack @Bannu"]);
  });
});

describe("killings and rockets as happenings (twenty-third session)", () => {
  it("gunmen or militants “killed” someone: an attack on its day", () => {
    expect(events(extract("2019-05-08", "Gunmen killed a tribal elder in Mir Ali on Monday."))).toEqual(["2019-05-06 attack @Mir Ali"]);
    expect(events(extract("2019-05-08", "Gunmen killed a tribal elder in Mir Ali yesterday."))).toEqual(["2019-05-07 attack @Mir Ali"]);
  });
  it("“were killed” with no armed subject, or the police killing suspects, is no attack of its own", () => {
    expect(events(extract("2019-05-08", "Two soldiers were killed in Kurram on Monday."))).toEqual([]);
    expect(events(extract("2019-05-08", "Police killed two suspects in a shootout in Kurram on Monday."))).toEqual([]);
  });
  it("rockets that were fired, landed or hit: shelling", () => {
    expect(events(extract("2019-05-08", "Rockets fired from Afghanistan landed in Chitral on Sunday, officials said, but no one was hurt."))).toEqual(["2019-05-05 shelling @Chitral"]);
    expect(events(extract("2019-05-08", "A rocket hit a house in Chitral on Sunday."))).toEqual(["2019-05-05 shelling @Chitral"]);
  });
});
