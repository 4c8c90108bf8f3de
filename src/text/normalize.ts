/**
 * Text normalisation shared by alias storage, extraction and lookup, so "Pakistan’s", "PAKISTAN",
 * "Tehreek-e-Taliban" / "Tehreek e Taliban" and "Zabīullāh" all meet on the same key.
 */

export interface Token {
  /** Normalised form: lower case, no diacritics, straight apostrophes, possessive stripped. */
  norm: string;
  /** Offsets in the original text (the possessive suffix is excluded from `end`). */
  start: number;
  end: number;
  /** The original characters of the token (without possessive). */
  raw: string;
  /**
   * Whether `raw` is ASCII letters and digits only: then its word boundaries are the ones a regular
   * expression's \b sees (no apostrophe, accented letter or mark inside), which lets a scan of the tokens stand
   * in for a regular expression over the text (see mayHoldEventCue).
   */
  plain: boolean;
}

/** One distinct word of a tokenize() call: its first token, whose strings the later ones share. */
type Word = Pick<Token, "raw" | "norm" | "plain">;

/** From this length (in UTF-16 code units) tokenize() shares each word's strings among its tokens. */
export const SHARED_WORDS_FROM = 4096;

/** The words tokenize() finds (it scans by hand; this is what it does). */
export const TOKEN_RE = /[\p{L}\p{N}]+(?:[\p{M}]+[\p{L}\p{N}]*)*(?:['’ʼ‘][\p{L}]+)*['’ʼ]?/gu;
const APOSTROPHES = /['’ʼ‘]/g;
const MARKS = /\p{M}+/gu;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function foldCase(s: string): string {
  // Most words are plain ASCII: skip Unicode decomposition for them.
  if (PLAIN_ASCII.test(s)) return s.toLowerCase();
  return s.normalize("NFKD").replace(MARKS, "").replace(APOSTROPHES, "'").toLowerCase();
}

const CLASS_CACHE = new Map<number, number>();
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;
const MARK = /^\p{M}$/u;
const C = { Other: 0, Letter: 1, Number: 2, Mark: 3 } as const;
type C = (typeof C)[keyof typeof C];

/** The classes of the ASCII characters, by code (most of an article's characters: a lookup, no branches). */
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => ((c | 32) >= 97 && (c | 32) <= 122 ? C.Letter : c >= 48 && c <= 57 ? C.Number : C.Other));

/** The Unicode class of a code point that tokenizing cares about; ASCII without a regex. */
function charClass(cp: number): C {
  if (cp < 128) return (ASCII_CLASS[cp] ?? C.Other) as C;
  let k = CLASS_CACHE.get(cp) as C | undefined;
  if (k === undefined) {
    const s = String.fromCodePoint(cp);
    k = LETTER.test(s) ? C.Letter : NUMBER.test(s) ? C.Number : MARK.test(s) ? C.Mark : C.Other;
    CLASS_CACHE.set(cp, k);
  }
  return k;
}

/** Like String#codePointAt over a text's code units (codes[0, n)), without its bounds handling: i < n. */
function codePointAt(codes: Uint16Array, i: number, n: number): number {
  const c = codes[i] ?? 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
    const d = codes[i + 1] ?? 0;
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

const isApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x2018;
const isTrailingApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2bc;

/**
 * Splits text into word tokens; hyphens, dots and spaces all separate words. A hand-written scanner for
 * TOKEN_RE (same matches, greedy like the regex), which was the slowest part of extraction.
 */
export function tokenize(input: string): Token[] {
  const out: Token[] = [];
  const n = input.length;
  // The text's code units, copied into an array (codeUnits) and scanned there; a flat copy of the text to slice the
  // tokens from (see flatCopy), and for the plain tokens of a text holding characters past U+00FF, a one-byte copy
  // to slice them from. (Such a text stays two bytes a character whatever the copy, and only its tokens that are not
  // plain are cut from it: it is sliced as given, and only the one-byte copy is made.)
  const codes = codeUnits(input);
  const wide = WIDE.test(input);
  const text = wide ? input : flatCopy(codes, n);
  const narrow = wide ? Buffer.from(text, "latin1").toString("latin1") : text;
  // In a long text, each distinct word's raw and normal forms are made once and shared by its tokens: a paragraph of
  // 4 MB (700,000 tokens) otherwise held up to two strings per token, some 45 MB. A short text keeps its own strings
  // (asking the map cost more there than the strings weigh: tokenize took 1.8 times as long over the dev set).
  const words = n >= SHARED_WORDS_FROM ? new Map<string, Word>() : undefined;
  let i = 0;
  while (i < n) {
    // (ASCII characters, most of the text, are classed by a lookup before any code point is put together.)
    let cp = codes[i] ?? 0;
    if (cp < 128) {
      if (ASCII_CLASS[cp] === C.Other) {
        i++;
        continue;
      }
    } else {
      cp = codePointAt(codes, i, n);
      const k = charClass(cp);
      if (k !== C.Letter && k !== C.Number) {
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
    }
    const start = i;
    // Where the first character that is not an ASCII letter or digit stands (-1: none yet).
    let odd = cp < 128 ? -1 : i;
    // Lower case already (the most common word): its norm is the raw text, no toLowerCase (which goes through
    // ICU for the two-byte strings an article with curly quotes is made of).
    let upper = cp >= 65 && cp <= 90;
    i += cp > 0xffff ? 2 : 1;
    // [\p{L}\p{N}]+ (?:[\p{M}]+[\p{L}\p{N}]*)*
    while (i < n) {
      cp = codes[i] ?? 0;
      if (cp < 128) {
        if (ASCII_CLASS[cp] === C.Other) break;
        if (cp >= 65 && cp <= 90) upper = true;
        i++;
        continue;
      }
      cp = codePointAt(codes, i, n);
      if (charClass(cp) === C.Other) break;
      if (odd < 0) odd = i;
      i += cp > 0xffff ? 2 : 1;
    }
    // (?:['’ʼ‘][\p{L}]+)*
    while (i + 1 < n && isApostrophe(codes[i] ?? 0)) {
      if (charClass(codePointAt(codes, i + 1, n)) !== C.Letter) break;
      if (odd < 0) odd = i;
      i++;
      while (i < n) {
        cp = codePointAt(codes, i, n);
        if (charClass(cp) !== C.Letter) break;
        if (cp >= 128) {
          if (odd < 0) odd = i;
        } else if (cp >= 65 && cp <= 90) upper = true;
        i += cp > 0xffff ? 2 : 1;
      }
    }
    // ['’ʼ]?
    if (i < n && isTrailingApostrophe(codes[i] ?? 0)) {
      if (odd < 0) odd = i;
      i++;
    }
    let end = i;
    // Possessives: Pakistan’s → Pakistan; Taliban’ → Taliban. Contractions like "don't" stay whole.
    const len = end - start;
    if (len > 1) {
      const last = codes[end - 1] ?? 0;
      if (isTrailingApostrophe(last)) end -= 1;
      else if ((last | 32) === 115 && isTrailingApostrophe(codes[end - 2] ?? 0) && len > 2) end -= 2;
    }
    if (end === start) continue;
    const plain = odd < 0 || odd >= end;
    const raw = (plain ? narrow : text).slice(start, end);
    // (Whether a token is plain and its norm depend on its characters alone, so one answer serves every copy.)
    const word = words?.get(raw);
    if (word) {
      out.push({ norm: word.norm, start, end, raw: word.raw, plain: word.plain });
      continue;
    }
    // (upper is only ever set by ASCII capitals, which toLowerCase maps alone.)
    const token = { norm: plain ? (upper ? raw.toLowerCase() : raw) : foldCase(raw), start, end, raw, plain };
    words?.set(raw, token);
    out.push(token);
  }
  return out;
}

/** A character past Latin-1 (a curly quotation mark, a dash, most accented letters outside Western Europe). */
const WIDE = /[\u0100-\uffff]/;

/**
 * A flat copy of a text, in one byte a character when all its characters fit, made from its code units (codeUnits'
 * array, `n` of them). A paragraph is a slice of its article, and an article holding one curly quotation mark is stored
 * two bytes a character: every word cut from such a paragraph is a two-byte string, whose toLowerCase goes through ICU
 * (some 20 times the one-byte path) and whose comparisons with the lexicon's one-byte words go character by character.
 * (The engine narrows a string made from UTF-16 whose characters all fit in one byte.)
 */
function flatCopy(codes: Uint16Array, n: number): string {
  return Buffer.from(codes.buffer, codes.byteOffset, 2 * n).toString("utf16le");
}

/** Texts up to this many code units are copied into one array kept for the next (a longer one gets its own). */
const SCRATCH_UNITS = 1 << 16;
const scratch = new Uint16Array(SCRATCH_UNITS);

/**
 * A text's code units in an array, codes[0, text.length) (past that, what an earlier text left). A loop over an array
 * reads a character faster than charCodeAt, which asks each time how the string is stored (a slice of a two-byte
 * article, most paragraphs). The array is shared: it holds the last text asked for.
 */
function codeUnits(text: string): Uint16Array {
  const codes = text.length <= SCRATCH_UNITS ? scratch : new Uint16Array(text.length);
  const bytes = Buffer.from(codes.buffer, codes.byteOffset, 2 * text.length);
  bytes.write(text, 0, "utf16le");
  // (The array reads its bytes in the machine's order, which is almost always little-endian.)
  if (BIG_ENDIAN) bytes.swap16();
  return codes;
}
const BIG_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 0;

/**
 * The titles that are religious or customary honorifics ("Mullah", "Maulvi", "Haji", "Sheikh"), each spelling with the
 * one a name's key writes it in ("Mulla", "Hajji", "Alhaj", "Mawlana", "Molvi", "Shaikh" are spelled so too): unlike an
 * office or a rank they are written as part of the name they stand before ("Mullah Mohammad Omar"), so a new name
 * keeps them; it is grouped without them (nameKey).
 */
export const HONORIFIC_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ["haji", "haji"], ["hajji", "haji"], ["alhaj", "haji"], ["alhaji", "haji"],
  ["mullah", "mullah"], ["mulla", "mullah"],
  ["maulana", "maulana"], ["mawlana", "maulana"], ["moulana", "maulana"], ["molana", "maulana"], ["mowlana", "maulana"],
  ["maulvi", "maulvi"], ["mawlawi", "maulvi"], ["moulvi", "maulvi"], ["molvi", "maulvi"], ["molwi", "maulvi"], ["mawlavi", "maulvi"], ["maulawi", "maulvi"],
  ["mufti", "mufti"], ["qari", "qari"],
  ["sheikh", "sheikh"], ["shaikh", "sheikh"], ["shaykh", "sheikh"],
]);
export const HONORIFICS: ReadonlySet<string> = new Set(HONORIFIC_SPELLINGS.keys());

/**
 * The key a new name (a candidate) is stored, grouped and looked up by, from its words' normal forms: without the
 * honorifics it opens with when two words or more follow them, so that one person written "Haji Ahmad Gul", "Hajji
 * Ahmad Gul", "Ahmad Gul" and "AHMAD GUL" is one name ("ahmad gul") to /review, /who and /quote. Before one word the
 * honorifics stay, spelled one way ("Mulla Omar" and "Mullah Omar" are "mullah omar"): a given name alone is no
 * one's key ("Mullah Omar" and "Haji Omar" are two people, "Haji Camp" is no "Camp"), and a key is the alias a
 * promoted name is matched by.
 */
export function honorificKey(norms: readonly string[]): string {
  let k = 0;
  while (k < norms.length - 1 && HONORIFICS.has(norms[k] ?? "")) k++;
  if (norms.length - k >= 2) return k === 0 ? norms.join(" ") : norms.slice(k).join(" ");
  let key = "";
  for (let j = 0; j < norms.length; j++) {
    const w = norms[j] ?? "";
    key += `${j > 0 ? " " : ""}${j < k ? (HONORIFIC_SPELLINGS.get(w) ?? w) : w}`;
  }
  return key;
}

/** nameKey of a text: see honorificKey. */
export function nameKey(text: string): string {
  return honorificKey(tokenize(text).map((t) => t.norm));
}

/** The key an alias is stored and looked up by: its tokens' normal forms joined by single spaces. */
export function normalizeName(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(" ");
}
