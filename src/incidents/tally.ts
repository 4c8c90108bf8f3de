/**
 * An incident's tally: running aggregates of its reports (incidents.tally, JSON), so that a report joining a big
 * incident updates what the incident shows, and is scored against it, without every other report being read again
 * (bench/incidents.bench.ts: a background incident such as "the 2020 Doha agreement" gathers hundreds of reports).
 *
 * The tally only ever grows: a report joining adds to it. Anything that takes a report out of an incident or changes
 * what a member report says — its row, or an actor, claim or source added, changed or removed — sets it to NULL
 * (triggers, migrations/0025 and 0026), and the next full refresh (refresh.ts) counts it again from the reports. NULL
 * always means "read the reports"; a tally is never guessed. An incident of one report keeps none (refresh.ts
 * tallyFor): reading its one report costs what reading a tally does.
 */
import type Database from "better-sqlite3";
import type { DatePrecision } from "../db/schema.ts";
import { perConnection } from "../store/statements.ts";
import { reportOutlet } from "./outlets.ts";
import { contentWords } from "./words.ts";

/** A report with everything its incident is made from (its row and its tally). */
export interface ReportFacts {
  id: number;
  source: "article" | "timeline" | "acled";
  occurredOn: string;
  precision: DatePrecision;
  type: string;
  placeId: number | null;
  summary: string;
  killed: number | null;
  injured: number | null;
  claimedById: number | null;
  articleId: number | null;
  articleOutlet: string | null;
  articleUrl: string | null;
  articleSlug: string | null;
  articlePublished: string | null;
  /** Entities named as actors, places left out. */
  actors: number[];
  claims: { claimantId: number | null; killed: number | null; injured: number | null }[];
  sources: { outlet: string; publishedOn: string | null }[];
}

/** Distinct word sets kept in a tally; an incident told in more different words is scored from its reports. */
const MAX_WORD_SETS = 48;

export interface Tally {
  /** Reports counted, and the highest report id among them (a report below it is not "the next one"). */
  n: number;
  maxId: number;
  outlets: string[];
  /** Claimed-by, actors (not places) and claimants of every report. */
  entities: number[];
  /** Killed figures of reports and of their claims. */
  figures: number[];
  sources: string[];
  /** Reports per "precision date". */
  dates: Record<string, number>;
  /** Reports per type. */
  types: Record<string, number>;
  places: number[];
  /** The lowest ACLED and article report id at each precision. */
  firstAcled: Partial<Record<DatePrecision, number>>;
  firstArticle: Partial<Record<DatePrecision, number>>;
  /** The distinct content-word sets of the reports' summaries; null when there are more than MAX_WORD_SETS. */
  words: string[][] | null;
}

export function emptyTally(): Tally {
  return { n: 0, maxId: 0, outlets: [], entities: [], figures: [], sources: [], dates: {}, types: {}, places: [], firstAcled: {}, firstArticle: {}, words: [] };
}

export function parseTally(json: string | null): Tally | null {
  return json === null ? null : (JSON.parse(json) as Tally);
}

export const dateKey = (precision: DatePrecision, date: string): string => `${precision} ${date}`;

/** The outlets a report counts for: its article's, ACLED, and those of the sources it cites. */
export function outletsOf(r: ReportFacts): string[] {
  const out: string[] = [];
  if (r.source === "acled") out.push("acled");
  if (r.source === "article") out.push(reportOutlet(r.articleOutlet, r.articleUrl, r.articleSlug));
  for (const s of r.sources) out.push(reportOutlet(s.outlet, null, null));
  return out;
}

/** Publication dates a report carries: its article's and its sources'. */
export function publishedOf(r: ReportFacts): string[] {
  const out: string[] = [];
  if (r.source === "article" && r.articlePublished) out.push(r.articlePublished);
  for (const s of r.sources) if (s.publishedOn) out.push(s.publishedOn);
  return out;
}

export function entitiesOf(r: ReportFacts): number[] {
  const out = [...r.actors];
  if (r.claimedById !== null) out.push(r.claimedById);
  for (const c of r.claims) if (c.claimantId !== null) out.push(c.claimantId);
  return out;
}

export function figuresOf(r: ReportFacts): number[] {
  const out: number[] = [];
  if (r.killed !== null) out.push(r.killed);
  for (const c of r.claims) if (c.killed !== null) out.push(c.killed);
  return out;
}

/**
 * A tally's longer lists (outlets, entities, figures, places) as sets, made the first time one is looked through and
 * kept beside it, never in the tally (its JSON is what is stored, in the order the list holds). A big incident's
 * outlets are hundreds, and each report joining it looked through them twice (rowWithReport, addToTally): at a
 * tenth of a microsecond a string, a tenth of ingest's linking (bench/ingest.bench.ts, where every article is an
 * outlet of its own). The lists only grow, through addAll, which adds to the set as well.
 */
const listSets = new WeakMap<readonly unknown[], Set<unknown>>();
/** Lists shorter than this are looked through as they are. */
const SHORT_LIST = 16;

/** Whether a tally's list holds this value (list.includes(value), through a kept set when the list is long). */
export function listHas<T>(list: readonly T[], value: T): boolean {
  if (list.length < SHORT_LIST) return list.includes(value);
  let set = listSets.get(list);
  if (!set) listSets.set(list, (set = new Set<unknown>(list)));
  return set.has(value);
}

function addAll<T>(list: T[], values: Iterable<T>): void {
  for (const v of values) {
    if (listHas(list, v)) continue;
    list.push(v);
    listSets.get(list)?.add(v);
  }
}

/** Counts one more report in the tally (in place). */
export function addToTally(t: Tally, r: ReportFacts): void {
  t.n++;
  t.maxId = Math.max(t.maxId, r.id);
  addAll(t.outlets, outletsOf(r));
  addAll(t.entities, entitiesOf(r));
  addAll(t.figures, figuresOf(r));
  addAll(t.sources, [r.source]);
  const dk = dateKey(r.precision, r.occurredOn);
  t.dates[dk] = (t.dates[dk] ?? 0) + 1;
  t.types[r.type] = (t.types[r.type] ?? 0) + 1;
  if (r.placeId !== null) addAll(t.places, [r.placeId]);
  const first = r.source === "acled" ? t.firstAcled : r.source === "article" ? t.firstArticle : undefined;
  if (first) first[r.precision] = Math.min(first[r.precision] ?? r.id, r.id);
  if (t.words) {
    const words = [...contentWords(r.summary)].sort();
    // The same set as one kept (word by word: no word holds a space, so this is comparing them joined by spaces).
    if (!t.words.some((w) => w.length === words.length && w.every((x, i) => x === words[i]))) {
      if (t.words.length < MAX_WORD_SETS) t.words.push(words);
      else t.words = null;
    }
  }
}

export function tallyOf(reports: readonly ReportFacts[]): Tally {
  const t = emptyTally();
  for (const r of [...reports].sort((a, b) => a.id - b.id)) addToTally(t, r);
  return t;
}

/** A tally as parsed (or as made), with the text it was parsed from (or written as). */
export interface KeptTally {
  json: string;
  tally: Tally;
}

/**
 * Tallies as parsed, per incident, kept across passes on a connection with their text: a big incident is a candidate
 * of every article about its day, and parsing its tally (kilobytes of JSON) again each time was a twentieth of
 * linking. Linking uses one only while the incident holds exactly that text (SQLite is asked), so a kept tally whose
 * write was rolled back, or that another write replaced, is read again. Whoever writes a tally keeps it here: linking
 * (addReports), and the full refresh (refresh.ts), so that an article ingested again, whose incidents are refreshed
 * without its reports before they are linked again, does not parse them anew. A tally that is changed in place is
 * taken out first and put back with the text written.
 */
export const parsedTallies = perConnection((sqlite: Database.Database) => {
  void sqlite;
  return new Map<number, KeptTally>();
});
/** Parsed tallies kept per connection; past this many they are dropped. */
const PARSED_TALLIES_KEPT = 2000;

export function keepTally(kept: Map<number, KeptTally>, id: number, entry: KeptTally): void {
  if (kept.size >= PARSED_TALLIES_KEPT && !kept.has(id)) kept.clear();
  kept.set(id, entry);
}

