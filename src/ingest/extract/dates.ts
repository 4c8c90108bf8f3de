/**
 * Dates: the publication date as the reference for relative dates, and each paragraph's date mentions (found by
 * ../dates-in-text.ts), carrying "two days later" across paragraphs.
 */
import { isoDay, monthIndex, type PartialDate } from "../../text/dates.ts";
import { findDates, type DateMention } from "../dates-in-text.ts";
import type { ArticleState } from "./context.ts";

export function refFromPartial(d: PartialDate): Date {
  // (By index, not by destructuring a map(Number): its array's element kind, whole or fractional numbers, varies.)
  const parts = d.value.split("-");
  const y = Number(parts[0]);
  const m = parts.length > 1 ? Number(parts[1]) : undefined;
  const day = parts.length > 2 ? Number(parts[2]) : undefined;
  // A month- or year-precise publication date: take its last day as "now" for relative phrases.
  if (day === undefined && m !== undefined) return new Date(Date.UTC(y, m, 0, 12));
  if (m === undefined) return new Date(Date.UTC(y, 11, 31, 12));
  return new Date(Date.UTC(y, m - 1, day, 12));
}

/** A body paragraph's dates; "Two days later" at the start of a paragraph counts from the last date of the one before. */
export function paragraphDates(article: ArticleState, text: string): DateMention[] {
  const dates = datesOf(article, text, () => previousDate(article));
  if (dates.length) {
    article.previousDate = dates.at(-1);
    article.datesPending = [];
  }
  return dates;
}

/**
 * A body paragraph whose dates nothing reads (no event cue, no quotation, so no event or quotation is dated from it):
 * its dates are found only if a later paragraph's "Two days later" asks for the last date before it (previousDate).
 * Most paragraphs without a cue have none, and finding them cost a quarter of all the dates' time.
 */
export function skipParagraphDates(article: ArticleState, text: string): void {
  article.datesPending.push(text);
}

/** The last date of the body paragraphs so far: those skipped since the last one read are read now, in order. */
function previousDate(article: ArticleState): PartialDate | undefined {
  const pending = article.datesPending;
  if (pending.length) {
    article.datesPending = [];
    for (const text of pending) article.previousDate = datesOf(article, text, article.previousDate).at(-1) ?? article.previousDate;
  }
  return article.previousDate;
}

function datesOf(article: ArticleState, text: string, before: PartialDate | (() => PartialDate | undefined) | undefined): DateMention[] {
  const dates = findDates(text, article.refDate, before);
  // "This morning", "today", "yesterday" name a day only when the publication's day is known: an article dated "2008"
  // or "2008-10" is read as of its last day, which no such word is (no "2008-12-31" for "this morning").
  return article.onDate.length < 10 && dates.length ? dates.filter((d) => d.precision !== "day" || !DAY_OF_TELLING.test(d.text)) : dates;
}

/**
 * A date counted from the day of writing: that day, the day before or after it, or days before it ("this morning",
 * "yesterday", "the day before yesterday", "two days ago", "tomorrow"). (A weekday alone is left as it was.)
 */
const DAY_OF_TELLING = /\b(?:this\s+(?:morning|afternoon|evening)|today|tonight|tomorrow|(?:last|this)\s+night|yesterday|ago)\b/i;

/** The date mention nearest to an offset. */
export function nearestDate(dates: readonly DateMention[], at: number): DateMention | undefined {
  let best: DateMention | undefined;
  for (const d of dates) if (!best || Math.abs(d.start - at) < Math.abs(best.start - at)) best = d;
  return best;
}

const DL_MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DL_DAY = "\\d{1,2}(?:st|nd|rd|th)?";
/** A place's words before a dateline's date, none of them a word that opens a sentence's own date ("On 1 May", "Since 10 October"). */
const DL_PLACE = "(?!(?:On|In|Since|By|From|Until|Till|Before|After|During|Through|Between|Last|Next|This|Early|Late|As|At|Of|For|Until|Around|About|Also)\\b)\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,3}(?:,\\s*\\p{Lu}[\\p{L}.]*(?:\\s+\\p{Lu}[\\p{L}.]*){0,2})?";
const DL_WEEKDAY = "(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?";
const DL_DATE = `(?:${DL_DAY}\\s+${DL_MONTH}|${DL_MONTH}\\s+${DL_DAY})`;
const DL_YEAR = "(?:,?\\s+(?:19|20)\\d\\d)";
/** A time of day after a dateline's date ("1:10PM", "10.30 a.m."). */
const DL_TIME = "(?:,?\\s+\\d{1,2}[:.]\\d{2}\\s*(?:[AaPp]\\.?[Mm]\\.?)?(?:\\s*(?:GMT|UTC|PST|EST|PKT))?)";
/** An agency's name in brackets after the date ("KABUL, Oct. 19 (Reuters) –"). */
const DL_AGENCY = "(?:\\s*\\([^()]{1,30}\\))";
/**
 * A dateline with a date at the head of a paragraph: a place perhaps, the date, perhaps its year, a time of day and an
 * agency, then a dash or the paragraph's end ("KABUL, Oct. 19 (…) –", "Islamabad, 28 July 2025 –", "28 July - ", "May 1,
 * 2019"); or, after a year and a place or a time, the first sentence run on ("New York, Oct 19 2009 1:10PM United
 * Nations agencies …"), or after an agency's name in brackets ("KABUL, Afghanistan, September 29 (UNHCR) Some 20,000 …").
 * Group 1 (or 2, or 3) is the date. Words in lower case after the dash go on a sentence the date opens ("December
 * 16, 2014 – the day gunmen stormed the school – is remembered …"): no dateline.
 */
const DATED_DATELINE = new RegExp(`^(?:${DL_PLACE},?\\s+)?${DL_WEEKDAY}(${DL_DATE}${DL_YEAR}?)${DL_TIME}?${DL_AGENCY}?\\s*(?:(?:—|–|--?)\\s+(?!\\p{Ll})|$)`, "u");
const DATED_DATELINE_RUN_ON = new RegExp(
  `^(?:${DL_PLACE},?\\s+${DL_WEEKDAY}(${DL_DATE}${DL_YEAR})${DL_TIME}?|${DL_WEEKDAY}(${DL_DATE}${DL_YEAR})${DL_TIME}|${DL_PLACE},?\\s+${DL_WEEKDAY}(${DL_DATE}${DL_YEAR}?)${DL_TIME}?${DL_AGENCY})\\s+(?=\\p{Lu})`,
  "u",
);

/** The dateline with a date opening a paragraph: where it ends, and its date as written. */
function datedDateline(text: string): { end: number; date: string } | undefined {
  // (A substring test first: most paragraphs open with no digit in their first fifty characters.)
  if (!/\d/.test(text.slice(0, 50))) return undefined;
  const m = DATED_DATELINE.exec(text) ?? DATED_DATELINE_RUN_ON.exec(text);
  return m ? { end: m[0].length, date: m[1] ?? m[2] ?? m[3] ?? "" } : undefined;
}

/**
 * Where the dateline opening a paragraph ends when it holds a date, or 0: its date is the report's (evidence of when it
 * was written), never the date of a happening its first sentence tells.
 */
export function datedDatelineEnd(text: string): number {
  return datedDateline(text)?.end ?? 0;
}

/** Days a dateline without its year may stand before (or after) the stored publication date and still be its writing's day. */
const YEARLESS_BEFORE_DAYS = 31;
const YEARLESS_AFTER_DAYS = 1;

/**
 * The day the piece was written, from its own dateline: that of its first body paragraph ("28 July - The Governments …
 * today agreed"), else a date line standing alone before it ("May 1, 2019"). A release's own dateline is the day its
 * "today" and "on Tuesday" are counted from, over the page's or the front matter's date (a page may date a release a
 * day after it was issued). A dateline counts only near the stored date (without its year, the year that puts it
 * nearest), or, with its year, inside a stored month or year; undefined when the piece has no dated dateline.
 */
export function datelineDay(paragraphs: readonly { role: string; text: string }[], published: PartialDate | undefined): PartialDate | undefined {
  let found: PartialDate | undefined;
  for (const p of paragraphs) {
    if (p.role === "related") continue;
    const dateline = datedDateline(p.text);
    const day = dateline ? writtenDay(dateline.date, published) : undefined;
    if (day) found = day;
    if (p.role === "body") break;
  }
  return found;
}

/** A dateline's date ("Oct. 19 2009", "28 July") as a day; one without its year only near the stored date. */
function writtenDay(date: string, published: PartialDate | undefined): PartialDate | undefined {
  const m = /^(?:(\d{1,2})\D*?\s+([A-Za-z]+)|([A-Za-z]+)\.?\s+(\d{1,2})\D*?)(?:,?\s+(\d{4}))?$/.exec(date);
  if (!m) return undefined;
  const month = monthIndex(m[2] ?? m[3] ?? "");
  const dayOfMonth = Number(m[1] ?? m[4]);
  if (month === undefined) return undefined;
  const at = (y: number): Date | undefined => {
    const d = new Date(Date.UTC(y, month - 1, dayOfMonth, 12));
    return d.getUTCMonth() === month - 1 ? d : undefined;
  };
  if (m[5] !== undefined) {
    const d = at(Number(m[5]));
    if (!d) return undefined;
    // (With its year, near the stored day too, or inside its month or year, when there is one: a date years before
    // it heads a story of the past, "December 16, 2014 – The day …", and never re-dates the story's "on Monday".)
    const day = isoDay(d);
    const fits = !published || (published.precision === "day" ? near(d, published) : day.startsWith(published.value));
    return fits ? { value: day, precision: "day" } : undefined;
  }
  if (!published) return undefined;
  const y = Number(published.value.slice(0, 4));
  for (const d of [at(y), at(y - 1), at(y + 1)]) if (d && near(d, published)) return { value: isoDay(d), precision: "day" };
  return undefined;
}

/** Whether a dateline's day falls YEARLESS_BEFORE_DAYS before to YEARLESS_AFTER_DAYS after the stored date. */
function near(d: Date, published: PartialDate): boolean {
  const diff = (d.getTime() - refFromPartial(published).getTime()) / 86_400_000;
  return diff >= -YEARLESS_BEFORE_DAYS && diff <= YEARLESS_AFTER_DAYS;
}
