/**
 * A quick first test of whether a word may be in a set, before the set itself is asked. Extraction looks up every
 * token of an article in a few small sets (the aliases' first words, the bare titles' first words, the event cues'
 * first words); a Map or Set lookup of a token's string first computes the string's hash, which costs more than the
 * lookup, and most tokens are in none of the sets. This filter reads only a word's length and first two characters:
 * "no" is certain, "maybe" is then asked of the set. (False answers never change a result: the set decides.)
 */
export class WordFilter {
  /** Bit (length, capped at 31) of the entry for the first two characters (their low six bits each). */
  private readonly bits = new Uint32Array(4096);

  constructor(words: Iterable<string> = []) {
    for (const w of words) this.add(w);
  }

  add(word: string): void {
    const n = word.length;
    const slot = ((word.charCodeAt(0) & 63) << 6) | (n > 1 ? word.charCodeAt(1) & 63 : 0);
    this.bits[slot] = (this.bits[slot] ?? 0) | (1 << (n < 31 ? n : 31));
  }

  /** False when the word is certainly none of the words added. */
  mayHave(word: string): boolean {
    const n = word.length;
    const slot = ((word.charCodeAt(0) & 63) << 6) | (n > 1 ? word.charCodeAt(1) & 63 : 0);
    return (((this.bits[slot] ?? 0) >>> (n < 31 ? n : 31)) & 1) === 1;
  }
}
