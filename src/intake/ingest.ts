import { createHash } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import type { Db } from "../db/client.ts";
import { importAcled, type AcledImportReport } from "../acled/import.ts";
import { ingestBytes, type IngestReport } from "../ingest/index.ts";
import { slugify, type ArticleOverrides } from "../ingest/parse.ts";
import type { Logger } from "../logger.ts";
import type { DocumentKind } from "./fetch.ts";

export type IntakeResult = { kind: "article"; report: IngestReport } | { kind: "acled"; report: AcledImportReport };

/** The most rows one /ingest of an ACLED CSV may take; bigger exports go through the command line. */
export const MAX_CHAT_ACLED_ROWS = 50_000;

/**
 * A file name for ingest whose slug no other article holds: two different links ending in the same words
 * ("…/live-updates") must not replace each other, while the same link again must replace its own article.
 */
export function uniqueFileName(db: Db, fileName: string, url: string | undefined): string {
  const ext = path.extname(fileName);
  const slug = slugify(path.basename(fileName, ext));
  const holder = db.$client.prepare<[string], { url: string | null }>("select url from articles where slug = ? and kind = 'article'").get(slug);
  if (!holder || !url || holder.url === url) return fileName;
  const tag = createHash("sha1").update(url).digest("hex").slice(0, 6);
  return `${slug.slice(0, 72)}-${tag}${ext}`;
}

export interface IntakeOptions {
  fileName: string;
  /** Where it came from (a link, a feed item): kept on the article so the same link replaces it later. */
  url?: string | undefined;
  overrides?: ArticleOverrides;
  logger?: Logger;
  now?: Date;
}

/** One document into the store: an article through ingest, an ACLED CSV through the importer. */
export async function ingestDocument(db: Db, bytes: Buffer, kind: DocumentKind, opts: IntakeOptions): Promise<IntakeResult> {
  if (kind === "csv") {
    const report = await importAcled(db, Readable.from([bytes]), { maxRows: MAX_CHAT_ACLED_ROWS, ...(opts.logger ? { logger: opts.logger } : {}) });
    return { kind: "acled", report };
  }
  const overrides: ArticleOverrides = { ...opts.overrides, ...(opts.url && !opts.overrides?.url ? { url: opts.url } : {}) };
  const file = uniqueFileName(db, opts.fileName, overrides.url);
  const report = ingestBytes(db, file, bytes, { overrides, ...(opts.logger ? { logger: opts.logger } : {}), ...(opts.now ? { now: opts.now } : {}) });
  return { kind: "article", report };
}

/**
 * Documents bigger than this are ingested off the bot's event loop (its worker pool) when it has one: parsing and
 * extraction take about a second per megabyte or more, and a 4.7 MB article held every server's commands past
 * Discord's deadline. Smaller ones, a usual article among them, are ingested in place without waiting for a
 * worker that may be drawing a map.
 */
export const INGEST_OFF_LOOP_BYTES = 32 * 1024;

/** A document to ingest, as plain data: it crosses to a worker thread as it is. */
export interface IngestRequest {
  bytes: Uint8Array;
  kind: DocumentKind;
  fileName: string;
  url?: string | undefined;
  /** What the article says of itself, overridden (a feed item's title, outlet and day). */
  overrides?: ArticleOverrides;
  /** ISO time: the ingest's clock. */
  now: string;
}

/** Ingests off the main thread, through its own write connection (the bot's worker pool). */
export interface DocumentIngester {
  ingest(req: IngestRequest): Promise<IntakeResult>;
}

/** A document refused for what it holds (not an ACLED export, too many rows…), told from a worker: the user's to fix. */
export class IngestRefusedError extends Error {}

/** ingestDocument for a request that came from another thread. */
export function ingestRequest(db: Db, req: IngestRequest, logger?: Logger): Promise<IntakeResult> {
  const bytes = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
  return ingestDocument(db, bytes, req.kind, { fileName: req.fileName, url: req.url, now: new Date(req.now), ...(req.overrides ? { overrides: req.overrides } : {}), ...(logger ? { logger } : {}) });
}

export interface IngestedArticleView {
  id: number;
  slug: string;
  title: string;
  publishedOn: string | null;
  publishedPrecision: string | null;
  outlet: string | null;
  url: string | null;
  entities: { id: number; name: string; kind: string; mentions: number }[];
  candidates: { text: string; kind: string; occurrences: number }[];
  quotes: { id: number; text: string; speaker: string | null; speakerText: string | null; confidence: number }[];
  events: { occurredOn: string; precision: string; type: string; place: string | null; summary: string }[];
}

/** What the store now holds for an article: the /ingest reply shows this, not the extractor's raw output. */
export function describeArticle(db: Db, articleId: number): IngestedArticleView | undefined {
  const sqlite = db.$client;
  const a = sqlite
    .prepare<[number], { id: number; slug: string; title: string; publishedOn: string | null; publishedPrecision: string | null; outlet: string | null; url: string | null }>(
      "select id, slug, title, published_on as publishedOn, published_precision as publishedPrecision, outlet, url from articles where id = ?",
    )
    .get(articleId);
  if (!a) return undefined;
  const entities = sqlite
    .prepare<[number], IngestedArticleView["entities"][number]>(
      "select e.id, e.name, e.kind, count(*) as mentions from mentions m join entities e on e.id = m.entity_id where m.article_id = ? group by e.id order by mentions desc, e.name",
    )
    .all(articleId);
  const candidates = sqlite
    .prepare<[number], IngestedArticleView["candidates"][number]>(
      "select min(text) as text, max(kind_guess) as kind, count(*) as occurrences from candidates where article_id = ? group by norm order by occurrences desc, text",
    )
    .all(articleId);
  const quotes = sqlite
    .prepare<[number], IngestedArticleView["quotes"][number]>(
      "select q.id, q.text, e.name as speaker, q.speaker_text as speakerText, q.confidence from quotes q left join entities e on e.id = q.speaker_id where q.article_id = ? order by q.paragraph_id, q.start",
    )
    .all(articleId);
  const events = sqlite
    .prepare<[number], IngestedArticleView["events"][number]>(
      "select ev.occurred_on as occurredOn, ev.precision, ev.type, p.name as place, ev.summary from events ev left join entities p on p.id = ev.place_id where ev.article_id = ? order by ev.paragraph_id, ev.start",
    )
    .all(articleId);
  return { ...a, entities, candidates, quotes, events };
}
