/**
 * Dates: the publication date as the reference for relative dates, and each paragraph's date mentions (found by
 * ../dates-in-text.ts), carrying "two days later" across paragraphs.
 */
import type { PartialDate } from "../../text/dates.ts";
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
