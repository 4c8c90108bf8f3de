/** Sentence boundaries that respect quotations and common abbreviations ("Gen.", "U.S."). */

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "capt", "sgt", "st", "no", "vs", "etc", "jan", "feb", "mar", "apr",
  "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "prof", "sen", "rep", "gov", "amb", "jr", "sr",
]);

/** The length of the longest of ABBREVIATIONS (endsAbbreviation reads no longer word; its codes hold up to seven characters). */
const ABBREVIATION_LONGEST = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

/** JavaScript's \s, by code unit. */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Closing marks that may follow a sentence's end: " ” ’ ) ]. */
const isCloser = (c: number): boolean => c === 0x22 || c === 0x201d || c === 0x2019 || c === 0x29 || c === 0x5d;

const SENTENCE_START = /[\p{Lu}\d“"‘(]/u;

/** Whether a sentence may start with this code unit: a capital, a digit, an opening quotation mark or bracket. */
function canStartSentence(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 0x22 || c === 0x28;
  if (c === 0x201c || c === 0x2018) return true;
  return SENTENCE_START.test(text[k] ?? "");
}

const WORD_BEFORE_STOP = /([\p{L}.]+)\.$/u;

/** The abbreviations by their code (abbreviationCode). */
const ABBREVIATION_CODES = new Set([...ABBREVIATIONS].map((a) => abbreviationCode(a, 0, a.length)));

/** ASCII letters and dots [from, to), lower-cased into one number, seven bits a character (exact up to seven). */
function abbreviationCode(text: string, from: number, to: number): number {
  let code = 0;
  for (let k = to - 1; k >= from; k--) code = code * 128 + (text.charCodeAt(k) | 32);
  return code;
}

/**
 * Whether the full stop at `i` ends an abbreviation ("Gen.", "U.S.") or an initial ("J."): the letters and dots
 * that end there, at most 12 characters back, lower-cased, as WORD_BEFORE_STOP finds them in that window, are one
 * of ABBREVIATIONS or a single letter. ASCII by hand, without making the word (lower-casing a slice of a two-byte
 * paragraph goes through ICU): a letter or a dot lower-cases as its code | 32, and a word longer than the longest
 * abbreviation is none. Any other character sends the window to the regular expression.
 */
function endsAbbreviation(text: string, i: number): boolean {
  const from = Math.max(0, i - 12);
  let j = i;
  while (j > from) {
    const c = text.charCodeAt(j - 1);
    if (c >= 128) {
      const word = WORD_BEFORE_STOP.exec(text.slice(from, i + 1))?.[1]?.toLowerCase();
      return word !== undefined && word !== "" && (ABBREVIATIONS.has(word) || isSingleLetter(word));
    }
    if (c === 0x2e || ((c | 32) >= 97 && (c | 32) <= 122)) j--;
    else break;
  }
  const n = i - j;
  // (One character: a letter is an initial, a dot is nothing. Longer: an abbreviation's code, or nothing, as no word
  // of two ASCII characters or more is one letter.)
  if (n === 1) return text.charCodeAt(j) !== 0x2e;
  return n >= 2 && n <= ABBREVIATION_LONGEST && ABBREVIATION_CODES.has(abbreviationCode(text, j, i));
}

/** Whether a word is a single letter ("J." of "J. Smith"): /^\p{L}$/u. */
function isSingleLetter(word: string): boolean {
  if (word.length === 1) {
    const c = word.charCodeAt(0);
    if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  }
  return ONE_LETTER.test(word);
}
/** (A constant: tsx's esbuild lowers a literal with \p{…} to `new RegExp(…)`, built again on every call.) */
const ONE_LETTER = /^\p{L}$/u;

/**
 * The characters splitSentences acts on: quotation marks and sentence stops (the rest it passes over); and the
 * opening single mark and a list item's marks, whose first place alone it notes (FirstMarks).
 */
const MARKS = /[“”".!?‘•◦▪▫●■□‣∙·]/g;

/**
 * Where splitSentences saw the first of some marks (-1: none), which later stages would otherwise each search the
 * whole paragraph for (most paragraphs hold none): it passes over every one of them anyway.
 */
export interface FirstMarks {
  /** The first " “ ‘ or ”: a mark a quotation may open with (extract/quotes.ts, findQuotes). */
  quote: number;
  /** The first " “ ‘ or list item's mark, • ◦ ▪ ▫ ● ■ □ ‣ ∙ · (extract/candidates.ts, sentenceStarts). */
  openOrBullet: number;
}

/** Splits a paragraph into sentences; `marks`, if given, gets where the first of the marks FirstMarks names stand. */
export function splitSentences(text: string, marks?: FirstMarks): Span[] {
  const out: Span[] = [];
  let quote = -1;
  let openOrBullet = -1;
  let start = 0;
  let inCurly = 0;
  let inStraight = false;
  // (The marks found by a regular expression, which passes over the other characters faster than a loop over every
  // character of the article did; after each, the scan goes on from the next character, or from the end of a
  // sentence found. test, not exec: no match array for each mark; a match is one code unit, just before lastIndex.)
  MARKS.lastIndex = 0;
  while (MARKS.test(text)) {
    const i = MARKS.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 0x201c) inCurly++; // “
    else if (c === 0x201d) inCurly = Math.max(0, inCurly - 1); // ”
    else if (c === 0x22) inStraight = !inStraight; // "
    if (c !== 0x2e && c !== 0x21 && c !== 0x3f) {
      // (A quotation mark, or ‘ or a list item's mark: the rest of the marks.)
      if (quote < 0 && (c === 0x201c || c === 0x201d || c === 0x22 || c === 0x2018)) quote = i;
      if (openOrBullet < 0 && c !== 0x201d) openOrBullet = i;
      continue;
    }
    // A sentence may end inside a quotation only if the quotation closes right after: ‘… end.” Next’.
    let j = i + 1;
    while (j < text.length && isCloser(text.charCodeAt(j))) {
      const d = text.charCodeAt(j);
      if (d === 0x201d) inCurly = Math.max(0, inCurly - 1);
      if (d === 0x22) inStraight = !inStraight;
      if (quote < 0 && (d === 0x201d || d === 0x22)) quote = j;
      if (openOrBullet < 0 && d === 0x22) openOrBullet = j;
      j++;
    }
    // (The closing marks are counted once: the scan goes on after them, not from them again.)
    MARKS.lastIndex = j;
    if (inCurly > 0 || inStraight) continue;
    if (j < text.length && !isSpace(text.charCodeAt(j))) continue;
    let k = j;
    while (k < text.length && isSpace(text.charCodeAt(k))) k++;
    if (k < text.length && !canStartSentence(text, k)) continue;
    if (c === 0x2e && endsAbbreviation(text, i)) continue;
    out.push({ start, end: j });
    MARKS.lastIndex = j;
    start = k;
  }
  if (start < text.length && text.slice(start).trim()) out.push({ start, end: text.trimEnd().length });
  if (marks) {
    marks.quote = quote;
    marks.openOrBullet = openOrBullet;
  }
  return out;
}
