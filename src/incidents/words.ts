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

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / (a.size + b.size - both);
}
