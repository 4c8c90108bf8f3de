import { describe, expect, it } from "vitest";
import { parseArticle, withoutSiteName } from "../../src/ingest/parse.ts";
import { ingestBytes } from "../../src/ingest/index.ts";
import { freshStore } from "./helpers.ts";

/** Saved news pages and files as desks really have them: site furniture, site names in titles, dates only in URLs. */

const STORY = [
  "Pakistan reopened the Torkham crossing on Tuesday after two days of talks between border officials, traders said, ending a closure that had stranded hundreds of lorries on both sides.",
  "“The gate is open and the first trucks have crossed,” said Zia ul Haq Sarhadi, a senior official of the Pakistan-Afghanistan Joint Chamber of Commerce, adding that the backlog would take days to clear.",
  "Officials in Khyber said the two sides had agreed to meet again next week to settle the dispute over a new building on the Afghan side that set off the closure.",
  "Traders in Landi Kotal said they had lost millions of rupees during the closure and called on both governments to keep the crossing open whatever their disputes.",
];

function page(head: string, furniture: { before?: string; between?: string; after?: string } = {}): Buffer {
  const [a, b, c, d] = STORY;
  return Buffer.from(`<!doctype html><html lang="en"><head>${head}</head><body><article>
    <h1>Torkham reopens after talks</h1>
    ${furniture.before ?? ""}
    <p>${a}</p><p>${b}</p>
    ${furniture.between ?? ""}
    <p>${c}</p><p>${d}</p>
    ${furniture.after ?? ""}
  </article></body></html>`);
}

const DATED = '<meta property="article:published_time" content="2025-03-18T09:00:00+05:00">';

describe("web pages without their furniture", () => {
  it("drops read-more lines, related headlines, slide counters, captions, credits and separators, keeping every paragraph of the story", () => {
    const html = page(`<title>Torkham reopens after talks</title>${DATED}`, {
      before: `<p>Continue reading the main story</p><figure><img src="x.jpg"><figcaption>Lorries queue at Torkham on Monday. Photo: Reuters</figcaption></figure><p>1 / 5</p>`,
      between: `<p>Read more: <a href="/a">Pakistan and Afghanistan trade blame over Torkham</a></p><p>[Read: <a href="/b">What the Torkham closure costs</a>]</p><p>(AP Photo/Muhammad Sajjad)</p><p>___</p>`,
      after: `<h2>Related</h2><ul><li><a href="/c">Kurram road stays shut for a third week</a></li><li><a href="/d">Chaman traders end their sit-in</a></li><li><a href="/e">Afghan refugees return through Torkham</a></li></ul><p><a href="/f">Sign up for our daily briefing</a></p>`,
    });
    const article = parseArticle("torkham.html", html);
    expect(article.paragraphs.filter((p) => p.role === "body").map((p) => p.text)).toEqual(STORY);
    expect(article.paragraphs.filter((p) => p.role === "heading").map((p) => p.text)).toEqual([]);
  });

  it("keeps a sentence of the story that happens to contain a link or name an agency", () => {
    const linked = `<p>The <a href="/chamber">joint chamber</a> said the crossing handled 1,200 lorries a day before the closure, according to figures it gave Reuters.</p>`;
    const article = parseArticle("linked.html", page(`<title>Torkham reopens after talks</title>${DATED}`, { between: linked }));
    expect(article.paragraphs.map((p) => p.text)).toContain("The joint chamber said the crossing handled 1,200 lorries a day before the closure, according to figures it gave Reuters.");
  });

  it("drops a caption the page's markup names (a caption or credit class) and the one-item list set right after a photo", () => {
    const html = page(`<title>Torkham reopens after talks</title>${DATED}`, {
      before: `<div class="media-caption"><span class="media-caption__text">Lorries waiting at the crossing on Monday</span></div>`,
      between: `<figure><img src="x.jpg" alt="Lorries at Torkham"></figure><ul><li><p>Lorries at Torkham, where the queue stretched back to Landi Kotal</p></li></ul><p class="image-credit">Abdul Majeed</p>`,
    });
    const article = parseArticle("captions.html", html);
    expect(article.paragraphs.filter((p) => p.role === "body").map((p) => p.text)).toEqual(STORY);
  });

  it("keeps a list of the story's own points, and a container that says it has a caption keeps its text", () => {
    const points = `<ul><li>The crossing handled 1,200 lorries a day before it closed.</li><li>Both sides will meet again next week.</li></ul>`;
    const wrapped = `<div class="story-body has-caption"><p>Customs officials said clearing the backlog of lorries on both sides would take at least three more days, and asked traders for patience.</p></div>`;
    const article = parseArticle("points.html", page(`<title>Torkham reopens after talks</title>${DATED}`, { between: `<figure><img src="x.jpg"></figure><p>Officials spoke after the gate opened, as the first of the stranded lorries rolled through towards Jalalabad.</p>${points}`, after: wrapped }));
    const texts = article.paragraphs.map((p) => p.text);
    expect(texts).toContain("The crossing handled 1,200 lorries a day before it closed.");
    expect(texts).toContain("Customs officials said clearing the backlog of lorries on both sides would take at least three more days, and asked traders for patience.");
  });

  it("reads a short bold paragraph between paragraphs as a subhead, but not a bold sentence or a bold lead-in", () => {
    const html = page(`<title>Torkham reopens after talks</title>${DATED}`, {
      between: `<p><b>The closure cost traders millions of rupees.</b></p><p><strong>Traders count the cost</strong></p><p><strong>Note:</strong> figures are the chamber's own estimates and could not be checked.</p>`,
    });
    const article = parseArticle("subheads.html", html);
    expect(article.paragraphs.filter((p) => p.role === "heading").map((p) => p.text)).toEqual(["Traders count the cost"]);
    expect(article.paragraphs.map((p) => p.text)).toContain("The closure cost traders millions of rupees.");
  });

  it("names the author from the byline link, not Readability's guess from a dateline, and takes the author's name out of the title", () => {
    const html = Buffer.from(`<!doctype html><html lang="en"><head><title>Torkham reopens after talks | Nadia Tareen | Pakistan | Dawn</title>
      <meta property="og:title" content="Torkham reopens after talks | Nadia Tareen">${DATED}</head><body><article>
      <h1>Torkham reopens after talks</h1><div class="byline"><span class="dateline">March 18, 2025 at 9:00 am Updated March 19, 2025 at 3:33 pm</span></div>
      <p>By <a rel="author" href="/author/nadia-tareen">Nadia Tareen</a></p>${STORY.map((t) => `<p>${t}</p>`).join("")}</article></body></html>`);
    const article = parseArticle("byline.html", html);
    expect(article).toMatchObject({ title: "Torkham reopens after talks", author: "Nadia Tareen" });
  });
});

describe("titles without the site's name", () => {
  it.each([
    ["Torkham reopens after talks - BBC News", "BBC News", undefined, "Torkham reopens after talks"],
    ["Torkham reopens after talks | World news | The Guardian", "the Guardian", undefined, "Torkham reopens after talks | World news"],
    ["Dawn | Torkham reopens after talks", undefined, "https://www.dawn.com/news/1", "Torkham reopens after talks"],
    ["Torkham reopens after talks — Yahoo News", undefined, "https://news.yahoo.com/torkham", "Torkham reopens after talks"],
    // A headline's own dash stays when the part after it is not the site.
    ["Pakistan - Afghanistan talks resume", "Reuters", "https://www.reuters.com/world/x", "Pakistan - Afghanistan talks resume"],
  ])("%s", (title, site, url, expected) => {
    expect(withoutSiteName(title, site, url)).toBe(expected);
  });

  it("takes off the author's name as the byline gives it, after the site's, but not a name that is the headline's own", () => {
    expect(withoutSiteName("Whale strandings | Eleanor Ainge Roy | Environment | The Guardian", "the Guardian", undefined, ["Eleanor Ainge Roy"])).toBe("Whale strandings | Eleanor Ainge Roy | Environment");
    expect(withoutSiteName("Whale strandings | Eleanor Ainge Roy | The Guardian", "the Guardian", undefined, ["Eleanor Ainge Roy"])).toBe("Whale strandings");
    expect(withoutSiteName("Whale strandings - By Eleanor Ainge Roy", undefined, undefined, ["Eleanor Ainge Roy"])).toBe("Whale strandings");
    expect(withoutSiteName("Imran Khan", undefined, undefined, ["Imran Khan"])).toBe("Imran Khan");
  });

  it("a page's <title> loses its suffix through og:site_name", () => {
    const article = parseArticle("bbc.html", page(`<title>Torkham reopens after talks - BBC News</title><meta property="og:site_name" content="BBC News">${DATED}`));
    expect(article).toMatchObject({ title: "Torkham reopens after talks", outlet: "BBC News" });
  });
});

describe("addresses and dates", () => {
  it("stores a protocol-relative canonical link as an absolute https URL", () => {
    const article = parseArticle("yahoo.html", page(`<title>Torkham reopens</title><link rel="canonical" href="//us.yahoo.com/news/torkham-reopens-093000.html">${DATED}`));
    expect(article.url).toBe("https://us.yahoo.com/news/torkham-reopens-093000.html");
  });

  it("falls back to a date in the URL's path, marked as such, so the incidents keep their dates", () => {
    const db = freshStore();
    const html = page(`<title>Torkham reopens</title><link rel="canonical" href="https://www.washingtonpost.com/world/asia_pacific/2015/03/18/torkham-reopens/">`);
    const report = ingestBytes(db, "wapo.html", html, { now: new Date("2026-01-01T00:00:00Z") });
    expect(report.ok).toBe(true);
    expect(report.article).toMatchObject({ published: "2015-03-18", publishedFrom: "url" });
    expect(report.article?.events).toBeGreaterThan(0);
    // "reopened … on Tuesday", read against Wednesday 18 March 2015.
    const event = db.$client.prepare("select occurred_on from events e join articles a on a.id = e.article_id where a.slug = 'wapo' and e.type = 'reopening'").pluck().get();
    expect(event).toBe("2015-03-17");
  });

  it("does not guess a date from numbers that are not one", () => {
    expect(parseArticle("n.html", page(`<title>Torkham</title><link rel="canonical" href="https://example.org/news/2015/13/45/story">`)).published).toBeUndefined();
    expect(parseArticle("n.html", page(`<title>Torkham</title><link rel="canonical" href="https://example.org/story-1234567">`)).published).toBeUndefined();
  });

  it("refuses a publication year outside 1900 to next year, from front matter or from a page", () => {
    const now = new Date("2026-12-02T00:00:00Z");
    for (const year of ["0001", "1899", "9999", "2028"]) {
      expect(() => parseArticle("old.md", Buffer.from(`---\ntitle: Old\npublished: ${year}-01-01\n---\n${STORY.join("\n\n")}\n`), {}, now)).toThrow(
        `the publication date ${year}-01-01 is not plausible (it must fall between 1900 and 2027); give the right one with --published`,
      );
    }
    expect(() => parseArticle("p.html", page('<title>T</title><meta property="article:published_time" content="9999-12-31">'), {}, now)).toThrow(/9999-12-31 is not plausible/);
    expect(parseArticle("ok.md", Buffer.from(`---\ntitle: New\npublished: 2027-01-01\n---\n${STORY.join("\n\n")}\n`), {}, now).published?.value).toBe("2027-01-01");
  });
});

describe("metadata limits and front matter in .txt", () => {
  it("holds a page's title and author to front matter's limits", () => {
    const longTitle = "Torkham ".repeat(130_000);
    const article = parseArticle("long.html", page(`<title>${longTitle}</title><meta name="author" content="${"A. Writer ".repeat(10_000)}">${DATED}`));
    expect(article.title.length).toBe(500);
    expect(article.title.endsWith("…")).toBe(true);
    expect(article.author).toBeUndefined();
  });

  it("reads a .txt file that starts with front matter as front matter", () => {
    const txt = Buffer.from(`---\ntitle: "Torkham reopens after talks"\npublished: 2025-03-18\noutlet: Frontier Wire\nurl: https://news.example/torkham\n---\n${STORY.join("\n")}\n`);
    const article = parseArticle("torkham.txt", txt);
    expect(article).toMatchObject({ title: "Torkham reopens after talks", published: { value: "2025-03-18", precision: "day" }, outlet: "Frontier Wire", url: "https://news.example/torkham" });
    expect(article.paragraphs.map((p) => p.text)).toEqual(STORY);
  });
});
