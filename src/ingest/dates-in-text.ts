import * as chrono from "chrono-node";
import { isoDay, pad2, type PartialDate } from "../text/dates.ts";

export interface DateMention extends PartialDate {
  start: number;
  end: number;
  text: string;
}

const parser = chrono.en.casual.clone();
/** Every chrono (en, casual) match needs a digit or one of these words; a paragraph without any is skipped. */
const DATE_HINT =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|tonite|yesterday|tomorrow|tmr|now|noon|midnight|morning|evening|afternoon|night|week|month|year|day|ago|later|weekend|fortnight|quarter|hour|minute|second|last|next|past|this)/i;
const YEAR_RE = /\b(?:(in|since|of|by|until|till|from|during|early|late|mid|before|after|throughout)[ -])?((?:19[89]|20[0-4])\d)\b(?![,.]?\d)/gi;

/**
 * Finds dates in a paragraph relative to the article's publication date, with the precision the words
 * really carry: "January 11" → day, "last year" → year, "last week" → week, "earlier this month" → month.
 * News reports the past, so an ambiguous weekday or month-day that would fall after the reference moves back.
 */
export function findDates(text: string, reference: Date | undefined): DateMention[] {
  const out: DateMention[] = [];
  // Without a publication date only dates that name their year can be resolved; "last year" cannot.
  const ref = reference ?? new Date(Date.UTC(2000, 0, 1, 12));
  // chrono runs dozens of patterns over the whole text; most paragraphs have no word any of them could match.
  const results = DATE_HINT.test(text) ? parser.parse(text, ref) : [];
  for (const r of results) {
    // chrono counts "last week" as knowing its year (from the reference), so ask the words themselves.
    if (!reference && !/\b\d{4}\b/.test(r.text)) continue;
    const d = r.start.date();
    const phrase = r.text.toLowerCase();
    let precision: DateMention["precision"];
    if (/\bweek\b/.test(phrase)) precision = "week";
    else if (r.start.isCertain("day") || r.start.isCertain("weekday")) precision = "day";
    else if (r.start.isCertain("month")) precision = "month";
    else if (r.start.isCertain("year")) precision = "year";
    else continue;
    // "now", "tonight", "at night": times of day, not dates a desk can put on a timeline.
    if (/^(right )?now$|^currently$/.test(phrase)) continue;
    if (/night|morning|evening|afternoon|noon/.test(phrase) && !r.start.isCertain("day")) continue;
    let when = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), 12));
    if (precision === "day" && when.getTime() > ref.getTime() + 86_400_000 && !/\bnext\b|\bcoming\b/.test(phrase)) {
      if (!r.start.isCertain("year") && !r.start.isCertain("month")) when = new Date(when.getTime() - 7 * 86_400_000);
      else if (!r.start.isCertain("year")) when = new Date(Date.UTC(when.getUTCFullYear() - 1, when.getUTCMonth(), when.getUTCDate(), 12));
    }
    let value: string;
    if (precision === "week") {
      // chrono puts "this week" on its Sunday and "last week" on the same weekday a week back; a desk's week
      // runs Monday to Sunday, so take the Monday of the reference's week and step by whole weeks.
      const step = /\b(last|previous|past)\b/.test(phrase) ? -1 : /\b(next|coming)\b/.test(phrase) ? 1 : /\bthis\b/.test(phrase) ? 0 : undefined;
      const base = step === undefined ? when : new Date(ref.getTime() + step * 7 * 86_400_000);
      const monday = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate() - ((base.getUTCDay() + 6) % 7), 12));
      value = isoDay(monday);
    } else if (precision === "day") value = isoDay(when);
    else if (precision === "month") value = `${when.getUTCFullYear()}-${pad2(when.getUTCMonth() + 1)}`;
    else value = String(when.getUTCFullYear());
    out.push({ value, precision, start: r.index, end: r.index + r.text.length, text: r.text });
  }
  // Bare years ("since 2021", "the 2020 Doha Agreement"), which chrono leaves alone.
  for (const m of text.matchAll(YEAR_RE)) {
    const yearText = m[2] ?? "";
    const start = m.index + m[0].length - yearText.length;
    if (out.some((d) => start < d.end && start + 4 > d.start)) continue;
    out.push({ value: yearText, precision: "year", start, end: start + 4, text: yearText });
  }
  return out.sort((a, b) => a.start - b.start);
}
