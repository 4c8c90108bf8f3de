import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha1Hex, sha256Hex } from "../../src/text/hash.ts";

describe("the one-shot hashes ingest stores (articles' content hash, reports' keys)", () => {
  it("are the Hash object's digests of the text as UTF-8, whatever it holds", () => {
    for (const text of ["", "Torkham", "“Kabul’s response,” he said — 12 killed\n\tin Kurram", "پښتو اردو", "\u{1F600} \u0000 end"]) {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
      expect(sha1Hex(text)).toBe(createHash("sha1").update(text).digest("hex"));
    }
  });
});
