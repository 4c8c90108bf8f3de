/**
 * Links every report that has no incident yet: after a timeline seed, an ACLED import, or on a store made before
 * incidents existed. Article and curated reports go through linkReports one by one. ACLED rows are most of a big
 * store and ACLED codes one row per happening, so a row can only join an incident that holds an article or a
 * curated entry: rows on a day (±1) that has such an incident of a type they may share are linked one by one, and
 * the rest each become an incident of their own in two set-based statements (a million rows in seconds, not
 * minutes). A bulk ACLED load goes further: it numbers those rows' incidents as it writes them (AcledNumbering), so
 * the incidents are inserted afterwards under the numbers the rows already carry, with no update of the rows.
 *
 * An incident made here of one ACLED row does not copy the row's summary: it is written as '' and
 * the incident read model (src/store/incidents.ts) shows its first report's, which is that row. A million rows'
 * notes are not stored twice, and the incidents table a bulk load writes and builds three indexes from is a
 * quarter of the size. A report joining it has it read again in full (it keeps no tally), which writes the summary.
 */
import type Database from "better-sqlite3";
import { incidentFacts, LINK_THRESHOLD, linkReports, scoreLink, type CandidateFacts, type LinkResult, type Report } from "./link.ts";
import { entitiesOf } from "./tally.ts";
import { contentWords } from "./words.ts";
import { refreshIncidents } from "./refresh.ts";
import { applyIncidentDecisions } from "./decisions.ts";
import { EVENT_TYPES, compatibleTypes } from "./vocabulary.ts";
import { dropSecondaryIndexes } from "../db/indexes.ts";
import { PlaceChains } from "./places.ts";

/** ACLED rows to make incidents of at once above which the incidents' indexes are built afresh after the load. */
const BULK_REBUILD_ROWS = 20_000;

export interface PendingResult extends LinkResult {
  /** ACLED rows that became incidents of their own in bulk. */
  bulk: number;
  /** Incidents deleted because no report was left in them. */
  emptied: number;
}

/** Whether any report waits for linking (an indexed lookup: cheap enough for every start-up). */
export function hasUnlinkedReports(sqlite: Database.Database): boolean {
  return sqlite.prepare<[], number>(`select exists(select 1 from events where incident_id is null)`).pluck().get() === 1;
}

/**
 * Which ACLED rows may meet an incident (active or dismissed) that holds an article or a curated entry: those for
 * which the candidate query of src/incidents/link.ts could return such an incident, so that a row that is not near
 * can only become an incident of its own. The same rules, on what is in memory: of a type the row's candidates include
 * (compatibleTypes), at a place that meets the row's (PlaceChains.relation: the same, one it is in or one inside
 * it; either without a place), and for a row of a day dated the day or a day either side, or the month or year
 * the row is in; for a coarser row the same month or year, or any day or month inside it (link.ts looks there only
 * at the row's own place: this is wider, never narrower). test/incidents/acled-nearness.test.ts holds the two
 * together.
 *
 * For a new row that is near, `mayJoin` goes one step further and scores it against those incidents as linking
 * would (scoreLink, on the facts a linking pass reads: incidentFacts): a row none of them would take can only stand
 * alone too. Most near rows are such rows (a bulk load of the bench's million rows: some 24,700 near, 89 taken),
 * and linking them one by one was a tenth of the load.
 */
export class AcledNearness {
  /** The facts linking scores against, per incident, read when first needed. */
  private readonly facts = new Map<number, CandidateFacts>();

  private constructor(
    private readonly sqlite: Database.Database,
    /** For rows of a day: the day (and those either side), month or year of such incidents → row type → places. */
    private readonly forDays: ReadonlyMap<string, Map<string, Places>>,
    /** For coarser rows: month or year → row type → where such incidents are. */
    private readonly forCoarse: ReadonlyMap<string, Map<string, Places>>,
    /** Chains of places as linking walks them (a bulk load makes places as it goes: read when first needed). */
    private readonly places: PlaceChains,
  ) {}

  static of(sqlite: Database.Database): AcledNearness {
    const incidents = sqlite
      .prepare<[], Omit<Head, "acled"> & { acled: 0 | 1 }>(
        `select i.id, i.occurred_on as occurredOn, i.precision, i.type, i.place_id as placeId,
           exists(select 1 from events a where a.incident_id = i.id and a.source = 'acled') as acled from incidents i
         where i.status in ('active', 'dismissed') and i.id in (select incident_id from events where source <> 'acled' and incident_id is not null)`,
      )
      .all();
    const forDays = new Map<string, Map<string, Places>>();
    const forCoarse = new Map<string, Map<string, Places>>();
    const add = (to: Map<string, Map<string, Places>>, date: string, type: string, head: Head): void => {
      let byType = to.get(date);
      if (!byType) to.set(date, (byType = new Map<string, Places>()));
      let places = byType.get(type);
      if (!places) byType.set(type, (places = { anywhere: [], at: new Map(), meets: new Map() }));
      if (head.placeId === null) places.anywhere.push(head);
      else {
        const list = places.at.get(head.placeId);
        if (list) list.push(head);
        else places.at.set(head.placeId, [head]);
      }
    };
    for (const row of incidents) {
      const head: Head = { ...row, acled: row.acled === 1 };
      const day = head.occurredOn;
      // A row of a day meets a day incident the day before, of or after it; a month or year one by its own date.
      const around = day.length === 10 ? [day, shift(day, -1), shift(day, 1)] : [day];
      // For a coarser row: the same date, or any within it (a day is within its month and year, a month its year).
      const within = day.length === 10 ? [day.slice(0, 7), day.slice(0, 4)] : day.length === 7 ? [day, day.slice(0, 4)] : [day];
      for (const rowType of joinersOf(head.type)) {
        for (const d of around) add(forDays, d, rowType, head);
        for (const d of within) add(forCoarse, d, rowType, head);
      }
    }
    return new AcledNearness(sqlite, forDays, forCoarse, new PlaceChains(sqlite));
  }

  /** Whether a row of this date, type and place may join such an incident. */
  has(occurredOn: string, type: string, placeId: number | null): boolean {
    // Asked of every row of a bulk load: map lookups, and a walk of the places only once per list and place.
    if (occurredOn.length !== 10) return this.anyAt(this.forCoarse.get(occurredOn)?.get(type), placeId);
    return (
      this.anyAt(this.forDays.get(occurredOn)?.get(type), placeId) ||
      this.anyAt(this.forDays.get(occurredOn.slice(0, 7))?.get(type), placeId) ||
      this.anyAt(this.forDays.get(occurredOn.slice(0, 4))?.get(type), placeId)
    );
  }

  /** Whether any of these incidents is at a place that meets `placeId` (remembered per place). */
  private anyAt(places: Places | undefined, placeId: number | null): boolean {
    if (!places) return false;
    if (placeId === null || places.anywhere.length) return true;
    let hit = places.meets.get(placeId);
    if (hit === undefined) places.meets.set(placeId, (hit = this.meets(places, placeId, () => true)));
    return hit;
  }

  /**
   * Whether linking could put this row, not written yet, into one of those incidents: one of them near it scores it
   * at LINK_THRESHOLD with something beyond date, type and place agreeing (scoreLink, as linkReports asks of an
   * ACLED row). False means the row can only stand alone. `actors()` gives the entities the row's actors are (places
   * left out), as its event_actors rows will hold them.
   *
   * An incident that held an ACLED report when nearness was read is not scored: the load may still update that
   * report (a later row of the export moves it elsewhere), and an ordinary import, which links only once every row
   * is written, would then score the row against the incident without it. The row may join, and linkPending decides
   * once the rows are written. A first import has no such incident, so this costs it nothing.
   */
  mayJoin(row: NewAcledRow): boolean {
    let report: Report | undefined;
    let rFacts: { entities: ReadonlySet<number>; words: ReadonlySet<string> } | undefined;
    const scores = (head: Head): boolean => {
      if (head.acled) return true;
      report ??= {
        id: 0, source: "acled", occurredOn: row.occurredOn, precision: row.precision, type: row.type, placeId: row.placeId, summary: row.summary,
        killed: row.killed, injured: null, claimedById: null, articleId: null, articleOutlet: null, articleUrl: null, articleSlug: null,
        articlePublished: null, actors: row.actors(), claims: [], sources: [], externalId: null, reportKey: null,
      };
      rFacts ??= { entities: new Set(entitiesOf(report)), words: contentWords(report.summary) };
      const s = scoreLink(report, rFacts, head, this.factsOf(head.id), this.places, false, false);
      return s !== undefined && s.score >= LINK_THRESHOLD && s.corroborated;
    };
    for (const places of this.listsFor(row.occurredOn, row.type)) if (this.meets(places, row.placeId, scores)) return true;
    return false;
  }

  /** Where incidents a row of this date and type may meet are: its own date's list, and for a day its month's and year's. */
  private listsFor(occurredOn: string, type: string): Places[] {
    const out: Places[] = [];
    const keys = occurredOn.length !== 10 ? [] : [occurredOn, occurredOn.slice(0, 7), occurredOn.slice(0, 4)];
    const from = occurredOn.length !== 10 ? this.forCoarse.get(occurredOn)?.get(type) : undefined;
    if (from) out.push(from);
    for (const k of keys) {
      const p = this.forDays.get(k)?.get(type);
      if (p) out.push(p);
    }
    return out;
  }

  /** Whether an incident of these at a place that meets the row's (the same, or one inside the other) passes `test`. */
  private meets(places: Places, placeId: number | null, test: (head: Head) => boolean): boolean {
    for (const h of places.anywhere) if (test(h)) return true;
    for (const [at, heads] of places.at) {
      if (placeId !== null && at !== placeId && !this.places.relation(placeId, at)) continue;
      for (const h of heads) if (test(h)) return true;
    }
    return false;
  }

  /**
   * A row of the load updated an event the store held: facts read so far are dropped. Those kept are only of
   * incidents holding no ACLED report (the others are not scored), which a load writing ACLED rows leaves as they
   * are; dropping them keeps that true whatever the facts come to include. A first import updates nothing.
   */
  updated(): void {
    if (this.facts.size) this.facts.clear();
  }

  private factsOf(id: number): CandidateFacts {
    let f = this.facts.get(id);
    if (!f) {
      f = incidentFacts(this.sqlite, [id]).get(id) ?? { sources: new Set(), entities: new Set(), figures: new Set(), words: [] };
      this.facts.set(id, f);
    }
    return f;
  }
}

/** An incident as nearness keeps it: what linking's candidate query reads. */
interface Head {
  id: number;
  occurredOn: string;
  precision: "day" | "month" | "year";
  type: string;
  placeId: number | null;
  /** It held an ACLED report when read (see mayJoin). */
  acled: boolean;
}

/** Where incidents of one date and type are: at these places, and (anywhere) those without a place. */
interface Places {
  anywhere: Head[];
  at: Map<number, Head[]>;
  /** Whether one of them is at a place that meets this row place (see AcledNearness.has). */
  meets: Map<number, boolean>;
}

/** What a bulk load knows of a new ACLED row when it numbers it. */
export interface NewAcledRow {
  occurredOn: string;
  precision: "day" | "month" | "year";
  type: string;
  placeId: number | null;
  summary: string;
  killed: number | null;
  /** The entities of its actors (group labels and places left out), read only for a row that is near. */
  actors: () => number[];
}

/** The report types whose candidates include incidents of this type (the type itself always). */
function joinersOf(incidentType: string): string[] {
  const out = Object.keys(EVENT_TYPES).filter((t) => compatibleTypes(t).includes(incidentType));
  return out.includes(incidentType) ? out : [incidentType, ...out];
}

/**
 * The numbers a bulk ACLED load gives the incidents of its new rows as it writes them: a row that no incident
 * holding an article or curated entry could take (AcledNearness: not near one, or near but scoring too low with
 * every one) can only become an incident of its own, so it is written with the next number as its incident_id and
 * linkPending inserts those incidents afterwards, in one statement, under the same numbers. Rows that could join
 * one are written unlinked and linked by linkPending as before. Only inside the load's transaction, with foreign
 * keys unchecked: until linkPending runs, the rows point at incidents that do not exist yet.
 *
 * A later row of the same event (per-actor exports) adds actors, and an actor may be what an incident shares with
 * it: an event numbered although it was near gives its number back (`release`) and is linked with the rest.
 */
export class AcledNumbering {
  /** The next number to give; numbers from `first` up to it are taken, but for those given back. */
  next: number;
  /** Numbers given back (their events were unlinked again): no incident is made under them. */
  private released = 0;
  /** Whether the row numbered last was near an incident (and numbered because none would take it). */
  private lastNear = false;
  /** Events numbered although near (see `release`). */
  private readonly nearAlone = new Set<number>();
  private constructor(
    readonly first: number,
    /** Events the load writes have ids from this one on (ids only grow). */
    readonly firstEvent: number,
    /** Which rows may meet an incident holding an article or curated entry (those do not change during the load). */
    readonly near: AcledNearness,
  ) {
    this.next = first;
  }

  /**
   * Links the reports that wait (articles and curated entries first: their incidents decide which ACLED rows are
   * near) and starts numbering after every incident id used so far (deleted ones included: ids are AUTOINCREMENT).
   */
  static start(sqlite: Database.Database, now: Date): { numbering: AcledNumbering; linked: PendingResult } {
    const linked = linkPending(sqlite, now);
    const first =
      sqlite
        .prepare<[], number>(`select max(coalesce((select seq from sqlite_sequence where name = 'incidents'), 0), coalesce((select max(id) from incidents), 0)) + 1`)
        .pluck()
        .get() ?? 1;
    const firstEvent = sqlite.prepare<[], number>(`select coalesce(max(id), 0) + 1 from events`).pluck().get() ?? 1;
    return { numbering: new AcledNumbering(first, firstEvent, AcledNearness.of(sqlite)), linked };
  }

  /** The incident number a new row is written with, or null when linking must decide. */
  numberFor(occurredOn: string, type: string, placeId: number | null, describe: () => NewAcledRow): number | null {
    this.lastNear = this.near.has(occurredOn, type, placeId);
    if (this.lastNear && this.near.mayJoin(describe())) return null;
    return this.next;
  }

  /** The row numberFor numbered was written as this event: its number is taken. */
  took(eventId: number): void {
    if (this.lastNear) this.nearAlone.add(eventId);
    this.next++;
  }

  /**
   * A later row of this event adds actors to it: true when the event was numbered although near, so its number is
   * given back and the caller unlinks it (linkPending links it with its actors all there).
   */
  release(eventId: number): boolean {
    if (!this.nearAlone.delete(eventId)) return false;
    this.released++;
    return true;
  }

  /** Incidents to make under the numbers given. */
  get count(): number {
    return this.next - this.first - this.released;
  }
}

export function linkPending(sqlite: Database.Database, now: Date, opts: { sweep?: boolean; numbered?: AcledNumbering } = {}): PendingResult {
  const numbered = opts.numbered?.count ? opts.numbered : undefined;
  const run = (): PendingResult => {
    // Incidents made below by AUTOINCREMENT come after the numbers a bulk load gave its rows.
    if (numbered) reserveIncidentIds(sqlite, numbered.next - 1);
    // Sweeping for incidents left without reports reads every incident: after imports and seeds, not at start-up.
    const emptied = opts.sweep === false ? 0 : removeEmptyIncidents(sqlite);
    const own = sqlite.prepare<[], number>(`select id from events where incident_id is null and source <> 'acled' order by id`).pluck().all();
    const result: PendingResult = { ...linkReports(sqlite, own, now), bulk: 0, emptied };
    // ACLED rows that may meet an incident holding an article or curated entry (AcledNearness) are linked one by
    // one. After a bulk load the rows waiting are only those (the others carry their numbers), so all are read.
    // Made only when an ACLED row waits: it maps every incident holding an article or curated entry (a store of
    // 200,000 article reports: some 600 MB of maps, garbage once made, for no row to ask about).
    const acledWaits = sqlite.prepare<[], number>(`select exists(select 1 from events where incident_id is null and source = 'acled')`).pluck().get() === 1;
    const nearness = opts.numbered?.near ?? (acledWaits ? AcledNearness.of(sqlite) : undefined);
    const acledNear: number[] = [];
    const waiting = sqlite.prepare<[], { id: number; occurredOn: string; type: string; placeId: number | null }>(
      `select e.id, e.occurred_on as occurredOn, e.type, e.place_id as placeId from events e where e.incident_id is null and e.source = 'acled' order by e.id`,
    );
    if (nearness) for (const r of waiting.iterate()) if (nearness.has(r.occurredOn, r.type, r.placeId)) acledNear.push(r.id);
    // Rows that match nothing are left to the bulk statements below (an ACLED row never joins another ACLED row's
    // incident, so no row's outcome depends on the incident an earlier row would have made).
    const one = linkReports(sqlite, acledNear, now, { createMissing: false });
    result.linked += one.linked;
    result.created += one.created;
    for (const id of one.touched) result.touched.push(id); // a spread of 100,000s of ids overflows the stack
    // A big bulk load builds the incidents' wide secondary indexes once afterwards instead of inserting every row
    // into each of them at a random place (the lookup by first report, which the next statement needs, stays).
    const bulkRows = (sqlite.prepare<[], number>(`select count(*) from events where incident_id is null and source = 'acled'`).pluck().get() ?? 0) + (numbered?.count ?? 0);
    const rebuild = bulkRows >= BULK_REBUILD_ROWS ? dropSecondaryIndexes(sqlite, ["incidents"], ["incidents_first_report_idx"]) : [];
    if (numbered) {
      // The incidents a bulk load numbered, under those numbers: read from the load's rows in id order (the numbers
      // grow with the ids), a range of the table itself rather than a walk of the rows' incident index.
      const made = sqlite
        .prepare(
          `insert into incidents (id, occurred_on, precision, year, month_day, type, place_id, summary, killed_max, injured_max, significance,
             report_count, outlet_count, has_curated, created_at, first_report_id)
           select incident_id, occurred_on, precision, year, month_day, type, place_id, '', killed, injured, coalesce(killed, 0) + coalesce(injured, 0),
             1, 1, 0, ?, id
           from events where id >= ? and +incident_id >= ? and +incident_id < ? order by id`,
        )
        .run(now.toISOString(), numbered.firstEvent, numbered.first, numbered.next).changes;
      if (made !== numbered.count) throw new Error(`incidents numbered by the bulk load: ${numbered.count}, rows carrying them: ${made}`);
      result.bulk += made;
    }
    const alone = Number(
      sqlite
        .prepare(
          `insert into incidents (occurred_on, precision, year, month_day, type, place_id, summary, killed_max, injured_max, significance,
             report_count, outlet_count, has_curated, created_at, first_report_id)
           select occurred_on, precision, year, month_day, type, place_id, '', killed, injured, coalesce(killed, 0) + coalesce(injured, 0),
             1, 1, 0, ?, id
           from events where incident_id is null and source = 'acled' order by id`,
        )
        .run(now.toISOString()).changes,
    );
    result.bulk += alone;
    if (alone) {
      sqlite.exec(
        `update events set incident_id = i.id, link_score = 0 from incidents i
         where i.first_report_id = events.id and events.incident_id is null and events.source = 'acled'`,
      );
    }
    for (const sql of rebuild) sqlite.exec(sql);
    // Incidents that lost their curated entry (removed from data/timeline) show what their other reports say.
    const stale = sqlite
      .prepare<[], number>(`select id from incidents where has_curated = 1 and not exists (select 1 from events e where e.incident_id = incidents.id and e.source = 'timeline')`)
      .pluck()
      .all();
    refreshIncidents(sqlite, stale);
    // Decisions about ACLED rows that became incidents in bulk.
    if (result.bulk) {
      const keys = sqlite.prepare<[], string>(`select report_key from incident_decisions where report_key like 'acled:%' union select other_key from incident_decisions where other_key like 'acled:%'`).pluck().all();
      applyIncidentDecisions(sqlite, keys, now);
    }
    return result;
  };
  return sqlite.inTransaction ? run() : sqlite.transaction(run).immediate();
}

/** Deletes incidents no report points at any more (their reports were re-imported, pruned or re-seeded). */
export function removeEmptyIncidents(sqlite: Database.Database): number {
  return sqlite.prepare(`delete from incidents where not exists (select 1 from events e where e.incident_id = incidents.id)`).run().changes;
}

/** Makes AUTOINCREMENT give incidents ids above `last` (it takes the larger of this and the highest id there is). */
function reserveIncidentIds(sqlite: Database.Database, last: number): void {
  const seq = sqlite.prepare<[], number>(`select seq from sqlite_sequence where name = 'incidents'`).pluck().get();
  if (seq === undefined) sqlite.prepare(`insert into sqlite_sequence (name, seq) values ('incidents', ?)`).run(last);
  else if (seq < last) sqlite.prepare(`update sqlite_sequence set seq = ? where name = 'incidents'`).run(last);
}

function shift(day: string, by: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}
