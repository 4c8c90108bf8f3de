/**
 * What extraction stored for one article, in the shape `borderdesk extract --json` previews it (ExtractionRows): the
 * names it linked with their kind and count, the new names with their kind guess, every quote with its speaker and
 * fragment flag, and every event with date, type, place, claimant and casualties. /article shows it.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import type { ExtractionRows, PreviewRef } from "../ingest/preview.ts";

export function getArticleExtraction(db: Db, articleId: number): ExtractionRows {
  const paragraphIdx = new Map(
    db.select({ id: t.paragraphs.id, idx: t.paragraphs.idx }).from(t.paragraphs).where(eq(t.paragraphs.articleId, articleId)).all().map((p) => [p.id, p.idx]),
  );
  const entities = db
    .select({ entityId: t.entities.id, slug: t.entities.slug, name: t.entities.name, kind: t.entities.kind, count: sql<number>`count(*)` })
    .from(t.mentions)
    .innerJoin(t.entities, eq(t.entities.id, t.mentions.entityId))
    .where(eq(t.mentions.articleId, articleId))
    .groupBy(t.entities.id)
    .all()
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const candidates: ExtractionRows["candidates"] = [];
  const byKey = new Map<string, ExtractionRows["candidates"][number]>();
  for (const c of db.select({ text: t.candidates.text, kind: t.candidates.kindGuess }).from(t.candidates).where(eq(t.candidates.articleId, articleId)).orderBy(asc(t.candidates.id)).all()) {
    const key = `${c.text}\u0000${c.kind}`;
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else {
      const row = { text: c.text, kind: c.kind, count: 1 };
      byKey.set(key, row);
      candidates.push(row);
    }
  }
  const quotes = db.select().from(t.quotes).where(eq(t.quotes.articleId, articleId)).orderBy(asc(t.quotes.id)).all();
  const events = db.select().from(t.events).where(eq(t.events.articleId, articleId)).orderBy(asc(t.events.id)).all();
  const ids = [...new Set([...quotes.map((q) => q.speakerId), ...events.flatMap((e) => [e.placeId, e.claimedById])].filter((x): x is number => x !== null))];
  const known = new Map(ids.length ? db.select({ id: t.entities.id, slug: t.entities.slug, name: t.entities.name }).from(t.entities).where(inArray(t.entities.id, ids)).all().map((e) => [e.id, e]) : []);
  const ref = (name: string | null, entityId: number | null): PreviewRef | null => {
    const e = entityId === null ? undefined : known.get(entityId);
    if (!e && name === null) return null;
    return { name: name ?? e?.name ?? "", entityId: e?.id ?? null, slug: e?.slug ?? null };
  };
  return {
    entities,
    candidates,
    quotes: quotes.map((q) => ({
      paragraph: paragraphIdx.get(q.paragraphId) ?? 0,
      text: q.text,
      speaker: ref(q.speakerText, q.speakerId),
      fragment: q.isFragment,
      confidence: q.confidence,
      saidOn: q.saidOn,
    })),
    events: events.map((e) => ({
      paragraph: e.paragraphId === null ? 0 : (paragraphIdx.get(e.paragraphId) ?? 0),
      date: e.occurredOn,
      precision: e.precision,
      type: e.type,
      // (The store keeps the place's entity, not the words: a place the gazetteer does not know is not stored.)
      place: ref(null, e.placeId),
      claimant: ref(null, e.claimedById),
      killed: e.killed,
      injured: e.injured,
      casualtiesText: e.casualtiesText,
      summary: e.summary,
    })),
  };
}
