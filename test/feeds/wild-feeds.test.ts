import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, type Db } from "../../src/db/client.ts";
import { feedDate, parseFeed } from "../../src/feeds/parse.ts";
import { startFeedPoller } from "../../src/feeds/poller.ts";
import { addFeed } from "../../src/feeds/store.ts";
import { silentLogger } from "../../src/logger.ts";
import { seededStore } from "../helpers/store.ts";
import { startLocalServer, type LocalServer } from "../helpers/http.ts";

/** Feeds as servers really send them: other charsets, blank lines first, HTML content in every dress, local times. */

function rss(encoding: string, items: string): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>Frontier Wire</title><link>https://news.example/</link>${items}</channel></rss>`;
}

const TITLES = ["Peshawar: café owners protest", "Zürich talks on Afghan refugees", "Quetta’s “grand jirga” ends"];
const ITEMS = TITLES.map((t, i) => `<item><title>${t}</title><link>https://news.example/${i}</link><guid>g${i}</guid><pubDate>Sat, 10 Oct 2026 0${i}:02:24 +0500</pubDate><description>Short.</description></item>`).join("");

describe("feed encodings", () => {
  it("decodes by the XML declaration when the server names no charset, or names UTF-8 wrongly", () => {
    // Latin-1 cannot hold curly quotes: the third title is left out of that file.
    const latin1 = Buffer.from(rss("ISO-8859-1", ITEMS.split("</item>").slice(0, 2).join("</item>") + "</item>"), "latin1");
    for (const contentType of ["application/rss+xml", "application/rss+xml; charset=utf-8", "text/xml; charset=ISO-8859-1"]) {
      expect(parseFeed(latin1, undefined, contentType).entries.map((e) => e.title)).toEqual(TITLES.slice(0, 2));
    }
  });

  it("reads Windows-1252 (curly quotes) and UTF-16 with a byte-order mark", () => {
    const cp1252 = Buffer.from(rss("windows-1252", ITEMS).replace("’", "\x92").replace("“", "\x93").replace("”", "\x94"), "latin1");
    expect(parseFeed(cp1252).entries.map((e) => e.title)).toEqual(TITLES);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss("UTF-16", ITEMS), "utf16le")]);
    expect(parseFeed(utf16le).entries.map((e) => e.title)).toEqual(TITLES);
    const utf16be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(rss("UTF-16", ITEMS), "utf16le").swap16()]));
    expect(parseFeed(utf16be).entries.map((e) => e.title)).toEqual(TITLES);
    // The HTTP header's charset is taken when it reads the bytes.
    expect(parseFeed(Buffer.from(rss("UTF-8", ITEMS).replace(/^<\?xml[^>]*>/, ""), "utf8"), undefined, "application/xml; charset=utf-8").entries.map((e) => e.title)).toEqual(TITLES);
  });

  it("tolerates blank lines (and a byte-order mark) before the XML declaration", () => {
    expect(parseFeed(`\n\n   \r\n${rss("UTF-8", ITEMS)}`).entries).toHaveLength(3);
    expect(parseFeed(Buffer.from(`\uFEFF\n${rss("UTF-8", ITEMS)}`)).entries).toHaveLength(3);
  });
});

describe("entry content", () => {
  it("reads HTML content escaped, in CDATA, or written out as elements", () => {
    const feed = parseFeed(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Kabul Notes</title>
      <entry><id>1</id><title>Escaped</title><content type="html">&lt;p&gt;Shelling in Kunar &amp;amp; Nangarhar.&lt;/p&gt;</content></entry>
      <entry><id>2</id><title>Elements</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Shelling in <b>Kunar</b>.</p><p>Second.</p></div></content></entry>
      <entry><id>3</id><title>Bare HTML</title><content><p>Shelling in Kunar.</p><p>Second &amp; last.</p></content></entry>
      <entry><id>4</id><title>CDATA</title><summary><![CDATA[<p>Shelling in Kunar.</p>]]></summary></entry>
      <entry><id>5</id><title>Text</title><content type="text">Shelling &lt;reported&gt; in Kunar.</content></entry>
    </feed>`);
    expect(feed.entries.map((e) => e.html)).toEqual([
      "<p>Shelling in Kunar &amp; Nangarhar.</p>",
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>Shelling in <b>Kunar</b>.</p><p>Second.</p></div>',
      "<p>Shelling in Kunar.</p><p>Second &amp; last.</p>",
      "<p>Shelling in Kunar.</p>",
      "<p>Shelling &lt;reported&gt; in Kunar.</p>",
    ]);
  });
});

describe("publication days", () => {
  it("keep each item's own UTC offset: the day is the day where it was published", () => {
    expect(feedDate("Sat, 10 Oct 2026 04:02:24 +0500")).toEqual({ instant: "2026-10-09T23:02:24.000Z", day: "2026-10-10" });
    expect(feedDate("2026-10-10T04:02:24+04:30")).toEqual({ instant: "2026-10-09T23:32:24.000Z", day: "2026-10-10" });
    expect(feedDate("Fri, 09 Oct 2026 22:30:00 EDT")).toEqual({ instant: "2026-10-10T02:30:00.000Z", day: "2026-10-09" });
    expect(feedDate("Sat, 10 Oct 2026 04:02:24 GMT")).toEqual({ instant: "2026-10-10T04:02:24.000Z", day: "2026-10-10" });
    expect(feedDate("2026-10-10T04:02:24")).toEqual({ instant: "2026-10-10T04:02:24.000Z", day: "2026-10-10" });
    expect(feedDate("2026-10-10")).toEqual({ instant: "2026-10-10T00:00:00.000Z", day: "2026-10-10" });
    expect(feedDate("not a date")).toEqual({ instant: undefined, day: undefined });
  });
});

describe("the poller stores what the desk should see", () => {
  let web: LocalServer;
  let db: Db;
  const body = [
    "Officials in Peshawar said on Saturday that café owners had closed their shops in protest against new taxes, as traders gathered outside the assembly.",
    "“We cannot pay twice for the same goods,” a trader told reporters, adding that talks with the provincial government would resume next week.",
    "Residents said markets across the city stayed shut until the afternoon, and elders called on the government to listen to the traders.",
    "The chamber of commerce said it would meet the finance minister on Monday to present the traders' proposals for a single tax on goods.",
  ];
  const feedXml = `\n\n<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Frontier Wire</title><link>https://news.example/</link>
    <item><title>Peshawar café owners protest</title><link>/2026/10/cafe</link><guid>cafe-1</guid><pubDate>Sat, 10 Oct 2026 04:02:24 +0500</pubDate>
    <description>${body.map((p) => `&lt;p&gt;${p.replace("“", "&#8220;").replace("”", "&#8221;")}&lt;/p&gt;`).join("")}</description></item></channel></rss>`;

  beforeAll(async () => {
    web = await startLocalServer();
    web.route("/latin1.xml", (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(Buffer.from(feedXml, "latin1"));
    });
  });
  afterAll(async () => {
    await web.close();
  });
  beforeEach(() => {
    db = seededStore();
  });
  afterEach(() => {
    closeDb(db);
  });

  it("a Latin-1 feed with blank lines first and escaped HTML: right title, local publication day, absolute link", async () => {
    const now = new Date("2026-10-10T06:00:00Z");
    addFeed(db, { guildId: "1100000000000000001", channelId: null, url: `${web.url}/latin1.xml`, createdBy: "1100000000000000077", now });
    const poller = startFeedPoller({ db, logger: silentLogger, now: () => now, tickMs: 3_600_000, timeoutMs: 2000, guard: { allowPrivate: true } });
    const [result] = await poller.pollOnce();
    poller.stop();
    expect(result).toMatchObject({ status: "ok", newItems: 1 });
    const article = db.$client.prepare("select title, published_on as publishedOn, url from articles where outlet = 'Frontier Wire'").get();
    expect(article).toEqual({ title: "Peshawar café owners protest", publishedOn: "2026-10-10", url: `${web.url}/2026/10/cafe` });
    const paragraphs = db.$client.prepare("select p.text from paragraphs p join articles a on a.id = p.article_id where a.outlet = 'Frontier Wire' and p.role = 'body' order by p.idx").pluck().all();
    expect(paragraphs).toEqual(body);
  });
});
