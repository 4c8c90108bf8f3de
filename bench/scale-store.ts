/**
 * A generated store of any size for the scale bench: the real gazetteer and timeline, then `articles` short
 * generated articles (six paragraphs each, mentions of gazetteer entities skewed so a few are everywhere, two
 * quotes each) and ten events an article (nine ACLED-shaped, one from an article), written with plain multi-row
 * INSERTs, not the extractor: 100,000 articles take minutes, not hours. Seeded, so every run writes the same
 * store; kept on disk between runs (the file name carries the size and the generator's version), and opened
 * through openDb so migrations added since it was made are applied to it.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { closeDb, openDb, type Db } from "../src/db/client.ts";
import { seedAll } from "../src/store/seed.ts";
import { prng } from "../test/helpers/prng.ts";

/** Bump when what is generated changes, so cached stores are made again. */
const GENERATOR_VERSION = 2;

export interface ScaleSize {
  articles: number;
}

export interface ScaleStore {
  db: Db;
  file: string;
  /** Seconds generating took; 0 when the cached store was used. */
  generatedIn: number;
}

/** Words of the generated text, commonest first (a Zipf draw over them); "border" is common, "wakhan" rare. */
const WORDS = (
  "the of and to in a said on was for that with by security border forces police attack officials district province " +
  "government people killed were after has had from at an two local sources area military operation militants " +
  "closure crossing trade talks army told it is reported village three injured checkpoint near as also the " +
  "refugees returned week market trucks goods traders fighters commander statement claimed responsibility group " +
  "spokesman ministry interior foreign meeting delegation agreement ceasefire violation firing shelling mortar " +
  "drone strike house family children women school hospital road highway tribal elders jirga council protest " +
  "rally demand release detained arrested suspects raid weapons explosives recovered camp training network " +
  "funding smuggling fuel wheat flour prices customs revenue visa passport permit documents deportation " +
  "winter snow pass valley river bridge mountain fence posts gate corridor route caravan convoy supply " +
  "economy inflation loan budget election parliament senate court judge verdict appeal hearing lawyer"
).split(" ");
const RARE = ["wakhan", "nuristan", "torkham", "ghulam", "angoor", "shinwari"];

function zipf(r: () => number, n: number, s = 1.1): number {
  // Inverse-CDF of a continuous power law, clamped: cheap and skewed enough.
  const u = r();
  const x = Math.floor(Math.pow(u * (Math.pow(n, 1 - s) - 1) + 1, 1 / (1 - s))) - 1;
  return Math.min(n - 1, Math.max(0, x));
}

function sentence(r: () => number, names: readonly string[]): string {
  const len = 8 + Math.floor(r() * 12);
  const out: string[] = [];
  for (let i = 0; i < len; i++) {
    const p = r();
    if (p < 0.08 && names.length) out.push(names[Math.floor(r() * names.length)] ?? "Pakistan");
    else if (p < 0.0815) out.push(RARE[Math.floor(r() * RARE.length)] ?? "wakhan");
    else out.push(WORDS[zipf(r, WORDS.length)] ?? "the");
  }
  const s = out.join(" ");
  return `${s[0]?.toUpperCase() ?? ""}${s.slice(1)}.`;
}

function iso(day: number): string {
  return new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}
const DAYS = 4015; // 2015-01-01 … 2025-12-31

/** Multi-row inserts of `columns`, 200 rows a statement (as the ingest writer does). */
function bulkInserter(sqlite: Database.Database, table: string, columns: readonly string[]) {
  const row = `(${columns.map(() => "?").join(",")})`;
  const full = sqlite.prepare(`insert into ${table} (${columns.join(",")}) values ${Array(200).fill(row).join(",")}`);
  let pending: unknown[] = [];
  let rows = 0;
  const flush = (): void => {
    if (!rows) return;
    if (rows === 200) full.run(pending);
    else sqlite.prepare(`insert into ${table} (${columns.join(",")}) values ${Array(rows).fill(row).join(",")}`).run(pending);
    pending = [];
    rows = 0;
  };
  return {
    add(...values: unknown[]): void {
      pending.push(...values);
      if (++rows === 200) flush();
    },
    flush,
  };
}

function generate(db: Db, size: ScaleSize): void {
  seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
  const sqlite = db.$client;
  const r = prng(19);
  // Entities the articles mention, most-mentioned first: Pakistan and Afghanistan lead, as in the real store.
  const entities = sqlite.prepare<[], { id: number; name: string; kind: string }>("select id, name, kind from entities order by (name in ('Pakistan','Afghanistan')) desc, id").all();
  const people = entities.filter((e) => e.kind !== "place");
  const places = entities.filter((e) => e.kind === "place");
  const orgs = entities.filter((e) => e.kind === "organisation");
  const maxArticle = (sqlite.prepare("select coalesce(max(id), 0) as n from articles").get() as { n: number }).n;
  const maxParagraph = (sqlite.prepare("select coalesce(max(id), 0) as n from paragraphs").get() as { n: number }).n;
  const maxEvent = (sqlite.prepare("select coalesce(max(id), 0) as n from events").get() as { n: number }).n;
  const articles = bulkInserter(sqlite, "articles", ["id", "slug", "title", "outlet", "url", "published_on", "published_precision", "content_hash", "ingested_at"]);
  const paragraphs = bulkInserter(sqlite, "paragraphs", ["id", "article_id", "idx", "role", "text"]);
  const mentions = bulkInserter(sqlite, "mentions", ["entity_id", "article_id", "paragraph_id", "start", "end"]);
  const quotes = bulkInserter(sqlite, "quotes", ["text", "speaker_id", "speaker_text", "confidence", "is_fragment", "said_on", "said_precision", "article_id", "paragraph_id", "start", "end"]);
  const events = bulkInserter(sqlite, "events", ["id", "external_id", "occurred_on", "precision", "year", "month_day", "type", "summary", "place_id", "claimed_by_id", "killed", "source", "article_id", "paragraph_id"]);
  const actors = bulkInserter(sqlite, "event_actors", ["event_id", "entity_id", "role"]);
  const CHUNK = 2000;
  let paragraphId = maxParagraph;
  let eventId = maxEvent;
  for (let start = 0; start < size.articles; start += CHUNK) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(size.articles, start + CHUNK); i++) {
        const articleId = maxArticle + 1 + i;
        const day = Math.floor((i / size.articles) * DAYS + r() * 30) % DAYS;
        const published = iso(day);
        // Eight entities an article, skewed; each mentioned one to six times.
        const cast = new Map<number, { id: number; name: string; kind: string }>();
        for (let k = 0; k < 8; k++) {
          const e = entities[zipf(r, entities.length, 1.3)];
          if (e) cast.set(e.id, e);
        }
        const castList = [...cast.values()];
        const names = castList.map((e) => e.name);
        articles.add(articleId, `scale-${i}`, sentence(r, names).slice(0, 120), "Generated Times", `https://example.org/scale/${i}`, published, "day", `scale-${GENERATOR_VERSION}-${i}`, "2026-01-01T00:00:00Z");
        const firstParagraph = paragraphId + 1;
        for (let p = 0; p < 6; p++) {
          paragraphs.add(++paragraphId, articleId, p, "body", `${sentence(r, names)} ${sentence(r, names)} ${sentence(r, names)}`);
        }
        for (const e of castList) {
          const n = 1 + Math.floor(r() * 6);
          for (let k = 0; k < n; k++) mentions.add(e.id, articleId, firstParagraph + Math.floor(r() * 6), 0, 4);
        }
        for (let q = 0; q < 2; q++) {
          const speaker = people[zipf(r, people.length, 1.2)];
          quotes.add(`${sentence(r, names)} ${sentence(r, names)}`, speaker?.id ?? null, speaker?.name ?? null, 0.9, q, published, "day", articleId, firstParagraph + q, 0, 10);
        }
        for (let k = 0; k < 10; k++) {
          const fromArticle = k === 0;
          const when = fromArticle ? published : iso(Math.floor(r() * DAYS));
          const place = places[zipf(r, places.length, 1.05)];
          const claimant = r() < 0.1 ? orgs[zipf(r, orgs.length)] : undefined;
          eventsAdd(++eventId, when, place?.id ?? null, claimant?.id ?? null, fromArticle ? articleId : null, fromArticle ? firstParagraph : null, k);
          if (!fromArticle && r() < 0.5) {
            const actor = orgs[zipf(r, orgs.length)];
            if (actor) actors.add(eventId, actor.id, "actor");
          }
        }
      }
      for (const b of [articles, paragraphs, mentions, quotes, events, actors]) b.flush();
    })();
  }
  function eventsAdd(id: number, when: string, placeId: number | null, claimedById: number | null, articleId: number | null, paragraph: number | null, k: number): void {
    const type = ["armed clash", "air strike", "ied", "shelling", "attack", "protest", "arrests"][k % 7] ?? "attack";
    events.add(id, articleId === null ? `scale-acled-${id}` : null, when, "day", Number(when.slice(0, 4)), when.slice(5), type, `Generated ${type} near the border`, placeId, claimedById, k % 4, articleId === null ? "acled" : "article", articleId, paragraph);
  }
  // What the writer keeps beside the rows: entities.mention_count, entity_articles, entities.article_count (its
  // writers add it: migration 0029) and quotes.dated_on.
  sqlite.exec("update entities set mention_count = (select count(*) from mentions m where m.entity_id = entities.id)");
  sqlite.exec(`insert into entity_articles (entity_id, article_id, published_on, mentions)
    select m.entity_id, m.article_id, a.published_on, count(*) from mentions m join articles a on a.id = m.article_id
    where a.slug like 'scale-%' group by m.entity_id, m.article_id`);
  sqlite.exec("update entities set article_count = (select count(*) from entity_articles ea where ea.entity_id = entities.id)");
  sqlite.exec("update quotes set dated_on = coalesce(said_on, (select a.published_on from articles a where a.id = quotes.article_id)) where dated_on is null");
  sqlite.exec("insert into paragraphs_fts(paragraphs_fts) values ('optimize'); insert into quotes_fts(quotes_fts) values ('optimize')");
  sqlite.pragma("optimize");
  sqlite.exec("analyze");
}

export function scaleStoreFile(size: ScaleSize): string {
  return path.join(process.env.BENCH_CACHE_DIR ?? path.join(tmpdir(), "borderdesk-bench"), `scale-${size.articles}-v${GENERATOR_VERSION}.sqlite`);
}

/** Opens the cached store of this size, generating it first when there is none (written aside, then moved into place). */
export function openScaleStore(size: ScaleSize): ScaleStore {
  const file = scaleStoreFile(size);
  if (existsSync(file)) return { db: openDb(file), file, generatedIn: 0 };
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const t0 = performance.now();
  const db = openDb(partial);
  db.$client.pragma("synchronous = OFF");
  // Rows are buffered per table and flushed in any order; every reference points at a row of the same run.
  db.$client.pragma("foreign_keys = OFF");
  generate(db, size);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  closeDb(db);
  renameSync(partial, file);
  for (const f of [`${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  return { db: openDb(file), file, generatedIn: (performance.now() - t0) / 1000 };
}
