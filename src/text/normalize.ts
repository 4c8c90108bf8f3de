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
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:[\p{M}]+[\p{L}\p{N}]*)*(?:['’ʼ‘][\p{L}]+)*['’ʼ]?/gu;
const APOSTROPHES = /['’ʼ‘]/g;
const MARKS = /\p{M}+/gu;
const APOSTROPHE_NEAR_END = /['’ʼ]s?$/i;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function foldCase(s: string): string {
  // Most words are plain ASCII: skip Unicode decomposition for them.
  if (PLAIN_ASCII.test(s)) return s.toLowerCase();
  return s.normalize("NFKD").replace(MARKS, "").replace(APOSTROPHES, "'").toLowerCase();
}

/** Splits text into word tokens; hyphens, dots and spaces all separate words. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    let raw = m[0];
    const start = m.index;
    // Possessives: Pakistan’s → Pakistan; Taliban’ → Taliban. Contractions like "don't" stay whole.
    const poss = raw.length > 1 && APOSTROPHE_NEAR_END.test(raw) ? /['’ʼ](s)?$/i.exec(raw) : null;
    if (poss && (poss[1] !== undefined || raw.length > 1)) {
      if (poss[1] === undefined || raw.length > 2) raw = raw.slice(0, poss.index);
    }
    if (raw.length === 0) continue;
    out.push({ norm: foldCase(raw), start, end: start + raw.length, raw });
  }
  return out;
}

/** The key an alias is stored and looked up by: its tokens' normal forms joined by single spaces. */
export function normalizeName(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(" ");
}
