/**
 * Date rules found on the development set (issue 14, sixteenth session): datelines and the day of writing. Each is
 * tested on sentences written for the rule, none taken from the dev-set articles.
 */
import { describe, expect, it } from "vitest";
import { extractArticle, type Extraction } from "../../src/ingest/extract.ts";
import { extract, index } from "./extraction-helpers.ts";

const dated = (ex: Extraction): string[] => ex.events.map((e) => `${e.date.value} ${e.date.precision} ${e.cue.type} ${e.placeText}`);

/** An article of paragraphs with their roles ("heading: …", else a body paragraph), published on the given day. */
function withRoles(published: string, ...lines: string[]): Extraction {
  const paragraphs = lines.map((l) => (l.startsWith("heading: ") ? { role: "heading" as const, text: l.slice(9) } : { role: "body" as const, text: l }));
  return extractArticle(paragraphs, index, { value: published, precision: "day" });
}

describe("a dateline's date is the report's, never a happening's (issue 14, sixteenth session)", () => {
  // 2024-05-09 is a Thursday.
  it("a place and a date at a paragraph's head, with or without a time, a year, an agency or a dash, date no event", () => {
    expect(dated(extract("2024-05-09", "Islamabad, 8 May 2024 – Militants attacked a checkpoint near Wana, officials said."))).toEqual([]);
    expect(dated(extract("2024-05-09", "New York, May 8 2024 4:15PM Troops launched an offensive near Wana, officials said."))).toEqual([]);
    expect(dated(extract("2024-05-09", "Peshawar, May 8, 2024 - Gunmen attacked a police post in Bannu, officials said."))).toEqual([]);
    expect(dated(extract("2024-05-09", "KABUL, May 8 (Reuters) – Gunmen attacked a police post in Jalalabad, officials said."))).toEqual([]);
    expect(dated(extract("2024-05-09", "8 May 2024 – Gunmen attacked a police post in Bannu, officials said."))).toEqual([]);
  });
  it("the sentence's own day after a dateline still dates it; a date opening a sentence is no dateline", () => {
    expect(dated(extract("2024-05-09", "Islamabad, 8 May 2024 – Militants attacked a checkpoint near Wana on Tuesday, officials said."))).toEqual(["2024-05-07 day attack Wana"]);
    expect(dated(extract("2024-05-09", "On 6 May, militants attacked a checkpoint near Wana, officials said."))).toEqual(["2024-05-06 day attack Wana"]);
  });
});

describe("the day of writing is the dateline's (issue 14, sixteenth session)", () => {
  it("a release's own dateline, a day before the page's date, is the day its “today” names", () => {
    expect(dated(extract("2024-05-09", "8 May - The governments of Pakistan and Afghanistan today agreed in Kabul to extend the refugees' cards."))).toEqual(["2024-05-08 day agreement Kabul"]);
    expect(dated(extract("2024-05-09", "Kabul, 8 May 2024 – Officials of both countries met in Kabul on Monday."))).toEqual(["2024-05-06 day meeting Kabul"]);
    // A date line standing alone over the body counts too.
    expect(dated(withRoles("2024-05-09", "heading: May 8, 2024", "The governments of Pakistan and Afghanistan today agreed in Kabul to extend the refugees' cards."))).toEqual(["2024-05-08 day agreement Kabul"]);
  });
  it("a dateline without its year far from the stored date is not taken; the stored date stays", () => {
    expect(dated(extract("2024-05-09", "8 March - The governments of Pakistan and Afghanistan today agreed in Kabul to extend the refugees' cards."))).toEqual(["2024-05-09 day agreement Kabul"]);
  });
});

describe("where a telling took place is the telling's, not the place of what it tells (issue 14, sixteenth session)", () => {
  // 2024-05-08 is a Wednesday.
  it("a happening told at a briefing takes a place of its own, never the briefing's", () => {
    expect(dated(extract("2024-05-08", "Militants attacked checkpoints across Balochistan on Monday, officials told reporters in Quetta."))).toEqual(["2024-05-06 day attack Balochistan"]);
    // With no place of its own, it has none: no event.
    expect(dated(extract("2024-05-08", "Militants attacked a checkpoint on Monday, a spokesman told reporters in Peshawar."))).toEqual([]);
  });
  it("with no place of its own, the sentence's event is the telling, on the day beside its occasion", () => {
    const ex = extract("2024-05-08", "The envoy, on a three-day visit to the region, is due to see the governor on Saturday, a spokesman told a news briefing in Peshawar today.");
    expect(dated(ex)).toEqual(["2024-05-08 day statement Peshawar"]);
  });
});

describe("a journey to a place told as a happening of its own is a visit (issue 14, sixteenth session)", () => {
  // 2024-05-08 is a Wednesday.
  it("“will travel to Kabul”, “visited Quetta”, “is visiting Chaman” with a day are visits (a meeting's kind)", () => {
    expect(dated(extract("2024-05-08", "Tomorrow, the envoy will travel to Kabul, where he is due to see the president."))).toEqual(["2024-05-09 day meeting Kabul"]);
    expect(dated(extract("2024-05-08", "The minister visited Quetta on Monday."))).toEqual(["2024-05-06 day meeting Quetta"]);
    expect(dated(extract("2024-05-08", "Today the envoy is visiting Chaman."))).toEqual(["2024-05-08 day meeting Chaman"]);
  });
  it("no place right after the verb, a participle after “after” or “while”, or no day: no visit", () => {
    expect(dated(extract("2024-05-08", "After visiting Kabul, the envoy left for Geneva today."))).toEqual([]);
    expect(dated(extract("2024-05-08", "The men disappeared on Thursday while travelling to a base near Wana."))).toEqual([]);
    expect(dated(extract("2024-05-08", "The minister visited the camps on Monday."))).toEqual([]);
    // The noun stays a visit as before.
    expect(dated(extract("2024-05-08", "The envoy began an official visit to Kabul on Monday."))).toEqual(["2024-05-06 day meeting Kabul"]);
  });
});

describe("dates told in the past, spans and “since” phrases (issue 14, seventeenth session)", () => {
  // 2025-10-20 is a Monday.
  it("a weekday alone on the day after publication, told in the past, is the one a week before", () => {
    expect(dated(extract("2025-10-20", "A drone strike hit a car in a village near Wana on Tuesday."))).toEqual(["2025-10-14 day airstrike Wana"]);
    expect(dated(extract("2025-10-20", "An explosion tore through a market in Bannu on Tuesday."))).toEqual(["2025-10-14 day bombing Bannu"]);
    expect(dated(extract("2025-10-20", "Militants attacked a checkpoint near Wana on Tuesday."))).toEqual(["2025-10-14 day attack Wana"]);
    // Words that put it ahead, or a verb not in the past, keep the day after.
    expect(dated(extract("2025-10-20", "The army will hold talks with elders in Wana on Tuesday."))).toEqual(["2025-10-21 day talks Wana"]);
    expect(dated(extract("2025-10-20", "Elders said talks would be held in Wana on Tuesday."))).toEqual(["2025-10-21 day talks Wana"]);
    expect(dated(extract("2025-10-20", "The jirga meets in Wana on Tuesday for talks."))).toEqual(["2025-10-21 day talks Wana"]);
  });
  it("only a verb in the past of the weekday's own clause tells it in the past (second reader, session 18)", () => {
    // A verb in the past of another clause (a verb of saying, a relative clause, the clause before "and") leaves it ahead.
    expect(dated(extract("2025-10-20", "Elders who fled their homes said talks with the army take place in Wana on Tuesday."))).toEqual(["2025-10-21 day talks Wana"]);
    expect(dated(extract("2025-10-20", "Traders said they expected the army to hold talks in Wana on Tuesday."))).toEqual(["2025-10-21 day talks Wana"]);
    expect(dated(extract("2025-10-20", "Officials confirmed the plan, and the envoy holds talks in Wana on Tuesday."))).toEqual(["2025-10-21 day talks Wana"]);
    // The weekday's own clause in the past, before or after it, or its verb of saying in the past right before it.
    expect(dated(extract("2025-10-20", "Officials said the militants attacked a checkpoint near Wana on Tuesday."))).toEqual(["2025-10-14 day attack Wana"]);
    expect(dated(extract("2025-10-20", "On Tuesday, militants attacked a checkpoint near Wana, officials said."))).toEqual(["2025-10-14 day attack Wana"]);
    expect(dated(extract("2025-10-20", "Officials said on Tuesday that militants attacked a checkpoint near Wana."))).toEqual(["2025-10-14 day attack Wana"]);
    expect(dated(extract("2025-10-20", "A wounded soldier was taken to hospital in Wana on Tuesday after militants attacked a checkpoint."))).toEqual(["2025-10-14 day attack Wana"]);
  });
  it("several spans after one day are each counted from that day, never from a span's own", () => {
    // 2025-10-22 is a Wednesday.
    expect(dated(extract("2025-10-22", "Militants attacked a checkpoint near Wana on Tuesday, a day after gunmen ambushed a convoy, two days after a bomb exploded at a market in Quetta."))).toEqual([
      "2025-10-19 day bombing Wana",
    ]);
  });
  it("a “since” phrase ends at the main clause's verb, whose day dates the first or the worst", () => {
    expect(dated(extract("2025-10-22", "The bloodiest clash since the 2021 takeover left 23 soldiers dead in Kurram on Saturday night, the army said."))).toEqual(["2025-10-18 day clash Kurram"]);
    expect(dated(extract("2025-10-22", "It was the deadliest attack since 2014 and killed 20 people in Quetta on Monday."))).toEqual(["2025-10-20 day attack Quetta"]);
    expect(dated(extract("2025-10-22", "The first clash since the truce was declared on Monday erupted in Chaman on Wednesday."))).toEqual(["2025-10-22 day clash Chaman"]);
    // A phrase with a verb of its own, after a verb of the main clause, still runs to the comma: its day is not the clash's.
    expect(dated(extract("2025-10-22", "It was the first clash in Chaman since the truce was declared on Monday, officials said."))).toEqual([]);
    expect(dated(extract("2025-10-22", "This marks the first clash in Bajaur since a commander declared a truce on Monday."))).toEqual([]);
  });
});

describe("what has come of a happening by the telling is not dated by the telling's day (issue 14, seventeenth session)", () => {
  // 2025-10-22 is a Wednesday.
  it("a cue in the present perfect, with only the day of a telling (“said late Tuesday”), dates no event", () => {
    expect(dated(extract("2025-10-22", "Air strikes in North Waziristan have killed 20 militants, the army said Tuesday."))).toEqual([]);
    expect(dated(extract("2025-10-22", "Air strikes in North Waziristan have killed 20 militants and wounded 11 others, the army said late Tuesday."))).toEqual([]);
  });
  it("a day of its own still dates it, in the past or the perfect", () => {
    expect(dated(extract("2025-10-22", "Air strikes killed 20 militants in North Waziristan on Tuesday, the army said late Tuesday."))).toEqual(["2025-10-21 day airstrike North Waziristan"]);
    expect(dated(extract("2025-10-22", "A suicide bomber has struck a police post in Bannu on Tuesday, officials said."))).toEqual(["2025-10-21 day bombing Bannu"]);
  });
});

describe("a bomber and a trip of some length are event cues (issue 14, seventeenth session)", () => {
  // 2025-10-22 is a Wednesday.
  it("a bomber, of a car or on foot, is a bombing", () => {
    expect(dated(extract("2025-10-22", "Tuesday, a suicide car bomber targeted a truck carrying soldiers in Peshawar, wounding six."))).toEqual(["2025-10-21 day bombing Peshawar"]);
    expect(dated(extract("2025-10-22", "On Monday, two bombers blew themselves up at a checkpoint in Bannu."))).toEqual(["2025-10-20 day bombing Bannu"]);
  });
  it("a bomber that is an aircraft is no bombing (second reader, session 18)", () => {
    expect(dated(extract("2025-10-22", "Russian bombers flew over the border near Chaman on Monday."))).toEqual([]);
    expect(dated(extract("2025-10-22", "Two strategic bombers landed at an air base near Quetta on Monday."))).toEqual([]);
    expect(dated(extract("2025-10-22", "Bomber jets were seen over Khost on Monday, residents said."))).toEqual([]);
  });
  it("a trip, a mission or a tour with a length, or an official one, is a visit (a meeting's kind); others are none", () => {
    expect(dated(extract("2025-10-22", "The envoy began a three-day mission to Pakistan today."))).toEqual(["2025-10-22 day meeting Pakistan"]);
    expect(dated(extract("2025-10-22", "The minister left on Monday for a week-long tour of Balochistan."))).toEqual(["2025-10-20 day meeting Balochistan"]);
    expect(dated(extract("2025-10-22", "The UN mission in Kabul published its figures on Monday."))).toEqual([]);
    expect(dated(extract("2025-10-22", "The tour of Quetta by the cricket team ended on Monday."))).toEqual([]);
  });
});

describe("“the incident” is dated only by its own day (second reader, session 18)", () => {
  // 2025-10-22 is a Wednesday.
  it("a day told of something else done about the incident dates no incident", () => {
    expect(dated(extract("2025-10-22", "Officials announced a drone strike has killed two militants in Datta Khel.", "The ministry described the incident as regrettable in a statement on Tuesday."))).toEqual([]);
    expect(dated(extract("2025-10-22", "Officials announced a drone strike has killed two militants in Datta Khel.", "Pakistan lodged a protest with Kabul over the incident on Tuesday, officials in Datta Khel said."))).toEqual([]);
  });
  it("its own day still dates it: after its verb of happening, or before it as a possessive", () => {
    expect(dated(extract("2025-10-22", "Officials announced a drone strike has killed two militants.", "Tuesday's incident left residents of Datta Khel terrified."))).toEqual([
      "2025-10-21 day airstrike Datta Khel",
    ]);
    expect(dated(extract("2025-10-22", "Officials announced a drone strike has killed two militants.", "Residents say the incident in Datta Khel happened at dawn on Tuesday."))).toEqual([
      "2025-10-21 day airstrike Datta Khel",
    ]);
  });
});

describe("“the incident” dated in its own words is the incident told last (issue 14, seventeenth session)", () => {
  // 2025-10-22 is a Wednesday.
  it("takes the type of the last happening told before it, and its place when it names none", () => {
    expect(dated(extract("2025-10-22", "Officials announced a drone strike has killed two militants.", "Residents say the incident took place early Tuesday in Datta Khel."))).toEqual([
      "2025-10-21 day airstrike Datta Khel",
    ]);
    expect(dated(extract("2025-10-22", "The army said the overnight infiltration happened in North Waziristan.", "No group claimed responsibility for Tuesday's border incident."))).toEqual([
      "2025-10-21 day clash North Waziristan",
    ]);
  });
  it("no happening told before it, or only the day of a telling: no event", () => {
    expect(dated(extract("2025-10-22", "Residents say the incident took place early Tuesday in Datta Khel."))).toEqual([]);
    expect(dated(extract("2025-10-22", "Officials announced a drone strike has killed two militants.", "Police said Tuesday the incident in Datta Khel is under investigation."))).toEqual([]);
    // An infiltration in general is no happening.
    expect(dated(extract("2025-10-22", "The fence will discourage infiltration, officials in Chaman told reporters on Tuesday."))).toEqual([]);
  });
});
