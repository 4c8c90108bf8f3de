/** Sentence boundaries that respect quotations and common abbreviations ("Gen.", "U.S."). */

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "capt", "sgt", "st", "no", "vs", "etc", "jan", "feb", "mar", "apr",
  "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "prof", "sen", "rep", "gov", "jr", "sr",
]);

/** JavaScript's \s, by code unit. */
function isSpace(c: number): boolean {
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

/**
 * The word before the full stop at `i` ("Gen" of "Gen.", "u.s" of "U.S."): the letters and dots that end there,
 * at most 12 characters back, lower-cased, as WORD_BEFORE_STOP finds them in that window. ASCII by hand; any
 * other character sends the window to the regular expression.
 */
function wordBeforeStop(text: string, i: number): string | undefined {
  const from = Math.max(0, i - 12);
  let j = i;
  while (j > from) {
    const c = text.charCodeAt(j - 1);
    if (c >= 128) return WORD_BEFORE_STOP.exec(text.slice(from, i + 1))?.[1]?.toLowerCase();
    if (c === 0x2e || ((c | 32) >= 97 && (c | 32) <= 122)) j--;
    else break;
  }
  return j < i ? text.slice(j, i).toLowerCase() : undefined;
}

/** Whether a word is a single letter ("J." of "J. Smith"): /^\p{L}$/u. */
function isSingleLetter(word: string): boolean {
  if (word.length === 1) {
    const c = word.charCodeAt(0);
    if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  }
  return /^\p{L}$/u.test(word);
}

/** The characters splitSentences acts on: quotation marks and sentence stops (the rest it passes over). */
const MARKS = /[“”".!?]/g;

export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  let inCurly = 0;
  let inStraight = false;
  // (The marks found by a regular expression, which passes over the other characters faster than a loop over every
  // character of the article did; after each, the scan goes on from the next character, or from the end of a
  // sentence found.)
  MARKS.lastIndex = 0;
  for (let m = MARKS.exec(text); m; m = MARKS.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 0x201c) inCurly++; // “
    else if (c === 0x201d) inCurly = Math.max(0, inCurly - 1); // ”
    else if (c === 0x22) inStraight = !inStraight; // "
    if (c !== 0x2e && c !== 0x21 && c !== 0x3f) continue; // . ! ?
    // A sentence may end inside a quotation only if the quotation closes right after: ‘… end.” Next’.
    let j = i + 1;
    while (j < text.length && isCloser(text.charCodeAt(j))) {
      const d = text.charCodeAt(j);
      if (d === 0x201d) inCurly = Math.max(0, inCurly - 1);
      if (d === 0x22) inStraight = !inStraight;
      j++;
    }
    if (inCurly > 0 || inStraight) continue;
    if (j < text.length && !isSpace(text.charCodeAt(j))) continue;
    let k = j;
    while (k < text.length && isSpace(text.charCodeAt(k))) k++;
    if (k < text.length && !canStartSentence(text, k)) continue;
    if (c === 0x2e) {
      const word = wordBeforeStop(text, i);
      if (word && (ABBREVIATIONS.has(word) || isSingleLetter(word))) continue;
    }
    out.push({ start, end: j });
    MARKS.lastIndex = j;
    start = k;
  }
  if (start < text.length && text.slice(start).trim()) out.push({ start, end: text.trimEnd().length });
  return out;
}
