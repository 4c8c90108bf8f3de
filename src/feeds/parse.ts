import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { cleanUrl } from "../text/urls.ts";

/** One entry of a feed, whatever its dialect (RSS 2.0, RSS 1.0/RDF, Atom). */
export interface FeedEntry {
  /** RSS guid / Atom id; the link (then the title) when the feed gives neither. */
  guid: string;
  title: string;
  link: string | undefined;
  /** ISO date-time when the entry gives a readable one. */
  published: string | undefined;
  /** The fullest text the entry carries: content:encoded / Atom content, else the description / summary (HTML). */
  html: string;
  author: string | undefined;
  /** sha256 of title + text: the same piece under a new guid is still the same piece. */
  contentHash: string;
}

export interface ParsedFeed {
  title: string | undefined;
  entries: FeedEntry[];
}

export class FeedParseError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  // Entity expansion is where XML bombs live; feeds need only the predefined entities, which the parser decodes.
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Text of an element that may be a string, a number, or an object with #text (when it has attributes). */
function text(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (isNode(v)) return text(v["#text"]);
  return undefined;
}

function isoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function hashOf(title: string, html: string): string {
  return createHash("sha256").update(title).update("\n").update(html).digest("hex");
}

function atomLink(v: unknown): string | undefined {
  const links = Array.isArray(v) ? v : [v];
  const candidates = links.filter(isNode);
  const alternate = candidates.find((l) => !l["@_rel"] || l["@_rel"] === "alternate") ?? candidates[0];
  return alternate ? text(alternate["@_href"]) : text(links[0]);
}

function entry(guid: string | undefined, title: string | undefined, rawLink: string | undefined, published: string | undefined, html: string, author: string | undefined, base: string | undefined): FeedEntry | undefined {
  const t = title ?? "";
  // Only a clean http(s) link is kept (relative ones resolved against the feed's own address).
  const link = cleanUrl(rawLink, base);
  const id = guid ?? link ?? (t ? `title:${t}` : undefined);
  if (!id) return undefined;
  return { guid: id, title: t, link, published: isoDate(published), html, author, contentHash: hashOf(t, html) };
}

/** Parses an RSS 2.0, RSS 1.0 (RDF) or Atom document; anything else is a FeedParseError with the reason. */
export function parseFeed(xml: string, baseUrl?: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedParseError(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const doc: unknown = parser.parse(xml);
  if (!isNode(doc)) throw new FeedParseError("empty document");

  const rss = doc.rss ?? doc["rdf:RDF"];
  if (isNode(rss)) {
    const channel = isNode(rss.channel) ? rss.channel : undefined;
    const items = (Array.isArray(channel?.item) ? channel.item : Array.isArray(rss.item) ? rss.item : []).filter(isNode);
    const entries = items.flatMap((i) => {
      const link = text(i.link);
      const html = text(i["content:encoded"]) ?? text(i.description) ?? "";
      const e = entry(text(i.guid), text(i.title), link, text(i.pubDate) ?? text(i["dc:date"]), html, text(i["dc:creator"]) ?? text(i.author), baseUrl);
      return e ? [e] : [];
    });
    return { title: text(channel?.title), entries };
  }
  const feed = doc.feed;
  if (isNode(feed)) {
    const items = (Array.isArray(feed.entry) ? feed.entry : []).filter(isNode);
    const entries = items.flatMap((i) => {
      const author = isNode(i.author) ? text(i.author.name) : undefined;
      const html = text(i.content) ?? text(i.summary) ?? "";
      const e = entry(text(i.id), text(i.title), atomLink(i.link), text(i.published) ?? text(i.updated), html, author, baseUrl);
      return e ? [e] : [];
    });
    return { title: text(feed.title), entries };
  }
  throw new FeedParseError("neither RSS nor Atom (no <rss>, <rdf:RDF> or <feed> root)");
}
