/** The content words of reports' summaries, and how alike two sets of them are: linking's text similarity. */

const STOP = new Set(
  ("the a an and or of in on at to for from by with as is are was were be been has have had it its this that these those their they them " +
    "he she his her said says told after before over into about near than also but not no more most some which who whom whose when where while " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december " +
    "killed killing wounded wounding injured injuring attack attacks attacked people least including other officials official according reported reports " +
    "local area district province gunmen militants attackers separate incident another carried").split(" "),
);

/** The content words of a sentence: lower case, four letters or more, not a stop word or a number. */
export function contentWords(text: string): ReadonlySet<string> {
  let out = memo.get(text);
  if (out) return out;
  const words = new Set<string>();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length >= 4 && !STOP.has(w) && !/^\d+$/.test(w)) words.add(w.length > 6 ? w.slice(0, 6) : w);
  }
  // A report's summary is split several times as it is linked (its facts, its incident's tally): kept for a while.
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(text, (out = words));
  return out;
}
const memo = new Map<string, ReadonlySet<string>>();
const MEMO_SIZE = 4096;

/**
 * jaccard(a without the words of `apart`, b without them), for one `a` and many `b`, counted in place: linking scores a
 * report against every word set of every candidate, and making those sets was most of its scoring's time. Each `b`
 * holds each word once (a set, or a tally's list made from one). What is counted is looked up in `b` (a tally's list
 * as a set made once, kept beside it): a's words, and the words set apart, a few each, instead of every word of `b`
 * looked up three times (a big incident is scored by its 48 word sets for every report about its year).
 */
export function jaccardApart(a: ReadonlySet<string>, apart: readonly [ReadonlySet<string>, ReadonlySet<string>]): (b: ReadonlySet<string> | readonly string[]) => number {
  const [x, y] = apart;
  // a's words that are not set apart; and the words set apart, each once.
  const kept: string[] = [];
  for (const w of a) if (!x.has(w) && !y.has(w)) kept.push(w);
  const aside: string[] = [...x];
  for (const w of y) if (!x.has(w)) aside.push(w);
  const aSize = kept.length;
  return (b) => {
    const set = setOf(b);
    let bSize = set.size;
    for (let i = 0; i < aside.length; i++) if (set.has(aside[i] as string)) bSize--;
    if (!aSize || !bSize) return 0;
    let both = 0;
    for (let i = 0; i < kept.length; i++) if (set.has(kept[i] as string)) both++;
    return both / (aSize + bSize - both);
  };
}

/** A tally's word list as a set, made once per list (the lists are never changed once made: tally.ts addToTally). */
const listSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function setOf(b: ReadonlySet<string> | readonly string[]): ReadonlySet<string> {
  if (!Array.isArray(b)) return b as ReadonlySet<string>;
  const list = b as readonly string[];
  let set = listSets.get(list);
  if (set === undefined) listSets.set(list, (set = new Set(list)));
  return set;
}
