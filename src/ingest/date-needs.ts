/**
 * Which of the tests of chrono's parsers (dates-in-text.ts, NEEDED_BY_PATTERN) a text passes, found in one pass over
 * it (needsIn): each test was a search of its own, a dozen searches of every window findDates parses, most of them
 * failing only at the window's end.
 *
 * The words the tests look for are found by one automaton (Aho–Corasick: every occurrence of every word, overlapping
 * ones and those inside longer words too), ASCII letters either case as the tests' /i does; what a test asks after its
 * word (a non-word character, "of … month", a time unit) is asked where the word ends, and the tests of digits are
 * asked at each digit. The tests' own expressions stay the definition: test/unit/date-needs.test.ts holds needsIn to
 * them.
 */
import { isSpace } from "./sentences.ts";

/** One bit for each test of NEEDED_BY_PATTERN, named for what it finds. */
export const NEED = {
  /** \d{4}[-./\s](?:\d{1,2}[-./\s]\d|jan|feb|…|dec) */
  yearMonthDay: 1 << 0,
  /** \d{4}-\d{1,2}-\d */
  iso: 1 << 1,
  /** \d[-/.]\d */
  slash: 1 << 2,
  /** in|for */
  inFor: 1 << 3,
  /** jan|feb|…|dec */
  month: 1 << 4,
  /** a weekday's word before \W, the end, "of", "this", "last", "past" or "next" */
  weekday: 1 << 5,
  /** \d\/\d{4} */
  slashYear: 1 << 6,
  /** \d */
  digit: 1 << 7,
  /** ago|before|earlier */
  ago: 1 << 8,
  /** later|after|from now|henceforth|forward|out */
  later: 1 << 9,
  /** now|today|tonight|tomorrow|overmorrow|tmr|tmrw|yesterday|night before \W or the end */
  casualDate: 1 << 10,
  /** morning|afternoon|evening|night|midday|noon before \W or the end */
  casualTime: 1 << 11,
  /** of\s+(?:the\s+)?month before \W or the end */
  endOfMonth: 1 << 12,
  /** this|last|past|next, \s*, a time unit before \W or the end */
  relative: 1 << 13,
  /** this|last|past|next|after|\+|- */
  casualRelative: 1 << 14,
} as const;

/** chrono's time units (the relative parsers' UNITS), longest first as its pattern has them. */
export const TIME_UNITS = ["quarters", "seconds", "minutes", "quarter", "second", "minute", "months", "hours", "weeks", "month", "years", "mins", "hour", "days", "week", "year", "sec", "min", "hrs", "day", "mon", "mos", "qtr", "hr", "mo", "yr", "s", "m", "h", "d", "w", "y"] as const;
const UNIT_SET: ReadonlySet<string> = new Set(TIME_UNITS);
const UNIT_LONGEST = Math.max(...TIME_UNITS.map((u) => u.length));

/** Classes of the ASCII code units: 1–26 the letters (either case), then the space, "+", "-", a digit; 0 any other. */
const SPACE = 27;
const PLUS = 28;
const MINUS = 29;
const DIGIT = 30;
const CLASSES = 31;
const CLASS = Uint8Array.from({ length: 128 }, (_, c) => ((c | 32) >= 97 && (c | 32) <= 122 ? (c | 32) - 96 : c === 32 ? SPACE : c === 43 ? PLUS : c === 45 ? MINUS : c >= 48 && c <= 57 ? DIGIT : 0));

/** \w: an ASCII letter or digit, or "_". */
const WORD_CHAR = Uint8Array.from({ length: 128 }, (_, c) => ((CLASS[c] ?? 0) >= 1 && (CLASS[c] ?? 0) <= 26) || (CLASS[c] ?? 0) === DIGIT || c === 95 ? 1 : 0);
const isWordChar = (c: number): boolean => c < 128 && WORD_CHAR[c] === 1;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** [-./\s] */
const isDateSeparator = (c: number): boolean => c === 45 || c === 46 || c === 47 || isSpace(c);

/** Whether text holds `word` (lower-case ASCII letters) at `at`, in either case. */
function holdsAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  // ((c | 32) is a lower-case letter's code only for that letter in either case.)
  for (let i = 0; i < word.length; i++) if ((text.charCodeAt(at + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/** (?:\W|$) at `at`. */
const endsWord = (text: string, at: number): boolean => at >= text.length || !isWordChar(text.charCodeAt(at));

const MONTH_WORDS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_KEYS: ReadonlySet<number> = new Set(MONTH_WORDS.map((m) => (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2)));
/** jan|feb|…|dec at `at`, either case. */
function monthAt(text: string, at: number): boolean {
  const a = text.charCodeAt(at) | 32;
  const b = text.charCodeAt(at + 1) | 32;
  const c = text.charCodeAt(at + 2) | 32;
  return a <= 122 && b <= 122 && c <= 122 && MONTH_KEYS.has((a << 16) | (b << 8) | c);
}

/** What is asked where a word ends, as bits of a state's action (above the NEED bits). */
const CHECK_CASUAL_DATE = 1 << 16;
const CHECK_CASUAL_TIME = 1 << 17;
const CHECK_WEEKDAY = 1 << 18;
const CHECK_END_OF_MONTH = 1 << 19;
const CHECK_UNIT = 1 << 20;
const NEED_BITS = 0xffff;

/** The words, each with the NEED bits it sets wherever it stands and what is asked where it ends. */
const WORDS: readonly (readonly [string[], number])[] = [
  [["in", "for"], NEED.inFor],
  [MONTH_WORDS, NEED.month],
  [["sun", "mon", "tue", "wed", "thu", "thur", "thurs", "fri", "sat", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "weekend", "weekday"], CHECK_WEEKDAY],
  [["ago", "before", "earlier"], NEED.ago],
  [["later", "after", "from now", "henceforth", "forward", "out"], NEED.later],
  [["now", "today", "tonight", "tomorrow", "overmorrow", "tmr", "tmrw", "yesterday", "night"], CHECK_CASUAL_DATE],
  [["morning", "afternoon", "evening", "night", "midday", "noon"], CHECK_CASUAL_TIME],
  [["of"], CHECK_END_OF_MONTH],
  [["this", "last", "past", "next"], NEED.casualRelative | CHECK_UNIT],
  [["after", "+", "-"], NEED.casualRelative],
];

/**
 * The automaton over WORDS: NEXT[state * CLASSES + class] is the state after a code unit of that class (the longest
 * word's beginning the text ends in), ACTION[state] the bits of every word ending there.
 */
const { NEXT, ACTION } = ((): { NEXT: Int32Array; ACTION: Int32Array } => {
  const go: (number | undefined)[][] = [[]];
  const action: number[] = [0];
  for (const [words, bits] of WORDS) {
    for (const word of words) {
      let s = 0;
      for (let i = 0; i < word.length; i++) {
        const k = CLASS[word.charCodeAt(i)] ?? 0;
        if (k === 0 || k === DIGIT) throw new Error(`date-needs: "${word}" has a character the automaton does not read`);
        const row = go[s] ?? [];
        let t = row[k];
        if (t === undefined) {
          t = go.length;
          go.push([]);
          action.push(0);
          row[k] = t;
        }
        s = t;
      }
      action[s] = (action[s] ?? 0) | bits;
    }
  }
  const next = new Int32Array(go.length * CLASSES);
  const fail = new Int32Array(go.length);
  const queue: number[] = [];
  for (let k = 0; k < CLASSES; k++) {
    const t = go[0]?.[k];
    if (t !== undefined) {
      next[k] = t;
      queue.push(t);
    }
  }
  // Breadth first: a state's fallback (its longest proper suffix that begins a word) is finished before it.
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q] ?? 0;
    const f = fail[s] ?? 0;
    action[s] = (action[s] ?? 0) | (action[f] ?? 0);
    for (let k = 0; k < CLASSES; k++) {
      const t = go[s]?.[k];
      if (t !== undefined) {
        fail[t] = next[f * CLASSES + k] ?? 0;
        next[s * CLASSES + k] = t;
        queue.push(t);
      } else next[s * CLASSES + k] = next[f * CLASSES + k] ?? 0;
    }
  }
  return { NEXT: next, ACTION: Int32Array.from(action) };
})();

/** The tests of digits that hold at the digit `i`. */
function digitNeeds(text: string, i: number): number {
  let out = NEED.digit;
  const c1 = text.charCodeAt(i + 1);
  if ((c1 === 45 || c1 === 46 || c1 === 47) && isDigit(text.charCodeAt(i + 2))) {
    out |= NEED.slash;
    if (c1 === 47 && isDigit(text.charCodeAt(i + 3)) && isDigit(text.charCodeAt(i + 4)) && isDigit(text.charCodeAt(i + 5))) out |= NEED.slashYear;
  }
  if (isDigit(c1) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) {
    const s = text.charCodeAt(i + 4);
    if (isDateSeparator(s)) {
      const d5 = isDigit(text.charCodeAt(i + 5));
      const c6 = text.charCodeAt(i + 6);
      const c7 = text.charCodeAt(i + 7);
      // \d{1,2} then a separator and a digit: one digit, or two.
      if (d5 && ((isDateSeparator(c6) && isDigit(c7)) || (isDigit(c6) && isDateSeparator(c7) && isDigit(text.charCodeAt(i + 8))))) {
        out |= NEED.yearMonthDay;
        // (\d{4}-\d{1,2}-\d: its separators are hyphens. A digit at i+6 means the two-digit case, which the test above
        // found with a digit at i+8.)
        if (s === 45 && ((c6 === 45 && isDigit(c7)) || (isDigit(c6) && c7 === 45))) out |= NEED.iso;
      } else if (monthAt(text, i + 5)) out |= NEED.yearMonthDay;
    }
  }
  return out;
}

/** of\s+(?:the\s+)?month(?:\W|$) from `at`, just after "of". */
function endOfMonthAfter(text: string, at: number): boolean {
  let k = at;
  while (k < text.length && isSpace(text.charCodeAt(k))) k++;
  if (k === at) return false;
  if (holdsAt(text, k, "month") && endsWord(text, k + 5)) return true;
  if (!holdsAt(text, k, "the")) return false;
  let m = k + 3;
  while (m < text.length && isSpace(text.charCodeAt(m))) m++;
  return m > k + 3 && holdsAt(text, m, "month") && endsWord(text, m + 5);
}

/** \s*(?:units)(?:\W|$) from `at`: after the spaces, the run of word characters is a unit (a unit must end it). */
function unitAfter(text: string, at: number): boolean {
  let k = at;
  while (k < text.length && isSpace(text.charCodeAt(k))) k++;
  let e = k;
  while (e < text.length && e - k <= UNIT_LONGEST && isWordChar(text.charCodeAt(e))) e++;
  return e > k && e - k <= UNIT_LONGEST && UNIT_SET.has(text.slice(k, e).toLowerCase());
}

/** What the words ending just before `at` (their state's action) find, beyond `found`. */
function wordNeeds(text: string, at: number, action: number, found: number): number {
  let out = action & NEED_BITS;
  if ((action & (CHECK_CASUAL_DATE | CHECK_CASUAL_TIME)) !== 0 && endsWord(text, at)) {
    if ((action & CHECK_CASUAL_DATE) !== 0) out |= NEED.casualDate;
    if ((action & CHECK_CASUAL_TIME) !== 0) out |= NEED.casualTime;
  }
  if ((action & CHECK_WEEKDAY) !== 0 && (found & NEED.weekday) === 0) {
    if (endsWord(text, at) || holdsAt(text, at, "of") || holdsAt(text, at, "this") || holdsAt(text, at, "last") || holdsAt(text, at, "past") || holdsAt(text, at, "next")) out |= NEED.weekday;
  }
  if ((action & CHECK_END_OF_MONTH) !== 0 && (found & NEED.endOfMonth) === 0 && endOfMonthAfter(text, at)) out |= NEED.endOfMonth;
  if ((action & CHECK_UNIT) !== 0 && (found & NEED.relative) === 0 && unitAfter(text, at)) out |= NEED.relative;
  return out;
}

/** Which tests of NEEDED_BY_PATTERN the text passes, as NEED bits: what each test's expression would find, in one pass. */
export function needsIn(text: string): number {
  let found = 0;
  let state = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? (CLASS[c] ?? 0) : 0;
    if (k === DIGIT) {
      found |= digitNeeds(text, i);
      state = 0;
      continue;
    }
    state = NEXT[state * CLASSES + k] ?? 0;
    const action = ACTION[state] ?? 0;
    if (action !== 0) found |= wordNeeds(text, i + 1, action, found);
  }
  return found;
}
