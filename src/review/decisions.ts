import type { Db } from "../db/client.ts";
import type { EditorialAction } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { slugify } from "../ingest/parse.ts";
import { nameKey, normalizeName } from "../text/normalize.ts";

/**
 * The review queue and the editorial decisions taken on it. Each decision is recorded (who, when, what, on
 * what) in editorial_decisions and applied at once; the triggers of migration editorial_triggers apply
 * dismissals and speaker corrections again whenever an article's rows are rewritten by a re-ingest, and a
 * promoted or merged name is an alias, which the next ingest matches like any other.
 */

/** Quotes attributed with less confidence than this wait for review. */
export const REVIEW_CONFIDENCE = 0.7;

export interface Reviewer {
  userId: string;
  guildId: string | null;
  now: Date;
}

export interface CandidateGroup {
  norm: string;
  text: string;
  kindGuess: string;
  occurrences: number;
  articles: string[];
  /** A sentence around the first occurrence, for context. */
  context: string;
}

export interface QuoteToReview {
  id: number;
  text: string;
  speaker: string | null;
  speakerText: string | null;
  confidence: number;
  article: string;
  articleSlug: string;
}

export interface ReviewQueue {
  candidates: CandidateGroup[];
  candidateTotal: number;
  quotes: QuoteToReview[];
  quoteTotal: number;
}

function contextAround(text: string, start: number, end: number): string {
  const from = Math.max(0, text.lastIndexOf(" ", Math.max(0, start - 60)));
  const to = text.indexOf(" ", Math.min(text.length, end + 60));
  return `${from > 0 ? "…" : ""}${text.slice(from, to === -1 ? undefined : to).trim()}${to !== -1 ? "…" : ""}`;
}

/**
 * A waiting name's spelling and kind, per normalised name: the spelling written most often (capitals last: a
 * dateline's "MIR ALI" gives way to "Mir Ali"), and the kind guessed most often other than "unknown".
 */
const GROUP_TEXT = `(select c2.text from candidates c2 where c2.norm = c.norm group by c2.text
  order by (c2.text = upper(c2.text)), count(*) desc, c2.text limit 1)`;
const GROUP_KIND = `coalesce((select c3.kind_guess from candidates c3 where c3.norm = c.norm and c3.kind_guess != 'unknown' group by c3.kind_guess
  order by count(*) desc, c3.kind_guess limit 1), 'unknown')`;

/** Names waiting (grouped by normalised name, most frequent first) and low-confidence attributions. */
export function listReviewQueue(db: Db, opts: { limit: number; offset: number }): ReviewQueue {
  const sqlite = db.$client;
  const candidateTotal = sqlite.prepare<[], { n: number }>("select count(distinct norm) as n from candidates").get()?.n ?? 0;
  const groups = sqlite
    .prepare<[number, number], { norm: string; text: string; kindGuess: string; occurrences: number; articles: string; firstId: number }>(
      `select c.norm, ${GROUP_TEXT} as text, ${GROUP_KIND} as kindGuess, count(*) as occurrences,
         group_concat(distinct a.slug) as articles, min(c.id) as firstId
       from candidates c join articles a on a.id = c.article_id
       group by c.norm order by occurrences desc, text limit ? offset ?`,
    )
    .all(opts.limit, opts.offset);
  const first = sqlite.prepare<[number], { text: string; start: number; end: number }>(
    "select p.text, c.start, c.end from candidates c join paragraphs p on p.id = c.paragraph_id where c.id = ?",
  );
  const candidates = groups.map((g): CandidateGroup => {
    const at = first.get(g.firstId);
    return {
      norm: g.norm,
      text: g.text,
      kindGuess: g.kindGuess || "unknown",
      occurrences: g.occurrences,
      articles: (g.articles ?? "").split(",").filter(Boolean),
      context: at ? contextAround(at.text, at.start, at.end) : "",
    };
  });
  const quoteTotal = sqlite.prepare<[number], { n: number }>("select count(*) as n from quotes where confidence < ?").get(REVIEW_CONFIDENCE)?.n ?? 0;
  const quotes = sqlite
    .prepare<[number, number, number], QuoteToReview>(
      `select q.id, q.text, e.name as speaker, q.speaker_text as speakerText, q.confidence, a.title as article, a.slug as articleSlug
       from quotes q join articles a on a.id = q.article_id left join entities e on e.id = q.speaker_id
       where q.confidence < ? order by q.confidence, q.id limit ? offset ?`,
    )
    .all(REVIEW_CONFIDENCE, opts.limit, opts.offset);
  return { candidates, candidateTotal, quotes, quoteTotal };
}

export interface WaitingName {
  text: string;
  norm: string;
  kind: string;
  occurrences: number;
  articles: number;
  latestTitle: string;
}

/** A name the articles use that waits for review (a candidate), looked up by what someone typed. */
export function waitingName(db: Db, typed: string): WaitingName | undefined {
  const norm = nameKey(typed);
  if (!norm) return undefined;
  const row = db.$client
    .prepare<[string], { text: string | null; kind: string | null; occurrences: number; articles: number; latestTitle: string | null }>(
      `select ${GROUP_TEXT} as text, ${GROUP_KIND} as kind, count(*) as occurrences,
         count(distinct c.article_id) as articles,
         (select a.title from candidates c2 join articles a on a.id = c2.article_id where c2.norm = c.norm order by a.published_on desc, a.id desc limit 1) as latestTitle
       from candidates c where c.norm = ?`,
    )
    .get(norm);
  if (!row?.text || !row.occurrences) return undefined;
  return { text: row.text, kind: row.kind || "unknown", occurrences: row.occurrences, articles: row.articles, latestTitle: row.latestTitle ?? "", norm };
}

/**
 * How the articles name a waiting speaker on their unattributed quotes: every spelling of quotes.speaker_text
 * whose normalised form is the name's ("Ahmad Gul", "AHMAD GUL"), for /quote to look them up by.
 */
export function speakerSpellings(db: Db, norm: string): string[] {
  const texts = db.$client.prepare<[], string>("select distinct speaker_text from quotes where speaker_id is null and speaker_text is not null").pluck().all();
  return texts.filter((t) => nameKey(t) === norm);
}

/** Candidate names for autocomplete: the waiting ones starting with (or containing) what was typed. */
export function candidateChoices(db: Db, typed: string, limit = 25): { text: string; norm: string; occurrences: number }[] {
  const q = nameKey(typed);
  return db.$client
    .prepare<[{ prefix: string; anywhere: string; limit: number }], { text: string; norm: string; occurrences: number }>(
      `select min(text) as text, norm, count(*) as occurrences from candidates where norm like :anywhere escape '\\'
       group by norm order by (norm like :prefix escape '\\') desc, occurrences desc, text limit :limit`,
    )
    .all({ prefix: `${escapeLike(q)}%`, anywhere: `%${escapeLike(q)}%`, limit });
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function findGroup(db: Db, candidate: string): { norm: string; text: string } {
  const norm = nameKey(candidate);
  const row = norm ? db.$client.prepare<[string], { text: string }>("select text from candidates where norm = ? limit 1").get(norm) : undefined;
  if (!row) throw new UserError(`“${candidate.slice(0, 80)}” is not waiting for review. Run /review to see the names that are.`);
  return { norm, text: row.text };
}

function record(
  db: Db,
  who: Reviewer,
  action: EditorialAction,
  fields: { targetNorm?: string; targetText?: string | null; entityId?: number | null; kind?: string | null; articleSlug?: string; articleUrl?: string | null; quoteText?: string },
): number {
  return Number(
    db.$client
      .prepare(
        `insert into editorial_decisions (action, target_norm, target_text, entity_id, kind, article_slug, article_url, quote_text, guild_id, user_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        action,
        fields.targetNorm ?? null,
        fields.targetText ?? null,
        fields.entityId ?? null,
        fields.kind ?? null,
        fields.articleSlug ?? null,
        fields.articleUrl ?? null,
        fields.quoteText ?? null,
        who.guildId,
        who.userId,
        who.now.toISOString(),
      ).lastInsertRowid,
  );
}

/**
 * The waiting occurrences of a name become mentions of the entity (counted on it), and quotes whose speaker
 * the article named that way are attributed to it.
 */
function resolveCandidates(db: Db, norm: string, entityId: number): { mentions: number; quotes: number } {
  const sqlite = db.$client;
  const moved = sqlite
    .prepare(
      `insert into mentions (entity_id, article_id, paragraph_id, start, end)
       select ?, article_id, paragraph_id, start, end from candidates where norm = ?`,
    )
    .run(entityId, norm).changes;
  sqlite.prepare("update entities set mention_count = mention_count + ? where id = ?").run(moved, entityId);
  sqlite
    .prepare(
      `insert into entity_articles (entity_id, article_id, published_on, mentions)
       select ?, c.article_id, a.published_on, count(*) from candidates c join articles a on a.id = c.article_id where c.norm = ? group by c.article_id
       on conflict (entity_id, article_id) do update set mentions = mentions + excluded.mentions`,
    )
    .run(entityId, norm);
  // entity_articles has no insert trigger (migration 0029): its writers keep article_count. Counted again, as an
  // article may already have had a row for the entity.
  sqlite.prepare("update entities set article_count = (select count(*) from entity_articles where entity_id = ?) where id = ?").run(entityId, entityId);
  sqlite.prepare("delete from candidates where norm = ?").run(norm);
  let quotes = 0;
  const unresolved = sqlite.prepare<[], { id: number; speakerText: string }>("select id, speaker_text as speakerText from quotes where speaker_id is null and speaker_text is not null").all();
  const attribute = sqlite.prepare("update quotes set speaker_id = ? where id = ?");
  for (const q of unresolved) {
    if (nameKey(q.speakerText) === norm) quotes += attribute.run(entityId, q.id).changes;
  }
  return { mentions: moved, quotes };
}

function alreadyAlias(db: Db, norm: string): { id: number; name: string } | undefined {
  return db.$client.prepare<[string], { id: number; name: string }>("select e.id, e.name from aliases a join entities e on e.id = a.entity_id where a.norm = ? limit 1").get(norm);
}

export interface DecisionOutcome {
  decisionId: number;
  entity?: { id: number; name: string; kind: string };
  mentions: number;
  quotes: number;
}

/** A waiting name becomes an entity of the chosen kind (origin "review"), with the name as its alias. */
export function promoteCandidate(db: Db, who: Reviewer, candidate: string, kind: "person" | "organisation" | "place", name?: string): DecisionOutcome {
  return db.$client.transaction((): DecisionOutcome => {
    const group = findGroup(db, candidate);
    const known = alreadyAlias(db, group.norm);
    if (known) throw new UserError(`“${group.text}” is already a name of ${known.name}; merge it instead.`);
    const display = (name ?? group.text).trim().slice(0, 200) || group.text;
    const base = slugify(display);
    let slug = base;
    for (let n = 2; db.$client.prepare("select 1 from entities where slug = ?").get(slug); n++) slug = `${base}-${n}`;
    const id = Number(
      db.$client.prepare("insert into entities (slug, kind, name, origin) values (?, ?, ?, 'review')").run(slug, kind, display).lastInsertRowid,
    );
    const insertAlias = db.$client.prepare("insert into aliases (entity_id, text, norm, kind) values (?, ?, ?, 'name') on conflict do nothing");
    insertAlias.run(id, group.text, group.norm);
    const displayNorm = normalizeName(display);
    if (displayNorm && displayNorm !== group.norm) insertAlias.run(id, display, displayNorm);
    const decisionId = record(db, who, "promote", { targetNorm: group.norm, targetText: group.text, entityId: id, kind });
    return { decisionId, entity: { id, name: display, kind }, ...resolveCandidates(db, group.norm, id) };
  })();
}

/** A waiting name is another name of an entity the store knows: it becomes that entity's alias. */
export function mergeCandidate(db: Db, who: Reviewer, candidate: string, entityId: number): DecisionOutcome {
  return db.$client.transaction((): DecisionOutcome => {
    const group = findGroup(db, candidate);
    const entity = db.$client.prepare<[number], { id: number; name: string; kind: string }>("select id, name, kind from entities where id = ?").get(entityId);
    if (!entity) throw new UserError("That entity no longer exists; pick another from the list.");
    db.$client.prepare("insert into aliases (entity_id, text, norm, kind) values (?, ?, ?, 'name') on conflict do nothing").run(entity.id, group.text, group.norm);
    const decisionId = record(db, who, "merge", { targetNorm: group.norm, targetText: group.text, entityId: entity.id });
    return { decisionId, entity, ...resolveCandidates(db, group.norm, entity.id) };
  })();
}

/** A waiting name is not an entity (a headline word, a misreading): dropped now and from every later ingest. */
export function dismissCandidate(db: Db, who: Reviewer, candidate: string): DecisionOutcome {
  return db.$client.transaction((): DecisionOutcome => {
    const group = findGroup(db, candidate);
    const decisionId = record(db, who, "dismiss", { targetNorm: group.norm, targetText: group.text });
    const removed = db.$client.prepare("delete from candidates where norm = ?").run(group.norm).changes;
    return { decisionId, mentions: removed, quotes: 0 };
  })();
}

/** A quote's speaker, corrected; kept by article and quote text so it survives the article's re-ingest. */
export function correctSpeaker(db: Db, who: Reviewer, quoteId: number, entityId: number): DecisionOutcome & { quote: string } {
  return db.$client.transaction(() => {
    const q = db.$client
      .prepare<[number], { id: number; text: string; speakerText: string | null; slug: string; url: string | null }>(
        "select q.id, q.text, q.speaker_text as speakerText, a.slug, a.url from quotes q join articles a on a.id = q.article_id where q.id = ?",
      )
      .get(quoteId);
    if (!q) throw new UserError(`There is no quote #${quoteId}. Run /review to see the quotes waiting.`);
    const entity = db.$client.prepare<[number], { id: number; name: string; kind: string }>("select id, name, kind from entities where id = ?").get(entityId);
    if (!entity) throw new UserError("That speaker is not in the store; pick one from the list.");
    const decisionId = record(db, who, "speaker", { targetText: q.speakerText, entityId: entity.id, articleSlug: q.slug, articleUrl: q.url, quoteText: q.text });
    db.$client.prepare("update quotes set speaker_id = ?, confidence = 1.0 where id = ?").run(entity.id, q.id);
    return { decisionId, entity, mentions: 0, quotes: 1, quote: q.text };
  })();
}

export interface DecisionView {
  id: number;
  action: EditorialAction;
  targetText: string | null;
  entity: string | null;
  userId: string;
  createdAt: string;
}

/** The latest decisions, newest first (shown by /review history). */
export function listDecisions(db: Db, limit: number): DecisionView[] {
  return db.$client
    .prepare<[number], DecisionView>(
      `select d.id, d.action, coalesce(d.target_text, substr(d.quote_text, 1, 80)) as targetText, e.name as entity, d.user_id as userId, d.created_at as createdAt
       from editorial_decisions d left join entities e on e.id = d.entity_id order by d.id desc limit ?`,
    )
    .all(limit);
}
