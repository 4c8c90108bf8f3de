/**
 * Links every report that has no incident yet: after a timeline seed, an ACLED import, or on a store made before
 * incidents existed. Article and curated reports go through linkReports one by one. ACLED rows are most of a big
 * store and ACLED codes one row per happening, so a row can only join an incident that holds an article or a
 * curated entry: rows on a day (±1) that has such an incident are linked one by one, and the rest each become an
 * incident of their own in two set-based statements (a million rows in seconds, not minutes).
 */
import type Database from "better-sqlite3";
import { linkReports, type LinkResult } from "./link.ts";
import { refreshIncidents } from "./refresh.ts";
import { applyIncidentDecisions } from "./decisions.ts";
import { dropSecondaryIndexes } from "../db/indexes.ts";

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

export function linkPending(sqlite: Database.Database, now: Date, opts: { sweep?: boolean } = {}): PendingResult {
  const run = (): PendingResult => {
    // Sweeping for incidents left without reports reads every incident: after imports and seeds, not at start-up.
    const emptied = opts.sweep === false ? 0 : removeEmptyIncidents(sqlite);
    const own = sqlite.prepare<[], number>(`select id from events where incident_id is null and source <> 'acled' order by id`).pluck().all();
    const result: PendingResult = { ...linkReports(sqlite, own, now), bulk: 0, emptied };
    sqlite.exec(`create temp table if not exists link_days (day text primary key) without rowid; delete from temp.link_days;`);
    sqlite.exec(
      `insert or ignore into temp.link_days (day)
       select distinct i.occurred_on from incidents i where i.status = 'active' and i.id in (select incident_id from events where source <> 'acled' and incident_id is not null)`,
    );
    const days = sqlite.prepare<[], string>(`select day from temp.link_days`).pluck().all();
    const near = new Set<string>();
    for (const d of days) {
      near.add(d);
      if (d.length === 10) for (const by of [-1, 1]) near.add(shift(d, by));
    }
    sqlite.exec(`delete from temp.link_days`);
    const add = sqlite.prepare<[string]>(`insert or ignore into temp.link_days (day) values (?)`);
    for (const d of near) add.run(d);
    const acledNear = sqlite
      .prepare<[], number>(
        `select e.id from events e where e.incident_id is null and e.source = 'acled'
           and (e.occurred_on in (select day from temp.link_days) or substr(e.occurred_on, 1, 7) in (select day from temp.link_days))
         order by e.id`,
      )
      .pluck()
      .all();
    // Rows that match nothing are left to the bulk statements below (an ACLED row never joins another ACLED row's
    // incident, so no row's outcome depends on the incident an earlier row would have made).
    const one = linkReports(sqlite, acledNear, now, { createMissing: false });
    result.linked += one.linked;
    result.created += one.created;
    for (const id of one.touched) result.touched.push(id); // a spread of 100,000s of ids overflows the stack
    // A big bulk load builds the incidents' wide secondary indexes once afterwards instead of inserting every row
    // into each of them at a random place (the lookup by first report, which the next statement needs, stays).
    const bulkRows = sqlite.prepare<[], number>(`select count(*) from events where incident_id is null and source = 'acled'`).pluck().get() ?? 0;
    const rebuild = bulkRows >= BULK_REBUILD_ROWS ? dropSecondaryIndexes(sqlite, ["incidents"], ["incidents_first_report_idx"]) : [];
    result.bulk = Number(
      sqlite
        .prepare(
          `insert into incidents (occurred_on, precision, year, month_day, type, place_id, summary, killed_max, injured_max, significance,
             report_count, outlet_count, has_curated, created_at, first_report_id)
           select occurred_on, precision, year, month_day, type, place_id, summary, killed, injured, coalesce(killed, 0) + coalesce(injured, 0),
             1, 1, 0, ?, id
           from events where incident_id is null and source = 'acled' order by id`,
        )
        .run(now.toISOString()).changes,
    );
    if (result.bulk) {
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

function shift(day: string, by: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}
