import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticle, type ParsedArticle } from "../../src/ingest/parse.ts";
import { parseFeed, type ParsedFeed } from "../../src/feeds/parse.ts";

/**
 * Real pages and feeds written by other people (test/fixtures/third-party/README.md names each one's origin and
 * licence). Every expectation below was read from the file itself, not from the parser's output.
 */

const DIR = path.join(import.meta.dirname, "..", "fixtures", "third-party");
const NOW = new Date("2026-12-02T00:00:00Z");

const articles = new Map<string, ParsedArticle>();
function article(name: string): ParsedArticle {
  let a = articles.get(name);
  if (!a) {
    a = parseArticle(`${name}.html`, readFileSync(path.join(DIR, "readability", `${name}.html`)), {}, NOW);
    articles.set(name, a);
  }
  return a;
}
const texts = (name: string): string[] => article(name).paragraphs.map((p) => p.text);
const bodies = (name: string): string[] => article(name).paragraphs.filter((p) => p.role === "body").map((p) => p.text);
const headings = (name: string): string[] => article(name).paragraphs.filter((p) => p.role === "heading").map((p) => p.text);

/** Lines of site furniture each page really carries (read from the page's text outside its scripts). */
const FURNITURE: Record<string, string[]> = {
  "bbc-1": [
    "Advertisement", "Share this story", "View comments", "Most Popular", "Top Stories", "Email", "Copyright © 2015 BBC.",
    "Read the full transcript of his interview", "Five things we learned from Obama interview",
    "How black Americans are reacting to Sandra Bland's death", "What we learned from Trump's financial disclosure",
  ],
  "guardian-1": [
    "Advertise with us", "Share on Facebook", "Share on Twitter", "Share via Email", "Subscribe", "Most popular", "Reuse this content",
    "Newsletters", "by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)",
    "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST",
  ],
  "seattletimes-1": [
    "Advertise", "Advertise with Us", "Advertising", "Related", "Subscribe", "Subscriber Services", "Comments",
    "You must be logged in to leave a comment.", "Newsletters", "Copyright © 2019 The Seattle Times",
  ],
};
const FURNITURE_LIKE = /^(advertisement|advertis|share (this|on|via)|read more|subscribe|sign up|most (popular|read)|related( stories)?$|comments?$|copyright)/i;

function noFurniture(name: string): void {
  const all = texts(name);
  for (const line of FURNITURE[name] ?? []) expect(all, line).not.toContain(line);
  expect(all.filter((t) => FURNITURE_LIKE.test(t))).toEqual([]);
}

describe("readability's bbc-1 (BBC News, 24 July 2015)", () => {
  it("has the headline without ' - BBC News', the page's date and the story's paragraphs", () => {
    const a = article("bbc-1");
    expect(a.title).toBe("Obama admits US gun laws are his 'biggest frustration'");
    // The only date the page shows is "24 July 2015" (data-datetime; data-seconds 1437712569 = 05:36 BST that day).
    expect(a.published).toEqual({ value: "2015-07-24", precision: "day" });
    expect(bodies("bbc-1")).toContain(
      'President Barack Obama has admitted that his failure to pass "common sense gun safety laws" in the US is the greatest frustration of his presidency.',
    );
    expect(bodies("bbc-1")).toContain("Mr Obama lands in Kenya later on Friday for his first visit since becoming president.");
    expect(headings("bbc-1")).toContain("Kenya trip");
  });

  it("carries none of the page's furniture (share/comment links, promos, related headlines, copyright)", () => {
    noFurniture("bbc-1");
  });
});

describe("readability's guardian-1 (the Guardian, 3 January 2019)", () => {
  // Title is "'What is the sea telling us?': Māori tribes fearful over whale strandings | Eleanor Ainge Roy | Environment
  // | The Guardian"; the <h1> is the headline alone. The parser strips the site and section but keeps "| Eleanor Ainge
  // Roy" (the author's name, which og:title also carries): the desk gets the writer's name in the headline.
  it("has the headline without the author's name and the site suffix", () => {
    expect(article("guardian-1").title).toBe("'What is the sea telling us?': Māori tribes fearful over whale strandings");
  });

  it("has the publication day and the story's paragraphs", () => {
    const a = article("guardian-1");
    expect(a.title.startsWith("'What is the sea telling us?': Māori tribes fearful over whale strandings")).toBe(true);
    expect(a.title).not.toMatch(/Guardian|Environment/);
    // article:published_time 2019-01-03T07:00:02.000Z; the page shows "Thu 3 Jan 2019 02.00 EST".
    expect(a.published).toEqual({ value: "2019-01-03", precision: "day" });
    expect(bodies("guardian-1")).toContain(
      "“Man’s greed in the ocean is hurting the whales,” says Parata, a fierce and uncompromising elder of the Ngātiwai tribe of eastern Northland.",
    );
    expect(bodies("guardian-1")).toContain("The recent spate of mass strandings has been described as “heartbreaking” by the conservation department.");
    expect(headings("guardian-1")).toEqual(["‘Unprecedented’ strandings", "‘We need to listen’"]);
  });

  it("carries none of the page's furniture (share buttons, byline and dateline lines, promos)", () => {
    noFurniture("guardian-1");
  });

  // Each photo's caption sits in a <ul><li><p> right after its <figure>; the parser keeps them as body paragraphs.
  it("does not take the photo captions for paragraphs of the story", () => {
    const all = texts("guardian-1");
    expect(all).not.toContain("Hori Parata at his Pātaua farm, the place where he was born and grew up");
    expect(all.filter((t) => t.startsWith("Clockwise from top:"))).toEqual([]);
  });
});

describe("readability's seattletimes-1 (The Seattle Times, 28 April 2019)", () => {
  it("has the headline, the publication day and the story's paragraphs", () => {
    const a = article("seattletimes-1");
    expect(a.title).toBe("Alaskan halibut, caught by a century-old Seattle boat, provides a glimpse of Amazon’s strategy with Whole Foods");
    // datePublished / article:published_time "2019-04-28 06:01:07"; the page shows "April 28, 2019 at 6:01 am".
    expect(a.published).toEqual({ value: "2019-04-28", precision: "day" });
    expect(bodies("seattletimes-1")).toContain("Fresh halibut fillets routinely sell for $24 to $28 a pound, and often more.");
    expect(bodies("seattletimes-1")).toContain(
      "Amazon bought Whole Foods in August 2017 for $13.7 billion, its largest acquisition and an aggressive move into the grocery business.",
    );
  });

  it("carries none of the page's furniture (advertising, subscription and comment links)", () => {
    noFurniture("seattletimes-1");
  });

  // The byline is "By <a rel="author">Benjamin Romano</a>"; the parser takes Readability's byline, which here is the
  // dateline "April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm".
  it("names the writer, not the dateline, as the author", () => {
    expect(article("seattletimes-1").author).toBe("Benjamin Romano");
  });

  // "Whole Foods future" and "Back on the schooner" are subheads (<p><strong>…</strong></p> on their own); the parser
  // gives them the role "body", so they read as one-line paragraphs of the story.
  it("marks the subheads as headings", () => {
    expect(headings("seattletimes-1")).toEqual(["Whole Foods future", "Back on the schooner"]);
  });
});

const feeds = new Map<string, ParsedFeed>();
function feed(name: string): ParsedFeed {
  let f = feeds.get(name);
  if (!f) {
    f = parseFeed(readFileSync(path.join(DIR, "rss-parser", name)));
    feeds.set(name, f);
  }
  return f;
}

describe("rss-parser's feeds", () => {
  it("guardian.rss (RSS 2.0): 55 items, the first dated 31 January 2018", () => {
    const f = feed("guardian.rss");
    expect(f.title).toBe("The Guardian");
    expect(f.entries).toHaveLength(55);
    const first = f.entries[0];
    expect(first?.title).toBe("Trump State of the Union address promised unity but emphasized discord");
    // <pubDate>Wed, 31 Jan 2018 07:26:05 GMT</pubDate>
    expect(first?.publishedDay).toBe("2018-01-31");
    expect(first?.published).toBe("2018-01-31T07:26:05.000Z");
    expect(f.entries.at(-1)?.title).toBe("Earth's ultimate yogis – in pictures");
  });

  it("heise.atom (Atom, +01:00 times): 15 entries, each on the day of its own offset", () => {
    const f = feed("heise.atom");
    expect(f.title).toBe("heise developer neueste Meldungen");
    expect(f.entries).toHaveLength(15);
    const first = f.entries[0];
    expect(first?.title).toBe("Java-Anwendungsserver: Red Hat gibt WildFly 10 frei");
    // <published>2016-02-01T17:22:00+01:00</published>
    expect(first?.publishedDay).toBe("2016-02-01");
    expect(first?.published).toBe("2016-02-01T16:22:00.000Z");
    expect(f.entries.at(-1)?.title).toBe("Apache Software Foundation bekommt ein neues Logo");
    expect(f.entries.at(-1)?.publishedDay).toBe("2016-01-28");
  });

  it("encoding.rss (ISO-8859-1, CDATA titles): 40 items with their Portuguese accents intact", () => {
    const bytes = readFileSync(path.join(DIR, "rss-parser", "encoding.rss"));
    // The file really is Latin-1: "Notícias" is one byte 0xED, not UTF-8's two.
    expect(bytes.includes(Buffer.from("Not\xedcias", "latin1"))).toBe(true);
    for (const f of [feed("encoding.rss"), parseFeed(bytes, undefined, "application/rss+xml; charset=utf-8")]) {
      expect(f.title).toBe("Jornal de Notícias - Últimas Notícias");
      expect(f.entries).toHaveLength(40);
      const first = f.entries[0];
      expect(first?.title).toBe("Mãe de utente é a nova presidente da Raríssimas");
      // <pubDate>Wed, 03 Jan 2018 13:47:00 GMT</pubDate>
      expect(first?.publishedDay).toBe("2018-01-03");
      // The last title ends in a space inside its CDATA: "…táxis e bicicletas ]]>".
      expect(f.entries.at(-1)?.title).toBe("Lisboa quer passes sociais com acesso a táxis e bicicletas");
      expect(f.entries.at(-1)?.publishedDay).toBe("2018-01-03");
    }
  });
});
