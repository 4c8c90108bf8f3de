/**
 * `borderdesk watch test`: the alerts a watch would have produced over the stored data, for an editor to tune a
 * watch before turning it on. It replays what the dispatcher does with the same matcher and filters: incidents are
 * taken in the order they entered the store, those that entered together (one import, one poll) are one arrival,
 * and an arrival of more than BURST_THRESHOLD for the watch is one summary; an incident older than the age limit
 * when it entered (a backfill) does not alert.
 */
import type { Db } from "../db/client.ts";
import type { Watch } from "../db/schema.ts";
import { incidentRecord, loadIncidents } from "../store/incidents.ts";
import { BURST_THRESHOLD } from "./dispatch.ts";
import { Ancestry, filterOut, incidentFacts, incidentSubjects, watchesBySubject, watchesFor } from "./match.ts";
import { renderAlert } from "./render.ts";
import { renderPayload } from "../render/payload.ts";

/** Incidents looked at, at most: a range over a million-row ACLED store says so rather than running for minutes. */
export const PREVIEW_SCAN_LIMIT = 50_000;

export interface WatchTestOptions {
  subject: { id: number; name: string; kind: string };
  /** YYYY-MM-DD: incidents that happened on or after it. */
  since: string;
  until?: string | undefined;
  types?: string[];
  minCasualties?: number | null;
  maxAgeHours?: number;
}

export function testWatch(db: Db, opts: WatchTestOptions) {
  const types = opts.types ?? [];
  const maxAgeHours = opts.maxAgeHours ?? 48;
  const until = opts.until ?? "9999-12-31";
  const rows = db.$client
    .prepare<[string, string], { id: number; createdAt: string }>(
      `select id, created_at as createdAt from incidents where occurred_on >= ? and occurred_on <= ? and precision = 'day' order by id limit ${PREVIEW_SCAN_LIMIT + 1}`,
    )
    .all(opts.since, until);
  const truncated = rows.length > PREVIEW_SCAN_LIMIT;
  const scanned = rows.slice(0, PREVIEW_SCAN_LIMIT);
  const ids = scanned.map((r) => r.id);
  const facts = incidentFacts(db, ids);
  const subjects = incidentSubjects(db, ids, new Ancestry(db));
  const watch: Watch = {
    id: 0,
    guildId: "",
    channelId: "",
    subjectId: opts.subject.id,
    types,
    minCasualties: opts.minCasualties ?? null,
    quietHours: null,
    timezone: "UTC",
    maxAgeHours,
    status: "active",
    pauseReason: null,
    pausedAt: null,
    createdBy: "",
    createdAt: `${opts.since}T00:00:00.000Z`,
  };
  const bySubject = watchesBySubject([watch]);
  const skipped: Record<string, number> = {};
  // Arrivals: incidents that entered the store in the same minute (an import, a poll, a folder of articles).
  const arrivals = new Map<string, number[]>();
  for (const r of scanned) {
    const f = facts.get(r.id);
    if (!f || !watchesFor(subjects.get(r.id), bySubject).length) continue;
    // Judged as the dispatcher judged it when it entered the store (its age then, not now).
    const why = filterOut({ ...watch, createdAt: watch.createdAt }, f, new Date(r.createdAt));
    if (why) {
      skipped[why] = (skipped[why] ?? 0) + 1;
      continue;
    }
    // Within a minute: about one dispatcher pass (a folder of articles is written over a few seconds).
    const minute = r.createdAt.slice(0, 16);
    const l = arrivals.get(minute);
    if (l) l.push(r.id);
    else arrivals.set(minute, [r.id]);
  }
  const alerts: { at: string; incident: ReturnType<typeof incidentRecord>; message: ReturnType<typeof renderPayload> }[] = [];
  const bursts: { at: string; count: number; incident_ids: number[] }[] = [];
  for (const [at, list] of arrivals) {
    if (list.length > BURST_THRESHOLD) {
      bursts.push({ at, count: list.length, incident_ids: list });
      continue;
    }
    for (const v of loadIncidents(db, list)) alerts.push({ at, incident: incidentRecord(v), message: renderPayload(renderAlert(v, { name: opts.subject.name })) });
  }
  return {
    ok: true,
    subject: opts.subject,
    since: opts.since,
    until: opts.until ?? null,
    filters: { types, min_casualties: opts.minCasualties ?? null, max_age_hours: maxAgeHours },
    scanned: scanned.length,
    truncated,
    alerts,
    bursts,
    skipped,
  };
}
