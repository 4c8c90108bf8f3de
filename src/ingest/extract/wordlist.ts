/**
 * Ordinary English words: the ~275,000 lower-case entries of `an-array-of-english-words` (MIT; the Letterpress word
 * list), asked one word at a time. The list is a JSON array sorted in code-unit order, letters a–z only; it is read
 * once, the first time a word is asked, as one string (3.3 MB), and searched by bisection in place: parsing it into an
 * array or a set costs ~230 ms and ~34 MB, reading it ~3 ms.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

let list: string | undefined;
/** Words asked before and the answers (an article asks the same few words again and again). */
const asked = new Map<string, boolean>();

function load(): string {
  const file = createRequire(import.meta.url).resolve("an-array-of-english-words");
  // (Letters a–z only: read as one-byte text, with no UTF-8 decoding.)
  return readFileSync(file, "latin1");
}

/** Whether `word` (lower case, a–z) is an entry of the list. */
export function isEnglishWord(word: string): boolean {
  const known = asked.get(word);
  if (known !== undefined) return known;
  const found = lookUp(word);
  if (asked.size >= 20000) asked.clear();
  asked.set(word, found);
  return found;
}

function lookUp(word: string): boolean {
  list ??= load();
  const text = list;
  // Entries are `"word"` separated by commas. Bisect on character positions: at a position, the entry that starts
  // at the first `"` of a `,"` at or after it (the first entry, at position 1, when there is none before).
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = mid === 0 ? 1 : text.indexOf(',"', mid);
    if (at < 0) {
      hi = mid;
      continue;
    }
    const start = mid === 0 ? 2 : at + 2;
    const end = text.indexOf('"', start);
    const entry = text.slice(start, end);
    if (entry === word) return true;
    if (entry < word) lo = end + 1;
    else hi = mid;
  }
  return false;
}
