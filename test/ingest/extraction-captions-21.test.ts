/**
 * Pictures' credits and captions, and pull quotes (issue 14, twenty-first session; the classes of round 18's blind
 * misses). Every article here is written for its rule, none taken from the dev set.
 */
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/ingest/extract.ts";
import { parseArticle } from "../../src/ingest/parse.ts";
import { index } from "./extraction-helpers.ts";

function extractMarkdown(markdown: string) {
  const article = parseArticle("story.md", Buffer.from(`---\ntitle: "A story"\npublished: "2024-03-12"\n---\n\n${markdown}`));
  return { article, ex: extractArticle(article.paragraphs, index, article.published) };
}

describe("a picture's credit line is a paragraph of its own (twenty-first session)", () => {
  it("a credit line at the head is not one of the paragraphs a news agency's credit line is looked for in", () => {
    const { ex } = extractMarkdown("© Agency/2019/Jamal\nA girl waits outside a tent in Jalozai camp.\n\nVOA News Sana Jamal | Peshawar March 3, 2019 Officials said on Sunday the camp was full.");
    expect(ex.candidates.map((c) => c.text)).toContain("Sana Jamal");
    expect(ex.candidates.map((c) => c.text)).not.toContain("VOA News Sana Jamal");
  });
  it("the photographer's name and the caption's first name under it are no one name", () => {
    const { article, ex } = extractMarkdown("© UNICEF Pakistan/2024/Durrani\nGulnaz (left) waits with her sons in a tent near Peshawar.\n\nGulnaz fled her village in March.");
    expect(article.paragraphs.map((p) => p.text)).toEqual(["© UNICEF Pakistan/2024/Durrani", "Gulnaz (left) waits with her sons in a tent near Peshawar.", "Gulnaz fled her village in March."]);
    expect(ex.candidates.map((c) => c.text)).not.toContain("Durrani Gulnaz");
  });
  it("a line that only mentions copyright inside it stays in its paragraph", () => {
    const { article } = extractMarkdown("The agency said on Monday that the pictures its staff take in the camps are,\ncopyright aside, free for any desk that asks.\n\nIt said so on Monday.");
    expect(article.paragraphs.map((p) => p.text)).toEqual(["The agency said on Monday that the pictures its staff take in the camps are, copyright aside, free for any desk that asks.", "It said so on Monday."]);
  });
});

describe("a caption names no one the story's “she” goes on with (twenty-first session)", () => {
  it("a video caption's reporter between a girl's introduction and her words", () => {
    const { ex } = extractMarkdown(
      [
        "Peshawar, 12 March 2024 – Gulnaz Bibi, 12, remembers the night the shelling began.",
        "Agency correspondent Peter Vance reports on schools for displaced children. Photo © Agency/2024/Khan  Watch in RealPlayer",
        "“We ran to the road and did not stop,” she said.",
      ].join("\n\n"),
    );
    expect(ex.quotes.map((q) => q.speakerText)).toEqual(["Gulnaz Bibi"]);
  });
  it("a picture's caption stays in the story: the girl it brings in is who the next “she” is", () => {
    const { ex } = extractMarkdown(
      ["Families have fled Kurram district this month.", "Gulnaz Bibi, 12, sits outside her family's tent in Jalozai camp. © Agency/2024/Khan", "“We left at night and walked for two days,” she said."].join("\n\n"),
    );
    expect(ex.quotes.map((q) => q.speakerText)).toEqual(["Gulnaz Bibi"]);
  });
});

describe("a pull quote is the speaker's the story gives it to (twenty-first session)", () => {
  it("words set apart with no speaker, quoted again later with one", () => {
    const { ex } = extractMarkdown(
      [
        "“When the shelling came closer, we had no choice but to leave everything behind.”",
        "The valley has emptied in the past month.",
        "Rahim Gul, a farmer with six children, tells his story: “I grew wheat for twenty years. When the shelling came closer, we had no choice but to leave everything behind.”",
      ].join("\n\n"),
    );
    expect(ex.quotes.map((q) => q.speakerText)).toEqual(["Rahim Gul", "Rahim Gul"]);
  });
  it("words quoted inside a sentence are no pull quote, whoever repeats them later", () => {
    const { ex } = extractMarkdown(
      ["The minister vowed “to restore peace to every single village in the district” on Monday.", "Opposition leader Imran Daud said: “He vowed to restore peace to every single village in the district, and nothing has happened since.”"].join("\n\n"),
    );
    expect(ex.quotes.map((q) => q.speakerText)).toEqual([null, "Imran Daud"]);
  });
  it("a short phrase quoted twice is not taken for a pull quote", () => {
    const { ex } = extractMarkdown(["“Never again.”", "Rahim Gul, a farmer, said: “Never again. We will not go back.”"].join("\n\n"));
    expect(ex.quotes.map((q) => q.speakerText)).toEqual([null, "Rahim Gul"]);
  });
});

describe("a desk's signature over a story is no one's name (twenty-first session)", () => {
  const signed = (line: string): string[] => extractMarkdown(`${line}\n\nPESHAWAR — Officials said on Monday the road to Kohat was open.\n\nTraders welcomed the news.`).ex.candidates.map((c) => `${c.text} (${c.kind})`);
  it("a writer's name on a line of its own over the story is a person", () => {
    expect(signed("Ayaz Gul")).toContain("Ayaz Gul (person)");
  });
  it("“Staff Reporter”, “Web Desk”, “Reuters Staff”, “Staff Reporter March 3, 2024”: no one", () => {
    for (const line of ["Staff Reporter", "Web Desk", "Reuters Staff", "Staff Reporter March 3, 2024"]) expect(signed(line).filter((c) => c.includes("(person)"))).toEqual([]);
  });
});
