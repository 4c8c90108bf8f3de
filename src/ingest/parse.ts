/// <reference lib="dom" />
// linkedom and Readability are typed against the DOM library; only this file needs it.
import type { Readability } from "@mozilla/readability";
import { lazyRequire } from "../lazy.ts";

// Only HTML articles need these (linkedom takes most of a second to load): loaded on the first one.
const readability = lazyRequire<{ Readability: typeof Readability }>("@mozilla/readability");
const linkedom = lazyRequire<typeof import("linkedom")>("linkedom");
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import path from "node:path";
import { isRealPartialDate } from "../gazetteer/schema.ts";
import { cleanUrl } from "../text/urls.ts";
import { parsePublishedDate, type PartialDate } from "../text/dates.ts";

export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

export type ParagraphRole = "heading" | "body" | "byline" | "related";

export interface ParsedParagraph {
  role: ParagraphRole;
  text: string;
}

export interface RelatedPiece {
  title: string;
  published: PartialDate | undefined;
}

export interface ParsedArticle {
  slug: string;
  title: string;
  author: string | undefined;
  outlet: string | undefined;
  url: string | undefined;
  published: PartialDate | undefined;
  /** "url" when the only date found was in the page's address (/2015/03/18/): a guess the desk should know is one. */
  publishedFrom?: "url" | undefined;
  language: string;
  tags: string[];
  paragraphs: ParsedParagraph[];
  related: RelatedPiece[];
}

/** What the command line (or a caller) may supply when the file itself lacks it. */
export interface ArticleOverrides {
  title?: string | undefined;
  author?: string | undefined;
  outlet?: string | undefined;
  url?: string | undefined;
  published?: string | undefined;
}

/** A parse failure with the one-line reason shown to the user. */
export class ParseError extends Error {}

const frontMatterSchema = z
  .object({
    title: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(500, { error: "is longer than 500 characters" }).optional(),
    author: z.string({ error: "must be a string" }).max(200, { error: "is longer than 200 characters" }).optional(),
    outlet: z.string({ error: "must be a string" }).max(200, { error: "is longer than 200 characters" }).optional(),
    url: z.url({ error: "must be a full URL (https://…)" }).optional(),
    published: z.union([z.string(), z.date()], { error: "must be a YYYY-MM-DD date" }).optional(),
    language: z.string({ error: "must be a language code such as en" }).min(2).max(10).optional(),
    // A lone tag written without brackets ("tags: torkham") is a list of one.
    tags: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string(), { error: "must be a list of words" })).optional(),
  })
  .passthrough();

/** Every problem with the front matter, each as "field what is wrong", so one line tells the editor all of it. */
function frontMatterProblems(raw: unknown): { meta: z.infer<typeof frontMatterSchema>; published: PartialDate | undefined; problems: string[] } {
  const problems: string[] = [];
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) {
    return { meta: {}, published: undefined, problems: ["it must be a list of fields (title: …, published: …)"] };
  }
  const checked = frontMatterSchema.safeParse(raw ?? {});
  if (!checked.success) for (const issue of checked.error.issues) problems.push(`${issue.path.join(".") || "(front matter)"} ${issue.message}`);
  const meta = checked.success ? checked.data : {};
  let published: PartialDate | undefined;
  const rawPublished = raw && typeof raw === "object" && "published" in raw ? (raw).published : undefined;
  if (typeof rawPublished === "string" || rawPublished instanceof Date) {
    published = parsePublishedDate(rawPublished);
    const shown = rawPublished instanceof Date ? rawPublished.toISOString().slice(0, 10) : rawPublished;
    if (!published) {
      // "2025-02-30" has the shape of a date but is not one; "yesterday" is not even the shape.
      problems.push(/^\d{4}(-\d{2}(-\d{2})?)?$/.test(shown.trim()) ? `published "${shown}" is not a real calendar date` : `published must be a YYYY-MM-DD date, not "${shown}"`);
    }
  }
  return { meta, published, problems };
}

/** Parses raw file bytes into an article: rejects what cannot be an article with a clear reason. */
export function parseArticle(fileName: string, bytes: Buffer, overrides: ArticleOverrides = {}, now: Date = new Date()): ParsedArticle {
  if (bytes.length === 0) throw new ParseError("empty file");
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new ParseError(`the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; articles are limited to 5 MB`);
  }
  if (looksBinary(bytes)) throw new ParseError("not a text file: it holds binary data (NUL bytes or invalid UTF-8)");
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") throw new ParseError("no text: the file holds only whitespace");

  const ext = path.extname(fileName).toLowerCase();
  const slug = slugify(path.basename(fileName, ext));
  let parsed: Omit<ParsedArticle, "slug">;
  if (ext === ".html" || ext === ".htm") parsed = parseHtml(text);
  else if (ext === ".md" || ext === ".markdown") parsed = parseMarkdown(text);
  else if (ext === ".txt") parsed = text.startsWith("---\n") ? parseFrontMatterText(text) : parsePlainText(text);
  else if (ext === "") throw new ParseError("the file has no extension, so it was not read: name it .txt, .md or .html");
  else throw new ParseError(`unsupported file type "${ext}" (expected .txt, .md or .html)`);

  const article: ParsedArticle = { slug, ...parsed };
  if (overrides.title) article.title = overrides.title;
  if (overrides.author) article.author = overrides.author;
  if (overrides.outlet) article.outlet = overrides.outlet;
  if (overrides.url) article.url = overrides.url;
  if (overrides.published) {
    const d = parsePublishedDate(overrides.published);
    if (!d) throw new ParseError(`the publication date "${overrides.published}" is not a real date (use YYYY-MM-DD)`);
    article.published = d;
  }
  // Whatever the source said, the store keeps only a clean http(s) URL (see cleanUrl): never markup, never javascript:.
  article.url = cleanUrl(article.url);
  if (!article.published) {
    const fromUrl = dateInUrl(article.url);
    if (fromUrl) {
      article.published = fromUrl;
      article.publishedFrom = "url";
    }
  }
  holdToLimits(article);
  const latest = now.getUTCFullYear() + 1;
  const year = Number(article.published?.value.slice(0, 4));
  if (article.published && (year < EARLIEST_YEAR || year > latest)) {
    throw new ParseError(`the publication date ${article.published.value} is not plausible (it must fall between ${EARLIEST_YEAR} and ${latest}); give the right one with --published`);
  }
  if (!article.title) article.title = humanize(slug);
  if (!article.paragraphs.some((p) => p.role === "body")) throw new ParseError("article has no body text");
  return article;
}

/** Publication years accepted: nothing the desk covers is older, and nothing is published after next year. */
const EARLIEST_YEAR = 1900;

/** The limits front matter holds a title, author and outlet to, applied to what pages and feeds say too. */
export const META_LIMITS = { title: 500, author: 200, outlet: 200 } as const;

/**
 * Metadata from a page or a feed held to front matter's limits: a title or outlet past its limit is cut (the
 * start of a title is still its title); an author past it is not a name (a page's whole byline block) and is dropped.
 */
function holdToLimits(article: ParsedArticle): void {
  const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
  article.title = cut(article.title.replace(/\s+/g, " ").trim(), META_LIMITS.title);
  if (article.outlet) article.outlet = cut(article.outlet.replace(/\s+/g, " ").trim(), META_LIMITS.outlet);
  if (article.author && article.author.length > META_LIMITS.author) article.author = undefined;
}

/**
 * A publication date written in a URL's path, as news sites do: /2015/03/18/, /2015-03-18/, /20150318/ (day),
 * /2015/03/ (month). Only years 1990–2099 and real dates count.
 */
export function dateInUrl(url: string | undefined): PartialDate | undefined {
  if (!url) return undefined;
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const day = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/._-]|$)/.exec(pathname) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/._-])/.exec(pathname);
  if (day?.[1] && day[2] && day[3] && Number(day[1]) >= 1990) {
    const value = `${day[1]}-${day[2].padStart(2, "0")}-${day[3].padStart(2, "0")}`;
    if (isRealPartialDate(value)) return { value, precision: "day" };
  }
  const month = /\/((?:19|20)\d{2})\/(\d{1,2})\//.exec(pathname);
  if (month?.[1] && month[2] && Number(month[1]) >= 1990) {
    const value = `${month[1]}-${month[2].padStart(2, "0")}`;
    if (isRealPartialDate(value)) return { value, precision: "month" };
  }
  return undefined;
}

function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  const control = controlBytes(sample);
  if (control < 0 || control > sample.length * 0.02) return true;
  // Invalid UTF-8 shows up as replacement characters after decoding.
  const decoded = sample.toString("utf8");
  const bad = decoded.split("\uFFFD").length - 1;
  return bad > 8 && bad > decoded.length * 0.01;
}

/**
 * Control bytes other than whitespace in `sample`, or -1 when it holds a NUL. An indexed loop (for…of over a
 * Buffer took 60 µs per seed-sized article), in a function of its own: V8 compiles this loop while it runs
 * (on-stack replacement), and with the arithmetic after it in the same function that compiled code gave up at
 * every article, having never seen it run.
 */
function controlBytes(sample: Buffer): number {
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] ?? 0;
    if (b === 0) return -1;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control;
}

export function slugify(s: string): string {
  return (
    s
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "article"
  );
}

function humanize(slug: string): string {
  return slug
    .split("-")
    .map((w) => (w.length <= 3 && w !== "and" && w !== "the" ? w.toUpperCase() : w[0]?.toUpperCase() + w.slice(1)))
    .join(" ");
}

const FM_LINE = /^([A-Za-z][A-Za-z0-9_]*):(?:[ \t]+(.*?))?[ \t]*$/;
const FM_PLAIN = /^[A-Za-z][A-Za-z0-9 _-]*$/;
const FM_URL = /^https?:\/\/[A-Za-z0-9._~:/?@!$&*+;=%-]+$/;
const FM_QUOTED = /^"([^"\\\p{Cc}]*)"$/u;
const FM_FLOW = /^\[([^\]]*)\]$/;
const FM_CORE = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * The front matter most articles have (one `key: value` a line: double-quoted strings without escapes, plain
 * words, URLs, `[a, b]` word lists, comment lines) read without the YAML parser, which cost more than the
 * rest of parsing; undefined for anything else, which the YAML parser reads. Same values either way.
 */
function simpleFrontMatter(text: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = FM_LINE.exec(line);
    const key = m?.[1];
    const value = m?.[2];
    if (!key || value === undefined || value === "" || FM_CORE.test(key) || Object.hasOwn(out, key)) return undefined;
    const quoted = FM_QUOTED.exec(value);
    if (quoted) out[key] = quoted[1];
    else if ((FM_PLAIN.test(value) && !FM_CORE.test(value)) || FM_URL.test(value)) out[key] = value;
    else {
      const flow = FM_FLOW.exec(value)?.[1];
      if (flow === undefined) return undefined;
      const items = flow.trim() === "" ? [] : flow.split(",").map((x) => x.trim());
      if (!items.every((x) => FM_PLAIN.test(x) && !FM_CORE.test(x))) return undefined;
      out[key] = items;
    }
  }
  return out;
}

/** The front matter at the top of `text` (if any), checked, and the body after it. */
function readFrontMatter(text: string): { meta: z.infer<typeof frontMatterSchema>; published: PartialDate | undefined; body: string } {
  let body = text;
  let meta: z.infer<typeof frontMatterSchema> = {};
  let published: PartialDate | undefined;
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (text.startsWith("---\n") && !fm) throw new ParseError("invalid front matter: it is not closed with a line of three dashes (---)");
  if (fm) {
    let raw: unknown;
    try {
      raw = simpleFrontMatter(fm[1] ?? "") ?? parseYaml(fm[1] ?? "", { prettyErrors: true });
    } catch (err) {
      // The parser's own words, on one line; its line numbers count from the first line after the opening ---.
      const message = err instanceof Error ? (err.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "") : String(err);
      const where = err instanceof YAMLParseError && err.linePos ? ` (file line ${err.linePos[0].line + 1})` : "";
      throw new ParseError(`invalid front matter: ${message}${where}`);
    }
    const checked = frontMatterProblems(raw);
    if (checked.problems.length) throw new ParseError(`invalid front matter: ${checked.problems.join("; ")}`);
    meta = checked.meta;
    published = checked.published;
    body = text.slice(fm[0].length);
  }
  return { meta, published, body };
}

function parseMarkdown(text: string): Omit<ParsedArticle, "slug"> {
  const { meta, published, body } = readFrontMatter(text);
  // Text pasted one paragraph per line (like the seed) has no blank lines: keep each line a paragraph.
  const blankSeparated = /\S\n[ \t]*\n\s*\S/.test(body.trim());
  return withFrontMatter(meta, published, parseLines(body.split("\n"), blankSeparated, true));
}

/** A .txt that starts with front matter: its fields are the article's, and the rest is read as plain text. */
function parseFrontMatterText(text: string): Omit<ParsedArticle, "slug"> {
  const { meta, published, body } = readFrontMatter(text);
  return withFrontMatter(meta, published, parseLines(body.split("\n"), false, false));
}

/** The article a front matter and the text under it make: the front matter's fields win over what the text says. */
function withFrontMatter(meta: z.infer<typeof frontMatterSchema>, published: PartialDate | undefined, parsed: ReturnType<typeof parseLines>): Omit<ParsedArticle, "slug"> {
  return {
    ...parsed,
    title: meta.title ?? parsed.title ?? "",
    author: meta.author ?? parsed.author,
    outlet: meta.outlet,
    url: meta.url,
    published,
    language: meta.language ?? "en",
    tags: meta.tags ?? [],
  };
}

function parsePlainText(text: string): Omit<ParsedArticle, "slug"> {
  const parsed = parseLines(text.split("\n"), false, false);
  return { ...parsed, title: parsed.title ?? "", outlet: undefined, url: undefined, published: undefined, language: "en", tags: [] };
}

const BYLINE = /^by\s+([\p{Lu}][\p{L}.'’ -]{1,80})$/iu;
/**
 * A picture's credit on a line of its own: "© Agency/Year/Photographer", "Photo: © …", "(Copyright: WFP/Amjad Jamal)",
 * "Copyright 2024 …" (not a sentence that opens on the word: "Copyright aside, …").
 */
const CREDIT_LINE = /^(?:(?:photo|picture|image|credit)s?\s*:?\s*)?(?:©|\(copyright\b|copyright\s*(?::|©|\(c\)|\d{4}\b))/i;

/** Whether a line is a picture's credit (CREDIT_LINE). */
export function isCreditLine(line: string): boolean {
  return CREDIT_LINE.test(line);
}
const RELATED_HEADER = /^(related( articles| reading| stories)?|read more|see also)\s*:?\s*$/i;
const RELATED_ITEM = /^(.{3,300}?)\s+[–—-]\s+([A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9},? \d{4}|\d{4}-\d{2}-\d{2})\s*$/;

/**
 * Splits text into paragraphs by line: a leading "By …" line is the byline, short lines without closing
 * punctuation are section headings, Markdown "#" lines are headings, and a "Related Articles:" block
 * becomes related pieces (title + date).
 */
interface LineParse {
  title: string | undefined;
  author: string | undefined;
  paragraphs: ParsedParagraph[];
  related: RelatedPiece[];
}

function parseLines(lines: string[], joinLines: boolean, markdown: boolean): LineParse {
  const paragraphs: ParsedParagraph[] = [];
  const related: RelatedPiece[] = [];
  let author: string | undefined;
  let title: string | undefined;
  let inRelated = false;
  let buffer: string[] = [];
  const flush = (): void => {
    if (buffer.length) paragraphs.push({ role: "body", text: buffer.join(" ") });
    buffer = [];
  };
  for (const rawLine of lines) {
    let line = rawLine.trim();
    if (line === "") {
      // In Markdown a blank line ends a paragraph; in plain text every line is its own paragraph already.
      flush();
      continue;
    }
    if (markdown) line = stripInlineMarkdown(line);
    if (paragraphs.length === 0 && buffer.length === 0 && !author) {
      const by = BYLINE.exec(line);
      if (by?.[1]) {
        author = by[1].trim();
        paragraphs.push({ role: "byline", text: line });
        continue;
      }
    }
    if (RELATED_HEADER.test(line)) {
      flush();
      inRelated = true;
      paragraphs.push({ role: "heading", text: line });
      continue;
    }
    if (inRelated) {
      const item = RELATED_ITEM.exec(line);
      if (item?.[1] && item[2]) {
        related.push({ title: item[1].trim(), published: parsePublishedDate(item[2].replace(/,/g, "").replace(/\s+/g, " ")) ?? parsePublishedDate(item[2]) });
        paragraphs.push({ role: "related", text: line });
        continue;
      }
      inRelated = false;
    }
    const md = markdown ? /^(#{1,6})\s+(.*)$/.exec(line) : null;
    if (md?.[2]) {
      flush();
      if (md[1] === "#" && !title && paragraphs.every((p) => p.role === "byline")) title = md[2].trim();
      else paragraphs.push({ role: "heading", text: md[2].trim() });
      continue;
    }
    if (isHeadingLine(line)) {
      flush();
      paragraphs.push({ role: "heading", text: line });
      continue;
    }
    // A picture's credit line ("© UNICEF Pakistan/2009/Ramoneda", "(Copyright: WFP/Amjad Jamal)") ends with its line:
    // the caption under it is not its sentence ("Ramoneda" and "Hanifa (right) sits …" are no one name).
    if (joinLines && CREDIT_LINE.test(line)) {
      flush();
      paragraphs.push({ role: "body", text: line });
      continue;
    }
    if (joinLines) buffer.push(line);
    else paragraphs.push({ role: "body", text: line });
  }
  flush();
  return { title, author, paragraphs, related };
}

function isHeadingLine(line: string): boolean {
  if (line.length > 90) return false;
  const words = line.split(/\s+/).length;
  if (words > 12) return false;
  if (/[.!?:;,"”’)]$/.test(line)) return false;
  return /^[\p{Lu}\d]/u.test(line);
}

function stripInlineMarkdown(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\w*])\*(?!\s)(.+?)\*(?!\w)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/^>\s?/, "")
    .replace(/^[-*+]\s+/, "");
}

interface LinkedData {
  headline?: string | undefined;
  datePublished?: string | undefined;
  author?: string | undefined;
  publisher?: string | undefined;
}

/**
 * The article facts a page states in schema.org JSON-LD (<script type="application/ld+json">), which most news
 * sites carry: the first NewsArticle / Article / ReportageNewsArticle / BlogPosting, also inside an @graph.
 * A script that is not valid JSON is skipped.
 */
function linkedData(document: { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> }): LinkedData {
  const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const name = (v: unknown): string | undefined => {
    const first: unknown = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") return text(first);
    return first && typeof first === "object" && "name" in first ? text(first.name) : undefined;
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const nodes: unknown[] = Array.isArray(data) ? data : data && typeof data === "object" && "@graph" in data && Array.isArray(data["@graph"]) ? data["@graph"] : [data];
    for (const node of nodes) {
      if (!node || typeof node !== "object") continue;
      const n = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(n["@type"]);
      if (!types.some((t) => typeof t === "string" && /^(?:News|Reportage|Analysis|Opinion)?Article$|^BlogPosting$/.test(t))) continue;
      return { headline: text(n["headline"]), datePublished: text(n["datePublished"]), author: name(n["author"]), publisher: name(n["publisher"]) };
    }
  }
  return {};
}

/** A block of a page's article text as Readability left it, with what its shape is judged by. */
interface Block {
  tag: string;
  text: string;
  /** Share of its characters inside links: 1 for a block that is only a link. */
  linkShare: number;
  inFigure: boolean;
  /** The page's markup calls it a caption or credit (a class or itemprop), or it is the one item of a list right after a figure. */
  caption: boolean;
  /** All of its text is bold (<strong>, <b>): on its own between paragraphs, a subhead. */
  bold: boolean;
}

/** "Continue reading the main story", "Read more: …", "[Read: …]", "Related: …", "Watch: …", "Click here to …". */
const READ_MORE = /^[[(]?\s*(?:continue reading|read more|read the full|read also|also read|read:|related:|related coverage|see also|more:|watch:|listen:|click here|sign up|subscribe to)/i;
/** A heading over a list of other stories. */
const RELATED_HEADING = /^(?:related(?: articles| stories| coverage| content| reading)?|more (?:on|from|about) |most (?:read|popular|viewed)|read more|see also|you (?:may|might) also like|recommended|top stories|trending)/i;
/** "1 / 5", "2 of 12", "Image 3 of 7". */
const SLIDE_COUNTER = /^(?:(?:image|photo|slide|picture)\s+)?\d{1,3}\s*(?:\/|of)\s*\d{1,3}$/i;
/** "___", "* * *", "———", "• • •". */
const SEPARATOR = /^[\s_*=~•·–—-]{3,}$/;
/** A credit: "Photo: Reuters", "(AP Photo/…)", "Getty Images", "Credit: …", "File photo". */
const CREDIT = /(?:^|[\s(|/])(?:photo(?:graph)?s?|image|picture|credit|file photo|getty images|reuters|afp|ap photo|epa|xinhua|anadolu)(?:\s*[:/|)]|\s*$)/i;

function endsLikeSentence(text: string): boolean {
  return /[.!?…"”’)]$/.test(text);
}

/**
 * The page's article text without what surrounds an article on a news site, judged by the shape of each block
 * and never by a list of sites: read-more and continue-reading lines, lists of other stories' headlines (list
 * items, or short paragraphs, that are nothing but a link, and the heading over them), slide counters, caption
 * and credit lines, and separators.
 */
function withoutFurniture(blocks: readonly Block[]): ParsedParagraph[] {
  const keep = blocks.map((b) => {
    const short = b.text.length <= 160;
    if (SEPARATOR.test(b.text) || SLIDE_COUNTER.test(b.text)) return false;
    if (b.tag === "FIGCAPTION" || (b.inFigure && b.tag !== "BLOCKQUOTE") || b.caption) return false;
    if (short && READ_MORE.test(b.text)) return false;
    // A headline that is only a link: another story, not this one.
    if (b.linkShare > 0.8 && (b.tag === "LI" || (short && !endsLikeSentence(b.text)))) return false;
    // A caption or credit line: short, naming a photo or an agency, not a sentence of the story.
    if (b.text.length <= 200 && CREDIT.test(b.text) && (!endsLikeSentence(b.text) || /\)$/.test(b.text) || /^(?:photo|image|picture|credit|file photo)\b/i.test(b.text))) return false;
    return true;
  });
  // A heading over other stories goes with them: a related-stories heading, or a heading followed only by dropped blocks.
  for (const [i, b] of blocks.entries()) {
    if (!/^H\d$/.test(b.tag) || !keep[i]) continue;
    let next = i + 1;
    while (next < blocks.length && !keep[next] && !/^H\d$/.test(blocks[next]?.tag ?? "")) next++;
    const followedByDropped = next > i + 1 && (next === blocks.length || /^H\d$/.test(blocks[next]?.tag ?? ""));
    if (RELATED_HEADING.test(b.text) || followedByDropped) keep[i] = false;
  }
  const kept = blocks.filter((_, i) => keep[i]);
  return kept.map((b, i) => ({ role: /^H\d$/.test(b.tag) || isSubhead(b, kept[i - 1], kept[i + 1]) ? "heading" : "body", text: b.text }));
}

/**
 * A subhead written as a paragraph of bold text (<p><strong>Whole Foods future</strong></p>): short, not a
 * sentence, with the story before it and a paragraph of ordinary text after it.
 */
function isSubhead(b: Block, before: Block | undefined, after: Block | undefined): boolean {
  if (b.tag !== "P" || !b.bold || !before || !after) return false;
  if (b.text.length > 80 || b.text.split(" ").length > 10 || endsLikeSentence(b.text) || /[:;,]$/.test(b.text)) return false;
  return after.tag === "P" && !after.bold && after.text.length > b.text.length;
}

const TITLE_SEPARATORS = [" | ", " - ", " – ", " — ", " :: ", " · ", " • "];

/** Letters and digits only, lower case: "BBC News" and "bbc.co.uk" compare as "bbcnews" and "bbccouk". */
const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * A page title without its site's name: " - BBC News", " | The Guardian", "Dawn | …". A part at either end is
 * taken off when it is the page's own og:site_name, short and named like the site's host, or the name of the
 * article's author as the page's byline metadata gives it ("… | Eleanor Ainge Roy | Environment | The
 * Guardian"), part after part; the rest is kept whole (a headline may hold a dash of its own).
 */
export function withoutSiteName(title: string, siteName: string | undefined, url: string | undefined, authors: readonly string[] = []): string {
  const clean = title.replace(/\s+/g, " ").trim();
  // The host's own names: "news.yahoo.com" → yahoo, "www.bbc.co.uk" → bbc (not www, news, co, the country).
  let labels: string[] = [];
  try {
    labels = url ? new URL(url).hostname.split(".").slice(0, -1).map(squash).filter((l) => l.length >= 3 && !/^(?:www\d*|news|edition|amp|com|org|net)$/.test(l)) : [];
  } catch {
    labels = [];
  }
  const site = siteName ? squash(siteName) : "";
  const isSite = (part: string): boolean => {
    const p = squash(part);
    if (!p) return false;
    if (site && (p === site || (p.length >= 3 && site.startsWith(p)) || (site.length >= 3 && p.startsWith(site)))) return true;
    return part.length <= 40 && part.split(" ").length <= 5 && labels.some((l) => p.includes(l) || l.includes(p));
  };
  const names = authors.map((a) => squash(a.replace(/^by\s+/i, ""))).filter((a) => a.length >= 3);
  const isAuthor = (part: string): boolean => names.includes(squash(part.replace(/^by\s+/i, "")));
  // The site's name, then what stood between it and the headline: a section ("Environment") goes only with the
  // site name after it, an author's name wherever it ends the title.
  let rest = clean;
  for (let strippedSite = false; ; ) {
    const cut = stripEnd(rest, (part) => isAuthor(part) || (!strippedSite && isSite(part)));
    if (cut === undefined) break;
    strippedSite ||= !isAuthor(cut.part);
    rest = cut.rest;
  }
  return rest;
}

/** Takes one part off either end of a title where `drop` says so, keeping at least the headline. */
function stripEnd(title: string, drop: (part: string) => boolean): { rest: string; part: string } | undefined {
  for (const sep of TITLE_SEPARATORS) {
    const at = title.lastIndexOf(sep);
    if (at > 0 && drop(title.slice(at + sep.length))) return { rest: title.slice(0, at).trim(), part: title.slice(at + sep.length) };
    const first = title.indexOf(sep);
    if (first > 0 && drop(title.slice(0, first))) return { rest: title.slice(first + sep.length).trim(), part: title.slice(0, first) };
  }
  return undefined;
}

/**
 * Most elements a page may hold: Readability's cost grows faster than the page (20,000 elements took 5 s here; a
 * million, 30 s and 1.9 GB), and a news page holds a few thousand. Counted in the text, before parsing.
 */
const MAX_ELEMENTS = 20_000;
/** Deepest nesting kept: markup nested deeper (2,000 divs took Readability 40 s) is flattened to its text. */
const MAX_DEPTH = 100;

function refuseHugeMarkup(html: string): void {
  let elements = 0;
  for (let i = html.indexOf("<"); i !== -1; i = html.indexOf("<", i + 1)) {
    const c = html.charCodeAt(i + 1);
    // A start tag: "<" and a letter.
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) elements++;
  }
  if (elements > MAX_ELEMENTS) throw new ParseError(`the page holds ${elements.toLocaleString("en")} elements; pages of more than ${MAX_ELEMENTS.toLocaleString("en")} are refused (save the article's text as .txt or .md instead)`);
}

interface MarkupNode {
  children: ArrayLike<MarkupNode>;
  textContent: string | null;
}

/** Replaces every element nested deeper than MAX_DEPTH with its text (a walk with an explicit stack: no recursion to overflow). */
function flattenDeepMarkup(root: MarkupNode): void {
  const stack: [MarkupNode, number][] = [[root, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [el, depth] = top;
    if (depth >= MAX_DEPTH) {
      if (el.children.length) el.textContent = el.textContent ?? "";
      continue;
    }
    for (let i = 0; i < el.children.length; i++) {
      const child = el.children[i];
      if (child) stack.push([child, depth + 1]);
    }
  }
}

/** What the helpers below read of an element (linkedom's elements are typed against the DOM library). */
interface PageElement {
  tagName: string;
  textContent: string | null;
  className: string;
  parentElement: PageElement | null;
  previousElementSibling: PageElement | null;
  children: ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  closest(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

/** Marks a caption or credit in an attribute Readability keeps (it drops classes). */
const CAPTION_MARK = "data-borderdesk-caption";

/**
 * Marks the blocks a page's own markup calls a caption or a credit: a class with "caption" or "credit" in it
 * (media-caption__text, article-figure-caption, image-credit; not has-caption or no-caption, which name what a
 * container holds) or itemprop="caption", holding no more than a caption's text.
 */
function markCaptions(document: { querySelectorAll(selector: string): Iterable<PageElement> }): void {
  for (const el of document.querySelectorAll('[class*="aption"], [class*="redit"], [itemprop="caption"]')) {
    const named = el.getAttribute("itemprop") === "caption" || el.className.split(/\s+/).some((c) => /caption|credit/i.test(c) && !/^(?:has|no|with|without)[-_]/i.test(c));
    if (named && (el.textContent ?? "").replace(/\s+/g, " ").trim().length <= 400) el.setAttribute(CAPTION_MARK, "");
  }
}

/**
 * A caption: marked so by the page (markCaptions), or the one item of a list that comes right after a figure
 * (the Guardian sets each photo's caption as <figure>…</figure><ul><li><p>caption</p></li></ul>).
 */
function isCaption(el: PageElement, text: string): boolean {
  // Readability may wrap a marked element in a paragraph of its own making: all of the block's text is then inside it.
  if (el.closest(`[${CAPTION_MARK}]`) || allInside(el, `[${CAPTION_MARK}]`, text)) return true;
  const item = el.tagName === "LI" ? el : el.closest("li");
  const list = item?.parentElement;
  if (!list || !/^[OU]L$/.test(list.tagName) || list.children.length !== 1) return false;
  const before = list.previousElementSibling;
  if (!before) return false;
  // A figure, or a wrapper holding only a picture (no text of its own).
  return before.tagName === "FIGURE" || (!(before.textContent ?? "").trim() && [...before.querySelectorAll("img, picture, figure")].length > 0);
}

/** Whether all of a block's text (`text`, spaces collapsed) is inside elements that match `selector`. */
function allInside(el: PageElement, selector: string, text: string): boolean {
  let inside = 0;
  // Outermost matches only (a <b> inside a <strong> is counted once).
  for (const m of el.querySelectorAll(selector)) if (!m.parentElement?.closest(selector)) inside += (m.textContent ?? "").replace(/\s+/g, " ").trim().length;
  return inside > 0 && inside >= text.length - 1;
}

/** Readability's byline when it is a dateline ("April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm"), not a name. */
function isDateline(byline: string): boolean {
  return /\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b|[ap]\.?m\.|\b)|\b(?:updated|published|posted)\b/i.test(byline) || /\b(?:19|20)\d{2}\b/.test(byline);
}

function parseHtml(html: string): Omit<ParsedArticle, "slug"> {
  refuseHugeMarkup(html);
  const { document } = linkedom().parseHTML(html);
  if (document.documentElement) flattenDeepMarkup(document.documentElement);
  const meta = (sel: string): string | undefined => document.querySelector(sel)?.getAttribute("content")?.trim() || undefined;
  const timeAttr = document.querySelector("time[datetime]")?.getAttribute("datetime")?.trim() || undefined;
  const ld = linkedData(document);
  // Every place a news page states its publication date, most specific first; the first that reads as a date wins.
  const dateSources = [
    meta('meta[property="article:published_time"]'),
    ld.datePublished,
    meta('meta[name="date"]'),
    meta('meta[name="pubdate"]'),
    meta('meta[name="publish-date"]'),
    meta('meta[itemprop="datePublished"]'),
    meta('meta[name="DC.date.issued"]'),
    timeAttr,
  ].filter((d): d is string => Boolean(d));
  const metaTitle = meta('meta[property="og:title"]') ?? ld.headline;
  // The byline as the page's metadata states it (article:author is often a profile's address, not a name), then
  // its author link (rel="author", itemprop="author"), read before Readability rewrites the page.
  const author = [
    meta('meta[name="author"]'),
    meta('meta[property="article:author"]'),
    meta('meta[itemprop="author"]'),
    ld.author,
    ...[...document.querySelectorAll('a[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]:not(meta)')].map((el) => el.textContent ?? ""),
  ]
    .map((a) => a?.replace(/\s+/g, " ").trim())
    .find((a): a is string => Boolean(a) && !/^[a-z][a-z+.-]*:\/\/|^\/\//i.test(a ?? ""));
  const outlet = meta('meta[property="og:site_name"]') ?? ld.publisher;
  // A relative or protocol-relative address is resolved against the page's <base href> when it has one.
  const base = cleanUrl(document.querySelector("base[href]")?.getAttribute("href"));
  const url = [meta('meta[property="og:url"]'), document.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim()]
    .map((u) => cleanUrl(u, base))
    .find((u) => u !== undefined);
  const lang = document.documentElement?.getAttribute("lang")?.slice(0, 2) || "en";

  markCaptions(document);
  const reader = new (readability().Readability)(document, { charThreshold: 200, maxElemsToParse: MAX_ELEMENTS });
  const result = reader.parse();
  if (!result?.content) throw new ParseError("no readable article text was found in the HTML");
  const { document: content } = linkedom().parseHTML(`<html><body>${result.content}</body></html>`);
  const blocks: Block[] = [];
  for (const el of content.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li,blockquote,figcaption")) {
    if (el.tagName === "P" && el.closest("blockquote,li,figcaption")) continue;
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (!text) continue;
    const linked = [...el.querySelectorAll("a")].reduce((n, a) => n + (a.textContent ?? "").replace(/\s+/g, " ").trim().length, 0);
    blocks.push({ tag: el.tagName, text, linkShare: linked / text.length, inFigure: Boolean(el.closest("figure")), caption: isCaption(el, text), bold: allInside(el, "strong, b", text) });
  }
  const paragraphs = withoutFurniture(blocks);
  let published: PartialDate | undefined;
  for (const raw of dateSources) {
    published = parsePublishedDate(raw) ?? parsePublishedDate(raw.slice(0, 10));
    if (published) break;
  }
  if (!published && dateSources[0]) throw new ParseError(`the page's publication date "${dateSources[0].slice(0, 60)}" is not a real date`);
  const siteName = outlet ?? result.siteName ?? undefined;
  return {
    title: withoutSiteName(metaTitle ?? result.title ?? "", siteName, url, [author, result.byline].filter((a): a is string => Boolean(a))),
    author: author ?? (result.byline && !isDateline(result.byline) ? result.byline.replace(/^by\s+/i, "") : undefined),
    outlet: siteName,
    url,
    published,
    language: lang,
    tags: [],
    paragraphs,
    related: [],
  };
}
