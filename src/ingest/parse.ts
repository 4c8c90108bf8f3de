/// <reference lib="dom" />
// linkedom and Readability are typed against the DOM library; only this file needs it.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import path from "node:path";
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
export function parseArticle(fileName: string, bytes: Buffer, overrides: ArticleOverrides = {}): ParsedArticle {
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
  else if (ext === ".txt") parsed = parsePlainText(text);
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
  if (!article.title) article.title = humanize(slug);
  if (!article.paragraphs.some((p) => p.role === "body")) throw new ParseError("article has no body text");
  return article;
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

function parseMarkdown(text: string): Omit<ParsedArticle, "slug"> {
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
  const lines = body.split("\n");
  // Text pasted one paragraph per line (like the seed) has no blank lines: keep each line a paragraph.
  const blankSeparated = /\S\n[ \t]*\n\s*\S/.test(body.trim());
  const fromText = parseLines(lines, blankSeparated, true);
  return {
    ...fromText,
    title: meta.title ?? fromText.title ?? "",
    author: meta.author ?? fromText.author,
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

function parseHtml(html: string): Omit<ParsedArticle, "slug"> {
  const { document } = parseHTML(html);
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
  const author = meta('meta[name="author"]') ?? meta('meta[property="article:author"]') ?? ld.author;
  const outlet = meta('meta[property="og:site_name"]') ?? ld.publisher;
  const url = meta('meta[property="og:url"]') ?? document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? undefined;
  const lang = document.documentElement?.getAttribute("lang")?.slice(0, 2) || "en";

  const reader = new Readability(document, { charThreshold: 200 });
  const result = reader.parse();
  if (!result?.content) throw new ParseError("no readable article text was found in the HTML");
  const { document: content } = parseHTML(`<html><body>${result.content}</body></html>`);
  const paragraphs: ParsedParagraph[] = [];
  for (const el of content.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li,blockquote")) {
    if (el.tagName === "P" && el.closest("blockquote,li")) continue;
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (!text) continue;
    paragraphs.push({ role: /^H\d$/.test(el.tagName) ? "heading" : "body", text });
  }
  let published: PartialDate | undefined;
  for (const raw of dateSources) {
    published = parsePublishedDate(raw) ?? parsePublishedDate(raw.slice(0, 10));
    if (published) break;
  }
  if (!published && dateSources[0]) throw new ParseError(`the page's publication date "${dateSources[0].slice(0, 60)}" is not a real date`);
  return {
    title: metaTitle ?? result.title ?? "",
    author: author ?? (result.byline ? result.byline.replace(/^by\s+/i, "") : undefined),
    outlet: outlet ?? result.siteName ?? undefined,
    url,
    published,
    language: lang,
    tags: [],
    paragraphs,
    related: [],
  };
}
