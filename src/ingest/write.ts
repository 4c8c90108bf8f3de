import { createHash } from "node:crypto";
import { eq, and, or } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import type { ParsedArticle } from "./parse.ts";
import type { DatePrecision } from "../db/schema.ts";
import type { PartialDate } from "../text/dates.ts";
import type { Extraction } from "./extract.ts";
import { ACLED_TYPES } from "./event-types.ts";

export type WriteOutcome = "created" | "replaced" | "unchanged";

export interface WriteResult {
  outcome: WriteOutcome;
  articleId: number;
  slug: string;
}

/**
 * The store keeps day, month or year precision. A week ("last week") is stored as the smallest of those that
 * holds the whole week, its month when Monday to Sunday fall in one month, else its year: claiming the
 * Monday as the day would put the event on a date the article never gave (and on that day's "on this day").
 */
export function storableDate(d: PartialDate): { value: string; precision: DatePrecision } {
  if (d.precision !== "week") return { value: d.value, precision: d.precision };
  const [y, m, day] = d.value.split("-").map(Number);
  const monday = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1, 12));
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  if (sunday.getUTCMonth() === monday.getUTCMonth()) return { value: d.value.slice(0, 7), precision: "month" };
  // A week across New Year belongs to neither year; its Monday's year is the closer honest guess.
  return { value: d.value.slice(0, 4), precision: "year" };
}

export function contentHash(article: ParsedArticle): string {
  const h = createHash("sha256");
  h.update(article.title);
  for (const p of article.paragraphs) h.update(`\n${p.role}:${p.text}`);
  return h.digest("hex");
}

/**
 * Writes one article and everything extracted from it in a single transaction: all of it or none.
 * The same content again is a no-op; an edited article (same URL, or same slug) replaces its derived rows.
 */
export function writeArticle(db: Db, article: ParsedArticle, extraction: Extraction, now: Date, sourcePath: string | null): WriteResult {
  const hash = contentHash(article);
  return db.transaction((tx) => {
    const same = tx.select({ id: t.articles.id, slug: t.articles.slug }).from(t.articles).where(eq(t.articles.contentHash, hash)).get();
    if (same) return { outcome: "unchanged" as const, articleId: same.id, slug: same.slug };

    const previous = tx
      .select({ id: t.articles.id })
      .from(t.articles)
      .where(
        and(
          eq(t.articles.kind, "article"),
          article.url ? or(eq(t.articles.url, article.url), eq(t.articles.slug, article.slug)) : eq(t.articles.slug, article.slug),
        ),
      )
      .get();
    if (previous) {
      tx.delete(t.articles).where(eq(t.articles.id, previous.id)).run();
      // Its related-articles stubs go with it (they are re-read from the new text below); no FK would catch them.
      tx.delete(t.articles).where(and(eq(t.articles.kind, "stub"), eq(t.articles.relatedToId, previous.id))).run();
    }
    // Stubs known only from a related-articles list are superseded by the full article.
    tx.delete(t.articles).where(and(eq(t.articles.kind, "stub"), eq(t.articles.title, article.title))).run();

    const inserted = tx
      .insert(t.articles)
      .values({
        slug: article.slug,
        title: article.title,
        author: article.author ?? null,
        outlet: article.outlet ?? null,
        url: article.url ?? null,
        publishedOn: article.published ? storableDate(article.published).value : null,
        publishedPrecision: article.published ? storableDate(article.published).precision : null,
        language: article.language,
        contentHash: hash,
        kind: "article",
        sourcePath,
        tags: article.tags,
        ingestedAt: now.toISOString(),
      })
      .returning({ id: t.articles.id })
      .get();
    const articleId = inserted.id;

    const paragraphIds: number[] = [];
    article.paragraphs.forEach((p, idx) => {
      const row = tx.insert(t.paragraphs).values({ articleId, idx, role: p.role, text: p.text }).returning({ id: t.paragraphs.id }).get();
      paragraphIds[idx] = row.id;
    });
    const pid = (i: number): number => {
      const id = paragraphIds[i];
      if (id === undefined) throw new Error(`extraction referred to paragraph ${i}, which does not exist`);
      return id;
    };

    for (const m of extraction.mentions) {
      tx.insert(t.mentions).values({ entityId: m.entityId, articleId, paragraphId: pid(m.paragraph), start: m.start, end: m.end, text: m.text }).run();
    }
    for (const c of extraction.candidates) {
      tx.insert(t.candidates)
        .values({ articleId, paragraphId: pid(c.paragraph), text: c.text, norm: c.norm, kindGuess: c.kind, start: c.start, end: c.end })
        .run();
    }
    for (const q of extraction.quotes) {
      tx.insert(t.quotes)
        .values({
          text: q.text,
          speakerId: q.speakerId,
          speakerText: q.speakerText,
          confidence: q.confidence,
          isFragment: q.isFragment,
          saidOn: q.saidOn ? storableDate(q.saidOn).value : null,
          saidPrecision: q.saidOn ? storableDate(q.saidOn).precision : null,
          articleId,
          paragraphId: pid(q.paragraph),
          start: q.start,
          end: q.end,
        })
        .run();
    }
    for (const e of extraction.events) {
      const date = storableDate(e.date);
      const [y, m, d] = date.value.split("-");
      const acled = ACLED_TYPES[e.cue.type];
      const row = tx
        .insert(t.events)
        .values({
          occurredOn: date.value,
          precision: date.precision,
          year: Number(y),
          monthDay: date.precision === "day" && m && d ? `${m}-${d}` : null,
          type: e.cue.type,
          acledEventType: acled?.[0] ?? null,
          acledSubEventType: acled?.[1] ?? null,
          summary: e.summary,
          placeId: e.placeId,
          claimedById: e.claimedById,
          killed: e.killed,
          injured: e.injured,
          casualtiesText: e.casualtiesText,
          source: "article",
          articleId,
          paragraphId: pid(e.paragraph),
          start: e.start,
          end: e.end,
        })
        .returning({ id: t.events.id })
        .get();
      for (const a of e.actors) tx.insert(t.eventActors).values({ eventId: row.id, entityId: a.entityId, role: a.role }).onConflictDoNothing().run();
    }
    for (const [i, r] of article.related.entries()) {
      const exists = tx.select({ id: t.articles.id }).from(t.articles).where(eq(t.articles.title, r.title)).get();
      if (exists) continue;
      tx.insert(t.articles)
        .values({
          slug: `${article.slug}-related-${i + 1}`,
          title: r.title,
          publishedOn: r.published ? storableDate(r.published).value : null,
          publishedPrecision: r.published ? storableDate(r.published).precision : null,
          kind: "stub",
          relatedToId: articleId,
          outlet: article.outlet ?? null,
          ingestedAt: now.toISOString(),
        })
        .run();
    }
    return { outcome: previous ? ("replaced" as const) : ("created" as const), articleId, slug: article.slug };
  });
}
