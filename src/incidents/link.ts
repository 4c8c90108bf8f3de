/**
 * Links reports (rows of `events`: an article's dated event, a curated timeline entry, an ACLED row) into
 * incidents: one happening, many reports. Conservative by design: a report joins an incident only when its date,
 * type and place are compatible AND its score passes LINK_THRESHOLD, and never an incident that already holds a
 * report from the same article, or a second curated entry or ACLED row (the timeline and ACLED code one entry
 * per happening, so two of theirs are two happenings). A back-reference ("Friday's attacks reflect a surge …")
 * joins the incident it points at or is dropped; it never makes a new one.
 *
 * Works on the raw connection with prepared statements cached per connection: it runs inside every article's
 * write transaction and must stay well under a millisecond an article (bench/incidents.bench.ts).
 */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { compatibleTypes, typesCompatible } from "./vocabulary.ts";
import { refreshIncidents } from "./refresh.ts";
import { applyIncidentDecisions } from "./decisions.ts";
import { perConnection } from "../store/statements.ts";

/** What every reader of reports (linking, refresh) needs of one. */
export interface ReportCore {
  id: number;
  source: "article" | "timeline" | "acled";
  occurredOn: string;
  precision: "day" | "month" | "year";
  type: string;
  placeId: number | null;
  killed: number | null;
  summary: string;
}

/** A report as linking sees it. */
export interface Report extends ReportCore {
  claimedById: number | null;
  articleId: number | null;
  externalId: string | null;
  /** Set for article reports; curated and ACLED reports are keyed by their external id. */
  reportKey: string | null;
}

/** The key decisions about this report are kept by. */
export function keyOf(r: Pick<Report, "source" | "externalId" | "reportKey" | "id">): string {
  if (r.source !== "article" && r.externalId) return `${r.source}:${r.externalId}`;
  return r.reportKey ?? `event:${r.id}`;
}

/** A link is made at this score or above (see scoreLink for what adds up to it). */
export const LINK_THRESHOLD = 3;
/** A back-reference joins the best compatible incident at this score or above, else it is dropped. */
const BACK_REFERENCE_THRESHOLD = 2;
/** Candidate incidents looked at per report: a day holds a few dozen even in a store of 200,000. */
const MAX_CANDIDATES = 400;
/**
 * A background mention ("in 2022, … in Bannu") names no day: among this many incidents of its kind at that place
 * in that year or month, which one it means is a guess, so it links to none of them (it may still join an incident
 * of the same coarse date, or stand alone, out of "on this day").
 */
const FINER_AMBIGUOUS = 12;

/**
 * A sentence that speaks of an incident as already known: "Friday's attacks", "last week's strikes",
 * "the weekend's fighting". Such a sentence adds nothing new.
 */
const BACK_REFERENCE =
  /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|last (?:week|month|night)|this (?:week|month)|the (?:weekend|week|day))['’]s\s+(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|air ?strikes?|bombings?|blasts?|clash(?:es)?|fighting|raids?|assaults?|violence|explosions?|shelling|ambush(?:es)?|killings?)\b/i;

/** The text says this is not the incident just told: "in a separate incident", "in another attack". */
const SEPARATE = /\b(?:in (?:a )?separate|in another|a second|separately)\b/i;

export function isBackReference(summary: string): boolean {
  return BACK_REFERENCE.test(summary);
}

/** The stable key decisions are kept by: re-ingest and re-import rewrite rows, never these keys. */
export function reportKey(source: Report["source"], ref: { externalId?: string | null; articleSlug?: string | null; summary: string }): string {
  if (source !== "article" && ref.externalId) return `${source}:${ref.externalId}`;
  const hash = createHash("sha1").update(ref.summary.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim()).digest("hex").slice(0, 12);
  return `article:${ref.articleSlug ?? "?"}#${hash}`;
}

// ------------------------------------------------------------------ text similarity

const STOP = new Set(
  ("the a an and or of in on at to for from by with as is are was were be been has have had it its this that these those their they them " +
    "he she his her said says told after before over into about near than also but not no more most some which who whom whose when where while " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december " +
    "killed killing wounded wounding injured injuring attack attacks attacked people least including other officials official according reported reports " +
    "local area district province gunmen militants attackers separate incident another carried").split(" "),
);

/** The content words of a sentence: lower case, four letters or more, not a stop word or a number. */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length >= 4 && !STOP.has(w) && !/^\d+$/.test(w)) out.add(w.length > 6 ? w.slice(0, 6) : w);
  }
  return out;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / (a.size + b.size - both);
}

// ------------------------------------------------------------------ statements

function prepare(sqlite: Database.Database) {
  return {
    reports: (ids: readonly number[]) =>
      sqlite
        .prepare(
          `select id, source, occurred_on as occurredOn, precision, type, place_id as placeId, claimed_by_id as claimedById, killed, summary,
                  article_id as articleId, external_id as externalId, report_key as reportKey
           from events where id in (${ids.map((n) => Math.trunc(n)).join(",")}) order by id`,
        )
        .all() as Report[],
    // Type and place are filtered in the index (only rows of a compatible type, at a place that meets the report's,
    // come back: at 200,000 incidents a day holds ~70), and each date form is its own index-only read (an OR would
    // fetch every row from the table).
    candidates: sqlite.prepare<CandidateParams & { lo: string; hi: string; month: string; year: string }, CandidateRow>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId, killed_max as killedMax
       from incidents where occurred_on between @lo and @hi and status = 'active' and ${CANDIDATE_FILTER}
       union all
       select id, occurred_on, precision, type, place_id, killed_max from incidents where occurred_on = @month and status = 'active' and ${CANDIDATE_FILTER}
       union all
       select id, occurred_on, precision, type, place_id, killed_max from incidents where occurred_on = @year and status = 'active' and ${CANDIDATE_FILTER}
       limit ${MAX_CANDIDATES}`,
    ),
    // A month or a year is too vague to meet every day-precision incident in it: only those of the same coarse
    // date, and finer ones at the same place (a background "in 2022, … in Bannu") while they are few enough to
    // tell apart (see FINER_AMBIGUOUS).
    candidatesCoarse: sqlite.prepare<CandidateParams & { coarse: string }, CandidateRow>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId, killed_max as killedMax
       from incidents where occurred_on = @coarse and status = 'active' and ${CANDIDATE_FILTER}
       limit 100`,
    ),
    candidatesFiner: sqlite.prepare<CandidateParams & { place: number; lo: string; hi: string }, CandidateRow>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId, killed_max as killedMax
       from incidents where place_id = @place and occurred_on > @lo and occurred_on < @hi and status = 'active' and ${CANDIDATE_FILTER}
       limit ${FINER_AMBIGUOUS}`,
    ),
    descendants: sqlite
      .prepare<[number], number>(
        `with recursive d(id, depth) as (select ?, 0 union all select e.id, d.depth + 1 from entities e join d on e.parent_id = d.id where d.depth < 8)
         select id from d`,
      )
      .pluck(),
    members: sqlite.prepare<[string], CandidateFacts["members"][number] & { incidentId: number }>(
      `select id, incident_id as incidentId, source, article_id as articleId, claimed_by_id as claimedById, killed, summary
       from events where incident_id in (select value from json_each(?))`,
    ),
    related: sqlite.prepare<[string, string], { incidentId: number; entityId: number | null; killed: number | null }>(
      `select e.incident_id as incidentId, ea.entity_id as entityId, null as killed
       from event_actors ea join events e on e.id = ea.event_id where e.incident_id in (select value from json_each(?)) and ea.role <> 'place'
       union all
       select e.incident_id, ec.claimant_id, ec.killed from event_claims ec join events e on e.id = ec.event_id where e.incident_id in (select value from json_each(?))`,
    ),
    actors: sqlite.prepare<[number], number>(`select entity_id from event_actors where event_id = ? and role <> 'place'`).pluck(),
    claimants: sqlite.prepare<[number], number>(`select claimant_id from event_claims where event_id = ? and claimant_id is not null`).pluck(),
    parent: sqlite.prepare<[number], number | null>(`select parent_id from entities where id = ?`).pluck(),
    entityName: sqlite.prepare<[number], string>(`select name from entities where id = ?`).pluck(),
    setLink: sqlite.prepare<[number, number, number]>(`update events set incident_id = ?, link_score = ? where id = ?`),
    dropReport: sqlite.prepare<[number]>(`delete from events where id = ?`),
    hasClaimFigures: sqlite.prepare<[number], number>(`select 1 from event_claims where event_id = ? and (killed is not null or injured is not null) limit 1`).pluck(),
    createFrom: sqlite.prepare<[string, number]>(
      `insert into incidents (occurred_on, precision, year, month_day, type, place_id, summary, created_at, first_report_id)
       select occurred_on, precision, year, month_day, type, place_id, summary, ?, id from events where id = ?`,
    ),
  };
}
type Statements = ReturnType<typeof prepare>;

interface CandidateParams {
  /** JSON list of the types a report's type may share an incident with. */
  types: string;
  /** JSON list of the places that meet the report's (its own, those it is in, those inside it); null: any place. */
  places: string | null;
}
const CANDIDATE_FILTER = `type in (select value from json_each(@types)) and (@places is null or place_id is null or place_id in (select value from json_each(@places)))`;
const statements = perConnection(prepare);

interface CandidateRow {
  id: number;
  occurredOn: string;
  precision: "day" | "month" | "year";
  type: string;
  placeId: number | null;
  killedMax: number | null;
}

// ------------------------------------------------------------------ places

/** A place and its ancestors, nearest first (memoised for one linking pass). */
class PlaceChains {
  private readonly memo = new Map<number, number[]>();
  constructor(private readonly st: Statements) {}
  chain(id: number): number[] {
    let c = this.memo.get(id);
    if (c) return c;
    c = [id];
    let p = this.st.parent.get(id) ?? null;
    while (p !== null && c.length < 8 && !c.includes(p)) {
      c.push(p);
      p = this.st.parent.get(p) ?? null;
    }
    this.memo.set(id, c);
    return c;
  }
  private readonly meetMemo = new Map<number, string>();
  /** JSON list of the places that meet this one: itself, those it is in and those inside it. */
  meeting(id: number): string {
    let m = this.meetMemo.get(id);
    if (m === undefined) {
      m = JSON.stringify([...new Set([...this.chain(id), ...this.st.descendants.all(id)])]);
      this.meetMemo.set(id, m);
    }
    return m;
  }
  private readonly wordMemo = new Map<number, Set<string>>();
  /** The words of a place's name and of the places it is in: shared by every report there, so they prove nothing. */
  words(id: number): Set<string> {
    let w = this.wordMemo.get(id);
    if (!w) {
      w = new Set<string>();
      for (const p of this.chain(id)) for (const x of contentWords(this.st.entityName.get(p) ?? "")) w.add(x);
      this.wordMemo.set(id, w);
    }
    return w;
  }
  /** "same", "nested" (one inside the other, with how many levels apart), or false when they do not meet. */
  relation(a: number, b: number): { kind: "same" } | { kind: "nested"; levels: number; outerIsTop: boolean } | false {
    if (a === b) return { kind: "same" };
    const ca = this.chain(a);
    const cb = this.chain(b);
    const ia = ca.indexOf(b);
    if (ia > 0) return { kind: "nested", levels: ia, outerIsTop: ia === ca.length - 1 };
    const ib = cb.indexOf(a);
    if (ib > 0) return { kind: "nested", levels: ib, outerIsTop: ib === cb.length - 1 };
    return false;
  }
}

// ------------------------------------------------------------------ dates

function shiftDay(day: string, by: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

function candidatesFor(st: Statements, places: PlaceChains, r: Report): CandidateRow[] {
  const filter: CandidateParams = { types: JSON.stringify(compatibleTypes(r.type)), places: r.placeId === null ? null : places.meeting(r.placeId) };
  if (r.precision === "day") {
    return st.candidates.all({ ...filter, lo: shiftDay(r.occurredOn, -1), hi: shiftDay(r.occurredOn, 1), month: r.occurredOn.slice(0, 7), year: r.occurredOn.slice(0, 4) });
  }
  const same = st.candidatesCoarse.all({ ...filter, coarse: r.occurredOn });
  if (r.placeId === null) return same;
  const finer = st.candidatesFiner.all({ ...filter, place: r.placeId, lo: r.occurredOn, hi: `${r.occurredOn}-99` });
  return finer.length >= FINER_AMBIGUOUS ? same : [...same, ...finer];
}

/** How well two partial dates agree: 1.5 same day, 1 same month or year at that precision, 0.5 one holds the other, 0.4 a day apart. */
function dateScore(r: Report, c: CandidateRow): number {
  if (r.precision === "day" && c.precision === "day") {
    if (r.occurredOn === c.occurredOn) return 1.5;
    return 0.4; // a day apart (the candidate query keeps only those): overnight, time zones, "late on Friday"
  }
  if (r.precision === c.precision) return r.occurredOn === c.occurredOn ? 1 : 0;
  const [short, long] = r.occurredOn.length < c.occurredOn.length ? [r.occurredOn, c.occurredOn] : [c.occurredOn, r.occurredOn];
  return long.startsWith(short) ? 0.5 : 0;
}

// ------------------------------------------------------------------ scoring

export interface LinkScore {
  score: number;
  /** Something beyond date, type and place agrees: a shared actor or claimant, the same figure, similar words. */
  corroborated: boolean;
}

interface CandidateFacts {
  members: { id: number; source: string; articleId: number | null; claimedById: number | null; killed: number | null; summary: string }[];
  entities: Set<number>;
  figures: Set<number>;
  words: Set<string>[];
}

/** The facts of many candidate incidents in three queries (not four per report of each). */
function factsOfMany(st: Statements, ids: readonly number[]): Map<number, CandidateFacts> {
  const out = new Map<number, CandidateFacts>();
  if (!ids.length) return out;
  const list = JSON.stringify(ids);
  for (const id of ids) out.set(id, { members: [], entities: new Set(), figures: new Set(), words: [] });
  for (const m of st.members.all(list)) {
    const f = out.get(m.incidentId);
    if (!f) continue;
    f.members.push(m);
    f.words.push(contentWords(m.summary));
    if (m.claimedById !== null) f.entities.add(m.claimedById);
    if (m.killed !== null) f.figures.add(m.killed);
  }
  const related = st.related.all(list, list);
  for (const r of related) {
    const f = out.get(r.incidentId);
    if (!f) continue;
    if (r.entityId !== null) f.entities.add(r.entityId);
    if (r.killed !== null) f.figures.add(r.killed);
  }
  return out;
}

/**
 * Adds up what agrees between a report and an incident: date (0.4–1.5), type (1 same, 0.5 same family), place
 * (1 same, 0.6 nested, 0.3 when the wider one is a country), a shared actor or claimant (0.7), the same killed
 * figure (0.5) and similar words (up to 1). Undefined when they cannot be one happening: incompatible type,
 * places that do not meet, or a report from the same source already in it.
 */
export function scoreLink(
  r: Report,
  rFacts: { entities: ReadonlySet<number>; words: ReadonlySet<string> },
  c: CandidateRow,
  facts: CandidateFacts,
  places: PlaceChains,
  separate: boolean,
): LinkScore | undefined {
  const type = typesCompatible(r.type, c.type);
  if (!type) return undefined;
  let place = 0;
  if (r.placeId !== null && c.placeId !== null) {
    const rel = places.relation(r.placeId, c.placeId);
    if (!rel) return undefined;
    place = rel.kind === "same" ? 1 : rel.outerIsTop ? 0.3 : 0.6;
  }
  // The timeline and ACLED code one entry per happening: two of theirs are two. Within one article, sentences of
  // one day, place and type are one incident unless the text says otherwise ("in a separate incident").
  let sameArticle = false;
  for (const m of facts.members) {
    if (r.source === "article" ? m.articleId === r.articleId : m.source === r.source) {
      if (r.source !== "article" || separate) return undefined;
      sameArticle = true;
    }
  }
  const date = dateScore(r, c);
  if (date === 0) return undefined;
  let shared = false;
  for (const e of rFacts.entities) if (facts.entities.has(e)) shared = true;
  const sameFigure = r.killed !== null && r.killed > 0 && facts.figures.has(r.killed);
  // Place names say nothing beyond the place check above: "Bannu" is in every report from Bannu.
  const skip = new Set<string>([...(r.placeId !== null ? places.words(r.placeId) : []), ...(c.placeId !== null ? places.words(c.placeId) : [])]);
  const mine = new Set([...rFacts.words].filter((w) => !skip.has(w)));
  let similarity = 0;
  for (const w of facts.words) similarity = Math.max(similarity, jaccard(mine, new Set([...w].filter((x) => !skip.has(x)))));
  const score = date + (type === "same" ? 1 : 0.5) + place + (shared ? 0.7 : 0) + (sameFigure ? 0.5 : 0) + Math.min(1, similarity * 2.5);
  return { score, corroborated: shared || sameFigure || similarity >= 0.12 || sameArticle };
}

// ------------------------------------------------------------------ linking

export interface LinkResult {
  linked: number;
  created: number;
  dropped: number;
  /** Incidents whose reports changed: refreshed before returning. */
  touched: number[];
}

/**
 * Links these reports (events without an incident) to incidents, creating one where nothing matches, then
 * refreshes every incident they touched and re-applies editors' decisions about them. Runs inside the caller's
 * transaction when there is one. With `createMissing: false` a report that matches nothing is left unlinked (the
 * caller makes its incident, in bulk).
 */
export function linkReports(sqlite: Database.Database, eventIds: readonly number[], now: Date, opts: { createMissing?: boolean } = {}): LinkResult {
  const createMissing = opts.createMissing ?? true;
  const result: LinkResult = { linked: 0, created: 0, dropped: 0, touched: [] };
  if (!eventIds.length) return result;
  const st = statements(sqlite);
  const places = new PlaceChains(st);
  const touched = new Set<number>();
  const known = new Map<number, CandidateFacts>();
  const keys: string[] = [];
  for (let i = 0; i < eventIds.length; i += 500) {
    for (const r of st.reports(eventIds.slice(i, i + 500))) {
      keys.push(keyOf(r));
      // A back-reference speaks of a recent day's incident; a year-precision event in the same sentence ("the
      // most serious since clashes at Torkham in 2023") is background, linked or kept like any other report.
      const backReference = r.source === "article" && r.precision === "day" && isBackReference(r.summary);
      const separate = SEPARATE.test(r.summary);
      const rEntities = new Set<number>([...st.actors.all(r.id), ...st.claimants.all(r.id)]);
      if (r.claimedById !== null) rEntities.add(r.claimedById);
      const rFacts = { entities: rEntities, words: contentWords(r.summary) };
      let best: { id: number; score: LinkScore } | undefined;
      const possible = candidatesFor(st, places, r).filter((c) => typesCompatible(r.type, c.type) && (r.placeId === null || c.placeId === null || places.relation(r.placeId, c.placeId)));
      // Facts read for an earlier report of this pass are reused until a report joins that incident.
      const facts = factsOfMany(st, possible.map((c) => c.id).filter((id) => !known.has(id)));
      for (const [id, f] of facts) known.set(id, f);
      for (const c of possible) {
        const f = known.get(c.id);
        if (!f) continue;
        const s = scoreLink(r, rFacts, c, f, places, separate);
        if (!s) continue;
        // Date, type and place alone do not make two reports one (two attacks in Bannu on one day are two):
        // something else must agree as well.
        const enough = backReference ? s.score >= BACK_REFERENCE_THRESHOLD : s.score >= LINK_THRESHOLD && s.corroborated;
        if (enough && (!best || s.score > best.score.score)) best = { id: c.id, score: s };
      }
      // A back-reference without figures of its own ("Saturday's attacks reflect a surge …") is context, not a
      // report: it is dropped whether or not it matches. One with figures ("Friday's bombing killed 12") joins.
      if (backReference && r.killed === null && !st.hasClaimFigures.get(r.id)) {
        st.dropReport.run(r.id);
        result.dropped++;
      } else if (best) {
        st.setLink.run(best.id, Math.round(best.score.score * 100) / 100, r.id);
        touched.add(best.id);
        known.delete(best.id);
        result.linked++;
      } else if (backReference) {
        st.dropReport.run(r.id);
        result.dropped++;
      } else if (!createMissing) {
        keys.pop(); // left for the caller: no incident of its own yet, no decision to replay here
      } else {
        const id = Number(st.createFrom.run(now.toISOString(), r.id).lastInsertRowid);
        st.setLink.run(id, 0, r.id);
        touched.add(id);
        result.created++;
      }
    }
  }
  result.touched = [...touched];
  refreshIncidents(sqlite, result.touched);
  applyIncidentDecisions(sqlite, keys, now);
  return result;
}
