import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { foldCase, normalizeName } from "../text/normalize.ts";

export interface EntityMatch {
  id: number;
  slug: string;
  kind: string;
  name: string;
  /** The alias that matched, when it is not the canonical name. */
  matchedAlias: string | null;
  aliasKind: string;
  /** 0 exact, 1 prefix, 2 word prefix, 3 substring, 4+ fuzzy. */
  rank: number;
  mentions: number;
}

interface AliasHit {
  aliasId: number;
  entityId: number;
  text: string;
  norm: string;
  kind: string;
}

const aliasColumns = { aliasId: t.aliases.id, entityId: t.aliases.entityId, text: t.aliases.text, norm: t.aliases.norm, kind: t.aliases.kind };

/**
 * Finds entities by name for lookups and autocomplete: exact, prefix, word-prefix and substring alias
 * matches first, then trigram fuzzy matches for misspellings ("Zabiulah"), ranked by exactness then by
 * how often the store mentions the entity.
 */
export function findEntities(db: Db, query: string, limit = 25, kinds?: readonly string[]): EntityMatch[] {
  const q = normalizeName(query);
  const hits = new Map<number, { hit: AliasHit; rank: number }>();
  const consider = (hit: AliasHit, rank: number): void => {
    const prev = hits.get(hit.entityId);
    if (!prev || rank < prev.rank || (rank === prev.rank && hit.kind === "name" && prev.hit.kind !== "name")) hits.set(hit.entityId, { hit, rank });
  };
  if (q === "") {
    // No query yet (autocomplete opened): the most-mentioned entities.
    const top = db
      .select({ entityId: t.mentions.entityId, n: sql<number>`count(*)` })
      .from(t.mentions)
      .groupBy(t.mentions.entityId)
      .orderBy(sql`count(*) desc`)
      .limit(limit * 2)
      .all();
    const names = top.length
      ? db.select(aliasColumns).from(t.aliases).where(inArray(t.aliases.entityId, top.map((r) => r.entityId))).all()
      : db.select(aliasColumns).from(t.aliases).limit(limit * 2).all();
    for (const a of names) consider(a, 5);
  } else {
    const prefix = db
      .select(aliasColumns)
      .from(t.aliases)
      .where(sql`${t.aliases.norm} >= ${q} and ${t.aliases.norm} < ${q + "\uffff"}`)
      .limit(200)
      .all();
    for (const a of prefix) consider(a, a.norm === q ? 0 : 1);
    if (q.length >= 3 && hits.size < limit) {
      const sub = db.$client
        .prepare(`select a.id as aliasId, a.entity_id as entityId, a.text, a.norm, a.kind from aliases_trgm f join aliases a on a.id = f.rowid where aliases_trgm match ? limit 200`)
        .all(`"${q.replace(/"/g, '""')}"`) as AliasHit[];
      for (const a of sub) consider(a, a.norm.includes(` ${q}`) ? 2 : 3);
    }
    if (q.length >= 4 && hits.size < limit) {
      const grams = new Set<string>();
      for (let i = 0; i + 3 <= q.length; i++) grams.add(q.slice(i, i + 3));
      const match = [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(" OR ");
      const fuzzy = db.$client
        .prepare(`select a.id as aliasId, a.entity_id as entityId, a.text, a.norm, a.kind from aliases_trgm f join aliases a on a.id = f.rowid where aliases_trgm match ? order by bm25(aliases_trgm) limit 60`)
        .all(match) as AliasHit[];
      for (const a of fuzzy) {
        const sim = trigramSimilarity(q, a.norm);
        if (sim >= 0.3) consider(a, 4 + (1 - sim));
      }
    }
  }
  if (hits.size === 0) return [];
  const ids = [...hits.keys()];
  const ents = db.select().from(t.entities).where(inArray(t.entities.id, ids)).all();
  const counts = new Map(
    db
      .select({ id: t.mentions.entityId, n: sql<number>`count(*)` })
      .from(t.mentions)
      .where(inArray(t.mentions.entityId, ids))
      .groupBy(t.mentions.entityId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  return ents
    .filter((e) => !kinds || kinds.includes(e.kind))
    .map((e) => {
      const h = hits.get(e.id);
      const matched = h && foldCase(h.hit.text) !== foldCase(e.name) ? h.hit.text : null;
      return { id: e.id, slug: e.slug, kind: e.kind, name: e.name, matchedAlias: matched, aliasKind: h?.hit.kind ?? "name", rank: h?.rank ?? 9, mentions: counts.get(e.id) ?? 0 };
    })
    .sort((a, b) => a.rank - b.rank || b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export function trigramSimilarity(a: string, b: string): number {
  const grams = (s: string): Set<string> => {
    const out = new Set<string>();
    const p = `  ${s} `;
    for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return shared / (ga.size + gb.size - shared);
}

/** Resolves what a user typed or picked (an id from autocomplete, a slug, or a name) to one entity. */
export function resolveEntity(db: Db, input: string): t.Entity | undefined {
  const trimmed = input.trim();
  if (/^\d+$/.test(trimmed)) {
    const byId = db.select().from(t.entities).where(eq(t.entities.id, Number(trimmed))).get();
    if (byId) return byId;
  }
  const bySlug = db.select().from(t.entities).where(eq(t.entities.slug, trimmed.toLowerCase())).get();
  if (bySlug) return bySlug;
  const best = findEntities(db, trimmed, 1)[0];
  if (!best || best.rank > 1) return undefined;
  return db.select().from(t.entities).where(eq(t.entities.id, best.id)).get();
}

export interface StoredEntity {
  id: number;
  slug: string;
  kind: string;
  subtype: string | null;
  name: string;
  description: string | null;
  wikidata: string | null;
  coordinates: [number, number] | null;
  parent: string | null;
  aliases: { text: string; kind: string; note: string | null; validFrom: string | null; validTo: string | null }[];
  mentions: number;
}

/** Entities as the store holds them (for `borderdesk entities --json`). */
export function listEntities(db: Db, query?: string): StoredEntity[] {
  const ids = query ? findEntities(db, query, 100).map((m) => m.id) : undefined;
  if (ids && ids.length === 0) return [];
  const rows = ids ? db.select().from(t.entities).where(inArray(t.entities.id, ids)).all() : db.select().from(t.entities).all();
  const all = db.select().from(t.aliases).where(ids ? inArray(t.aliases.entityId, ids) : undefined).all();
  const bySlug = new Map(db.select({ id: t.entities.id, slug: t.entities.slug }).from(t.entities).all().map((r) => [r.id, r.slug]));
  const counts = new Map(
    db
      .select({ id: t.mentions.entityId, n: sql<number>`count(*)` })
      .from(t.mentions)
      .groupBy(t.mentions.entityId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  const order = ids ? new Map(ids.map((id, i) => [id, i])) : undefined;
  return rows
    .map((e) => ({
      id: e.id,
      slug: e.slug,
      kind: e.kind,
      subtype: e.subtype,
      name: e.name,
      description: e.description,
      wikidata: e.wikidata,
      coordinates: e.lat !== null && e.lon !== null ? ([e.lat, e.lon] as [number, number]) : null,
      parent: e.parentId !== null ? (bySlug.get(e.parentId) ?? null) : null,
      aliases: all
        .filter((a) => a.entityId === e.id)
        .map((a) => ({ text: a.text, kind: a.kind, note: a.note, validFrom: a.validFrom, validTo: a.validTo })),
      mentions: counts.get(e.id) ?? 0,
    }))
    .sort((a, b) => (order ? (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0) : b.mentions - a.mentions || a.name.localeCompare(b.name)));
}

export interface CandidateSummary {
  text: string;
  kind: string;
  occurrences: number;
  articles: string[];
}

/** Names the gazetteer does not know yet, grouped, most frequent first. */
export function listCandidates(db: Db): CandidateSummary[] {
  const rows = db
    .select({ norm: t.candidates.norm, text: t.candidates.text, kind: t.candidates.kindGuess, slug: t.articles.slug })
    .from(t.candidates)
    .innerJoin(t.articles, eq(t.articles.id, t.candidates.articleId))
    .all();
  const groups = new Map<string, CandidateSummary>();
  for (const r of rows) {
    const g = groups.get(r.norm) ?? { text: r.text, kind: r.kind, occurrences: 0, articles: [] };
    g.occurrences++;
    if (g.kind === "unknown" && r.kind !== "unknown") g.kind = r.kind;
    if (!g.articles.includes(r.slug)) g.articles.push(r.slug);
    groups.set(r.norm, g);
  }
  return [...groups.values()].sort((a, b) => b.occurrences - a.occurrences || a.text.localeCompare(b.text));
}
