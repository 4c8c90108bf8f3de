import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, type Db } from "../../src/db/client.ts";
import { buildDigestForDate } from "../../src/digest/index.ts";
import { ingestBytes } from "../../src/ingest/index.ts";
import { markdownLink } from "../../src/render/links.ts";
import { cleanUrl } from "../../src/text/urls.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import type { ReplyModel } from "../../src/render/reply.ts";
import { routerFor, seededStore } from "../helpers/store.ts";

const HOSTILE = "https://www.dawn.com/x)[**OFFICIAL ISPR statement**](https://evil.example/phish)(y";
const ENCODED = "https://www.dawn.com/x%29%5B%2A%2AOFFICIAL%20ISPR%20statement%2A%2A%5D%28https://evil.example/phish%29%28y";
const EDITOR: CommandContext = { guildId: "1100000000000000001", channelId: "1100000000000000002", userId: "1100000000000000077", permissions: 32n };

const BODY = [
  "On Saturday militants attacked a security checkpost in Bajaur, killing two soldiers, officials said.",
  "Residents of Khar said the roads around the checkpost were closed for the rest of the day while troops searched nearby villages.",
  "Elders called on the authorities to reopen the markets before the weekend and to consult them before any further operation.",
].join("\n\n");

function markdownArticle(url: string, title: string): Buffer {
  return Buffer.from(`---\ntitle: "${title}"\npublished: 2025-01-11\noutlet: Dawn\nurl: "${url}"\n---\n${BODY}\n`);
}

/** Every Markdown link target in a text: what Discord would make clickable. */
function linkTargets(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]*)\)/g)].map((m) => m[1] ?? "");
}

function allText(reply: ReplyModel): string {
  const parts = [reply.content ?? ""];
  for (const e of reply.embeds ?? []) {
    parts.push(e.title ?? "", e.description ?? "", e.footer ?? "");
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join("\n");
}

let db: Db;
beforeEach(() => {
  db = seededStore();
});
afterEach(() => {
  closeDb(db);
});

describe("links the bot writes cannot be turned into other links", () => {
  it("markdownLink encodes a URL that tries to close the link and open a masked one, and escapes the title", () => {
    const out = markdownLink("Attack in [Bajaur](https://evil.example) **now**", HOSTILE);
    expect(linkTargets(out)).toEqual([ENCODED]);
    expect(out).toBe(`[Attack in Bajaur\\(https://evil.example\\) \\*\\*now\\*\\*](${ENCODED})`);
    for (const ch of ["<", ">", " ", "(", ")", "[", "]"]) expect(markdownLink("t", `https://a.example/p${ch}q`)).not.toContain(`p${ch}q`);
    expect(markdownLink("Plain", "javascript:alert(1)")).toBe("Plain");
    expect(markdownLink("Plain", "not a url", { plain: "italic" })).toBe("*Plain*");
  });

  it("the store keeps only clean http(s) URLs", () => {
    expect(cleanUrl(HOSTILE)).toBe(ENCODED);
    expect(cleanUrl(ENCODED)).toBe(ENCODED);
    expect(cleanUrl("javascript:alert(1)")).toBeUndefined();
    expect(cleanUrl("data:text/html,<b>x</b>")).toBeUndefined();
    expect(cleanUrl("//us.yahoo.com/news/")).toBe("https://us.yahoo.com/news/");
    expect(cleanUrl("/news/a", "https://www.dawn.com/feeds/home")).toBe("https://www.dawn.com/news/a");
    expect(cleanUrl("https://user:secret@www.dawn.com/a b")).toBe("https://www.dawn.com/a%20b");
    expect(cleanUrl("https://www.dawn.com/100%")).toBe("https://www.dawn.com/100%25");
  });

  it("a hostile URL from front matter, --url or og:url is stored clean and rendered as one plain link in /article, /onthisday and the digest", async () => {
    const fromFrontMatter = ingestBytes(db, "ispr-statement.md", markdownArticle(HOSTILE, "Checkpost attacked in Bajaur"), { now: new Date("2026-01-01T00:00:00Z") });
    expect(fromFrontMatter.ok).toBe(true);
    const fromOverride = ingestBytes(db, "override.txt", Buffer.from(`Second report\n\n${BODY}`), { now: new Date("2026-01-01T00:00:00Z"), overrides: { url: `${HOSTILE}&2`, published: "2025-01-11", title: "Second report" } });
    expect(fromOverride.ok).toBe(true);
    const page = `<html lang="en"><head><title>Third report</title><meta property="og:url" content="${HOSTILE.replaceAll('"', "&quot;")}&amp;3"><meta property="article:published_time" content="2025-01-11"></head><body><article><h1>Third report</h1>${BODY.split("\n\n").map((p) => `<p>${p}</p>`).join("")}</article></body></html>`;
    const fromOg = ingestBytes(db, "third.html", Buffer.from(page), { now: new Date("2026-01-01T00:00:00Z") });
    expect(fromOg.ok).toBe(true);
    const urls = db.$client.prepare<[], { url: string }>("select url from articles where outlet = 'Dawn' or title in ('Second report', 'Third report') order by url").all().map((r) => r.url);
    expect(urls).toEqual([ENCODED, `${ENCODED}&2`, `${ENCODED}&3`]);

    const router = routerFor(db, new Date("2026-01-11T06:00:00Z"));
    const article = await router.handleCommand({ name: "article", options: { id: String(fromFrontMatter.article?.id) }, ctx: EDITOR });
    const onThisDay = await router.handleCommand({ name: "onthisday", options: { date: "01-11" }, ctx: EDITOR });
    const digest = buildDigestForDate(db, { date: "2026-01-11", timezone: "Asia/Karachi" });
    for (const [where, reply] of [["/article", article.reply], ["/onthisday", onThisDay.reply], ["digest", digest]] as const) {
      const text = allText(reply);
      expect([where, text]).toEqual([where, expect.stringContaining(ENCODED)]);
      // Nothing clickable points anywhere but the encoded article URLs (and never at the phishing page).
      const targets = linkTargets(text);
      expect([where, targets.some((t) => t.startsWith("https://evil.example"))]).toEqual([where, false]);
      expect([where, text.includes("[**OFFICIAL")]).toEqual([where, false]);
    }
    expect(article.reply.embeds?.[0]?.url).toBe(ENCODED);
  });

  it("drops a URL that is not http(s) instead of storing it", () => {
    const r = ingestBytes(db, "js.md", markdownArticle("javascript:alert(document.cookie)", "Scripted"), { now: new Date("2026-01-01T00:00:00Z") });
    expect(r.ok).toBe(true);
    expect(db.$client.prepare("select url from articles where title = 'Scripted'").get()).toEqual({ url: null });
  });
});
