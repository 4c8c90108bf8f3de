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
import { addReports, refreshFromReports, REPORT_FACTS_COLUMNS, withExtras } from "./refresh.ts";
import { applyIncidentDecisions } from "./decisions.ts";
import { PlaceChains } from "./places.ts";
import { contentWords, jaccard } from "./words.ts";
import { entitiesOf, figuresOf, parseTally, type ReportFacts } from "./tally.ts";
import { perConnection } from "../store/statements.ts";

/** A report as linking sees it: what its incident is made from, and the keys decisions are kept by. */
export interface Report extends ReportFacts {
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

// ------------------------------------------------------------------ statements

function prepare(sqlite: Database.Database) {
  return {
    reports: sqlite.prepare<[string], Omit<Report, "actors" | "claims" | "sources">>(
      `select ${REPORT_FACTS_COLUMNS}, e.external_id as externalId, e.report_key as reportKey
       from events e left join articles a on a.id = e.article_id where e.id in (select value from json_each(?)) order by e.id`,
    ),
    actors: sqlite.prepare<[string], { eventId: number; entityId: number }>(
      `select event_id as eventId, entity_id as entityId from event_actors where event_id in (select value from json_each(?)) and role <> 'place'`,
    ),
    claims: sqlite.prepare<[string], { eventId: number; claimantId: number | null; killed: number | null; injured: number | null }>(
      `select event_id as eventId, claimant_id as claimantId, killed, injured from event_claims where event_id in (select value from json_each(?))`,
    ),
    sources: sqlite.prepare<[string], { eventId: number; outlet: string; publishedOn: string | null }>(
      `select event_id as eventId, outlet, published_on as publishedOn from event_sources where event_id in (select value from json_each(?))`,
    ),
    // Type and place are filtered in the index (only rows of a compatible type, at a place that meets the report's,
    // come back: at 200,000 incidents a day holds ~70), and each date form is its own index-only read (an OR would
    // fetch every row from the table). Only the incidents that pass read their tally from the table.
    // Type and place are filtered in the index (only rows of a compatible type, at a place that meets the report's,
    // come back: at 200,000 incidents a day holds ~70), the three days, the month and the year each a seek on
    // (occurred_on, status, type); only the incidents that pass read their tally from the table. Ordered as the day,
    // then the month, then the year: the first of equally good candidates wins.
    candidates: sqlite.prepare<CandidateParams & { d0: string; d1: string; d2: string; month: string; year: string }, CandidateRow>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId, tally
       from incidents where occurred_on in (@d0, @d1, @d2, @month, @year) and status = 'active' and ${CANDIDATE_FILTER}
       order by length(occurred_on) desc, occurred_on, type, precision, place_id, killed_max, id
       limit ${MAX_CANDIDATES}`,
    ),
    // A month or a year is too vague to meet every day-precision incident in it: only those of the same coarse
    // date, and finer ones at the same place (a background "in 2022, … in Bannu") while they are few enough to
    // tell apart (see FINER_AMBIGUOUS).
    candidatesCoarse: sqlite.prepare<CandidateParams & { coarse: string }, CandidateRow>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId, tally
       from incidents where occurred_on = @coarse and status = 'active' and ${CANDIDATE_FILTER}
       limit 100`,
    ),
    candidatesFiner: sqlite.prepare<CandidateParams & { place: number; lo: string; hi: string }, CandidateRow>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId, tally
       from incidents where place_id = @place and occurred_on > @lo and occurred_on < @hi and status = 'active' and ${CANDIDATE_FILTER}
       limit ${FINER_AMBIGUOUS}`,
    ),
    /** Reports of candidates whose tally is not kept (see tally.ts), with their actors and claims: their facts. */
    members: sqlite.prepare<[string], Omit<ReportFacts, "actors" | "claims" | "sources"> & { incidentId: number; actorsJson: string; claimsJson: string }>(
      `select ${REPORT_FACTS_COLUMNS}, e.incident_id as incidentId,
         (select json_group_array(ea.entity_id) from event_actors ea where ea.event_id = e.id and ea.role <> 'place') as actorsJson,
         (select json_group_array(json_object('claimantId', ec.claimant_id, 'killed', ec.killed, 'injured', ec.injured)) from event_claims ec where ec.event_id = e.id) as claimsJson
       from events e left join articles a on a.id = e.article_id
       where e.incident_id in (select value from json_each(?))`,
    ),
    /** Incidents already holding a report of this article. */
    incidentsOfArticle: sqlite.prepare<[number], number>(`select incident_id from events where article_id = ? and incident_id is not null`).pluck(),
    setLink: sqlite.prepare<[number, number, number]>(`update events set incident_id = ?, link_score = ? where id = ?`),
    dropReport: sqlite.prepare<[number]>(`delete from events where id = ?`),
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
  /** The incident's tally (tally.ts), or null when its reports must be read. */
  tally: string | null;
}

// ------------------------------------------------------------------ dates

function shiftDay(day: string, by: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

function candidatesFor(st: Statements, places: PlaceChains, r: CandidateKey): CandidateRow[] {
  const filter: CandidateParams = { types: JSON.stringify(compatibleTypes(r.type)), places: r.placeId === null ? null : places.meeting(r.placeId) };
  if (r.precision === "day") {
    // Three days by name, not a range: each (day, status, type) is then a seek in the index, not a scan of the days.
    return st.candidates.all({ ...filter, d0: shiftDay(r.occurredOn, -1), d1: r.occurredOn, d2: shiftDay(r.occurredOn, 1), month: r.occurredOn.slice(0, 7), year: r.occurredOn.slice(0, 4) });
  }
  const same = st.candidatesCoarse.all({ ...filter, coarse: r.occurredOn });
  if (r.placeId === null) return same;
  const finer = st.candidatesFiner.all({ ...filter, place: r.placeId, lo: r.occurredOn, hi: `${r.occurredOn}-99` });
  return finer.length >= FINER_AMBIGUOUS ? same : [...same, ...finer];
}

/** What a report's candidates are chosen by. */
export type CandidateKey = Pick<Report, "occurredOn" | "precision" | "type" | "placeId">;

/** The incidents linking scores a report against: what the candidate queries return, type and place checked again. */
function possibleCandidates(st: Statements, places: PlaceChains, r: CandidateKey): CandidateRow[] {
  return candidatesFor(st, places, r).filter((c) => typesCompatible(r.type, c.type) && (r.placeId === null || c.placeId === null || places.relation(r.placeId, c.placeId)));
}

/** The ids of the incidents linking would score a report of this date, type and place against (for tests of rules kept beside linking's). */
export function candidateIncidentIds(sqlite: Database.Database, r: CandidateKey): number[] {
  return possibleCandidates(statements(sqlite), new PlaceChains(sqlite), r).map((c) => c.id);
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

/** What a report is scored against in an incident: its sources, entities, killed figures and word sets. */
interface CandidateFacts {
  sources: Set<string>;
  entities: Set<number>;
  figures: Set<number>;
  words: Set<string>[];
}

function emptyFacts(): CandidateFacts {
  return { sources: new Set(), entities: new Set(), figures: new Set(), words: [] };
}

function addToFacts(f: CandidateFacts, r: ReportFacts): void {
  f.sources.add(r.source);
  for (const e of entitiesOf(r)) f.entities.add(e);
  for (const k of figuresOf(r)) f.figures.add(k);
  f.words.push(contentWords(r.summary));
}

/** The facts of candidates whose tally is not kept, from their reports: one query for all of them. */
function factsOfMany(st: Statements, ids: readonly number[]): Map<number, CandidateFacts> {
  const out = new Map<number, CandidateFacts>();
  if (!ids.length) return out;
  const list = JSON.stringify(ids);
  for (const id of ids) out.set(id, emptyFacts());
  for (const m of st.members.all(list)) {
    const { incidentId, actorsJson, claimsJson, ...row } = m;
    const f = out.get(incidentId);
    if (f) addToFacts(f, { ...row, actors: JSON.parse(actorsJson) as number[], claims: JSON.parse(claimsJson) as ReportFacts["claims"], sources: [] });
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
  /** The incident already holds a report of this report's article. */
  fromSameArticle: boolean,
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
  const sameArticle = r.source === "article" && fromSameArticle;
  if (sameArticle && separate) return undefined;
  if (r.source !== "article" && facts.sources.has(r.source)) return undefined;
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
  const places = new PlaceChains(sqlite);
  const touched = new Set<number>();
  /** Reports that joined an existing incident, per incident, and incidents made in this pass. */
  const joined = new Map<number, Report[]>();
  const created = new Map<number, Report[]>();
  const known = new Map<number, CandidateFacts>();
  const keys: string[] = [];
  // Incidents holding a report of an article: read once per article, then kept as this pass links its reports.
  const byArticle = new Map<number, Set<number>>();
  const incidentsOf = (articleId: number): Set<number> => {
    let set = byArticle.get(articleId);
    if (!set) byArticle.set(articleId, (set = new Set(st.incidentsOfArticle.all(articleId))));
    return set;
  };
  for (let i = 0; i < eventIds.length; i += 500) {
    const list = JSON.stringify(eventIds.slice(i, i + 500).map((n) => Math.trunc(n)));
    const rows = st.reports.all(list);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const reports = withExtras(rows, st.actors.all(list), st.claims.all(list), st.sources.all(list)).map((f): Report => ({ ...f, externalId: byId.get(f.id)?.externalId ?? null, reportKey: byId.get(f.id)?.reportKey ?? null }));
    for (const r of reports) {
      keys.push(keyOf(r));
      // A back-reference speaks of a recent day's incident; a year-precision event in the same sentence ("the
      // most serious since clashes at Torkham in 2023") is background, linked or kept like any other report.
      const backReference = r.source === "article" && r.precision === "day" && isBackReference(r.summary);
      const separate = SEPARATE.test(r.summary);
      const rFacts = { entities: new Set(entitiesOf(r)), words: contentWords(r.summary) };
      const ofArticle = r.source === "article" && r.articleId !== null ? incidentsOf(r.articleId) : new Set<number>();
      let best: { id: number; score: LinkScore } | undefined;
      const possible = possibleCandidates(st, places, r);
      // Facts come from each incident's tally; incidents without one have their reports read, all in one go. Facts
      // are kept for the pass: a report joining an incident adds its own to them.
      const unread: number[] = [];
      for (const c of possible) {
        if (known.has(c.id)) continue;
        const t = parseTally(c.tally);
        if (t?.words) {
          known.set(c.id, {
            sources: new Set(t.sources),
            entities: new Set(t.entities),
            figures: new Set(t.figures),
            words: t.words.map((w) => new Set(w)),
          });
        } else unread.push(c.id);
      }
      for (const [id, f] of factsOfMany(st, unread)) known.set(id, f);
      for (const c of possible) {
        const f = known.get(c.id);
        if (!f) continue;
        const s = scoreLink(r, rFacts, c, f, places, separate, ofArticle.has(c.id));
        if (!s) continue;
        // Date, type and place alone do not make two reports one (two attacks in Bannu on one day are two):
        // something else must agree as well.
        const enough = backReference ? s.score >= BACK_REFERENCE_THRESHOLD : s.score >= LINK_THRESHOLD && s.corroborated;
        if (enough && (!best || s.score > best.score.score)) best = { id: c.id, score: s };
      }
      // A back-reference without figures of its own ("Saturday's attacks reflect a surge …") is context, not a
      // report: it is dropped whether or not it matches. One with figures ("Friday's bombing killed 12") joins.
      if (backReference && r.killed === null && !r.claims.some((c) => c.killed !== null || c.injured !== null)) {
        st.dropReport.run(r.id);
        result.dropped++;
      } else if (best) {
        st.setLink.run(best.id, Math.round(best.score.score * 100) / 100, r.id);
        touched.add(best.id);
        if (r.articleId !== null) byArticle.get(r.articleId)?.add(best.id);
        const f = known.get(best.id);
        if (f) addToFacts(f, r);
        const list = created.get(best.id) ?? joined.get(best.id);
        if (list) list.push(r);
        else joined.set(best.id, [r]);
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
        created.set(id, [r]);
        if (r.articleId !== null) byArticle.get(r.articleId)?.add(id);
        result.created++;
      }
    }
  }
  // Incidents made in this pass hold only this pass's reports, all at hand; those reports joined are updated from
  // their tally.
  for (const [id, reports] of created) refreshFromReports(sqlite, id, reports, places);
  for (const [id, reports] of joined) addReports(sqlite, id, reports, places);
  result.touched = [...touched];
  applyIncidentDecisions(sqlite, keys, now);
  return result;
}
