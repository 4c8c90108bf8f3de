/**
 * Generations: a number per thing linking reads (the gazetteer's places, the incidents of one month or year) that
 * changes whenever that thing may have changed, so that what a linking pass read can be kept for the next pass and
 * read again only then (bench/incidents.bench.ts: reading place chains and a year's incidents anew was a fifth of
 * every article's linking). Ingest keeps its alias index the same way (src/store/alias-index.ts).
 *
 * No migration: the stamps are this connection's own TEMP triggers and TEMP table, not part of the schema. Each write
 * that may change a kept read stamps it with a number never handed out before (a process-wide counter). The stamps
 * are rows of a TEMP table, so they roll back with the write that made them: a read kept under a stamp that was
 * rolled back never matches again, and one kept before the write matches again, as the data is again what it read.
 * Other connections' commits show in PRAGMA data_version; then, or when the triggers are gone (a table rebuilt under
 * them), every kept read is dropped at once (the epoch moves on).
 */
import type Database from "better-sqlite3";
import { perConnection } from "../store/statements.ts";

const TABLE = "borderdesk_generations";
const STAMP = "borderdesk_generation";
const WATCH = "borderdesk_incident_written";
/** The triggers, by name: each stamps what its write may change. */
const TRIGGERS: Record<string, string> = {
  // A place's chain, the places inside it and the words of its name: entities' id, name and parent. The alias index
  // (src/store/alias-index.ts) reads those too, with each entity's slug, kind and subtype, and every alias.
  borderdesk_gen_entities_insert: `after insert on main.entities begin insert or replace into ${TABLE} values ('places', ${STAMP}()), ('aliases', ${STAMP}()); end`,
  borderdesk_gen_entities_update: `after update of id, name, parent_id on main.entities
    begin insert or replace into ${TABLE} values ('places', ${STAMP}()), ('aliases', ${STAMP}()); end`,
  borderdesk_gen_entities_update_kind: `after update of slug, kind, subtype on main.entities begin insert or replace into ${TABLE} values ('aliases', ${STAMP}()); end`,
  borderdesk_gen_entities_delete: `after delete on main.entities begin insert or replace into ${TABLE} values ('places', ${STAMP}()), ('aliases', ${STAMP}()); end`,
  borderdesk_gen_aliases_insert: `after insert on main.aliases begin insert or replace into ${TABLE} values ('aliases', ${STAMP}()); end`,
  borderdesk_gen_aliases_update: `after update on main.aliases begin insert or replace into ${TABLE} values ('aliases', ${STAMP}()); end`,
  borderdesk_gen_aliases_delete: `after delete on main.aliases begin insert or replace into ${TABLE} values ('aliases', ${STAMP}()); end`,
  // The incidents of a month or a year as the candidate index holds them (see CoarseHeads in link.ts).
  borderdesk_gen_incidents_insert: `after insert on main.incidents when length(new.occurred_on) < 10
    begin insert or replace into ${TABLE} values ('incidents ' || new.occurred_on, ${STAMP}()); end`,
  borderdesk_gen_incidents_update: `after update of id, occurred_on, status, type, precision, place_id, killed_max on main.incidents
    when length(old.occurred_on) < 10 or length(new.occurred_on) < 10
    begin insert or replace into ${TABLE} values ('incidents ' || old.occurred_on, ${STAMP}()), ('incidents ' || new.occurred_on, ${STAMP}()); end`,
  borderdesk_gen_incidents_delete: `after delete on main.incidents when length(old.occurred_on) < 10
    begin insert or replace into ${TABLE} values ('incidents ' || old.occurred_on, ${STAMP}()); end`,
  // How many incidents at a place within a year (or a month of it) are of a type: removed or changed ones make them
  // fewer (see AmbiguousFiner in link.ts; ones made only make them more, and stamp nothing).
  borderdesk_gen_finer_delete: `after delete on main.incidents when old.place_id is not null and length(old.occurred_on) > 4
    begin insert or replace into ${TABLE} values ('finer ' || old.place_id || ' ' || substr(old.occurred_on, 1, 4), ${STAMP}()); end`,
  borderdesk_gen_finer_update: `after update of occurred_on, status, type, place_id on main.incidents when old.place_id is not null and length(old.occurred_on) > 4
    begin insert or replace into ${TABLE} values ('finer ' || old.place_id || ' ' || substr(old.occurred_on, 1, 4), ${STAMP}()); end`,
  // Editors' decisions on incidents (decisions.ts): whether there are any, and any dismissal (link.ts), asked by every pass.
  borderdesk_gen_decisions_insert: `after insert on main.incident_decisions begin insert or replace into ${TABLE} values ('decisions', ${STAMP}()); end`,
  borderdesk_gen_decisions_update: `after update on main.incident_decisions begin insert or replace into ${TABLE} values ('decisions', ${STAMP}()); end`,
  borderdesk_gen_decisions_delete: `after delete on main.incident_decisions begin insert or replace into ${TABLE} values ('decisions', ${STAMP}()); end`,
  // Incidents updated or removed, by id, while someone watches (watchIncidents): nothing is stored, nothing rolls back.
  borderdesk_gen_incidents_watch_update: `after update on main.incidents begin select ${WATCH}(old.id, new.id); end`,
  borderdesk_gen_incidents_watch_delete: `after delete on main.incidents begin select ${WATCH}(old.id, old.id); end`,
};
const TRIGGER_COUNT = Object.keys(TRIGGERS).length;

/** Never handed out twice in this process, whatever rolls back. */
let counter = 0;

export class Generations {
  private readonly check: Database.Statement<[], { dataVersion: number; triggers: number }>;
  private readonly stamp: Database.Statement<[string], number>;
  private readonly mark: Database.Statement<[string, number]>;
  private dataVersion = -1;
  private epochNo = 0;
  private watching: Set<number> | null = null;
  /** While held (hold): the epoch checked then, and the stamps read since no stamp was made (`counter` as it was). */
  private held: { epoch: number; counter: number; stamps: Map<string, number> } | null = null;

  constructor(private readonly sqlite: Database.Database) {
    sqlite.function(STAMP, () => ++counter);
    sqlite.function(WATCH, (before: number, after: number) => {
      const w = this.watching;
      if (w !== null) w.add(before).add(after);
      return null;
    });
    this.install();
    this.check = sqlite.prepare(
      `select (select data_version from pragma_data_version) as dataVersion,
              (select count(*) from temp.sqlite_master where type = 'trigger' and name like 'borderdesk\\_gen\\_%' escape '\\') as triggers`,
    );
    this.stamp = sqlite.prepare<[string], number>(`select generation from temp.${TABLE} where what = ?`).pluck();
    this.mark = sqlite.prepare<[string, number]>(`insert or replace into temp.${TABLE} values (?, ?)`);
  }

  private install(): void {
    this.sqlite.exec(`create temp table if not exists ${TABLE} (what text primary key, generation integer not null) without rowid`);
    for (const [name, body] of Object.entries(TRIGGERS)) this.sqlite.exec(`create temp trigger if not exists ${name} ${body}`);
  }

  /**
   * The epoch kept reads belong to, checked at the start of a pass: it moves on when another connection committed
   * or the triggers are gone (they are made again), and everything kept under an earlier one is stale.
   */
  epoch(): number {
    if (this.held !== null) return this.held.epoch;
    const now = this.check.get();
    if (!now || now.triggers !== TRIGGER_COUNT) {
      this.install();
      this.epochNo++;
    } else if (now.dataVersion !== this.dataVersion) this.epochNo++;
    this.dataVersion = now?.dataVersion ?? -1;
    return this.epochNo;
  }

  /**
   * For the length of one transaction that no write rolls back part of and that changes no schema (an ingest batch:
   * withTalliesDeferred in refresh.ts): the epoch is checked once, here, and a stamp once until any stamp is made (the
   * process-wide counter moves on). Without a partial rollback a stamp changes only by being made, and without another
   * connection's commit (the transaction writes) or a schema change the epoch does not move. Returns the epoch.
   */
  hold(): number {
    this.held = null;
    const epoch = this.epoch();
    this.held = { epoch, counter, stamps: new Map<string, number>() };
    return epoch;
  }

  release(): void {
    this.held = null;
  }

  /** Whether hold() is in force: what is read under a stamp may then be kept for the hold's length too. */
  get isHeld(): boolean {
    return this.held !== null;
  }

  /** The epoch as the last check (epoch()) left it, without checking again. */
  get lastEpoch(): number {
    return this.epochNo;
  }

  /**
   * From now on, the ids of the incidents that any write on this connection updates or deletes (a trigger's, an
   * editor's, this process's own) are added to the set returned, until unwatchIncidents. The set only grows: a write
   * rolled back is still in it. Trust what it leaves out only while the epoch stays as it was when watching began (the
   * triggers could be made again in between, and writes between their loss and then would be missed).
   */
  watchIncidents(): Set<number> {
    return (this.watching = new Set<number>());
  }

  unwatchIncidents(): void {
    this.watching = null;
  }

  /** The stamp of one thing ("places", "aliases", "incidents 2023"): 0 when nothing stamped it on this connection. */
  of(what: string): number {
    const h = this.held;
    if (h === null) return this.stamp.get(what) ?? 0;
    if (h.counter !== counter) {
      h.stamps.clear();
      h.counter = counter;
    }
    let stamp = h.stamps.get(what);
    if (stamp === undefined) h.stamps.set(what, (stamp = this.stamp.get(what) ?? 0));
    return stamp;
  }

  /**
   * Stamps one thing anew, as a write that may change it would, and returns the stamp: a read kept under it is then
   * dropped when the transaction it was made in rolls back (the stamp goes back with it), for what may change without
   * stamping anything (incidents made, which only add to a count).
   */
  renew(what: string): number {
    const n = ++counter;
    this.mark.run(what, n);
    return n;
  }
}

/** The connection's generations (its triggers are made on first use). */
export const generationsOf = perConnection((sqlite: Database.Database) => new Generations(sqlite));
