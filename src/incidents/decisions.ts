/**
 * Editors' decisions on incidents (/review incident): merge, split, correct, dismiss, restore. Each is recorded
 * by the stable keys of the reports it is about (events.report_key), and applied again whenever those reports
 * are linked anew (re-ingest, re-import, a re-seeded timeline), so a decision outlives the rows it was made on.
 * A dismissal (and a restore) is about the incident: it is recorded for every report the incident holds, each with
 * the report it was made on, so it holds while any of them is left, and keeps them in one incident (applyOne).
 */
import type Database from "better-sqlite3";
import { generationsOf } from "./generations.ts";
import { refreshIncident } from "./refresh.ts";
import { perConnection } from "../store/statements.ts";

/** Whether any decision is recorded: asked by every linking pass, so prepared once. */
const anyDecisionStatement = perConnection((sqlite: Database.Database) => sqlite.prepare<[], number>(`select exists(select 1 from incident_decisions)`).pluck());
/** Whether any decision was recorded, as last asked, and under which epoch and stamp of decisions (generations.ts). */
const decisionsKept = perConnection((sqlite: Database.Database) => {
  void sqlite;
  return { any: false, epoch: -1, stamp: -1 };
});

/** Whether any decision is recorded: asked of SQLite each time, or, while generations are held (an ingest batch), once until one is written. */
function anyDecision(sqlite: Database.Database): boolean {
  const generations = generationsOf(sqlite);
  if (!generations.isHeld) return anyDecisionStatement(sqlite).get() === 1;
  const k = decisionsKept(sqlite);
  const stamp = generations.of("decisions");
  const epoch = generations.lastEpoch;
  if (k.epoch !== epoch || k.stamp !== stamp) Object.assign(k, { any: anyDecisionStatement(sqlite).get() === 1, epoch, stamp });
  return k.any;
}

export type IncidentAction = "merge" | "split" | "correct" | "dismiss" | "restore";

export interface IncidentPatch {
  date?: string;
  precision?: "day" | "month" | "year";
  placeId?: number;
  type?: string;
  summary?: string;
}

interface DecisionRow {
  id: number;
  action: IncidentAction;
  reportKey: string;
  otherKey: string | null;
  patch: string | null;
}

/** The report a key names (see keyOf in link.ts): curated and ACLED reports by their external id. */
export function incidentOfKey(sqlite: Database.Database, key: string): { eventId: number; incidentId: number | null } | undefined {
  const external = /^(?:timeline|acled):(.+)$/.exec(key)?.[1];
  if (external !== undefined) {
    return sqlite.prepare<[string], { eventId: number; incidentId: number | null }>(`select id as eventId, incident_id as incidentId from events where external_id = ?`).get(external);
  }
  const byId = /^event:(\d+)$/.exec(key)?.[1];
  if (byId !== undefined) {
    return sqlite.prepare<[number], { eventId: number; incidentId: number | null }>(`select id as eventId, incident_id as incidentId from events where id = ?`).get(Number(byId));
  }
  return sqlite.prepare<[string], { eventId: number; incidentId: number | null }>(`select id as eventId, incident_id as incidentId from events where report_key = ? order by id limit 1`).get(key);
}

function applyOne(sqlite: Database.Database, d: DecisionRow, now: Date, touched: Set<number>): void {
  const report = incidentOfKey(sqlite, d.reportKey);
  if (!report || report.incidentId === null) return;
  switch (d.action) {
    case "merge": {
      const other = d.otherKey ? incidentOfKey(sqlite, d.otherKey) : undefined;
      if (!other || other.incidentId === null || other.incidentId === report.incidentId) return;
      sqlite.prepare(`update events set incident_id = ?, link_score = 99 where id = ?`).run(other.incidentId, report.eventId);
      touched.add(report.incidentId).add(other.incidentId);
      return;
    }
    case "split": {
      const alone = sqlite.prepare<[number], { n: number }>(`select count(*) as n from events where incident_id = ?`).get(report.incidentId);
      if ((alone?.n ?? 0) <= 1) return;
      const id = Number(
        sqlite
          .prepare(
            `insert into incidents (occurred_on, precision, year, month_day, type, place_id, summary, created_at, first_report_id)
             select occurred_on, precision, year, month_day, type, place_id, summary, ?, id from events where id = ?`,
          )
          .run(now.toISOString(), report.eventId).lastInsertRowid,
      );
      sqlite.prepare(`update events set incident_id = ?, link_score = 99 where id = ?`).run(id, report.eventId);
      touched.add(report.incidentId).add(id);
      return;
    }
    case "correct": {
      const patch = JSON.parse(d.patch ?? "{}") as IncidentPatch;
      const row = sqlite.prepare<[number], { corrected: string }>(`select corrected from incidents where id = ?`).get(report.incidentId);
      const corrected = new Set(JSON.parse(row?.corrected ?? "[]") as string[]);
      const sets: string[] = [];
      const params: Record<string, string | number | null> = { id: report.incidentId };
      if (patch.date) {
        const precision = patch.precision ?? (patch.date.length === 10 ? "day" : patch.date.length === 7 ? "month" : "year");
        Object.assign(params, { occurredOn: patch.date, precision, year: Number(patch.date.slice(0, 4)), monthDay: precision === "day" ? patch.date.slice(5, 10) : null });
        sets.push("occurred_on = @occurredOn", "precision = @precision", "year = @year", "month_day = @monthDay");
        corrected.add("date");
      }
      if (patch.placeId !== undefined) {
        params["placeId"] = patch.placeId;
        sets.push("place_id = @placeId");
        corrected.add("place");
      }
      if (patch.type) {
        params["type"] = patch.type;
        sets.push("type = @type");
        corrected.add("type");
      }
      if (patch.summary) {
        params["summary"] = patch.summary;
        sets.push("summary = @summary");
        corrected.add("summary");
      }
      params["corrected"] = JSON.stringify([...corrected].sort());
      sets.push("corrected = @corrected");
      sqlite.prepare(`update incidents set ${sets.join(", ")} where id = @id`).run(params);
      touched.add(report.incidentId);
      return;
    }
    case "dismiss":
    case "restore": {
      // A dismissal is recorded for every report the incident held, each with the report it was made on (otherKey):
      // a report that linking put elsewhere since goes back to that report's incident, as a merge does, so the
      // dismissed incident keeps its reports and no other incident is dismissed with one of them.
      let at = report.incidentId;
      if (d.action === "dismiss" && d.otherKey && d.otherKey !== d.reportKey) {
        const anchor = incidentOfKey(sqlite, d.otherKey);
        if (anchor && anchor.incidentId !== null && anchor.incidentId !== at) {
          sqlite.prepare(`update events set incident_id = ?, link_score = 99 where id = ?`).run(anchor.incidentId, report.eventId);
          touched.add(at).add(anchor.incidentId);
          at = anchor.incidentId;
        }
      }
      sqlite.prepare(`update incidents set status = ? where id = ?`).run(d.action === "dismiss" ? "dismissed" : "active", at);
      return;
    }
  }
}

/**
 * Applies, in the order they were made, every decision about these reports and about every report that shares
 * an incident with them. An incident's editorial state is a function of its reports and the decisions about them:
 * the incidents touched are first reset (no corrections, active), then the decisions are replayed, so a report
 * that joined an incident before the replay cannot inherit a correction meant for another.
 */
export function applyIncidentDecisions(sqlite: Database.Database, reportKeys: readonly string[], now: Date): void {
  if (!reportKeys.length) return;
  if (!anyDecision(sqlite)) return;
  const find = sqlite.prepare<[string, string], DecisionRow>(
    `select id, action, report_key as reportKey, other_key as otherKey, patch from incident_decisions where report_key = ? or other_key = ?`,
  );
  const keysOf = sqlite.prepare<[number], { source: string; externalId: string | null; reportKey: string | null; id: number }>(
    `select source, external_id as externalId, report_key as reportKey, id from events where incident_id = ?`,
  );
  const decisions = new Map<number, DecisionRow>();
  const keys = new Set(reportKeys);
  const incidents = new Set<number>();
  // Widen to the reports sharing an incident with these (and with the reports decisions name), twice at most.
  for (let round = 0; round < 3; round++) {
    const before = keys.size;
    for (const key of [...keys]) {
      for (const d of find.all(key, key)) {
        decisions.set(d.id, d);
        keys.add(d.reportKey);
        if (d.otherKey) keys.add(d.otherKey);
      }
      const at = incidentOfKey(sqlite, key);
      if (at?.incidentId != null && !incidents.has(at.incidentId)) {
        incidents.add(at.incidentId);
        for (const r of keysOf.all(at.incidentId)) keys.add(r.source !== "article" && r.externalId ? `${r.source}:${r.externalId}` : (r.reportKey ?? `event:${r.id}`));
      }
    }
    if (keys.size === before) break;
  }
  if (!decisions.size) return;
  const reset = sqlite.prepare<[number]>(`update incidents set corrected = '[]', status = 'active' where id = ?`);
  for (const id of incidents) {
    reset.run(id);
    refreshIncident(sqlite, id);
  }
  const touched = new Set<number>();
  for (const d of [...decisions.values()].sort((a, b) => a.id - b.id)) applyOne(sqlite, d, now, touched);
  for (const id of touched) refreshIncident(sqlite, id);
}

/** Records a decision and applies it at once. */
export function decideIncident(
  sqlite: Database.Database,
  decision: { action: IncidentAction; reportKey: string; otherKey?: string | null; patch?: IncidentPatch | null; guildId?: string | null; userId: string },
  now: Date,
): void {
  sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(`insert into incident_decisions (action, report_key, other_key, patch, guild_id, user_id, created_at) values (?, ?, ?, ?, ?, ?, ?)`)
        .run(decision.action, decision.reportKey, decision.otherKey ?? null, decision.patch ? JSON.stringify(decision.patch) : null, decision.guildId ?? null, decision.userId, now.toISOString())
        .lastInsertRowid,
    );
    const touched = new Set<number>();
    applyOne(sqlite, { id, action: decision.action, reportKey: decision.reportKey, otherKey: decision.otherKey ?? null, patch: decision.patch ? JSON.stringify(decision.patch) : null }, now, touched);
    for (const t of touched) refreshIncident(sqlite, t);
  })();
}
