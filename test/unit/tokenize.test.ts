import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldCase, SHARED_WORDS_FROM, TOKEN_RE, tokenize, type Token } from "../../src/text/normalize.ts";

/** What tokenize() must do, written the slow, obvious way: TOKEN_RE, possessives stripped, norm = foldCase, plain = ASCII letters and digits. */
function reference(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    let end = start + m[0].length;
    const len = end - start;
    const trailing = (c: string | undefined): boolean => c === "'" || c === "’" || c === "ʼ";
    if (len > 1) {
      if (trailing(text[end - 1])) end -= 1;
      else if ((text[end - 1] === "s" || text[end - 1] === "S") && trailing(text[end - 2]) && len > 2) end -= 2;
    }
    if (end === start) continue;
    const raw = text.slice(start, end);
    out.push({ norm: foldCase(raw), start, end, raw, plain: /^[A-Za-z0-9]+$/.test(raw) });
  }
  return out;
}

describe("tokenize", () => {
  it("normalises case, diacritics, apostrophes and possessives", () => {
    expect(tokenize("Pakistan’s ZABĪULLĀH said “TTP’s” men-at-arms don't").map((t) => t.norm)).toEqual(["pakistan", "zabiullah", "said", "ttp", "men", "at", "arms", "don't"]);
  });

  it("finds the same tokens as its regular expression, on any mix of scripts, marks, quotes and case", () => {
    const unit = fc.constantFrom("a", "Z", "k", "Q", "s", "S", "7", " ", "-", ".", "'", "’", "ʼ", "‘", "“", "”", "é", "É", "\u0301", "ک", "ü", "İ", "𝐀", "\n");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(tokenize(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("in a long text, where tokens of one word share its strings, each token still gets its own word's norm, offsets and plainness", () => {
    // The same few characters again and again, in different company: a possessive, an apostrophe, a capital or an
    // accent next to a word must not lend its token's norm or plainness to another token of the same raw text.
    const unit = fc.constantFrom("a", "Z", "s", "S", "7", " ", "-", "'", "’", "ʼ", "“", "é", "\u0301", "ک", "İ", "Pakistan", "PAKISTAN", "Pakistan’s", "pakistan's", "don't", "Zabīullāh");
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 12 }), { minLength: 1, maxLength: 30 }), (pieces) => {
        let text = "";
        for (let k = 0; text.length < SHARED_WORDS_FROM; k++) text += `${pieces[k % pieces.length] ?? ""} `;
        expect(tokenize(text)).toEqual(reference(text));
      }),
      { numRuns: 200 },
    );
  });

  it("reads a paragraph cut from a two-byte article as it reads the same words standing alone (tokenize works on a flat, narrowed copy)", () => {
    // An article holding one curly quotation mark is stored two bytes a character, and so is every slice of it, even
    // a paragraph of plain ASCII; tokenize's copies (one-byte where they can be) must change no token.
    const unit = fc.constantFrom("a", "Z", "k", "s", "S", "7", " ", "-", ".", "'", "’", "“", "”", "é", "É", "ک", "Pakistan", "Pakistan’s", "don't");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), fc.string({ unit, maxLength: 30 }), (before, text) => {
        const article = `${before}\u201c${text}`;
        const paragraph = article.slice(before.length + 1);
        expect(paragraph).toBe(text);
        expect(tokenize(paragraph)).toEqual(reference(text));
      }),
      { numRuns: 300 },
    );
  });

  it("reads a text's own characters only, whatever text it read before (its code units are copied into a shared array)", () => {
    // A short text after a longer one: the array still holds the longer one's units past the short one's end (a lone
    // high surrogate ending the short text must not pair with one of them), and a text longer than the array.
    const unit = fc.constantFrom("a", "Z", "s", "7", " ", "'", "’", "é", "\u0301", "𝐀", "\ud835", "\udc00", "Pakistan’s");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.string({ unit, maxLength: 20 }), (before, text) => {
        tokenize(before + text + before);
        expect(tokenize(text)).toEqual(reference(text));
      }),
      { numRuns: 500 },
    );
    const long = "Zabīullāh’s men-at-arms 𝐀 don't ".repeat(3000);
    expect(long.length).toBeGreaterThan(1 << 16);
    expect(tokenize(long)).toEqual(reference(long));
    expect(tokenize("Pakistan\ud835")).toEqual(reference("Pakistan\ud835"));
  });
});
