/**
 * Speaker rules found on the eleventh round's misses and the fourteenth session's second reader (issue 14, fifteenth
 * session): each is tested on sentences written for the rule, none taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { extract, names, speakers } from "./extraction-helpers.ts";

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

describe("“the spokesperson” is the person quoted by name right after an unnamed spokesperson was brought in (issue 14, fifteenth session)", () => {
  const lede = "More families are crossing at Torkham, a spokeswoman for the International Organization for Migration said on Monday.";
  it("the next person quoted by name, with no role of their own, is that spokesperson", () => {
    const ex = extract("2025-10-14", lede, "“We counted 2,000 people at the gate,” Hana Mirza told reporters in Peshawar.", "The spokeswoman warned that if the rains come early, “the camps will flood.”");
    expect(speakers(ex)).toEqual(["Hana Mirza", "Hana Mirza"]);
  });
  it("a person quoted with a role of their own, or a spokesperson quoted unnamed, is not", () => {
    const resident = extract("2025-10-14", lede, "“We counted 2,000 people at the gate,” Hana Mirza, a shopkeeper, said.", "The spokeswoman warned that if the rains come early, “the camps will flood.”");
    expect(speakers(resident)).toEqual(["Hana Mirza", null]);
    const quoted = extract("2025-10-14", "“More families are crossing,” a spokeswoman for the International Organization for Migration said.", "“We waited for days,” Hana Mirza said.", "The spokeswoman warned that if the rains come early, “the camps will flood.”");
    expect(speakers(quoted).slice(1)).toEqual(["Hana Mirza", null]);
  });
  it("only the next quotation by name, in the same paragraph or the next", () => {
    const late = extract("2025-10-14", lede, "The agency has 40 staff at the crossing.", "Traders are also waiting.", "“We waited for days,” Hana Mirza said.", "The spokeswoman warned that if the rains come early, “the camps will flood.”");
    expect(speakers(late)).toEqual(["Hana Mirza", null]);
  });
});

describe("a quotation in lower case ending a that-clause of the writer's is a fragment (issue 14, fifteenth session)", () => {
  const fragments = (ex: ReturnType<typeof extract>): boolean[] => ex.quotes.map((q) => q.isFragment);
  it("“X warned that if …, “we …”” is part of the writer's sentence", () => {
    expect(fragments(extract("2025-10-14", "The minister warned that if the fighting goes on, “we will see many more arrivals at the border in the coming weeks.”"))).toEqual([true]);
  });
  it("after a clause that reports no speech, or after “said,”, it is still a statement", () => {
    expect(fragments(extract("2025-10-14", "Although the road is shut, “we still have enough food inside the camps for three weeks at least,” Gul Wazir said."))).toEqual([false]);
    expect(fragments(extract("2025-10-14", "Gul Wazir said that the road was shut. Later he said, “we will reopen it soon and let all the trucks go through.”"))).toEqual([false]);
  });
});

describe("a name that only says whose someone is does not speak (issue 14, fifteenth session; second reader of session 13, item 7)", () => {
  it("“X's widow said”, “the lawyer for X said”, “said the brother of X”: the relative or lawyer, nobody named", () => {
    expect(speakers(extract("2025-10-14", "“He went to buy bread,” Samiullah Afridi's widow said."))).toEqual([null]);
    expect(speakers(extract("2025-10-14", "“The charges are political,” the lawyer for Samiullah Afridi told reporters."))).toEqual([null]);
    expect(speakers(extract("2025-10-14", "Samiullah Afridi's elder brother said: “He went to buy bread.”"))).toEqual([null]);
    expect(speakers(extract("2025-10-14", "“He went to buy bread,” said the brother of Samiullah Afridi."))).toEqual([null]);
  });
  it("a relative named beside it is still who speaks", () => {
    expect(speakers(extract("2025-10-14", "“He went to buy bread,” Gul Bibi, a cousin of Samiullah Afridi, said."))).toEqual(["Gul Bibi"]);
  });
  it("“…,” he said, noting that X had agreed: with nobody for “he”, nobody, not X", () => {
    expect(speakers(extract("2025-10-14", "“We will reopen the gate,” he said, noting that Samiullah Afridi had agreed."))).toEqual([null]);
    expect(speakers(extract("2025-10-14", "Gul Bibi met the elders.", "“We will reopen the gate,” she said, noting that Samiullah Afridi had agreed."))).toEqual(["Gul Bibi"]);
  });
});

describe("“…,” said <organisation> <role> X: the holder of the post speaks, not the organisation (issue 14, sixteenth session)", () => {
  it("an organisation before a role noun and a name after the verb says whose post it is", () => {
    expect(speakers(extract("2025-10-14", "“The camps are full,” said UNHCR spokeswoman Hana Mirza. “More families arrive every day.”"))).toEqual(["Hana Mirza", "Hana Mirza"]);
    expect(speakers(extract("2025-10-14", "“The camps are full,” said UNHCR's chief spokeswoman, Hana Mirza."))).toEqual(["Hana Mirza"]);
    expect(speakers(extract("2025-10-14", "“The talks will go on,” said the UN envoy, Gul Wazir."))).toEqual(["Gul Wazir"]);
  });
  it("an organisation that speaks itself, or a name in a clause of its own after it, leaves the organisation the speaker", () => {
    expect(speakers(extract("2025-10-14", "“The camps are full,” said UNHCR."))).toEqual(["UNHCR"]);
    expect(speakers(extract("2025-10-14", "“The camps are full,” said UNHCR, whose spokeswoman Hana Mirza was in Kabul."))).toEqual(["UNHCR"]);
  });
});

describe("a quotation opened at a sentence's start and never closed runs to the paragraph's end (issue 14, sixteenth session)", () => {
  it("the second quotation, its close left out, is found and goes on with the first's speaker", () => {
    const ex = extract("2025-10-14", "“Families are coming home,” said Hana Mirza, a UNHCR officer in Kabul. “We have been preparing for this for two years, and we hope it will last.", "The returns began in March.");
    expect(ex.quotes.map((q) => q.text)).toEqual(["Families are coming home,", "We have been preparing for this for two years, and we hope it will last."]);
    expect(speakers(ex)).toEqual(["Hana Mirza", "Hana Mirza"]);
  });
  it("a mark inside a sentence, or one whose words do not end as a sentence does, opens no quotation", () => {
    expect(extract("2025-10-14", "Officials called it the “Great Return and said more would follow.").quotes).toEqual([]);
    expect(extract("2025-10-14", "“Families are coming home,” said Hana Mirza. “We have been preparing for this").quotes.map((q) => q.text)).toEqual(["Families are coming home,"]);
  });
});

describe("“At <organisation>, the <role> of <country> said, “…””: the unnamed holder of the post speaks (issue 14, sixteenth session)", () => {
  it("an organisation in the phrase before the subject is no speaker; a country's representative is nobody the store can name", () => {
    expect(speakers(extract("2025-10-14", "At the Security Council, the representative of Afghanistan said, “We were not consulted.”"))).toEqual([null]);
  });
  it("the role's organisation says whose post it is: the person named as holding one there, else nobody", () => {
    expect(speakers(extract("2025-10-14", "UNHCR spokeswoman Hana Mirza was in Kabul.", "Later, a spokeswoman for UNHCR said, “The camps are full.”"))).toEqual(["Hana Mirza"]);
    expect(speakers(extract("2025-10-14", "At the meeting, a spokesman for UNHCR said, “The camps are full.”"))).toEqual([null]);
  });
  it("a named subject, or a role noun with its name, is still who speaks", () => {
    expect(speakers(extract("2025-10-14", "At the Security Council, Hana Mirza said, “We were not consulted.”"))).toEqual(["Hana Mirza"]);
    expect(speakers(extract("2025-10-14", "At the meeting, the head of UNHCR, Hana Mirza, said, “The camps are full.”"))).toEqual(["Hana Mirza"]);
  });
});

describe("“west of X”, “the outskirts of X”: X is a place, never whom a later “he” means (issue 14, sixteenth session)", () => {
  it("a name after a direction and “of” is a place with evidence", () => {
    const ex = extract("2025-10-14", "The camp lies 20 km northwest of Zarghun, on the outskirts of Kalan Shahr.");
    expect(ex.candidates.map((c) => `${c.text} (${c.kind})`)).toEqual(["Zarghun (place)", "Kalan Shahr (place)"]);
  });
  it("“he” in the next paragraph goes on with the person named after the place, not the place", () => {
    const ex = extract("2025-10-14", "Families returned through the crossing west of Zarghun, according to Hana Mirza, a spokeswoman for UNHCR.", "Fighting forced the agency to halt returns, she said. “Instead we sent the families north.”");
    expect(speakers(ex)).toEqual(["Hana Mirza"]);
  });
});

describe("a quotation in lower case after a name, told by someone else after it, is the teller's (issue 14, eighteenth session)", () => {
  it("“X “will travel …,” spokesman Y told reporters” is Y's, not X's", () => {
    expect(speakers(extract("2025-10-14", "The envoy arrived in Kabul. Mr. Rahimi “will travel to Herat and Kandahar next week to meet the elders,” spokeswoman Hana Mirza told reporters in Geneva."))).toEqual(["Hana Mirza"]);
    expect(speakers(extract("2025-10-14", "Mr. Rahimi “will travel to Herat and Kandahar next week to meet the elders,” said Hana Mirza, his spokeswoman."))).toEqual(["Hana Mirza"]);
  });
  it("with no telling after it, or a second clause of its own after it, the quotation is still the name's", () => {
    expect(speakers(extract("2025-10-14", "Mr. Rahimi “will travel to Herat and Kandahar next week to meet the elders.”"))).toEqual(["Rahimi"]);
    expect(speakers(extract("2025-10-14", "Mr. Rahimi “rejects violence in all its forms,” and the elders said they agreed."))).toEqual(["Rahimi"]);
  });
});

describe("a lone name opening a sentence that tells of it as a person is a name, and “he” after it is that person (issue 14, eighteenth session)", () => {
  const before = "“The shelling reminded me of the war,” said Zarghuna, a 50-year-old widow from Kabul.";
  it("“X fled … with his parents”, “X, who …”, “X, 40, …”: the next “he said” is X's, not the person quoted in the paragraph before", () => {
    expect(speakers(extract("2025-10-14", before, "Rahmatullah fled to Pakistan with his parents when he was a boy. “I only remember walking for hours,” he recalled."))).toEqual(["Zarghuna", "Rahmatullah"]);
    expect(speakers(extract("2025-10-14", before, "Rahmatullah, who fled to Pakistan as a boy, said the walk was long. “I only remember walking for hours,” he recalled."))).toEqual(["Zarghuna", "Rahmatullah"]);
    expect(speakers(extract("2025-10-14", before, "Rahmatullah, 40, left Kunar as a boy. “I only remember walking for hours,” he recalled."))).toEqual(["Zarghuna", "Rahmatullah"]);
  });
  it("a common noun opening a sentence is no name: a plural, an abstract noun, a word written in lower case too", () => {
    expect(names(extract("2025-10-14", "Security worsened after his arrest in May."))).toEqual([]);
    expect(names(extract("2025-10-14", "Officials, who asked not to be named, said he was held."))).toEqual([]);
    expect(names(extract("2025-10-14", "Police arrested him near the gate, and the police said he was armed."))).toEqual([]);
    expect(names(extract("2025-10-14", "Someone called his brother at night."))).toEqual([]);
  });
  it("a cause opening a sentence is no person: a pronoun right after its verb, or in a clause of its own, is someone else's (second reader, session 19)", () => {
    // (Each was a speaker and a new name on 97b0f8f: "Gunfire", "Violence", "Poverty", "Winter", "Drought".)
    expect(speakers(extract("2025-10-14", before, "Gunfire killed his brother at the market last year. “We live in fear,” he said."))).not.toContain("Gunfire");
    expect(speakers(extract("2025-10-14", before, "Violence forced her family to flee their village in Bajaur. “We lost everything,” she said."))).not.toContain("Violence");
    expect(speakers(extract("2025-10-14", before, "Poverty forced his sons to work in the brick kilns. “They are only children,” he said."))).not.toContain("Poverty");
    expect(speakers(extract("2025-10-14", before, "Winter arrived early, and his family had no blankets. “It is cold,” he said."))).not.toContain("Winter");
    const drought = extract("2025-10-14", before, "Drought ruined his crops, so he moved to Peshawar. “There was no water,” he said.");
    expect(speakers(drought)).not.toContain("Drought");
    expect(names(drought)).not.toContain("Drought");
    // (Still a name when a pronoun further on tells of it: "X lost his leg … when he was ten".)
    expect(speakers(extract("2025-10-14", before, "Rahmatullah lost his leg to a mine in 2010 when he was ten. “I only remember the noise,” he recalled."))).toEqual(["Zarghuna", "Rahmatullah"]);
  });
});

describe("more tellings after a name's quotation, and an apposition's organisation (issue 14, eighteenth session)", () => {
  it("“X “is concerned,” his spokeswoman, Y, said” is Y's", () => {
    expect(speakers(extract("2025-10-14", "Mr. Rahimi “is deeply concerned about the situation in the camps,” his spokeswoman, Hana Mirza, said."))).toEqual(["Hana Mirza"]);
  });
  it("“X, UNHCR spokesman in Geneva, told reporters …” and a quotation alone after it: X's, not the organisation's", () => {
    const ex = extract("2025-10-14", "Karim Shah, UNHCR spokesman in Geneva, told reporters the camps were full.", "“We are very worried. We cannot cope with so many people.”");
    expect(speakers(ex)).toEqual(["Karim Shah"]);
  });
  it("a woman named alone opening a sentence with “a mother of four” after her", () => {
    const ex = extract("2025-10-14", "Zarghuna, a mother of four, fled Kunar in May. “We walked for three days,” she said. “My children were hungry.”");
    expect(speakers(ex)).toEqual(["Zarghuna", "Zarghuna"]);
  });
});

describe("“he”/“she” with nobody quoted yet in the paragraph is the person the paragraph named last, not the one quoted before it (issue 14, eighteenth session)", () => {
  const before = "“We lost everything,” said Karim Shah, a farmer from Kunar.";
  it("a sentence naming nobody between the person and the quotation", () => {
    expect(speakers(extract("2025-10-14", before, "Zarghuna Bibi, a widow, arrived with her children. Her husband was killed last year. “I had no choice,” she said."))).toEqual(["Karim Shah", "Zarghuna Bibi"]);
  });
  it("once someone has spoken in the paragraph, “he” goes on with them", () => {
    expect(speakers(extract("2025-10-14", "Zarghuna Bibi arrived in May.", "“We had nothing,” said Karim Shah. The camp has no school. “The children sit at home,” he said."))).toEqual(["Karim Shah", "Karim Shah"]);
  });
});

describe("“said the 70-year-old” and “he”/“she” against a courtesy title (issue 14, eighteenth session)", () => {
  it("“…,” said the 70-year-old: the person named last", () => {
    expect(speakers(extract("2025-10-14", "“The camps are full,” said Hana Mirza of UNHCR.", "Karim Shah has lived in the camp since 1980. “This is my home now,” said the 70-year-old."))).toEqual(["Hana Mirza", "Karim Shah"]);
  });
  it("“she” is never a name after “Mr.”, nor “he” one after “Ms.”", () => {
    expect(speakers(extract("2025-10-14", "“The camps are full,” Hana Mirza, a UNHCR spokeswoman, told reporters on Friday. Mr. Rahimi arrived in Kabul on Thursday. “The agency needs more funds,” she said."))).toEqual(["Hana Mirza", "Hana Mirza"]);
    expect(speakers(extract("2025-10-14", "“The road is shut,” said Karim Shah. Ms. Mirza visited the camp on Monday. “We need more tents,” he said."))).toEqual(["Karim Shah", "Karim Shah"]);
    expect(speakers(extract("2025-10-14", "“The road is shut,” said Karim Shah. Ms. Mirza visited the camp on Monday. “We need more tents,” she said."))).toEqual(["Karim Shah", "Mirza"]);
  });
});
