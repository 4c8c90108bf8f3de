/**
 * Links reports (rows of `events`: an article's dated event, a curated timeline entry, an ACLED row) into
 * incidents: one happening, many reports. Conservative by design: a report joins an incident only when its date,
 * type and place are compatible AND its score passes LINK_THRESHOLD, and never an incident that already holds a
 * report from the same article, or a second curated entry or ACLED row (the timeline and ACLED code one entry
 * per happening, so two of theirs are two happenings). A back-reference ("Friday's attacks reflect a surge …")
 * joins the incident it points at or is dropped; it never makes a new one. A dismissed incident is a candidate as an
 * active one is: a report of it that comes later (another outlet's, an article ingested again or edited) joins it and
 * is dismissed with it (decisions.ts), instead of showing the happening again as an incident of its own.
 *
 * Works on the raw connection with prepared statements cached per connection: it runs inside every article's
 * write transaction and must stay well under a millisecond an article (bench/incidents.bench.ts).
 */
import type Database from "better-sqlite3";
import { compatibleTypeSet, compatibleTypesJson, typesCompatible } from "./vocabulary.ts";
import { addReports, createIncident, refreshFromReports, REPORT_FACTS_COLUMNS, unwrittenTally } from "./refresh.ts";
import { applyIncidentDecisions } from "./decisions.ts";
import { PlaceChains } from "./places.ts";
import { generationsOf, type Generations } from "./generations.ts";
import { contentWords, jaccardApart } from "./words.ts";
import { entitiesOf, figuresOf, keepTally, parsedTallies, parseTally, type ReportFacts, type Tally } from "./tally.ts";
import { perConnection } from "../store/statements.ts";
import { sha1Hex } from "../text/hash.ts";

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
/** Incidents of one month or year read whole in a linking pass (see CoarseHeads); a store with more filters in SQL. */
const COARSE_READ = 1000;
/** Finer incidents at a place read to find FINER_AMBIGUOUS of a type (see finerHeads). */
const FINER_READ = 40;

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
  const hash = sha1Hex(ref.summary.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim()).slice(0, 12);
  return `article:${ref.articleSlug ?? "?"}#${hash}`;
}

// ------------------------------------------------------------------ statements

/**
 * The statements of a linking pass. Dismissed incidents are candidates too once any incident has been dismissed
 * (`withDismissed`): the two statuses are then two seeks each and the candidates are sorted apart, which a store
 * where no editor dismissed anything never pays for.
 */
function prepare(sqlite: Database.Database, withDismissed: boolean) {
  const status = withDismissed ? "status in ('active', 'dismissed')" : "status = 'active'";
  return {
    withDismissed,
    // The reports with their actors, claims and sources as JSON lists: one read for them all.
    // The reports with their actors, claims and sources as JSON lists: one read for them all. Read as arrays
    // (reportOf): better-sqlite3 makes a row of this many columns a dictionary-mode object, slow to build and to read.
    reports: sqlite
      .prepare<[string], ReportTuple>(
        `select ${REPORT_FACTS_COLUMNS}, ${EXTRAS_JSON_COLUMNS}, e.external_id as externalId, e.report_key as reportKey, e.incident_id as linkedTo
       from events e left join articles a on a.id = e.article_id where e.id in (select value from json_each(?)) order by e.id`,
      )
      .raw(),
    // Type and place are filtered in the index (only rows of a compatible type, at a place that meets the report's,
    // come back: at 200,000 incidents a day holds ~70), each of the three days (and statuses) a seek on (occurred_on, status, type);
    // only the incidents that pass read their tally from the table. Ordered by day, then as the index is.
    candidates: sqlite.prepare<CandidateParams & { d0: string; d1: string; d2: string }, CandidateRow>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId, tally
       from incidents where occurred_on in (@d0, @d1, @d2) and ${status} and ${CANDIDATE_FILTER}
       order by occurred_on, type, precision, place_id, killed_max, id
       limit ${MAX_CANDIDATES}`,
    ),
    // The incidents of a month or a year, as the candidate index holds them (no tally): few, and asked for by most
    // reports of an article (a background "in 2022, …" and a day's report of 2022 alike), so read once per pass and
    // date, and filtered by type and place here. Past COARSE_READ of them, the filtered query below instead.
    coarseHeads: sqlite
      .prepare<[string], [number, string, "day" | "month" | "year", string, number | null]>(
        `select id, occurred_on, precision, type, place_id
         from incidents where occurred_on = ? and ${status}
         order by type, precision, place_id, killed_max, id
         limit ${COARSE_READ + 1}`,
      )
      .raw(),
    candidatesCoarse: sqlite.prepare<CandidateParams & { coarse: string }, CandidateHead>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId
       from incidents where occurred_on = @coarse and ${status} and ${CANDIDATE_FILTER}
       order by type, precision, place_id, killed_max, id
       limit ${MAX_CANDIDATES}`,
    ),
    // A background "in 2022, … in Bannu": the finer incidents at that place in that year or month, of a type it may
    // share, while they are few enough to tell apart (see FINER_AMBIGUOUS). Read from the place index alone (at
    // 200,000 incidents there are always more than that, and their tallies are never needed), a few more than that
    // and the type tested here; when too few of those are of the type, the type is tested in the query.
    finerHeads: sqlite
      .prepare<[number, string, string], [number, string, "day" | "month" | "year", string]>(
        `select id, occurred_on, precision, type from incidents where place_id = ? and occurred_on > ? and occurred_on < ? and ${status} limit ${FINER_READ}`,
      )
      .raw(),
    candidatesFiner: sqlite.prepare<{ types: string; place: number; lo: string; hi: string }, CandidateHead>(
      `select id, occurred_on as occurredOn, precision, type, place_id as placeId
       from incidents where place_id = @place and occurred_on > @lo and occurred_on < @hi and ${status} and type in (select value from json_each(@types))
       limit ${FINER_AMBIGUOUS}`,
    ),
    /** The tallies of candidates read from an index (see tally.ts): null when the reports must be read. */
    tallies: sqlite.prepare<[string], { id: number; tally: string | null }>(`select id, tally from incidents where id in (select value from json_each(?))`),
    /** Whether an incident's row keeps a tally (1 or 0; NULL: its reports must be read), without reading the text. */
    keepsTally: sqlite.prepare<[number], number>(`select tally is not null from incidents where id = ?`).pluck(),
    /** Whether an incident still holds this tally text (1 or 0), without reading the text. */
    holdsTally: sqlite.prepare<{ id: number; json: string }, number>(`select coalesce(tally = @json, 0) from incidents where id = @id`).pluck(),
    /** Reports of candidates whose tally is not kept (see tally.ts), with their actors, claims and sources: their facts. */
    members: sqlite
      .prepare<[string], [...FactsTuple, number]>(
        `select ${REPORT_FACTS_COLUMNS}, ${EXTRAS_JSON_COLUMNS}, e.incident_id as incidentId
       from events e left join articles a on a.id = e.article_id
       where e.incident_id in (select value from json_each(?))`,
      )
      .raw(),
    /** Incidents already holding a report of this article. */
    incidentsOfArticle: sqlite.prepare<[number], number>(`select incident_id from events where article_id = ? and incident_id is not null`).pluck(),
    setLink: sqlite.prepare<[number, number, number]>(`update events set incident_id = ?, link_score = ? where id = ?`),
    dropReport: sqlite.prepare<[number]>(`delete from events where id = ?`),
  };
}
type Statements = ReturnType<typeof prepare>;

interface CandidateParams {
  /** JSON list of the types a report's type may share an incident with. */
  types: string;
  /** JSON list of the places that meet the report's (its own, those it is in, those inside it); null: any place. */
  places: string | null;
}
/** A report's actors (places left out), claims and sources, as JSON lists (see factsOf). */
const EXTRAS_JSON_COLUMNS = `(select json_group_array(ea.entity_id) from event_actors ea where ea.event_id = e.id and ea.role <> 'place') as actorsJson,
  (select json_group_array(json_object('claimantId', ec.claimant_id, 'killed', ec.killed, 'injured', ec.injured)) from event_claims ec where ec.event_id = e.id) as claimsJson,
  (select json_group_array(json_object('outlet', es.outlet, 'publishedOn', es.published_on)) from event_sources es where es.event_id = e.id) as sourcesJson`;

/** A row of REPORT_FACTS_COLUMNS and EXTRAS_JSON_COLUMNS read raw, in their order. */
type FactsTuple = [
  id: number,
  source: ReportFacts["source"],
  occurredOn: string,
  precision: ReportFacts["precision"],
  type: string,
  placeId: number | null,
  summary: string,
  killed: number | null,
  injured: number | null,
  claimedById: number | null,
  articleId: number | null,
  articleOutlet: string | null,
  articleUrl: string | null,
  articleSlug: string | null,
  articlePublished: string | null,
  actorsJson: string,
  claimsJson: string,
  sourcesJson: string,
];

/** A JSON list as read; the empty list, which most are, without parsing. */
function listOf<T>(json: string): T[] {
  return json === "[]" ? [] : (JSON.parse(json) as T[]);
}

/** The report a raw row (FactsTuple first) holds. */
function factsOf(t: Readonly<[...FactsTuple, ...unknown[]]>): ReportFacts {
  return {
    id: t[0],
    source: t[1],
    occurredOn: t[2],
    precision: t[3],
    type: t[4],
    placeId: t[5],
    summary: t[6],
    killed: t[7],
    injured: t[8],
    claimedById: t[9],
    articleId: t[10],
    articleOutlet: t[11],
    articleUrl: t[12],
    articleSlug: t[13],
    articlePublished: t[14],
    actors: listOf(t[15]),
    claims: listOf(t[16]),
    sources: listOf(t[17]),
  };
}

/** A report read by `reports`, with its keys; and the incident it is in now. */
/** A row of `reports` as read (raw): the report's facts, its keys and the incident it is in now. */
type ReportTuple = [...FactsTuple, string | null, string | null, number | null];

function reportOf(t: Readonly<ReportTuple>): { report: Report; linkedTo: number | null } {
  const f = factsOf(t);
  return {
    report: {
      id: f.id,
      source: f.source,
      occurredOn: f.occurredOn,
      precision: f.precision,
      type: f.type,
      placeId: f.placeId,
      summary: f.summary,
      killed: f.killed,
      injured: f.injured,
      claimedById: f.claimedById,
      articleId: f.articleId,
      articleOutlet: f.articleOutlet,
      articleUrl: f.articleUrl,
      articleSlug: f.articleSlug,
      articlePublished: f.articlePublished,
      actors: f.actors,
      claims: f.claims,
      sources: f.sources,
      externalId: t[18],
      reportKey: t[19],
    },
    linkedTo: t[20],
  };
}

const NO_WORDS: ReadonlySet<string> = new Set();
const CANDIDATE_FILTER = `type in (select value from json_each(@types)) and (@places is null or place_id is null or place_id in (select value from json_each(@places)))`;
const activeOnly = perConnection((sqlite: Database.Database) => prepare(sqlite, false));
const withDismissed = perConnection((sqlite: Database.Database) => prepare(sqlite, true));
/** Whether an editor ever dismissed an incident (dismissals are recorded in incident_decisions): asked once a pass. */
const anyDismissal = perConnection((sqlite: Database.Database) => sqlite.prepare<[], number>(`select exists(select 1 from incident_decisions where action = 'dismiss')`).pluck());

/** Links written per statement (setLinks): a pass's unlinked reports are linked in statements of up to this many. */
const LINKS_PER_STATEMENT = 64;

/** Multi-row link statements by row count, per connection: `update events … from (values (id, incident, score), …)`. */
const linkStatements = perConnection((sqlite: Database.Database) => {
  const made = new Map<number, Database.Statement>();
  return (count: number): Database.Statement => {
    let st = made.get(count);
    if (!st) {
      const rows = Array(count).fill("(?, ?, ?)").join(", ");
      made.set(count, (st = sqlite.prepare(`update events set incident_id = v.column2, link_score = v.column3 from (values ${rows}) as v where events.id = v.column1`)));
    }
    return st;
  };
});

/**
 * Writes links waiting (report id, incident id, score, row after row), in as few statements as there are
 * LINKS_PER_STATEMENT of them: an UPDATE per report was the biggest statement of ingest's linking (six an article).
 * Only reports that were in no incident wait (linkReports): setting their incident fires no trigger
 * (incidents_tally_report_moved fires only for a report that was in one), and nothing the pass reads before they are
 * written reads their incident (see linkReports).
 */
function setLinks(sqlite: Database.Database, links: number[]): void {
  const of = linkStatements(sqlite);
  for (let i = 0; i < links.length; i += 3 * LINKS_PER_STATEMENT) {
    const part = links.slice(i, i + 3 * LINKS_PER_STATEMENT);
    of(part.length / 3).run(part);
  }
  links.length = 0;
}

/** Whether any dismissal was recorded, as last asked, and under which epoch and stamp of decisions (generations.ts). */
const dismissalsKept = perConnection((sqlite: Database.Database) => {
  void sqlite;
  return { any: false, epoch: -1, stamp: -1 };
});

/**
 * The statements for a pass: with dismissed incidents among the candidates when there may be any. Asked of SQLite
 * once a pass; while generations are held (an ingest batch), once until a decision is written.
 */
function statements(sqlite: Database.Database): Statements {
  const generations = generationsOf(sqlite);
  let any: boolean;
  if (!generations.isHeld) any = anyDismissal(sqlite).get() === 1;
  else {
    const k = dismissalsKept(sqlite);
    const stamp = generations.of("decisions");
    const epoch = generations.lastEpoch;
    if (k.epoch !== epoch || k.stamp !== stamp) Object.assign(k, { any: anyDismissal(sqlite).get() === 1, epoch, stamp });
    any = k.any;
  }
  return any ? withDismissed(sqlite) : activeOnly(sqlite);
}

/** A candidate incident as the candidate and place indexes hold it. */
interface CandidateHead {
  id: number;
  occurredOn: string;
  precision: "day" | "month" | "year";
  type: string;
  placeId: number | null;
}

interface CandidateRow extends CandidateHead {
  /** The incident's tally (tally.ts), null when its reports must be read, undefined when not read yet. */
  tally?: string | null;
}

// ------------------------------------------------------------------ dates

function shiftDay(day: string, by: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

/** Month and year dates whose incidents are kept across passes; past this many the kept lists are dropped. */
const COARSE_KEPT_DATES = 4000;

/**
 * The incidents of months and years, per date, as read (CandidateHead, in the candidate index's order), or null where
 * there are more than COARSE_READ (the filtered query is used then). Kept across linking passes on a connection, each
 * list under the generation of its date (generations.ts): an incident made, changed or removed at that date, here or
 * by another connection, has it read again.
 */
class CoarseHeads {
  private readonly byDate = new Map<string, { heads: CandidateHead[] | null; epoch: number; stamp: number }>();
  private epoch = -1;
  constructor(private readonly generations: Generations) {}

  /** At the start of a linking pass: the epoch of generations.ts, checked once for the pass. */
  begin(epoch: number): this {
    this.epoch = epoch;
    if (this.byDate.size > COARSE_KEPT_DATES) this.byDate.clear();
    return this;
  }

  of(st: Statements, date: string): CandidateHead[] | null {
    const stamp = this.generations.of(`incidents ${date}`);
    const key = st.withDismissed ? `${date} dismissed` : date;
    const kept = this.byDate.get(key);
    if (kept && kept.epoch === this.epoch && kept.stamp === stamp) return kept.heads;
    const rows = st.coarseHeads.all(date);
    const heads = rows.length > COARSE_READ ? null : rows.map(([id, occurredOn, precision, type, placeId]) => ({ id, occurredOn, precision, type, placeId }));
    this.byDate.set(key, { heads, epoch: this.epoch, stamp });
    return heads;
  }
}

/** Places and dates whose finer incidents were found too many to tell apart; past this many the verdicts are dropped. */
const AMBIGUOUS_KEPT = 4000;

/**
 * A coarse report's finer candidates found too many to tell apart (FINER_AMBIGUOUS of a type it may share, at its place
 * within its month or year), kept across passes on a connection: the same background mention ("in 2022, … in Bannu")
 * comes back in article after article, and at 200,000 incidents the answer is always the same. Their number only
 * grows as incidents are made, so a verdict stands until an incident at that place and year is removed or changed
 * (generations.ts stamps "finer <place> <year>"), another connection commits (the epoch), or the write the verdict was
 * made in is rolled back: each is kept under a stamp renewed when it is made, which goes back with that write.
 */
class AmbiguousFiner {
  private readonly kept = new Map<string, { epoch: number; stamp: number }>();
  private epoch = -1;
  constructor(private readonly generations: Generations) {}

  begin(epoch: number): this {
    this.epoch = epoch;
    if (this.kept.size > AMBIGUOUS_KEPT) this.kept.clear();
    return this;
  }

  /** Whether the finer candidates of this place, date and type list were found too many, and nothing since made them fewer. */
  holds(place: number, date: string, types: string): boolean {
    const k = this.kept.get(`${place} ${date} ${types}`);
    return k !== undefined && k.epoch === this.epoch && k.stamp === this.generations.of(`finer ${place} ${date.slice(0, 4)}`);
  }

  record(place: number, date: string, types: string): void {
    this.kept.set(`${place} ${date} ${types}`, { epoch: this.epoch, stamp: this.generations.renew(`finer ${place} ${date.slice(0, 4)}`) });
  }
}

/** What linking keeps on a connection across passes: the coarse incidents, the place chains and ambiguous finer dates (generations.ts). */
const kept = perConnection((sqlite: Database.Database) => ({
  coarse: new CoarseHeads(generationsOf(sqlite)),
  places: { chains: new PlaceChains(sqlite), epoch: -1, stamp: -1 },
  finer: new AmbiguousFiner(generationsOf(sqlite)),
}));

/** The connection's kept reads, checked for this pass: place chains made anew when the places may have changed. */
interface KeptReads {
  coarse: CoarseHeads;
  places: PlaceChains;
  finer: AmbiguousFiner;
}

function keptFor(sqlite: Database.Database): KeptReads {
  const k = kept(sqlite);
  const generations = generationsOf(sqlite);
  const epoch = generations.epoch();
  const stamp = generations.of("places");
  if (k.places.epoch !== epoch || k.places.stamp !== stamp) k.places = { chains: new PlaceChains(sqlite), epoch, stamp };
  return { coarse: k.coarse.begin(epoch), places: k.places.chains, finer: k.finer.begin(epoch) };
}

/** What the candidate queries filter by, for a report: its compatible types and the places that meet its own. */
interface CandidateFilter {
  params: CandidateParams;
  types: ReadonlySet<string>;
  places: ReadonlySet<number> | null;
}

function filterFor(places: PlaceChains, r: CandidateKey): CandidateFilter {
  const placeList = r.placeId === null ? null : places.meeting(r.placeId);
  return {
    params: { types: compatibleTypesJson(r.type), places: placeList },
    types: compatibleTypeSet(r.type),
    places: r.placeId === null ? null : places.meetingSet(r.placeId),
  };
}

/** The incidents of one month or year that the candidate filter keeps, at most `limit` of them. */
function coarseCandidates(st: Statements, coarse: CoarseHeads, f: CandidateFilter, date: string, limit: number): CandidateHead[] {
  const heads = coarse.of(st, date);
  if (heads === null) return st.candidatesCoarse.all({ ...f.params, coarse: date }).slice(0, limit);
  const out: CandidateHead[] = [];
  for (const h of heads) {
    if (out.length >= limit) break;
    if (f.types.has(h.type) && (f.places === null || h.placeId === null || f.places.has(h.placeId))) out.push(h);
  }
  return out;
}

function dayRows(st: Statements, f: CandidateFilter, r: CandidateKey): CandidateRow[] {
  return st.candidates.all({ ...f.params, d0: shiftDay(r.occurredOn, -1), d1: r.occurredOn, d2: shiftDay(r.occurredOn, 1) });
}
/** The first FINER_AMBIGUOUS finer incidents of a compatible type at this place within this month or year. */
function finerRows(st: Statements, f: CandidateFilter, place: number, date: string): CandidateHead[] {
  const hi = `${date}-99`;
  const heads = st.finerHeads.all(place, date, hi);
  const out: CandidateHead[] = [];
  for (const [id, occurredOn, precision, type] of heads) {
    if (!f.types.has(type)) continue;
    out.push({ id, occurredOn, precision, type, placeId: place });
    if (out.length >= FINER_AMBIGUOUS) return out;
  }
  return heads.length < FINER_READ ? out : st.candidatesFiner.all({ types: f.params.types, place, lo: date, hi });
}

function candidatesFor(st: Statements, { places, coarse, finer }: KeptReads, r: CandidateKey): CandidateRow[] {
  const f = filterFor(places, r);
  if (r.precision === "day") {
    // Three days by name, not a range: each (day, status, type) is then a seek in the index, not a scan of the
    // days. Then the incidents of its month and of its year, the first of equally good candidates winning.
    const out: CandidateRow[] = dayRows(st, f, r);
    for (const date of [r.occurredOn.slice(0, 7), r.occurredOn.slice(0, 4)]) {
      if (out.length >= MAX_CANDIDATES) break;
      for (const h of coarseCandidates(st, coarse, f, date, MAX_CANDIDATES - out.length)) out.push(h);
    }
    return out;
  }
  const same = coarseCandidates(st, coarse, f, r.occurredOn, 100);
  return r.placeId === null ? same : [...same, ...finerCandidates(st, finer, f, r.placeId, r.occurredOn)];
}

/** A coarse report's finer candidates at its place: none when there are too many to tell apart (FINER_AMBIGUOUS). */
function finerCandidates(st: Statements, ambiguous: AmbiguousFiner, f: CandidateFilter, place: number, date: string): CandidateRow[] {
  const types = st.withDismissed ? `${f.params.types} dismissed` : f.params.types;
  if (ambiguous.holds(place, date, types)) return [];
  const finer = finerRows(st, f, place, date);
  if (finer.length < FINER_AMBIGUOUS) return finer;
  ambiguous.record(place, date, types);
  return [];
}

/**
 * The most a finer candidate can score against a coarse report (scoreLink): half a point for the date, one each for
 * the type and the place (it is at the report's own), what the report can share (an actor or claimant, a killed
 * figure) and the full point for words. A coarse candidate scoring this already wins: finer ones come after it and
 * must beat it outright.
 */
function finerCeiling(r: Report, rFacts: { entities: ReadonlySet<number> }): number {
  return 0.5 + 1 + 1 + (rFacts.entities.size ? 0.7 : 0) + (r.killed !== null && r.killed > 0 ? 0.5 : 0) + 1;
}

/** What a report's candidates are chosen by. */
export type CandidateKey = Pick<Report, "occurredOn" | "precision" | "type" | "placeId">;

/** The incidents linking scores a report against: what the candidate queries return, type and place checked again. */
function possibleCandidates(st: Statements, k: KeptReads, r: CandidateKey): CandidateRow[] {
  return possibleOf(k.places, r, candidatesFor(st, k, r));
}

/** Candidates whose type and place are checked again. */
function possibleOf(places: PlaceChains, r: CandidateKey, list: readonly CandidateRow[]): CandidateRow[] {
  return list.filter((c) => typesCompatible(r.type, c.type) && (r.placeId === null || c.placeId === null || places.relation(r.placeId, c.placeId)));
}

/** The ids of the incidents linking would score a report of this date, type and place against (for tests of rules kept beside linking's). */
export function candidateIncidentIds(sqlite: Database.Database, r: CandidateKey): number[] {
  return possibleCandidates(statements(sqlite), keptFor(sqlite), r).map((c) => c.id);
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
export interface CandidateFacts {
  sources: Set<string>;
  entities: Set<number>;
  figures: Set<number>;
  /** Each report's content words (a tally keeps them as sorted lists: read as they are, not made into sets). */
  words: (ReadonlySet<string> | readonly string[])[];
}

function emptyFacts(): CandidateFacts {
  return { sources: new Set(), entities: new Set(), figures: new Set(), words: [] };
}

/** The facts of an incident of these reports, added in their order (as they joined it). */
function factsOfReports(reports: readonly ReportFacts[]): CandidateFacts {
  const f = emptyFacts();
  for (const r of reports) addToFacts(f, r);
  return f;
}

/**
 * The word sets each incident's facts hold, to keep each once: a report is scored against the most alike of them,
 * which a second copy cannot change, and reports of one summary share one set (contentWords). Without this, an
 * article of thousands of like sentences (one incident, as one article's sentences of one day, place and type are)
 * scored each sentence against every sentence before it: 218 s of CPU for 4.8 MB.
 */
const wordSetsOf = new WeakMap<CandidateFacts, Set<ReadonlySet<string> | readonly string[]>>();

function addToFacts(f: CandidateFacts, r: ReportFacts): void {
  f.sources.add(r.source);
  for (const e of entitiesOf(r)) f.entities.add(e);
  for (const k of figuresOf(r)) f.figures.add(k);
  const words = contentWords(r.summary);
  // (A few sets are looked through; a set of them is made only for an incident of many.)
  if (f.words.length < FEW_WORD_SETS) {
    if (!f.words.includes(words)) f.words.push(words);
    return;
  }
  let held = wordSetsOf.get(f);
  if (!held) wordSetsOf.set(f, (held = new Set(f.words)));
  if (held.has(words)) return;
  held.add(words);
  f.words.push(words);
}
const FEW_WORD_SETS = 16;

interface Best {
  id: number;
  score: LinkScore;
}

/** What scoring a report against its candidates needs: the pass's statements, places and facts, and the report's. */
interface ScoringContext {
  sqlite: Database.Database;
  st: Statements;
  places: PlaceChains;
  known: Map<number, CandidateFacts>;
  /** Incidents made in this pass, with their reports so far (their facts are made from these when first needed). */
  created: ReadonlyMap<number, readonly ReportFacts[]>;
  /** The reports of candidates read whole (factsOfMany), kept so the incident a report joins is not read again. */
  members: Map<number, ReportFacts[]>;
  tallies: Map<number, { json: string; tally: Tally }>;
  /** Parsed tallies kept across passes (parsedTallies). */
  keptTallies: Map<number, { json: string; tally: Tally }>;
  r: Report;
  rFacts: { entities: ReadonlySet<number>; words: ReadonlySet<string> };
  separate: boolean;
  ofArticle: ReadonlySet<number>;
  backReference: boolean;
}

/**
 * The best of these candidates that passes (or `best`, if none beats it outright). Facts come from each incident's
 * tally (read here for candidates found through an index); incidents without one have their reports read, all in one
 * go. Facts are kept for the pass: a report joining an incident adds its own to them.
 */
function bestCandidate(ctx: ScoringContext, possible: readonly CandidateRow[], best: Best | undefined): Best | undefined {
  const { st, known, tallies, r } = ctx;
  const unread: number[] = [];
  const unfetched: number[] = [];
  for (const c of possible) {
    if (known.has(c.id)) continue;
    const made = ctx.created.get(c.id);
    if (made !== undefined) {
      known.set(c.id, factsOfReports(made));
      continue;
    }
    // A tally reports joined earlier in this batch, not written yet (withTalliesDeferred in refresh.ts): the row's is older.
    const waiting = unwrittenTally(ctx.sqlite, c.id, () => (c.tally === undefined ? st.keepsTally.get(c.id) === 1 : c.tally !== null));
    if (waiting !== undefined) {
      if (!takeParsedTally(c.id, waiting, known, tallies)) unread.push(c.id);
    } else if (c.tally === undefined) unfetched.push(c.id);
    else if (!takeTally(c.id, c.tally, known, tallies, ctx.keptTallies)) unread.push(c.id);
  }
  if (unfetched.length) {
    // An incident whose tally is kept parsed (parsedTallies): SQLite says whether it still holds that text, which is
    // then not read again (a big incident's is kilobytes, and it is a candidate of every article about its date).
    const rest: number[] = [];
    for (const id of unfetched) {
      const k = ctx.keptTallies.get(id);
      if (k === undefined) rest.push(id);
      else if (!known.has(id)) {
        const held = st.holdsTally.get({ id, json: k.json });
        if (held === undefined) continue; // no such incident: nothing to score, as when its tally is read
        if (held !== 1) rest.push(id);
        else if (!takeTally(id, k.json, known, tallies, ctx.keptTallies)) unread.push(id);
      }
    }
    if (rest.length) for (const t of st.tallies.all(JSON.stringify(rest))) if (!takeTally(t.id, t.tally, known, tallies, ctx.keptTallies)) unread.push(t.id);
  }
  for (const [id, f] of factsOfMany(st, unread, ctx.members)) known.set(id, f);
  for (const c of possible) {
    const f = known.get(c.id);
    if (!f) continue;
    const s = scoreLink(r, ctx.rFacts, c, f, ctx.places, ctx.separate, ctx.ofArticle.has(c.id));
    if (!s) continue;
    // Date, type and place alone do not make two reports one (two attacks in Bannu on one day are two):
    // something else must agree as well.
    const enough = ctx.backReference ? s.score >= BACK_REFERENCE_THRESHOLD : s.score >= LINK_THRESHOLD && s.corroborated;
    if (enough && (!best || s.score > best.score.score)) best = { id: c.id, score: s };
  }
  return best;
}

/** A candidate's facts from its tally, kept for the pass with the tally itself; false when its reports must be read. */
function takeTally(id: number, json: string | null, known: Map<number, CandidateFacts>, tallies: Map<number, { json: string; tally: Tally }>, kept: Map<number, { json: string; tally: Tally }>): boolean {
  if (json === null) return false;
  const k = kept.get(id);
  const t = k !== undefined && k.json === json ? k.tally : parseTally(json);
  if (!t?.words) return false;
  if (k === undefined || k.tally !== t) keepTally(kept, id, { json, tally: t });
  known.set(id, { sources: new Set(t.sources), entities: new Set(t.entities), figures: new Set(t.figures), words: [...t.words] });
  tallies.set(id, { json, tally: t });
  return true;
}

/**
 * A candidate's facts from a tally waiting to be written (withTalliesDeferred), as takeTally takes them; one without
 * word sets has its reports read, as when its text is read. Kept for the pass under no text: addReports takes the
 * waiting tally itself.
 */
function takeParsedTally(id: number, t: Tally, known: Map<number, CandidateFacts>, tallies: Map<number, { json: string; tally: Tally }>): boolean {
  if (!t.words) return false;
  known.set(id, { sources: new Set(t.sources), entities: new Set(t.entities), figures: new Set(t.figures), words: [...t.words] });
  tallies.set(id, { json: "", tally: t });
  return true;
}

/**
 * The facts linking scores reports against, for these incidents, read as a linking pass reads them (from the tally
 * where it is kept, else from the reports): for a caller that scores with scoreLink ahead of linking (a bulk ACLED
 * load telling which of its rows no incident could take, src/incidents/pending.ts).
 */
export function incidentFacts(sqlite: Database.Database, ids: readonly number[]): Map<number, CandidateFacts> {
  const st = statements(sqlite);
  const known = new Map<number, CandidateFacts>();
  const unread: number[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    for (const t of st.tallies.all(JSON.stringify(ids.slice(i, i + 500)))) if (!takeTally(t.id, t.tally, known, new Map(), new Map())) unread.push(t.id);
  }
  for (let i = 0; i < unread.length; i += 500) for (const [id, f] of factsOfMany(st, unread.slice(i, i + 500), new Map())) known.set(id, f);
  return known;
}

/** The facts of candidates whose tally is not kept, from their reports: one query for all of them. */
function factsOfMany(st: Statements, ids: readonly number[], members: Map<number, ReportFacts[]>): Map<number, CandidateFacts> {
  const out = new Map<number, CandidateFacts>();
  if (!ids.length) return out;
  const list = JSON.stringify(ids);
  for (const id of ids) {
    out.set(id, emptyFacts());
    members.set(id, []);
  }
  for (const m of st.members.all(list)) {
    const f = out.get(m[18]);
    if (!f) continue;
    const report = factsOf(m);
    addToFacts(f, report);
    members.get(m[18])?.push(report);
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
  // Most candidates of a big store name no actor (ACLED rows made in bulk): nothing to walk then.
  if (facts.entities.size) for (const e of rFacts.entities) if (facts.entities.has(e)) shared = true;
  const sameFigure = r.killed !== null && r.killed > 0 && facts.figures.has(r.killed);
  // Place names say nothing beyond the place check above: "Bannu" is in every report from Bannu.
  const alike = jaccardApart(rFacts.words, [r.placeId !== null ? places.words(r.placeId) : NO_WORDS, c.placeId !== null ? places.words(c.placeId) : NO_WORDS]);
  let similarity = 0;
  for (let i = 0; i < facts.words.length; i++) similarity = Math.max(similarity, alike(facts.words[i] ?? NO_WORDS));
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
 * The incidents holding a report of this article, read once per pass and kept in `byArticle`. (A function of its own,
 * not a closure made in every pass: tsx's keepNames names each such closure as it is made, a property defined on it
 * each time, which was a few percent of a linking pass.)
 */
function incidentsOf(st: Statements, byArticle: Map<number, Set<number>>, articleId: number): Set<number> {
  let set = byArticle.get(articleId);
  if (!set) byArticle.set(articleId, (set = new Set(st.incidentsOfArticle.all(articleId))));
  return set;
}

/**
 * A report its writer has at hand as it wrote it, in no incident yet (writeArticle): what `reports` would read back.
 * Its actors are the entity ids of its event_actors rows other than places, each (entity, role) once, in the order
 * the index event_actors_uq holds them (entity id, then role); claims and sources, none written yet, are empty.
 */
export type WrittenReport = Report;

/** The actors `reports` reads for an event written with these actors (see WrittenReport). */
export function writtenActors(actors: readonly { entityId: number; role: string }[]): number[] {
  const kept: { entityId: number; role: string }[] = [];
  for (const a of actors) if (a.role !== "place" && !kept.some((k) => k.entityId === a.entityId && k.role === a.role)) kept.push(a);
  // Only the entity ids are read: the order of two roles of one entity does not show.
  return kept.map((a) => a.entityId).sort((a, b) => a - b);
}

/** A chunk of reports as linking reads them, with the incident each is in now. */
function readReports(st: Statements, ids: readonly number[]): { report: Report; linkedTo: number | null }[] {
  return st.reports.all(JSON.stringify(ids.map((n) => Math.trunc(n)))).map(reportOf);
}

/**
 * Links these reports (events without an incident) to incidents, creating one where nothing matches, then
 * refreshes every incident they touched and re-applies editors' decisions about them. Runs inside the caller's
 * transaction when there is one. With `createMissing: false` a report that matches nothing is left unlinked (the
 * caller makes its incident, in bulk). With `written`, the reports of `eventIds` as their writer just wrote them (the
 * same ids, ascending, each once: see WrittenReport), they are taken as they are instead of read back (ingest: a
 * read of ~6 events an article, with three subqueries each).
 */
export function linkReports(
  sqlite: Database.Database,
  eventIds: readonly number[],
  now: Date,
  opts: { createMissing?: boolean; written?: readonly WrittenReport[] } = {},
): LinkResult {
  const createMissing = opts.createMissing ?? true;
  const result: LinkResult = { linked: 0, created: 0, dropped: 0, touched: [] };
  if (!eventIds.length) return result;
  const st = statements(sqlite);
  const k = keptFor(sqlite);
  const { coarse, places, finer } = k;
  const touched = new Set<number>();
  /** Reports that joined an existing incident, per incident, and incidents made in this pass with their reports. */
  const joined = new Map<number, Report[]>();
  /**
   * An incident made here holds only its reports: its facts are made from them when it is first a candidate, not
   * when it is made. Most incidents of a long pass (linkPending over a store's reports) are never a candidate again,
   * and keeping facts for each of them kept some 1 KB an incident alive to the pass's end (200,000 reports: a heap of
   * over a gigabyte, most of it garbage once the pass was over).
   */
  const created = new Map<number, Report[]>();
  const known = new Map<number, CandidateFacts>();
  const members = new Map<number, ReportFacts[]>();
  /**
   * Whether the members read are still all of their incidents' reports when the pass ends: so unless a report of the
   * pass was already in an incident (linking it again moves it out of one).
   */
  let membersStay = true;
  /** Tallies read for candidates, as read and parsed: the incidents reports join are updated from them. */
  const tallies = new Map<number, { json: string; tally: Tally }>();
  const keptTallies = parsedTallies(sqlite);
  const keys: string[] = [];
  // Incidents holding a report of an article: read once per article, then kept as this pass links its reports.
  const byArticle = new Map<number, Set<number>>();
  const written = opts.written;
  /**
   * Links of reports that were in no incident, written once the reports are all linked (setLinks). Until then
   * nothing reads them: the incidents of an article are read at its first report, before any of its reports in this
   * pass is linked (and then kept in byArticle); an incident a report joins was scored, so its facts are known and
   * its reports are not read again in the loop; and incidents made here are scored from `created`.
   */
  const links: number[] = [];
  for (let i = 0; i < eventIds.length; i += 500) {
    const chunk = written ? written.slice(i, i + 500).map((report) => ({ report, linkedTo: null })) : readReports(st, eventIds.slice(i, i + 500));
    for (const { report: r, linkedTo } of chunk) {
      if (linkedTo !== null) membersStay = false;
      keys.push(keyOf(r));
      // A back-reference speaks of a recent day's incident; a year-precision event in the same sentence ("the
      // most serious since clashes at Torkham in 2023") is background, linked or kept like any other report.
      const backReference = r.source === "article" && r.precision === "day" && isBackReference(r.summary);
      const separate = SEPARATE.test(r.summary);
      const rFacts = { entities: new Set(entitiesOf(r)), words: contentWords(r.summary) };
      const ofArticle = r.source === "article" && r.articleId !== null ? incidentsOf(st, byArticle, r.articleId) : new Set<number>();
      // A back-reference without figures of its own ("Saturday's attacks reflect a surge …") is context, not a
      // report: it is dropped whether or not it matches, so nothing is looked up for it. One with figures ("Friday's
      // bombing killed 12") joins the incident it points at.
      if (backReference && r.killed === null && !r.claims.some((c) => c.killed !== null || c.injured !== null)) {
        st.dropReport.run(r.id);
        result.dropped++;
        continue;
      }
      const ctx: ScoringContext = { sqlite, st, places, known, created, members, tallies, keptTallies, r, rFacts, separate, ofArticle, backReference };
      let best: Best | undefined;
      if (r.precision === "day" || r.placeId === null) best = bestCandidate(ctx, possibleCandidates(st, k, r), undefined);
      else {
        // A coarse report's finer candidates (at its place, within its month or year) come after those of its own
        // date and are looked up only when those could still be beaten: the same candidates, scored in the same order.
        const f = filterFor(places, r);
        best = bestCandidate(ctx, possibleOf(places, r, coarseCandidates(st, coarse, f, r.occurredOn, 100)), undefined);
        if (!best || best.score.score < finerCeiling(r, rFacts)) best = bestCandidate(ctx, possibleOf(places, r, finerCandidates(st, finer, f, r.placeId, r.occurredOn)), best);
      }
      if (best) {
        const score = Math.round(best.score.score * 100) / 100;
        if (linkedTo === null) links.push(r.id, best.id, score);
        else st.setLink.run(best.id, score, r.id);
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
        const id = createIncident(sqlite, r, now);
        if (linkedTo === null) links.push(r.id, id, 0);
        else st.setLink.run(id, 0, r.id);
        touched.add(id);
        created.set(id, [r]);
        if (r.articleId !== null) byArticle.get(r.articleId)?.add(id);
        result.created++;
      }
    }
    // Written before the next chunk is read: a report listed twice is read as linked the second time, as it was.
    setLinks(sqlite, links);
  }
  // Incidents made in this pass hold only this pass's reports, all at hand; those reports joined are updated from
  // their tally.
  for (const [id, reports] of created) if (reports.length > 1) refreshFromReports(sqlite, id, reports, places);
  for (const [id, reports] of joined) {
    // addReports changes the tally it is given: out of the kept ones until it is written.
    keptTallies.delete(id);
    const written = addReports(sqlite, id, reports, places, tallies.get(id), membersStay ? members.get(id) : undefined);
    if (written) keepTally(keptTallies, id, written);
  }
  result.touched = [...touched];
  applyIncidentDecisions(sqlite, keys, now);
  return result;
}
