import type * as chrono from "chrono-node";
import { lazyRequire } from "../lazy.ts";
import { isoDay, pad2, type PartialDate } from "../text/dates.ts";
import { NEED, needsIn, TIME_UNITS } from "./date-needs.ts";
import { isSpace } from "./sentences.ts";

export interface DateMention extends PartialDate {
  start: number;
  end: number;
  text: string;
}

/**
 * chrono's English locale alone: the package's index loads every locale (about 290 ms against 70 ms here), and only
 * English is parsed. Its `casual` is the same parser as the index's `en.casual`.
 */
const chronoEn = lazyRequire<typeof import("chrono-node/en")>("chrono-node/en");

const MONTH_START = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
const MONTH_NEEDED = new RegExp(MONTH_START, "i");
const UNITS = TIME_UNITS.join("|");
/** chrono's count before a time unit ("three", "10", "a few", "half an", "a couple of"): its NUMBER_PATTERN. */
const COUNT_WORDS = "(?:(?:eleven|twelve|three|seven|eight|four|five|nine|one|two|six|ten)|[0-9]+|[0-9]+\\.[0-9]+|half(?:\\s{0,2}an?)?|an?\\b(?:\\s{0,2}few)?|few|several|the|a?\\s{0,2}couple\\s{0,2}(?:of)?)";
/**
 * One count and its unit ("three days"): chrono's time-unit parsers match a run of up to eleven of these ("two
 * hours, 30 minutes"), which starts and ends with one.
 */
const ONE_UNIT = `(?:(?:about|around)\\s{0,3})?${COUNT_WORDS}\\s{0,3}(?:${UNITS})`;
const ONE_UNIT_LAST = `${COUNT_WORDS}\\s{0,3}(?:${UNITS})`;
/**
 * What a text must hold for each of chrono's parsers (en, casual) to match anything in it, keyed by a hash of the
 * parser's own pattern (its source and flags), from which the test was read: a parser with no match adds no result,
 * so leaving it out of a parse changes nothing, and a window none can match is not parsed at all. Each test is
 * text a match must contain (case-insensitive like chrono's patterns), never with a boundary or look-behind at its
 * start, since chrono also runs its patterns on a text's tails (a pattern that matches no tail of a text matches
 * nowhere in it, as its first try is on the whole text). A parser whose pattern is not in this table (another chrono
 * version) always runs.
 *
 * `found`: the test's bit among what needsIn (date-needs.ts) finds: the tests are asked all at once, in one pass over
 * the text, and their expressions here are what that pass is held to (test/unit/date-needs.test.ts).
 *
 * `and`: a second test, asked only of a text that passed the first (a quick one). The parsers of a run of time units
 * ("three days ago", "in 2 hrs") are tested by the count and unit their match must hold, not by the words around
 * them alone: their own patterns, a run of up to eleven counts and units, backtrack for milliseconds over a sentence
 * that has "before" or "after" but no count before it ("… accessible before 11 September"), and such windows were a
 * third of chrono's time.
 *
 * `weak`: the test passes in much text ("in 2020", "the next …"), so when only such parsers are left the parser's
 * own pattern is asked too. `timeOnly`: the parser finds times of day only ("10:30", "this morning"), which no refiner makes a date
 * (chrono merges a time with a date another parser found, or with a +/- offset or a phrase ending in "after"; never
 * two times into a date), and findDates keeps no result without a certain day, weekday, month or year or the word
 * "week": a window where nothing else can match is not parsed.
 */
/** A digit: the test of the parser of times of day. */
const DIGIT = /\d/;
const NEEDED_BY_PATTERN: Readonly<Record<string, { need: RegExp; found: number; and?: RegExp; weak?: true; timeOnly?: true }>> = {
  // ENYearMonthDayParser: "2024-10-25", "2024 Oct 25"
  "09a4b144": { need: new RegExp(`\\d{4}[-./\\s](?:\\d{1,2}[-./\\s]\\d|${MONTH_START})`, "i"), found: NEED.yearMonthDay },
  // ISOFormatParser
  "6bcf21ad": { need: /\d{4}-\d{1,2}-\d/, found: NEED.iso },
  // SlashDateFormatParser: "10/25", "25.10.2024"
  "4c965ad4": { need: /\d[-/.]\d/, found: NEED.slash },
  // ENTimeUnitWithinFormatParser: "within", "in", "for" before a count and its unit
  d085d5bb: { need: /in|for/i, found: NEED.inFor, and: new RegExp(`(?:within|in|for)\\s*(?:(?:about|around|roughly|approximately|just)\\s*(?:~\\s*)?)?${ONE_UNIT}`, "i"), weak: true },
  // ENMonthNameLittleEndianParser, ENMonthNameMiddleEndianParser, ENYearMonthNameParser, ENMonthNameParser
  e5093247: { need: MONTH_NEEDED, found: NEED.month },
  "4fe75f97": { need: MONTH_NEEDED, found: NEED.month },
  "6a416df1": { need: MONTH_NEEDED, found: NEED.month },
  c194d879: { need: MONTH_NEEDED, found: NEED.month },
  // ENWeekdayParser: a weekday's name or abbreviation (or weekend, weekday) before a non-word character, the end, or
  // the "of this week" its pattern lets follow without a space
  e4169096: { need: /(?:sun|mon|tue|wed|thu|thur|thurs|fri|sat|sunday|monday|tuesday|wednesday|thursday|friday|saturday|weekend|weekday)(?:\W|$|of|this|last|past|next)/i, found: NEED.weekday },
  // ENSlashMonthFormatParser: "10/2024"
  a5b64d29: { need: /\d\/\d{4}/, found: NEED.slashYear },
  // ENTimeExpressionParser: an hour's digits
  c6f93834: { need: DIGIT, found: NEED.digit, timeOnly: true },
  // ENTimeUnitAgoFormatParser, ENTimeUnitLaterFormatParser: the word, after a count and its unit
  "61d696c8": { need: /ago|before|earlier/i, found: NEED.ago, and: new RegExp(`${ONE_UNIT_LAST}\\s{0,5}(?:ago|before|earlier)(?:\\W|$)`, "i") },
  b9740e71: { need: /later|after|from now|henceforth|forward|out/i, found: NEED.later, and: new RegExp(`${ONE_UNIT_LAST}\\s{0,5}(?:later|after|from now|henceforth|forward|out)(?:\\W|$)`, "i") },
  // ENCasualDateParser ("last night" ends in "night")
  "7a95d8eb": { need: /(?:now|today|tonight|tomorrow|overmorrow|tmr|tmrw|yesterday|night)(?:\W|$)/i, found: NEED.casualDate },
  // ENCasualTimeParser ("midnight" ends in "night")
  "391ff145": { need: /(?:morning|afternoon|evening|night|midday|noon)(?:\W|$)/i, found: NEED.casualTime, timeOnly: true },
  // ENEndOfCurrentMonthParser: "end of the month"
  "1daec59b": { need: /of\s+(?:the\s+)?month(?:\W|$)/i, found: NEED.endOfMonth },
  // ENRelativeDateFormatParser: "last week", "this year"
  f33e17e0: { need: new RegExp(`(?:this|last|past|next)\\s*(?:${UNITS})(?:\\W|$)`, "i"), found: NEED.relative },
  // ENTimeUnitCasualRelativeFormatParser: "next 3 days", "+2 weeks"
  "208fb793": { need: /this|last|past|next|after|\+|-/i, found: NEED.casualRelative, and: new RegExp(`(?:this|last|past|next|after|\\+|-)\\s*${ONE_UNIT}`, "i"), weak: true },
};

/** The distinct tests of NEEDED_BY_PATTERN, each with its bit among what needsIn finds (for the test of needsIn). */
export function dateNeedTests(): { need: RegExp; found: number }[] {
  const byBit = new Map<number, RegExp>();
  for (const k of Object.values(NEEDED_BY_PATTERN)) byBit.set(k.found, k.need);
  return [...byBit].map(([found, need]) => ({ need, found }));
}

/** FNV-1a of a string, as eight hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

interface Pruned {
  /** Each parser's test (undefined: always runs), in chrono's order. */
  needs: (RegExp | undefined)[];
  /** The distinct tests, each with the bits of the parsers it is for, its NEED bit and its second test. */
  tests: { need: RegExp; found: number; and: RegExp | undefined; bits: number }[];
  /** Bits of the parsers that always run. */
  always: number;
  /** Each parser's own pattern. */
  patterns: RegExp[];
  /** Bits of the parsers whose test is weak, and of those that find times of day only. */
  weak: number;
  timeOnly: number;
  parsers: chrono.Parser[];
  refiners: chrono.Refiner[];
  /** chrono instances with only some parsers, by the bit mask of the parsers kept. */
  byMask: Map<number, chrono.Chrono>;
}
let pruned: Pruned | undefined;

/**
 * A parsing context as chrono makes one (its class is exported only from the index that loads every locale): taken
 * from a parse by a parser that matches nothing.
 */
function parsingContext(): chrono.ParsingContext {
  let context: chrono.ParsingContext | undefined;
  const probe: chrono.Parser = {
    pattern: (c) => {
      context = c;
      return /(?!)/;
    },
    extract: () => null,
  };
  new (chronoEn().Chrono)({ parsers: [probe], refiners: [] }).parse("", new Date(0));
  if (!context) throw new Error("chrono made no parsing context");
  return context;
}
/** chrono's English casual parser, split on first use (loading chrono costs half a second of start-up). */
function prunedChrono(): Pruned {
  if (pruned) return pruned;
  const casual = chronoEn().casual.clone();
  const context = parsingContext();
  const patterns = casual.parsers.map((p) => p.pattern(context));
  const known = patterns.map((pattern) => (pattern.global || pattern.sticky ? undefined : NEEDED_BY_PATTERN[fnv1a(`${pattern.source}/${pattern.flags}`)]));
  let weak = 0;
  let timeOnly = 0;
  known.forEach((k, i) => {
    if (k?.weak) weak |= 1 << i;
    if (k?.timeOnly) timeOnly |= 1 << i;
  });
  let always = 0;
  const tests: Pruned["tests"] = [];
  known.forEach((k, i) => {
    if (!k) always |= 1 << i;
    else {
      const same = tests.find((t) => t.need === k.need && t.and === k.and);
      if (same) same.bits |= 1 << i;
      else tests.push({ need: k.need, found: k.found, and: k.and, bits: 1 << i });
    }
  });
  pruned = { needs: known.map((k) => k?.need), tests, always, patterns, weak, timeOnly, parsers: casual.parsers, refiners: casual.refiners, byMask: new Map() };
  return pruned;
}

/** The names of chrono's parsers that always run, their patterns not being in NEEDED_BY_PATTERN (none, with this chrono). */
export function chronoParsersAlwaysRun(): string[] {
  const p = prunedChrono();
  return p.parsers.filter((_, i) => p.needs[i] === undefined).map((parser) => parser.constructor.name);
}

/** The parsers (bit mask) that can match something in a text. */
function parsersFor(p: Pruned, text: string): number {
  let mask = p.always;
  // (The first tests of all parsers in one pass, needsIn; a second test only of a text that passed the first.)
  const found = needsIn(text);
  for (const t of p.tests) if ((found & t.found) !== 0 && (t.and === undefined || t.and.test(text))) mask |= t.bits;
  // Only weak tests passed, besides those of times of day: ask those parsers' own patterns.
  if ((mask & ~p.timeOnly & ~p.weak) === 0) {
    for (let i = 0; i < p.patterns.length; i++) if ((mask & p.weak & (1 << i)) !== 0 && !p.patterns[i]?.test(text)) mask &= ~(1 << i);
  }
  return mask;
}

function parseWith(p: Pruned, mask: number, text: string, ref: Date): chrono.ParsedResult[] {
  if (mask === 0) return [];
  let chosen = p.byMask.get(mask);
  if (!chosen) {
    chosen = new (chronoEn().Chrono)({ parsers: p.parsers.filter((_, i) => (mask & (1 << i)) !== 0), refiners: p.refiners });
    p.byMask.set(mask, chosen);
  }
  return chosen.parse(text, ref);
}

/**
 * chrono's casual parse of a text, running only the parsers that can match something in it: the same results, in
 * the same order, as running them all (see NEEDED_BY_PATTERN).
 */
export function chronoParse(text: string, ref: Date): chrono.ParsedResult[] {
  const p = prunedChrono();
  return parseWith(p, parsersFor(p, text), text, ref);
}

/** chronoParse, but nothing for a text where only times of day can be found (findDates keeps none of them). */
function parseForDates(text: string, ref: Date): chrono.ParsedResult[] {
  const p = prunedChrono();
  const mask = parsersFor(p, text);
  return (mask & ~p.timeOnly) === 0 ? [] : parseWith(p, mask, text, ref);
}

/**
 * Every date chrono (en, casual) finds that we keep has a digit, a month or weekday name, or one of these
 * words; a paragraph without any is skipped, and only the stretches around them are parsed. (A run of digits is one
 * hint: its window is the one its digits one by one made, each widening it to the run's end.)
 */
const DATE_HINT =
  /\d+|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|satur|sun)(?:day)?|today|tonight|last night|yesterday|tomorrow|ago|later|weekend|fortnight|(?:week|month|year|quarter)s?)\b/i;
const DATE_HINT_G = new RegExp(DATE_HINT.source, "gi");
const THIS_PART_OF_DAY = /\b[Tt]his (?:morning|afternoon|evening)\b/g;
/**
 * Quick tests before THIS_PART_OF_DAY and RELATION_DAYS: "his morning", "his afternoon" or "his evening"; "day after",
 * "days after", "day before" or "days before", in one search of the paragraph (seven substring tests cost a sixth of
 * all the dates' time, and an expression for each was a search of the paragraph each).
 */
const PART_OF_DAY_OR_RELATION_HINT = /his (?:morning|afternoon|evening)|days? (?:after|before)/g;
const THIS_PART_OF_DAY_BIT = 1;
const RELATION_DAYS_BIT = 2;

/** Characters of context chrono gets on each side of a hint word: longer than any date phrase it matches. */
const WINDOW = 48;

/**
 * Longest stretch chrono parses at once. Its end-of-period refiner runs a regular expression over all the text
 * before each match, so a stretch of dense dates costs the square of its length (2 MB of dates ran past a
 * minute); longer runs of hints are parsed in overlapping pieces of about this size, which keeps ingest linear.
 */
const MAX_SPAN = 1000;

/**
 * The stretches around words a date phrase needs (`hints`: DATE_HINT's matches, [start, end) pairs in text order), as
 * [start, end) pairs one after another (merged when they overlap), each a WINDOW of context wide on either side of its
 * hints and widened to whole words.
 */
function hintWindows(text: string, hints: readonly number[]): number[] {
  const windows: number[] = [];
  const length = text.length;
  let lastEnd = -1;
  for (let h = 0; h < hints.length; h += 2) {
    const hintStart = hints[h] ?? 0;
    const hintEnd = hints[h + 1] ?? 0;
    // (A hint whose context ends inside the window before adds nothing to it: that window ends at a space or at the
    // text's end, where widening this one's end would stop too. Dense hints, a figure's digits, are skipped so.)
    if (Math.min(length, hintEnd + WINDOW) <= lastEnd) continue;
    let a = Math.max(0, hintStart - WINDOW);
    let b = Math.min(length, hintEnd + WINDOW);
    while (b < length && !isSpace(text.charCodeAt(b))) b++;
    if (a <= lastEnd) {
      // (b > lastEnd here: the test above failed, and widening only moves b on.)
      windows[windows.length - 1] = b;
    } else {
      while (a > 0 && !isSpace(text.charCodeAt(a - 1))) a--;
      // (Widening a back stops at the first space, which lastEnd, a space or the text's end, lies before: a > lastEnd still.)
      windows.push(a, b);
    }
    lastEnd = b;
  }
  return windows;
}

/**
 * What findDates looks for in the whole paragraph: DATE_HINT's matches (`hints`, [start, end) pairs in order), which
 * of PART_OF_DAY_OR_RELATION_HINT's kinds it holds (`partOfDay`, bits) and YEAR_RE's matches (`years`, their starts).
 */
export interface ParagraphHints {
  hints: number[];
  partOfDay: number;
  years: number[];
}

/**
 * DATE_HINT and PART_OF_DAY_OR_RELATION_HINT in one expression (the second in a group; its case is checked after, as
 * the expression ignores case for the first).
 */
const HINT_OR_PART_OF_DAY = new RegExp(`${DATE_HINT.source}|(${PART_OF_DAY_OR_RELATION_HINT.source})`, "gi");
const UPPER_ASCII = /[A-Z]/;

/**
 * ParagraphHints in one search of the text (three searched it: DATE_HINT, PART_OF_DAY_OR_RELATION_HINT, YEAR_RE). No
 * hint can start where a piece of the part of day or relation does (none starts with "h", nor "day"), and such a piece
 * starts inside a hint only as "day after" or "day before" at the end of "Monday", "today", "yesterday" and the like,
 * which is asked where the hint ends. A bare year is a run of four digits, which DATE_HINT's \d+ finds whole (no digit
 * run starts inside another match), with no word character on either side and no [,.]?\d after it. The three
 * expressions stay the definition (hintsByExpressions; test/unit/dates-in-text.test.ts holds this to them).
 */
export function paragraphHints(text: string): ParagraphHints {
  const hints: number[] = [];
  const years: number[] = [];
  let partOfDay = 0;
  // (exec, not matchAll: no iterator and no copy of the expression for each paragraph.)
  HINT_OR_PART_OF_DAY.lastIndex = 0;
  for (let m = HINT_OR_PART_OF_DAY.exec(text); m; m = HINT_OR_PART_OF_DAY.exec(text)) {
    const start = m.index;
    const matched = m[0];
    const end = start + matched.length;
    if (m[1] !== undefined) {
      // (In these letters' case, as PART_OF_DAY_OR_RELATION_HINT asks.)
      if (!UPPER_ASCII.test(matched)) partOfDay |= matched.charCodeAt(0) === 104 ? THIS_PART_OF_DAY_BIT : RELATION_DAYS_BIT;
      // (The next search starts at the next character: a piece overlapping this one is found too.)
      HINT_OR_PART_OF_DAY.lastIndex = start + 1;
      continue;
    }
    hints.push(start, end);
    const first = matched.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      if (matched.length === 4 && isBareYear(text, start, matched)) years.push(start);
    } else if (matched.endsWith("day") && (text.startsWith(" after", end) || text.startsWith(" before", end))) partOfDay |= RELATION_DAYS_BIT;
  }
  return { hints, partOfDay, years };
}

/** Whether four digits at `start` are a year YEAR_RE takes: 1980–2049, no word character on either side, no [,.]?\d after. */
function isBareYear(text: string, start: number, digits: string): boolean {
  const a = digits.charCodeAt(0);
  const b = digits.charCodeAt(1);
  const c = digits.charCodeAt(2);
  if (!((a === 49 && b === 57 && (c === 56 || c === 57)) || (a === 50 && b === 48 && c >= 48 && c <= 52))) return false;
  const end = start + 4;
  if (isWordCode(text.charCodeAt(start - 1)) || isWordCode(text.charCodeAt(end))) return false;
  const next = text.charCodeAt(end);
  return !((next === 44 || next === 46) && isDigitCode(text.charCodeAt(end + 1)));
}
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
/** \w: an ASCII letter or digit, or "_". */
const isWordCode = (c: number): boolean => isDigitCode(c) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;

/** ParagraphHints by the three expressions, each searching the text (the definition paragraphHints is held to). */
export function hintsByExpressions(text: string): ParagraphHints {
  const hints: number[] = [];
  DATE_HINT_G.lastIndex = 0;
  for (let m = DATE_HINT_G.exec(text); m; m = DATE_HINT_G.exec(text)) hints.push(m.index, m.index + m[0].length);
  const years: number[] = [];
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(text); m; m = YEAR_RE.exec(text)) years.push(m.index);
  return { hints, partOfDay: partOfDayOrRelation(text), years };
}

/**
 * chrono runs dozens of patterns over all the text it is given; it is given only the stretches around words a date
 * phrase needs (hintWindows, cut into pieces of at most MAX_SPAN), and its offsets are shifted back into the paragraph.
 * Its results are taken piece by piece, in text order, not gathered for the whole paragraph: each holds a dozen objects
 * of chrono's, and a paragraph of 5 MB of dates held 150 MB of them at once.
 */
function parseNearHints(text: string, hints: readonly number[], ref: Date, found: FoundDates): void {
  const windows = hintWindows(text, hints);
  for (let w = 0; w < windows.length; w += 2) {
    const a = windows[w] ?? 0;
    const b = windows[w + 1] ?? 0;
    // Pieces of a long window overlap by two WINDOWs; each phrase is taken from the piece its end falls in
    // (before `keepTo`, which lies a WINDOW inside the piece's end), so none is cut and none counted twice.
    let from = a;
    let keepFrom = a;
    for (;;) {
      let to = Math.min(b, from + MAX_SPAN);
      while (to < b && !isSpace(text.charCodeAt(to))) to++;
      const keepTo = to >= b ? b : to - WINDOW;
      for (const r of parseForDates(text.slice(from, to), ref)) {
        const end = r.index + from + r.text.length;
        if (end > keepFrom && end <= keepTo) takeDate(found, r.index + from, r.text, r.start);
      }
      if (to >= b) break;
      keepFrom = keepTo;
      from = Math.max(from + 1, keepTo - WINDOW);
      while (from > a && !isSpace(text.charCodeAt(from - 1))) from--;
    }
  }
}

const COUNT = "(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several)";
const UNIT = "(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?)";
/** Spans of time rather than dates: "for 15 years", "within two weeks", "the past three years". */
const DURATION = new RegExp(`^(?:(?:for|in|within|over|after|during)\\s+)?(?:(?:the\\s+)?(?:next|past|last|coming)\\s+)?${COUNT}\\s+${UNIT}$`);

/**
 * A year standing alone: four digits, no digit or word character on either side (nor a digit after a comma or a stop).
 * (It was searched with the word before it, "in 2020", "mid-2020", which was never read and made the search try a
 * dozen words at every word's start.)
 */
const YEAR_RE = /\b(?:19[89]|20[0-4])\d\b(?![,.]?\d)/g;

/** What findDates gathers from chrono's results for a paragraph, and what it reads them against. */
interface FoundDates {
  text: string;
  reference: Date | undefined;
  ref: Date;
  out: DateMention[];
  laters: { start: number; end: number; text: string; days: number; precision: DateMention["precision"] }[];
}

/** One date phrase chrono found at `index` in the paragraph: a date of the paragraph's, a "later" to resolve, or nothing. */
function takeDate(found: FoundDates, index: number, phraseText: string, start: chrono.ParsedComponents): void {
  const { text, reference, ref } = found;
  // chrono counts "last week" as knowing its year (from the reference), so ask the words themselves.
  if (!reference && !/\b\d{4}\b/.test(phraseText)) return;
  const d = start.date();
  const phrase = phraseText.toLowerCase();
  let precision: DateMention["precision"];
  // A weekend is two days: the week that holds it is what the words know ("the weekend's fighting").
  // So are weeks counted ("two weeks ago", "a few weeks ago") and days counted vaguely ("a few days ago", "several
  // days later"): no one day is what the words know.
  if (/\bweek(?:end|s)?\b/.test(phrase) || VAGUE_DAYS.test(phrase)) precision = "week";
  else if (start.isCertain("day") || start.isCertain("weekday")) precision = "day";
  else if (start.isCertain("month")) precision = "month";
  else if (start.isCertain("year")) precision = "year";
  else return;
  // "at the end of July", "by the end of the month": the last days of a month, which no one day is (chrono puts
  // them on its last day); the month is what the words know. ("The last day of July" is a day.)
  if (precision === "day" && END_OF.test(phrase)) precision = "month";
  // "for 15 years", "within two weeks", "in 10 days": spans of time, which chrono counts forward from the
  // reference ("for 15 years" → 2040), not dates.
  if (DURATION.test(phrase)) return;
  // "Two days later" counts from the event before it, not from the publication date: resolved below from the
  // paragraph's previous date, or not at all.
  // "two days after the attack", "a day before the vote": the span between two happenings, counted from the one
  // the words after it name, never from the day of writing (chrono put "a day after" on the day after publication);
  // dated below from the day its clause names ("on Tuesday, a day after …"), or not at all.
  if (RELATION.test(phrase) && OPENS_PHRASE.test(text.slice(index + phraseText.length, index + phraseText.length + 3))) return;
  if (LATER.test(phrase)) {
    found.laters.push({ start: index, end: index + phraseText.length, text: phraseText, days: Math.round((d.getTime() - ref.getTime()) / 86_400_000), precision });
    return;
  }
  // A weekday or month word alone is a date only in date context: "sat", "wed" and "a march" are not.
  if (!inDateContext(text, index, phraseText)) return;
  // "now", "tonight", "at night": times of day, not dates a desk can put on a timeline.
  if (/^(right )?now$|^currently$/.test(phrase)) return;
  // ("on Wednesday morning" names its day, and stays.)
  if (/night|morning|evening|afternoon|noon/.test(phrase) && !start.isCertain("day") && !start.isCertain("weekday")) return;
  let when = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), 12));
  // News reports the past, so a weekday or month-day after the reference moves back, unless the words say it lies
  // ahead ("will meet on 25 October", "would meet again on Wednesday", "leave by November 1").
  if (precision === "day" && when.getTime() > ref.getTime() + 86_400_000 && !/\bnext\b|\bcoming\b/.test(phrase) && !(reference && isAhead(text, index))) {
    if (!start.isCertain("year") && !start.isCertain("month")) when = new Date(when.getTime() - 7 * 86_400_000);
    else if (!start.isCertain("year")) when = new Date(Date.UTC(when.getUTCFullYear() - 1, when.getUTCMonth(), when.getUTCDate(), 12));
  }
  // A weekday alone that chrono puts on the day after the reference is the one a week before when its sentence tells
  // it in the past and nothing puts it ahead: "A drone strike hit a car near Wana on Tuesday", told on a Monday.
  else if (precision === "day" && when.getTime() > ref.getTime() + 43_200_000 && reference && !start.isCertain("day") && !start.isCertain("month") && !/\b(?:next|coming|this)\b/.test(phrase) && !isAhead(text, index) && toldInPast(text, index, index + phraseText.length)) {
    when = new Date(when.getTime() - 7 * 86_400_000);
  }
  // chrono takes a weekday alone for the nearest one, which may be before the reference; one the words of its own
  // clause put ahead ("will go to Kabul Friday", told on a Monday) is the next.
  else if (precision === "day" && when.getTime() < ref.getTime() - 43_200_000 && reference && !start.isCertain("day") && !start.isCertain("month") && !/\b(?:last|past|previous)\b/.test(phrase) && aheadInClause(text, index)) {
    when = new Date(when.getTime() + 7 * 86_400_000);
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
  found.out.push({ value, precision, start: index, end: index + phraseText.length, text: phraseText });
}

/**
 * Finds dates in a paragraph relative to the article's publication date, with the precision the words
 * really carry: "January 11" → day, "last year" → year, "last week" → week, "earlier this month" → month.
 * News reports the past, so an ambiguous weekday or month-day that would fall after the reference moves back.
 * "Two days later" counts from the date before it in the paragraph, or from `before` (the last date of the
 * paragraph before, or a function that finds it, asked only by a "later"), never from the publication date.
 */
export function findDates(text: string, reference: Date | undefined, before?: PartialDate | (() => PartialDate | undefined)): DateMention[] {
  // Without a publication date only dates that name their year can be resolved; "last year" cannot.
  const ref = reference ?? new Date(Date.UTC(2000, 0, 1, 12));
  const found: FoundDates = { text, reference, ref, out: [], laters: [] };
  // (The hints, the part of day's and relation's quick tests and the bare years, all in one search of the paragraph.)
  const { hints, partOfDay, years: yearStarts } = paragraphHints(text);
  parseNearHints(text, hints, ref, found);
  const { out, laters } = found;
  // (Both walks below go through the dates in order once: a scan of every date per year or per "later" made
  // date-dense text cost the square of its length.)
  // "this morning", "this afternoon", "this evening" in a report are the day it was written ("this morning’s
  // attack"), where chrono knows only a time of day. (A substring test first: few paragraphs say it.)
  if (reference && (partOfDay & THIS_PART_OF_DAY_BIT) !== 0) {
    const today = isoDay(new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate(), 12)));
    for (const m of text.matchAll(THIS_PART_OF_DAY)) {
      if (!out.some((d) => d.start < m.index + m[0].length && d.end > m.index)) out.push({ value: today, precision: "day", start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  out.sort((a, b) => a.start - b.start);
  if ((partOfDay & RELATION_DAYS_BIT) !== 0) relationDays(text, out);
  // Bare years ("since 2021", "the 2020 Doha Agreement"), which chrono leaves alone (YEAR_RE's matches, found above).
  const years: DateMention[] = [];
  let next = 0;
  for (const start of yearStarts) {
    // chrono's dates are in order and do not overlap: skip those that end before this year starts.
    while (next < out.length && (out[next]?.end ?? 0) <= start) next++;
    const d = out[next];
    if (d && start + 4 > d.start) continue;
    const yearText = text.slice(start, start + 4);
    years.push({ value: yearText, precision: "year", start, end: start + 4, text: yearText });
  }
  if (years.length) {
    out.push(...years);
    out.sort((a, b) => a.start - b.start);
  }
  if (!laters.length) return out;
  // The date before each "later" in this paragraph (the one ending last before it, a "later" resolved before
  // it included), else the last one of the paragraph before (`before`).
  const byEnd = [...out].sort((a, b) => a.end - b.end);
  let k = 0;
  // (`before` may be asked for only now: what came before is read only for a "later".)
  let anchor: PartialDate | undefined = typeof before === "function" ? before() : before;
  let anchorEnd = -1;
  for (const l of laters.sort((a, b) => a.start - b.start)) {
    for (; k < byEnd.length && (byEnd[k]?.end ?? Infinity) <= l.start; k++) {
      const d = byEnd[k];
      if (d && d.end > anchorEnd) {
        anchor = d;
        anchorEnd = d.end;
      }
    }
    const resolved = anchor ? later(anchor, l.days, l.precision) : undefined;
    if (resolved) {
      // (A literal of DateMention's fields in their order, not a spread: every date then has one shape, and the loops
      // over a sentence's dates are not deoptimised by a rare one.)
      const mention: DateMention = { value: resolved.value, precision: resolved.precision, start: l.start, end: l.end, text: l.text };
      out.push(mention);
      if (mention.end > anchorEnd) {
        anchor = mention;
        anchorEnd = mention.end;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const LATER = /\blater$/;
/** A vague count of days: "a few days ago", "several days later", "a couple of days before". */
const VAGUE_DAYS = /\b(?:few|several|some|couple(?:\s+of)?)\s+days\b/;
/** A span before "after" or "before" (chrono's reading of "two days after", "a week before"). */
const RELATION = new RegExp(`^(?:(?:about|around|some|just|only|barely|nearly|almost)\\s+)?(?:${COUNT}|the)\\s+${UNIT}\\s+(?:after|before)$`);
/** After such a span: a word, which opens the happening it is counted from ("after militants launched …", "after the attack"). */
const OPENS_PHRASE = /^\s+["“‘']?\w/;
/** A count of days before "after" or "before" and a word ("a day after militants …", "the day before the vote"; not "the day after tomorrow"). */
const RELATION_DAYS = /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|the|\d{1,2})\s+days?\s+(after|before)\s+(?!(?:tomorrow|yesterday|today|tonight)\b)(?=["“‘']?\w)/gi;
/**
 * Between the day a clause names and a span counted from it: a comma, "came", "was", "just" ("on Tuesday, a day
 * after …", "The attack on Monday came two days after …").
 */
const DAY_TO_RELATION = /^[\s,]*(?:(?:came|comes|come|was|were|happened|took place|occurred)\s+)?(?:(?:just|only|barely|some|nearly|almost|exactly)\s+)?$/i;
/** A verb of saying: a day before it or just after it is the telling's, which no span after a comma is counted from. */
const SAYING = /\b(?:said|says|say|told|tells|announced|reported|stated|added|confirmed)\b/i;

/**
 * Whether a span at `at` is counted from the day `anchor` names: right after it ("on Tuesday, a day after …"), or after
 * a comma that ends the clause it dates ("joined a march in Quetta on Tuesday to protest …, a day after gunmen
 * attacked …"), with no stop and no verb of saying between, and none just before the day ("said Tuesday, a day after"
 * counts from the telling, not from what was told).
 */
function anchors(text: string, anchor: DateMention, at: number): boolean {
  const between = text.slice(anchor.end, at);
  if (DAY_TO_RELATION.test(between)) return true;
  return between.length <= 120 && /,\s*$/.test(between) && !/[.;:!?]/.test(between) && !SAYING.test(between) && !SAYING.test(text.slice(Math.max(0, anchor.start - 30), anchor.start));
}
const DAY_COUNTS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, the: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/**
 * "The clash took place on Tuesday, a day after militants launched a suicide bomb attack": the happening the span is
 * counted from is that many days before (after "after") or after (after "before") the day the clause names just
 * before it; adds it to the paragraph's dates (in order). With no day right before it, the span dates nothing.
 */
function relationDays(text: string, out: DateMention[]): void {
  // (Only the days the words name are anchors: "on Tuesday, a day after A, two days after B" counts B from Tuesday too,
  // never from the day a span before it made.)
  const named = out.length;
  for (const m of text.matchAll(RELATION_DAYS)) {
    let anchor: DateMention | undefined;
    for (let k = 0; k < named; k++) {
      const d = out[k];
      if (!d) break;
      if (d.end > m.index) break;
      anchor = d;
    }
    if (!anchor || anchor.precision !== "day" || !anchors(text, anchor, m.index)) continue;
    const word = (m[1] ?? "").toLowerCase();
    const days = DAY_COUNTS[word] ?? Number(word);
    const [y = NaN, mo = 1, d = 1] = anchor.value.split("-").map(Number);
    if (Number.isNaN(y) || !Number.isFinite(days)) continue;
    const sign = (m[2] ?? "").toLowerCase() === "after" ? -1 : 1;
    const value = isoDay(new Date(Date.UTC(y, mo - 1, d + sign * days, 12)));
    const phrase = m[0].trimEnd();
    out.push({ value, precision: "day", start: m.index, end: m.index + phrase.length, text: phrase });
  }
  out.sort((a, b) => a.start - b.start);
}
/** A date phrase of a month's last days: "end of July", "the end of the month". */
const END_OF = /^(?:the\s+)?end\s+of\b/;
/** Which of PART_OF_DAY_OR_RELATION_HINT's two kinds the text holds, as bits. */
function partOfDayOrRelation(text: string): number {
  let bits = 0;
  PART_OF_DAY_OR_RELATION_HINT.lastIndex = 0;
  for (let m = PART_OF_DAY_OR_RELATION_HINT.exec(text); m && bits !== 3; m = PART_OF_DAY_OR_RELATION_HINT.exec(text)) {
    bits |= m[0].charCodeAt(0) === 104 ? THIS_PART_OF_DAY_BIT : RELATION_DAYS_BIT;
    // (The next search starts at the next character: a match overlapping this one is found too.)
    PART_OF_DAY_OR_RELATION_HINT.lastIndex = m.index + 1;
  }
  return bits;
}

/** (A constant: tsx's esbuild lowers a literal with \p{…} to `new RegExp(…)`, built again on every call.) */
const UPPER_FIRST = /^\p{Lu}/u;

/** A weekday or month name on its own, perhaps after "on" (how chrono reports "on Tuesday"). */
const BARE_DAY_OR_MONTH = /^(?:on\s+)?(?:(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day)?|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?$/i;
/** Words before a month name that make it a date ("in March", "since May", "early June"). */
const MONTH_CONTEXT = /\b(?:in|since|by|until|till|from|during|early|late|mid|last|next|this|of|before|after|throughout|through|between|and|to|on)[\s-]+$/i;

/**
 * Whether a date phrase chrono found stands in date context: a weekday alone must be written as one (capitalised,
 * in full: "Monday", not the verbs "sat" and "wed"); a month alone must be capitalised and follow a word that takes a
 * date ("in March", not "a march in Quetta", nor the verb "May"). Longer phrases ("March 3", "last week") are dates.
 */
function inDateContext(text: string, index: number, phrase: string): boolean {
  const m = BARE_DAY_OR_MONTH.exec(phrase.trim());
  if (!m) return true;
  const word = phrase.trim().replace(/^on\s+/i, "");
  if (!UPPER_FIRST.test(word)) return false;
  if (m[1] !== undefined) return m[2] !== undefined;
  const at = index + phrase.indexOf(word);
  return MONTH_CONTEXT.test(text.slice(Math.max(0, at - 24), at));
}

/** Words before a date, in its sentence, that put it ahead of the telling: a plan, a schedule, a deadline. */
const AHEAD = /\b(?:will|would|shall|is to|are to|was to|were to|is due|are due|due to|scheduled|set to|expected to|plans? to|planned|upcoming|deadline)\b/i;
/**
 * Just before a date: a deadline's word ("by", "until"), or a deadline moved to it ("extended to 31 August", "postponed
 * to Friday"): a date the telling looks ahead to, never one moved back a year.
 */
const AHEAD_JUST_BEFORE = /\b(?:by|until|till|before|(?:extended|postponed|deferred|delayed|pushed back|put off|rescheduled|moved back)\s+(?:to|until|till))\s+(?:the\s+)?$/i;

function isAhead(text: string, index: number): boolean {
  const from = Math.max(0, index - 160);
  const before = text.slice(from, index);
  const stop = Math.max(before.lastIndexOf(". "), before.lastIndexOf("! "), before.lastIndexOf("? "));
  const clause = stop >= 0 ? before.slice(stop + 2) : before;
  return putsAhead(clause) || AHEAD_JUST_BEFORE.test(clause);
}

/** A verb of saying after the words that put a date ahead: the date is the telling's ("who would not be named, said Friday"). */
const TOLD = /\b(?:said|says|told|announced|added)\b/;
/**
 * A finite verb in the past after them: the date is that verb's ("Traders who will lose money protested Saturday",
 * "The scheduled flight was cancelled Saturday"). A participle after "be", "have" or "to" is none ("will be
 * deployed"), nor are words that only end in "ed" ("a hundred", "need"), nor a participle used as an adjective:
 * after a determiner or a verb like "remain" ("will reopen the closed crossing", "will remain closed"), or before
 * the noun it describes ("will meet displaced families").
 */
const WAS_AFTER = /\b(?:was|were|had)\b/;
const ED_WORD = /(?<!\b(?:be|been|being|have|has|to)\s+)\b(?!(?:hundred|need|feed|speed|seed|shed|red|bed|sacred|naked|wicked|beloved|aged)\b)[a-z]{2,}ed\b/g;
/** Just before a participle used as an adjective: a determiner, or a verb it completes ("remain closed"). */
const ADJECTIVE_BEFORE = /\b(?:the|a|an|its|their|his|her|our|your|this|that|these|those|some|any|no|all|many|several|more|most|newly|recently|remain|remains|stay|stays|keep|keeps|kept|get|gets|become|becomes)\s+$/i;
/**
 * Just after a verb in the past: nothing, a stop, a number, a date, or a word that opens its object or adjunct (a
 * preposition, determiner, conjunction, adverb); any other word is a noun the participle describes. (After "who" or
 * "which" the word is a verb whatever follows: "officials who visited Kabul".)
 */
const VERB_NEXT =
  /^(?:\s*$|\s*[,;:(]|\s+(?:\d|[a-z]+ly\b|(?:on|at|in|into|onto|near|outside|inside|across|along|with|without|by|for|from|to|of|over|under|after|before|during|since|until|against|through|toward|towards|around|the|a|an|his|her|their|its|our|this|that|these|those|some|and|or|but|as|when|while|who|which|last|here|there|again|back|up|down|off|out|away|late|early|twice|once|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\b))/i;

/** Just before a verb: a relative pronoun, its subject ("officials who visited Kabul"), which makes an -ed word a finite verb. */
const RELATIVE_BEFORE = /\b(?:who|which)\s+$/i;

/**
 * Verbs whose past is not written with "-ed" (the news's verbs of violence, movement and meeting): a finite verb in the
 * past unless a modal, "to", "be" or "have" stands before it ("will hit", "has struck") or a determiner makes it a noun
 * ("a hit", "the shot"). "killed", "attacked" are regular.
 */
export const IRREGULAR_PAST_WORDS =
  "hit|struck|shot|blew|fled|fought|fell|took|overran|threw|began|came|went|broke|caught|drove|flew|led|left|met|saw|sent|spoke|stole|stood|swept|tore|won|lost|slew|rode|brought|held|made|gave|sought|withdrew|overtook|undertook|became";
const IRREGULAR_PAST = new RegExp(`\\b(?:${IRREGULAR_PAST_WORDS})\\b`, "gi");
const NOT_FINITE_BEFORE = /\b(?:will|would|shall|should|could|can|may|might|must|to|be|been|being|is|are|has|have|had|the|a|an|its|their|his|her|this|that)\s+$/i;

function pastVerbIn(words: string): boolean {
  if (WAS_AFTER.test(words)) return true;
  for (const m of words.matchAll(IRREGULAR_PAST)) if (!NOT_FINITE_BEFORE.test(words.slice(Math.max(0, m.index - 12), m.index))) return true;
  for (const m of words.matchAll(ED_WORD)) {
    const before = words.slice(0, m.index);
    if (RELATIVE_BEFORE.test(before) || (!ADJECTIVE_BEFORE.test(before) && VERB_NEXT.test(words.slice(m.index + m[0].length)))) return true;
  }
  return false;
}
/** The sentence around a date (from the stop before it to the stop after it). */
const STOP_BEFORE = /[.!?]\s+(?=[^.!?]*$)/;
/**
 * Where a clause opens: a mark, a conjunction or a relative, a verb of saying before the clause it reports, or an
 * infinitive's "to" before a verb of the news ("expected the army to hold talks"). (Prepositions that may be
 * conjunctions, "after", "before", "until", are left out: "attacked a post after midnight on Tuesday".)
 */
const CLAUSE_OPENER =
  /[,;:]|\b(?:and|but|or|that|which|who|whom|whose|where|when|while|because|although|though|if|unless|said|says|say|told|tells|added|adds)\b|\bto(?=\s+(?:open|reopen|close|hold|meet|visit|travel|resume|begin|start|arrive|return|leave|sign|attend|announce|launch|end|take|go|come|reach|discuss|vote|decide|deliver|hand|release)\b)/gi;
/** CLAUSE_OPENER for a first match (no state between calls). */
const CLAUSE_OPENS = new RegExp(CLAUSE_OPENER.source, "i");
/** A clause before a date with no word of its own: "on", "early", "late", "the" at most. */
const NO_CLAUSE = /^(?:\s|\b(?:on|early|late|the)\b)*$/i;
/**
 * Whether the clause of a date (start to end) tells it in the past: a finite verb in the past (pastVerbIn) in the words
 * of its sentence from the clause opener before it to the one after it ("Officials said the militants attacked a post
 * on Tuesday"), or a verb of saying in the past right before it ("said on Tuesday that …"). A verb in the past of
 * another clause ("Elders who fled … said talks take place on Tuesday") tells nothing of the date.
 */
function toldInPast(text: string, start: number, end: number): boolean {
  let before = text.slice(Math.max(0, start - 200), start);
  const stop = STOP_BEFORE.exec(before);
  if (stop) before = before.slice(stop.index + stop[0].length);
  let after = text.slice(end, end + 200);
  const next = /[.!?](?:\s|$)/.exec(after);
  if (next) after = after.slice(0, next.index);
  let cut = 0;
  let opener = "";
  for (const m of before.matchAll(CLAUSE_OPENER)) {
    cut = m.index + m[0].length;
    opener = m[0];
  }
  let own = before.slice(cut);
  if (NO_CLAUSE.test(own)) {
    // The date opens its clause: its telling right before it ("said on Tuesday"), or the words after it ("On Tuesday,
    // militants attacked …").
    if (/^(?:said|told|added)$/i.test(opener)) return true;
    own = "";
    after = after.replace(/^\s*,/, "");
  }
  const close = CLAUSE_OPENS.exec(after);
  return pastVerbIn(`${own} ${close ? after.slice(0, close.index) : after}`);
}
/** Just before "due to": a form of "be" ("is due to arrive"); without one it is "because of" ("closed due to clashes"). */
const BE_BEFORE = /\b(?:is|are|was|were|be|been|being|not)\s+$/i;
const AHEAD_ALL = new RegExp(AHEAD.source, "gi");

/**
 * Whether the words of a clause before a date put it ahead of the telling: the last of AHEAD's words ("due to" only
 * after "be"), with no verb of saying and no verb in the past after it.
 */
function putsAhead(clause: string): boolean {
  if (!AHEAD.test(clause)) return false;
  let last: RegExpExecArray | undefined;
  for (const m of clause.matchAll(AHEAD_ALL)) if (!/^due to$/i.test(m[0]) || BE_BEFORE.test(clause.slice(0, m.index))) last = m;
  if (!last) return false;
  const after = clause.slice(last.index);
  return !TOLD.test(after) && !pastVerbIn(after.slice(last[0].length));
}
/** Whether the words just before a date, in its own clause (after the last comma or stop), put it ahead. */
function aheadInClause(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  const clause = before.slice(Math.max(before.lastIndexOf(","), before.lastIndexOf(". "), before.lastIndexOf(";")) + 1);
  return putsAhead(clause);
}
const PRECISION_RANK: Record<DateMention["precision"], number> = { day: 0, week: 1, month: 2, year: 3 };

/**
 * `days` after a date, with the coarser of the two precisions: "on October 3 … two days later" is 5 October;
 * "in 2021 … two years later" is 2023; "a month later" after a day is that month.
 */
function later(anchor: PartialDate, days: number, precision: DateMention["precision"]): PartialDate | undefined {
  const coarser = PRECISION_RANK[anchor.precision] >= PRECISION_RANK[precision] ? anchor.precision : precision;
  const [y = NaN, m = 1, d = 1] = anchor.value.split("-").map(Number);
  if (Number.isNaN(y)) return undefined;
  const when = new Date(Date.UTC(y, m - 1, d, 12) + days * 86_400_000);
  if (coarser === "year") {
    // From a year alone, only whole years can be counted.
    return anchor.precision === "year" ? { value: String(y + Math.round(days / 365.25)), precision: "year" } : { value: String(when.getUTCFullYear()), precision: "year" };
  }
  if (anchor.precision === "year") return undefined;
  if (coarser === "month") return { value: `${when.getUTCFullYear()}-${pad2(when.getUTCMonth() + 1)}`, precision: "month" };
  if (anchor.precision !== "day") return undefined;
  if (coarser === "week") {
    const monday = new Date(when.getTime() - ((when.getUTCDay() + 6) % 7) * 86_400_000);
    return { value: isoDay(monday), precision: "week" };
  }
  return { value: isoDay(when), precision: "day" };
}
