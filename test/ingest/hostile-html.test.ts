import { describe, expect, it } from "vitest";
import { parseArticle, ParseError } from "../../src/ingest/parse.ts";

const STORY = "<p>The crossing at Torkham shut on Monday after an exchange of fire, officials said, and trucks queued for miles on both sides.</p>";

describe("HTML pages built to stall the parser", () => {
  it("reads a page nested 2,000 elements deep: the markup below the depth cap is flattened to its text, which is kept", () => {
    const html = `<html><head><title>Torkham shut</title></head><body>${"<div>".repeat(2000)}${STORY.repeat(4)}${"</div>".repeat(2000)}</body></html>`;
    const article = parseArticle("deep.html", Buffer.from(html), { published: "2025-10-13" });
    expect(article.paragraphs.map((p) => p.text).join(" ")).toContain("The crossing at Torkham shut on Monday after an exchange of fire");
  });

  it("refuses a page of more elements than any news page holds, saying why, before parsing it", () => {
    const html = `<html><body>${"<span>x</span>".repeat(25_000)}${STORY}</body></html>`;
    expect(() => parseArticle("huge.html", Buffer.from(html))).toThrow(ParseError);
    expect(() => parseArticle("huge.html", Buffer.from(html))).toThrow(/holds 25,003 elements; pages of more than 20,000 are refused/);
  });

  it("still reads an ordinary page unchanged", () => {
    const html = `<html><body><article><h1>Torkham shut</h1>${"<div><section>".repeat(20)}${STORY.repeat(3)}${"</section></div>".repeat(20)}</article></body></html>`;
    const article = parseArticle("ordinary.html", Buffer.from(html), { published: "2025-10-13" });
    expect(article.paragraphs.filter((p) => p.role === "body")).toHaveLength(3);
  });
});
