import { sha256Hex } from "../text/hash.ts";
import { cleanUrl } from "../text/urls.ts";
import { lazyRequire } from "../lazy.ts";

const fxp = lazyRequire<typeof import("fast-xml-parser")>("fast-xml-parser");

/** One entry of a feed, whatever its dialect (RSS 2.0, RSS 1.0/RDF, Atom). */
export interface FeedEntry {
  /** RSS guid / Atom id; the link (then the title) when the feed gives neither. */
  guid: string;
  title: string;
  link: string | undefined;
  /** ISO date-time (UTC) when the entry gives a readable one. */
  published: string | undefined;
  /**
   * The day it was published where it was published: the date in the entry's own UTC offset ("Sat, 10 Oct 2026
   * 04:02:24 +0500" is 10 October, though it is still the 9th in UTC); the date as written when it gives none.
   */
  publishedDay: string | undefined;
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

let xmlParser: InstanceType<ReturnType<typeof fxp>["XMLParser"]> | undefined;
const parser = (): InstanceType<ReturnType<typeof fxp>["XMLParser"]> => (xmlParser ??= new (fxp().XMLParser)({
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
  // The text of these is HTML, escaped, in CDATA or written out as elements: kept raw and read by entryHtml.
  stopNodes: ["*.content", "*.summary", "*.description", "*.content:encoded"],
}));

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

/** North American zone names RFC 822 allows, in minutes east of UTC. */
const RFC822_ZONES: Record<string, number> = { GMT: 0, UT: 0, UTC: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };

/** The UTC offset a date-time states, in minutes; undefined when it states none. */
function statedOffset(raw: string): number | undefined {
  const iso = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i.exec(raw);
  const rfc = iso ? undefined : /\s([+-]\d{4}|[A-Z]{1,3})$/i.exec(raw);
  const zone = (iso?.[1] ?? rfc?.[1])?.toUpperCase();
  if (!zone) return undefined;
  if (zone in RFC822_ZONES) return RFC822_ZONES[zone];
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes > 14 * 60 ? undefined : m[1] === "-" ? -minutes : minutes;
}

/** The instant (ISO, UTC) and the local day where it was published, of a feed date; undefined parts when unreadable. */
export function feedDate(raw: string | undefined): { instant: string | undefined; day: string | undefined } {
  const text = raw?.trim();
  if (!text) return { instant: undefined, day: undefined };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const t = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(t) ? { instant: undefined, day: undefined } : { instant: new Date(t).toISOString(), day: text };
  }
  const offset = statedOffset(text);
  // No zone stated: read the clock time as written (not in this machine's zone), so its day is the day written.
  const t = Date.parse(offset === undefined && /^\d{4}-\d{2}-\d{2}T/.test(text) ? `${text}Z` : text);
  if (Number.isNaN(t)) return { instant: undefined, day: undefined };
  const local = new Date(t + (offset ?? 0) * 60_000);
  return { instant: new Date(t).toISOString(), day: local.toISOString().slice(0, 10) };
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes XML's character references and predefined entities (an escaped HTML payload becomes HTML). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The HTML of an entry's content, however the feed wrote it: in CDATA, escaped (`&lt;p&gt;`, Atom type="html"),
 * or as elements (unescaped HTML, Atom type="xhtml"); plain text (Atom type="text") is escaped into a paragraph.
 */
function entryHtml(v: unknown): string | undefined {
  const node = Array.isArray(v) ? (v[0] as unknown) : v;
  const raw = typeof node === "string" ? node : isNode(node) && typeof node["#text"] === "string" ? node["#text"] : undefined;
  if (raw === undefined) return undefined;
  const type = isNode(node) && typeof node["@_type"] === "string" ? node["@_type"].toLowerCase() : undefined;
  let html: string;
  if (raw.includes("<![CDATA[")) {
    // CDATA holds the HTML as is; text between sections is still XML-escaped.
    html = raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/).map((part) => (part.startsWith("<![CDATA[") ? part.slice(9, -3) : decodeEntities(part))).join("");
  } else if (type === "xhtml" || /<[a-z][\w:-]*[\s/>]/i.test(raw)) html = raw;
  else {
    const decoded = decodeEntities(raw);
    html = type === "text" ? `<p>${escapeHtml(decoded)}</p>` : decoded;
  }
  return html.trim() || undefined;
}

function hashOf(title: string, html: string): string {
  return sha256Hex(`${title}\n${html}`);
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
  const when = feedDate(published);
  return { guid: id, title: t, link, published: when.instant, publishedDay: when.day, html, author, contentHash: hashOf(t, html) };
}

/** The charset a Content-Type header names, lower-cased. */
function headerCharset(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? "")?.[1]?.toLowerCase();
}

/** Windows-1252's characters for bytes 0x80–0x9F (Latin-1 has control codes there; 0 = unassigned). */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Windows-1252, which the web (and WHATWG's encoding standard) means by "ISO-8859-1", "Latin-1" and "ASCII" too.
 * Written out here because not every Node build's TextDecoder maps 0x80–0x9F (curly quotes, dashes) for it.
 */
const windows1252 = {
  decode(bytes: Buffer): string {
    return bytes.toString("latin1").replace(/[\x80-\x9f]/g, (c) => {
      const code = CP1252_HIGH[c.charCodeAt(0) - 0x80];
      return code ? String.fromCharCode(code) : c;
    });
  },
};

const WINDOWS_1252_LABELS = new Set(["iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "cp1252", "windows-1252", "x-cp1252", "us-ascii", "ascii", "cp819", "ibm819"]);

function decoderFor(label: string | undefined, fatal: boolean): { decode(bytes: Buffer): string } | undefined {
  if (!label) return undefined;
  if (WINDOWS_1252_LABELS.has(label)) return windows1252;
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return undefined; // a charset TextDecoder does not know
  }
}

/**
 * A feed's bytes as text: a byte-order mark decides; else the charset the HTTP header names, then the one the XML
 * declaration names, then UTF-8 — the first that reads the bytes (a server that says UTF-8 for a Latin-1 file is
 * common, so a UTF-8 label that fails gives way to the declaration).
 */
export function decodeFeed(bytes: Buffer, contentType?: string): string {
  let text: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = new TextDecoder("utf-8").decode(bytes);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes);
  else if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0) text = new TextDecoder("utf-16le").decode(bytes);
  else if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f) text = new TextDecoder("utf-16be").decode(bytes);
  else {
    const head = bytes.subarray(0, 512).toString("latin1").trimStart();
    const declared = /^<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
    for (const label of [headerCharset(contentType), declared, "utf-8"]) {
      const decoder = decoderFor(label, true);
      if (!decoder) continue;
      try {
        text = decoder.decode(bytes);
        break;
      } catch {
        // not this one
      }
    }
    text ??= new TextDecoder("utf-8").decode(bytes);
  }
  return text;
}

/**
 * Parses an RSS 2.0, RSS 1.0 (RDF) or Atom document (bytes are decoded by decodeFeed, with the HTTP Content-Type
 * when known); anything else is a FeedParseError with the reason. Relative links are resolved against `baseUrl`.
 */
export function parseFeed(input: string | Buffer, baseUrl?: string, contentType?: string): ParsedFeed {
  // A byte-order mark and blank lines before the XML declaration are tolerated, as feed readers do.
  const xml = (typeof input === "string" ? input : decodeFeed(input, contentType)).replace(/^\uFEFF/, "").trimStart();
  const valid = fxp().XMLValidator.validate(xml);
  if (valid !== true) throw new FeedParseError(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const doc: unknown = parser().parse(xml);
  if (!isNode(doc)) throw new FeedParseError("empty document");

  const rss = doc.rss ?? doc["rdf:RDF"];
  if (isNode(rss)) {
    const channel = isNode(rss.channel) ? rss.channel : undefined;
    const items = (Array.isArray(channel?.item) ? channel.item : Array.isArray(rss.item) ? rss.item : []).filter(isNode);
    const entries = items.flatMap((i) => {
      const link = text(i.link);
      const html = entryHtml(i["content:encoded"]) ?? entryHtml(i.description) ?? "";
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
      const html = entryHtml(i.content) ?? entryHtml(i.summary) ?? "";
      const e = entry(text(i.id), text(i.title), atomLink(i.link), text(i.published) ?? text(i.updated), html, author, baseUrl);
      return e ? [e] : [];
    });
    return { title: text(feed.title), entries };
  }
  throw new FeedParseError("neither RSS nor Atom (no <rss>, <rdf:RDF> or <feed> root)");
}
