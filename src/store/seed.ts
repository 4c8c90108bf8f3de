import { createHash } from "node:crypto";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { count, eq, isNotNull, and, notInArray } from "drizzle-orm";
import type { Db, Executor } from "../db/client.ts";
import { projectRoot } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { loadGazetteer, loadTimeline, type Located } from "../gazetteer/load.ts";
import type { GazetteerEntry, TimelineEvent } from "../gazetteer/schema.ts";
import { normalizeName } from "../text/normalize.ts";
import { acledPair } from "../incidents/vocabulary.ts";
import { ingestFiles, type IngestReport } from "../ingest/index.ts";
import { linkPending } from "../incidents/pending.ts";
import { cleanUrl } from "../text/urls.ts";

export const defaultDataDir = path.join(projectRoot, "data");

export interface SeedSummary {
  gazetteer: { entities: number; applied: boolean };
  timeline: { events: number; applied: boolean };
  articles: IngestReport[];
}

function filesIn(dir: string, re: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function hashFiles(files: readonly string[]): string {
  const h = createHash("sha256");
  for (const f of files) h.update(path.basename(f)).update(readFileSync(f));
  return h.digest("hex");
}

function alreadyApplied(db: Db, key: string, hash: string): boolean {
  return db.select().from(t.seedRuns).where(eq(t.seedRuns.file, key)).get()?.hash === hash;
}

function markApplied(db: Executor, key: string, hash: string, now: Date): void {
  db.insert(t.seedRuns)
    .values({ file: key, hash, appliedAt: now.toISOString() })
    .onConflictDoUpdate({ target: t.seedRuns.file, set: { hash, appliedAt: now.toISOString() } })
    .run();
}

/**
 * Loads the gazetteer, the curated timeline and the demo articles from `data/`. Each part is applied
 * again only when its files changed, so first run seeds and later runs are no-ops; an edited timeline
 * entry updates that event by its stable id.
 */
export function seedAll(db: Db, dataDir: string = defaultDataDir, now: Date = new Date(), force = false): SeedSummary {
  // The files are hashed first and parsed only when they changed: parsing the YAML is most of a second, and
  // every command line run opens the store through here.
  const gazDir = path.join(dataDir, "gazetteer");
  const gazHash = hashFiles(filesIn(gazDir, /\.ya?ml$/));
  let parsed: Located<GazetteerEntry>[] | undefined;
  const entries = (): Located<GazetteerEntry>[] => (parsed ??= loadGazetteer(gazDir));
  const gazApplied = force || !alreadyApplied(db, "gazetteer", gazHash);
  if (gazApplied) {
    db.transaction((tx) => {
      upsertGazetteer(tx, entries());
      markApplied(tx, "gazetteer", gazHash, now);
    });
  }

  const tlDir = path.join(dataDir, "timeline");
  const tlHash = hashFiles(filesIn(tlDir, /\.ya?ml$/)) + gazHash;
  const tlApplied = force || !alreadyApplied(db, "timeline", tlHash);
  let timelineCount: number;
  if (tlApplied) {
    const timeline = loadTimeline(tlDir, new Set(entries().map((e) => e.value.id)));
    db.transaction((tx) => {
      upsertTimeline(tx, timeline);
      markApplied(tx, "timeline", tlHash, now);
      linkPending(db.$client, now);
    });
    timelineCount = timeline.length;
  } else {
    timelineCount = db.select({ n: count() }).from(t.events).where(eq(t.events.source, "timeline")).get()?.n ?? 0;
  }

  const articleFiles = filesIn(path.join(dataDir, "articles"), /\.(md|txt|html?)$/);
  const artHash = hashFiles(articleFiles) + gazHash;
  let articles: IngestReport[] = [];
  if (force || !alreadyApplied(db, "articles", artHash)) {
    articles = ingestFiles(db, articleFiles, { now });
    if (articles.every((r) => r.ok)) markApplied(db, "articles", artHash, now);
  }
  return {
    // Unchanged files are not parsed: the counts are then what the store holds from them.
    gazetteer: { entities: parsed ? parsed.length : (db.select({ n: count() }).from(t.entities).where(eq(t.entities.origin, "gazetteer")).get()?.n ?? 0), applied: gazApplied },
    timeline: { events: timelineCount, applied: tlApplied },
    articles,
  };
}

export function upsertGazetteer(db: Executor, entries: readonly Located<GazetteerEntry>[]): void {
  const ids = new Map<string, number>();
  for (const { value: e } of entries) {
    const values = {
      slug: e.id,
      kind: e.kind,
      subtype: e.subtype ?? null,
      name: e.name,
      description: e.description ?? null,
      wikidata: e.wikidata ?? null,
      lat: e.coordinates?.[0] ?? null,
      lon: e.coordinates?.[1] ?? null,
      origin: "gazetteer",
    };
    const row = db
      .insert(t.entities)
      .values(values)
      .onConflictDoUpdate({ target: t.entities.slug, set: values })
      .returning({ id: t.entities.id })
      .get();
    ids.set(e.id, row.id);
    db.delete(t.aliases).where(eq(t.aliases.entityId, row.id)).run();
    const seen = new Set<string>();
    const all = [{ text: e.name, kind: "name" as const }, ...e.aliases.map((a) => (typeof a === "string" ? { text: a, kind: "name" as const } : a))];
    for (const a of all) {
      const norm = normalizeName(a.text);
      // (A role held twice, with a gap between, is one row per period.)
      const key = `${norm}|${a.kind}|${"from" in a ? (a.from ?? "") : ""}`;
      if (!norm || seen.has(key)) continue;
      seen.add(key);
      db.insert(t.aliases)
        .values({
          entityId: row.id,
          text: a.text,
          norm,
          kind: a.kind,
          note: "note" in a ? (a.note ?? null) : null,
          validFrom: "from" in a ? (a.from ?? null) : null,
          validTo: "to" in a ? (a.to ?? null) : null,
        })
        .run();
    }
  }
  for (const { value: e } of entries) {
    const id = ids.get(e.id);
    if (id !== undefined) db.update(t.entities).set({ parentId: e.parent ? (ids.get(e.parent) ?? null) : null }).where(eq(t.entities.id, id)).run();
  }
}

export function upsertTimeline(db: Executor, events: readonly Located<TimelineEvent>[]): void {
  const rows = db.select({ id: t.entities.id, slug: t.entities.slug, name: t.entities.name }).from(t.entities).all();
  const slugToId = new Map(rows.map((r) => [r.slug, r.id]));
  const slugToName = new Map(rows.map((r) => [r.slug, r.name]));
  const id = (slug: string): number | null => slugToId.get(slug) ?? null;
  const keep = events.map((e) => e.value.id);
  // Events removed from the files leave the store too.
  db.delete(t.events)
    .where(and(eq(t.events.source, "timeline"), isNotNull(t.events.externalId), keep.length ? notInArray(t.events.externalId, keep) : undefined))
    .run();
  for (const { value: e } of events) {
    db.delete(t.events).where(eq(t.events.externalId, e.id)).run();
    const [y, m, d] = e.date.split("-");
    const acled = acledPair(e.type);
    const firstCasualty = e.casualties[0];
    const casualtiesText = e.casualties.length
      ? e.casualties
          .map((c) => {
            const parts = [c.killed !== undefined ? `${c.killed} killed` : "", c.injured !== undefined ? `${c.injured} injured` : ""].filter(Boolean).join(", ");
            return `${parts}${c.who ? ` (${c.who})` : ""} — per ${slugToName.get(c.reportedBy) ?? c.reportedBy}`;
          })
          .join("; ")
      : null;
    const row = db
      .insert(t.events)
      .values({
        externalId: e.id,
        occurredOn: e.date,
        precision: e.precision,
        year: Number(y),
        monthDay: e.precision === "day" && m && d ? `${m}-${d}` : null,
        type: e.type,
        subType: e.subType ?? null,
        acledEventType: acled?.[0] ?? null,
        acledSubEventType: e.subType ?? acled?.[1] ?? null,
        summary: e.summary,
        placeId: e.places[0] ? id(e.places[0]) : null,
        claimedById: e.claims[0] ? id(e.claims[0].by) : null,
        killed: firstCasualty?.killed ?? null,
        injured: firstCasualty?.injured ?? null,
        casualtiesText,
        source: "timeline",
      })
      .returning({ id: t.events.id })
      .get();
    const actors = [
      ...e.actors.map((a) => ({ entity: a.entity, role: a.role })),
      ...e.places.slice(1).map((p) => ({ entity: p, role: "place" })),
      ...e.claims.map((c) => ({ entity: c.by, role: "claimant" })),
    ];
    for (const a of actors) {
      const eid = id(a.entity);
      if (eid !== null) db.insert(t.eventActors).values({ eventId: row.id, entityId: eid, role: a.role }).onConflictDoNothing().run();
    }
    const claimants = new Set([...e.claims.map((c) => c.by), ...e.casualties.map((c) => c.reportedBy)]);
    for (const by of claimants) {
      const claim = e.claims.find((c) => c.by === by);
      const cas = e.casualties.find((c) => c.reportedBy === by);
      db.insert(t.eventClaims)
        .values({ eventId: row.id, claimantId: id(by), claim: claim?.claim ?? null, killed: cas?.killed ?? null, injured: cas?.injured ?? null, casualtiesOf: cas?.who ?? null })
        .run();
    }
    for (const s of e.sources) {
      // Stored as every URL is (cleanUrl): the loader has already refused anything that is not http(s).
      db.insert(t.eventSources).values({ eventId: row.id, outlet: s.outlet, title: s.title, publishedOn: s.date, url: cleanUrl(s.url) ?? s.url }).run();
    }
  }
}
