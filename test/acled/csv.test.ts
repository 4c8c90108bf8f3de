import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvReader, MAX_RECORD_CHARS } from "../../src/acled/csv.ts";

type Out = [line: number, fields: string[]] | ["problem", line: number, message: string];

/** Everything the reader passes on for `text`, fed in pieces of `piece` bytes (split anywhere, mid-character too). */
function read(text: string, piece = 1 << 20): Out[] {
  const out: Out[] = [];
  const reader = new CsvReader({ record: (fields, line) => out.push([line, fields]), problem: (line, message) => out.push(["problem", line, message]) });
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += piece) reader.write(bytes.subarray(i, i + piece));
  reader.end();
  return out;
}

/** RFC 4180 as a spreadsheet writes it: quotes only where needed. */
const field = (s: string): string => (/[",\r\n]/.test(s) || s === "" ? `"${s.replace(/"/g, '""')}"` : s);

describe("CsvReader", () => {
  it("reads plain and quoted fields, doubled quotes, CRLF, a byte-order mark, and skips empty lines", () => {
    expect(read('\uFEFFid,notes\r\n1,"Kurram, KP"\r\n\r\n2,"He said ""no"""\r\n')).toEqual([
      [1, ["id", "notes"]],
      [2, ["1", "Kurram, KP"]],
      [4, ["2", 'He said "no"']],
    ]);
  });

  it("gives each record the line it ends on, counting newlines inside quotes", () => {
    expect(read('a,b\n1,"two\nlines"\n3,4')).toEqual([
      [1, ["a", "b"]],
      [3, ["1", "two\nlines"]],
      [4, ["3", "4"]],
    ]);
  });

  it("keeps empty fields empty, a trailing comma included", () => {
    expect(read('a,b,c\n,"",\n')).toEqual([
      [1, ["a", "b", "c"]],
      [2, ["", "", ""]],
    ]);
  });

  it("reports a broken record by its line, skips that line only and reads on", () => {
    expect(read('a,b\n1,"bad "quote" inside",y\n5,6\n')).toEqual([
      [1, ["a", "b"]],
      ["problem", 2, 'text after a closing quote: got "q" where a comma or a line end should be'],
      [3, ["5", "6"]],
    ]);
    expect(read('a,b\n1,ab"c\n5,6\n')).toEqual([[1, ["a", "b"]], ["problem", 2, "a quote inside a field that does not start with one"], [3, ["5", "6"]]]);
    expect(read('a,b\n1,"never closed\n5,6\n7,8\n')).toEqual([
      [1, ["a", "b"]],
      ["problem", 2, "a quoted field is never closed"],
      [3, ["5", "6"]],
      [4, ["7", "8"]],
    ]);
  });

  it("gives up on a quoted field that runs on past the size cap, in bounded memory, and reads on after its line", () => {
    const runaway = `a,b\n1,"${"x".repeat(MAX_RECORD_CHARS + 10)}\n2,3\n`;
    const out = read(runaway, 64 * 1024);
    expect(out[0]).toEqual([1, ["a", "b"]]);
    expect(out[1]).toEqual(["problem", 2, "a quoted field runs on for over a million characters: an unclosed quote?"]);
    expect(out.at(-1)).toEqual([3, ["2", "3"]]);
  });

  it("multi-byte characters split between pieces come out whole", () => {
    const text = "country,notes\nPakistan,خیبر پښتونخوا\nAfghanistan,\"کونړ، \"\"ولایت\"\"\"\n";
    const whole = read(text);
    expect(whole[2]).toEqual([3, ["Afghanistan", 'کونړ، "ولایت"']]);
    for (const piece of [1, 2, 3, 5]) expect(read(text, piece)).toEqual(whole);
  });

  it("decodes bytes as UTF-8 decoding does, ASCII pieces and broken characters alike, however they are split", () => {
    // ASCII pieces take a quicker decoding, which must give what the UTF-8 decoder gives, broken bytes included (a
    // lead byte whose character never comes is U+FFFD in its place, before what follows it).
    const byte = fc.constantFrom(0x61, 0x2c, 0x0a, 0x22, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff);
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 20 }), (bytes, cuts) => {
        const all = Buffer.from(bytes);
        const collect = (pieces: Buffer[]): Out[] => {
          const out: Out[] = [];
          const reader = new CsvReader({ record: (fields, line) => out.push([line, fields]), problem: (line, message) => out.push(["problem", line, message]) });
          for (const p of pieces) reader.write(p);
          reader.end();
          return out;
        };
        const pieces: Buffer[] = [];
        for (let at = 0, i = 0; at < all.length; i++) {
          const n = cuts[i % cuts.length] ?? 1;
          pieces.push(all.subarray(at, at + n));
          at += n;
        }
        expect(collect(pieces)).toEqual(collect([Buffer.from(new TextDecoder().decode(all))]));
      }),
      { numRuns: 500 },
    );
  });

  it("reads back any table written as RFC 4180, however the bytes are split", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "Z", " ", ",", '"', "\n", "\r\n", "ک", "é", "1") });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (rows, piece, crlf) => {
        // A one-field record that is empty would be an empty line, which readers skip: rows have 2+ fields.
        const csv = rows.map((r) => r.map(field).join(",")).join(crlf ? "\r\n" : "\n");
        const got = read(csv, piece);
        expect(got.map((o) => o[1])).toEqual(rows);
        expect(got.every((o) => o[0] !== "problem")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
