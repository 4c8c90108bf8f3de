import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { retryBusy } from "../db/busy.ts";
import * as t from "../db/schema.ts";
import { ingestBytes, type IngestReport } from "../ingest/index.ts";
import type { ArticleOverrides } from "../ingest/parse.ts";
import type { FetchGuard } from "../intake/address.ts";
import { documentFileName, FetchError, fetchDocument, FETCH_TIMEOUT_MS, type DocumentKind } from "../intake/fetch.ts";
import { describeArticle, INGEST_OFF_LOOP_BYTES, IngestRefusedError, uniqueFileName, type DocumentIngester, type IntakeResult } from "../intake/ingest.ts";
import type { Logger } from "../logger.ts";
import { escapeText, truncate } from "../render/limits.ts";
import { renderPayload, type MessagePayload } from "../render/payload.ts";
import { FeedParseError, parseFeed, type FeedEntry } from "./parse.ts";
import { dueFeeds } from "./store.ts";
import { isQuiet } from "../store/settings.ts";

/** Posts a message to a channel; the lead wires this to Discord's REST API. */
export type FeedDeliver = (channelId: string, payload: MessagePayload) => Promise<void>;

export interface FeedPollerOptions {
  db: Db;
  logger: Logger;
  /** Which addresses feeds and their articles may be fetched from (config FETCH_ALLOW_PRIVATE); default public only. */
  guard?: FetchGuard;
  now?: () => Date;
  deliver?: FeedDeliver;
  /** How often due feeds are looked for (default one minute); each feed keeps its own interval. */
  tickMs?: number;
  timeoutMs?: number;
  /** Feeds fetched at once: a slow feed holds one slot, never the others. */
  concurrency?: number;
  /** Ingests items over INGEST_OFF_LOOP_BYTES off the main thread (the bot's worker pool); absent = all in place. */
  ingester?: DocumentIngester;
}

export interface FeedPollResult {
  feedId: number;
  url: string;
  status: "ok" | "not-modified" | "failed";
  newItems: number;
  duplicates: number;
  failedItems: number;
  notes: number;
  /** New items left for the next poll (over MAX_NEW_ITEMS_PER_POLL). */
  deferred: number;
  error?: string;
}

export interface FeedPoller {
  stop(): void;
  /** Polls every due feed now; resolves when all are done. */
  pollOnce(): Promise<FeedPollResult[]>;
}

/** After this many failures in a row a feed shows as failing. */
export const FAILING_AFTER = 2;
const MAX_BACKOFF_MS = 24 * 60 * 60_000;

/** The wait after `failures` failures in a row: the interval after the first, then doubled per failure, at most a day. */
export function backoffMs(intervalMinutes: number, failures: number): number {
  return Math.min(intervalMinutes * 60_000 * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}

/**
 * Most new items one poll takes in; the rest wait for the next poll. A feed of 4,000 full-text items held the bot
 * for 18 s, and a hostile feed can give every item a new id on every poll.
 */
export const MAX_NEW_ITEMS_PER_POLL = 100;

/** Lets the event loop answer interactions and heartbeats between two items' ingest. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Enough text in the entry itself to be the article (many feeds carry the full piece in content:encoded). */
const FULL_TEXT_CHARS = 400;

function attr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The entry as an HTML page for ingest, its metadata in the meta tags ingest reads. */
function entryPage(e: FeedEntry, outlet: string | undefined): string {
  const meta = [
    `<meta property="og:title" content="${attr(e.title)}">`,
    e.published ? `<meta property="article:published_time" content="${attr(e.published)}">` : "",
    e.link ? `<meta property="og:url" content="${attr(e.link)}">` : "",
    outlet ? `<meta property="og:site_name" content="${attr(outlet)}">` : "",
    e.author ? `<meta name="author" content="${attr(e.author)}">` : "",
  ].join("");
  return `<!doctype html><html lang="en"><head><title>${attr(e.title)}</title>${meta}</head><body><article><h1>${attr(e.title)}</h1>${e.html}</article></body></html>`;
}

/** An item that could not be ingested for a reason not its own: left unrecorded, so the next poll tries it again. */
class RetryLater extends Error {}

function textLength(html: string): number {
  // A rough measure only (tags and entities counted out by a scan, not parsed): decides whether to fetch the link.
  let n = 0;
  let inTag = false;
  for (const ch of html) {
    if (ch === "<") inTag = true;
    else if (ch === ">") inTag = false;
    else if (!inTag && ch.trim()) n++;
  }
  return n;
}

export function startFeedPoller(opts: FeedPollerOptions): FeedPoller {
  const { db, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const concurrency = opts.concurrency ?? 4;
  const fetchOpts = { timeoutMs, ...(opts.guard ? { guard: opts.guard } : {}) };

  /** One document of an entry into the store: a large one in the worker pool, when there is one. */
  async function ingestOne(fileName: string, bytes: Buffer, kind: DocumentKind, link: string | undefined, overrides: ArticleOverrides): Promise<IngestReport> {
    if (opts.ingester && bytes.length > INGEST_OFF_LOOP_BYTES) {
      let done: IntakeResult;
      try {
        done = await opts.ingester.ingest({ bytes, kind, fileName, url: link, overrides, now: now().toISOString() });
      } catch (err) {
        // The document itself was refused: the item failed. Anything else (the pool full, the bot shutting down, a
        // worker that stopped or found the store locked) is not the item's fault: not recorded, tried next poll.
        if (err instanceof IngestRefusedError) throw err;
        throw new RetryLater(`the worker pool could not take the item now: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (done.kind !== "article") throw new FeedParseError("the entry's page is not an article");
      return done.report;
    }
    const file = uniqueFileName(db, fileName, link);
    return retryBusy(() => ingestBytes(db, file, bytes, { overrides, logger, now: now() }));
  }

  /** Ingests one new entry; returns the article id, or throws (FetchError: try again next poll). */
  async function ingestEntry(feed: t.Feed, outlet: string | undefined, e: FeedEntry): Promise<number> {
    // The day where it was published, not in UTC: a Karachi item from 04:00 local time is still that day's.
    const published = e.publishedDay;
    const overrides = { title: e.title || undefined, url: e.link, outlet, published };
    let lastError = "the entry has no text and no link";
    if (textLength(e.html) >= FULL_TEXT_CHARS) {
      const report = await ingestOne(documentFileName(e.link ?? `${feed.url}#${e.guid}`, "html"), Buffer.from(entryPage(e, outlet)), "html", e.link, overrides);
      if (report.ok && report.article) return report.article.id;
      lastError = report.error ?? "could not be stored";
    }
    if (e.link) {
      const doc = await fetchDocument(e.link, { ...fetchOpts, accept: ["html", "markdown", "text"] });
      const report = await ingestOne(documentFileName(doc.url, doc.kind), doc.bytes, doc.kind, e.link, overrides);
      if (report.ok && report.article) return report.article.id;
      lastError = report.error ?? "could not be stored";
    }
    throw new FeedParseError(lastError);
  }

  function note(articleId: number, outlet: string | undefined): MessagePayload | undefined {
    const view = describeArticle(db, articleId);
    if (!view) return undefined;
    const top = view.entities.slice(0, 3).map((x) => escapeText(x.name));
    const line = `🆕 New in the store: **${escapeText(truncate(view.title, 150))}**${outlet ? ` (${escapeText(truncate(outlet, 60))})` : ""}${top.length ? ` — ${top.join(", ")}` : ""} · \`/article id:${view.slug}\``;
    return renderPayload({ content: truncate(line, 1900) });
  }

  async function pollFeed(feed: t.Feed): Promise<FeedPollResult> {
    const result: FeedPollResult = { feedId: feed.id, url: feed.url, status: "ok", newItems: 0, duplicates: 0, failedItems: 0, notes: 0, deferred: 0 };
    const log = logger.child({ feedId: feed.id, guildId: feed.guildId });
    const started = now();
    const firstPoll = feed.status === "new";
    try {
      const headers: Record<string, string> = { accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8" };
      if (feed.etag) headers["if-none-match"] = feed.etag;
      if (feed.lastModified) headers["if-modified-since"] = feed.lastModified;
      const doc = await fetchDocument(feed.url, { ...fetchOpts, headers, accept: ["feed"], fileName: new URL(feed.url).pathname || "feed.xml" });
      const next = new Date(started.getTime() + feed.intervalMinutes * 60_000).toISOString();
      const success = {
        status: "ok" as const,
        consecutiveFailures: 0,
        lastError: null,
        lastPolledAt: started.toISOString(),
        lastSuccessAt: started.toISOString(),
        nextPollAt: next,
      };
      if (doc.notModified) {
        // 304 Not Modified: nothing new, and the validators stay as they were.
        result.status = "not-modified";
        await retryBusy(() => db.update(t.feeds).set(success).where(eq(t.feeds.id, feed.id)).run());
        return result;
      }
      const parsed = parseFeed(doc.bytes, doc.url, doc.contentType);
      const outlet = feed.title ?? parsed.title;
      const seen = db.$client.prepare<[number, string], { id: number }>("select id from feed_items where feed_id = ? and guid = ?");
      const sameContent = db.$client.prepare<[string], { id: number }>("select id from feed_items where content_hash = ? and status = 'ingested' limit 1");
      // Oldest first, so notes come in the order the pieces appeared.
      let taken = 0;
      for (const e of [...parsed.entries].reverse()) {
        if (seen.get(feed.id, e.guid)) continue;
        if (taken++ >= MAX_NEW_ITEMS_PER_POLL) {
          result.deferred++;
          continue;
        }
        await yieldToLoop();
        // Writes wait for a lock held by another process (a bulk import) off the loop (src/db/busy.ts).
        const record = async (status: t.FeedItem["status"], articleId: number | null, error: string | null): Promise<void> => {
          await retryBusy(() =>
            db.insert(t.feedItems)
              .values({ feedId: feed.id, guid: e.guid, contentHash: e.contentHash, link: e.link ?? null, title: e.title || null, articleId, status, error, seenAt: now().toISOString() })
              .onConflictDoNothing()
              .run(),
          );
        };
        if (sameContent.get(e.contentHash)) {
          await record("duplicate", null, null);
          result.duplicates++;
          continue;
        }
        let articleId: number;
        try {
          articleId = await ingestEntry(feed, outlet, e);
        } catch (err) {
          if (err instanceof FetchError || err instanceof RetryLater) {
            // The article's page could not be fetched or ingested this time: not recorded, so the next poll tries again.
            log.warn({ guid: e.guid, err: err.message }, "feed item fetch failed");
            result.failedItems++;
            continue;
          }
          const reason = err instanceof Error ? err.message : String(err);
          await record("failed", null, reason.slice(0, 300));
          result.failedItems++;
          continue;
        }
        // Written before the note is sent: a crash after the send never posts it twice.
        await record("ingested", articleId, null);
        result.newItems++;
        if (!firstPoll && feed.channelId && opts.deliver && !isQuiet(db, feed.guildId)) {
          const payload = note(articleId, outlet);
          if (payload) {
            try {
              await opts.deliver(feed.channelId, payload);
              result.notes++;
            } catch (err) {
              log.warn({ err, articleId }, "feed note could not be posted");
            }
          }
        }
      }
      // Items left for the next poll: no validators kept (a 304 would hide them), and a first poll's backlog
      // stays a backlog (taken in without notes) until it is all in.
      const rest = result.deferred > 0;
      await retryBusy(() => db.update(t.feeds)
        .set({
          ...success,
          ...(rest && firstPoll ? { status: "new" as const } : {}),
          etag: rest ? null : doc.etag,
          lastModified: rest ? null : doc.lastModified,
          ...(feed.title ? {} : { title: parsed.title?.slice(0, 200) ?? null }),
        })
        .where(eq(t.feeds.id, feed.id))
        .run());
      log.info({ newItems: result.newItems, duplicates: result.duplicates, deferred: result.deferred, firstPoll }, "feed polled");
      return result;
    } catch (err) {
      const reason = err instanceof FetchError || err instanceof FeedParseError ? err.message : err instanceof Error ? err.message : String(err);
      const failures = feed.consecutiveFailures + 1;
      await retryBusy(() => db.update(t.feeds)
        .set({
          status: failures >= FAILING_AFTER ? "failing" : feed.status,
          consecutiveFailures: failures,
          lastError: reason.slice(0, 300),
          lastPolledAt: started.toISOString(),
          nextPollAt: new Date(started.getTime() + backoffMs(feed.intervalMinutes, failures)).toISOString(),
        })
        .where(eq(t.feeds.id, feed.id))
        .run());
      if (!(err instanceof FetchError || err instanceof FeedParseError)) log.error({ err }, "feed poll failed");
      else log.warn({ reason, failures }, "feed poll failed");
      return { ...result, status: "failed", error: reason };
    }
  }

  let running: Promise<FeedPollResult[]> | undefined;
  async function pollDue(): Promise<FeedPollResult[]> {
    const due = dueFeeds(db, now());
    const results: FeedPollResult[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) {
        const feed = due[next++];
        if (feed) results.push(await pollFeed(feed));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    return results.sort((a, b) => a.feedId - b.feedId);
  }

  function pollOnce(): Promise<FeedPollResult[]> {
    // One poll at a time: a tick that comes while the last one still runs waits for it instead of doubling up.
    running ??= pollDue().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => {
    pollOnce().catch((err: unknown) => logger.error({ err }, "feed tick failed"));
  }, opts.tickMs ?? 60_000);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    pollOnce,
  };
}
