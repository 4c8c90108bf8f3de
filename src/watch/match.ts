/**
 * Which watches an incident concerns. An incident's *subjects* are its place and every place its reports name,
 * its actors and claimants, each with the places (or parent groups) they are inside: a watch on Kurram matches an
 * incident in Parachinar, a watch on the TTP an incident it claims. The lookup runs the other way round from
 * /timeline's filter (incidentWhere): from the incident to the watches, so its cost does not grow with the number
 * of watches (one map lookup per subject).
 */
import type { Db } from "../db/client.ts";
import type { Watch } from "../db/schema.ts";
import { cachedPluck } from "../store/statements.ts";
import { addDays } from "../digest/time.ts";
import { UserError } from "../errors.ts";
import { escapeText, truncate } from "../render/limits.ts";
import { EVENT_TYPES, isEventType, type EventFamily } from "../incidents/vocabulary.ts";

/** What the filters of a watch look at. */
export interface IncidentFacts {
  id: number;
  occurredOn: string;
  precision: "day" | "month" | "year";
  type: string;
  status: "active" | "dismissed";
  significance: number;
}

function idList(ids: readonly number[]): string {
  return ids.map((n) => String(Math.trunc(n))).join(",");
}

/** The facts of these incidents, by id (missing ids were deleted). */
export function incidentFacts(db: Db, ids: readonly number[]): Map<number, IncidentFacts> {
  const out = new Map<number, IncidentFacts>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db.$client
      .prepare(`select id, occurred_on as occurredOn, precision, type, status, significance from incidents where id in (${idList(ids.slice(i, i + 500))})`)
      .all() as IncidentFacts[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** A memo of entity → itself and what it is inside (nearest first), for one dispatcher pass. */
export class Ancestry {
  private readonly memo = new Map<number, number[]>();
  constructor(private readonly db: Db) {}
  chain(id: number): number[] {
    let c = this.memo.get(id);
    if (c) return c;
    const parent = cachedPluck(this.db, `select parent_id from entities where id = ?`);
    c = [id];
    let p = (parent.get(id) as number | null | undefined) ?? null;
    while (p !== null && c.length < 8 && !c.includes(p)) {
      c.push(p);
      p = (parent.get(p) as number | null | undefined) ?? null;
    }
    this.memo.set(id, c);
    return c;
  }
}

/** Each incident's subjects: places, actors and claimants of it and of its reports, with what they are inside. */
export function incidentSubjects(db: Db, ids: readonly number[], ancestry = new Ancestry(db)): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (let i = 0; i < ids.length; i += 500) {
    const list = idList(ids.slice(i, i + 500));
    const rows = db.$client
      .prepare(
        `select id as incidentId, place_id as entityId from incidents where id in (${list}) and place_id is not null
         union select incident_id, place_id from events where incident_id in (${list}) and place_id is not null
         union select incident_id, claimed_by_id from events where incident_id in (${list}) and claimed_by_id is not null
         union select e.incident_id, ea.entity_id from event_actors ea join events e on e.id = ea.event_id where e.incident_id in (${list})
         union select e.incident_id, ec.claimant_id from event_claims ec join events e on e.id = ec.event_id where e.incident_id in (${list}) and ec.claimant_id is not null`,
      )
      .all() as { incidentId: number; entityId: number }[];
    for (const r of rows) {
      let s = out.get(r.incidentId);
      if (!s) out.set(r.incidentId, (s = new Set()));
      for (const e of ancestry.chain(r.entityId)) s.add(e);
    }
  }
  return out;
}

/** Active watches by subject: built once a pass, then each incident costs a lookup per subject. */
export function watchesBySubject(watches: readonly Watch[]): Map<number, Watch[]> {
  const m = new Map<number, Watch[]>();
  for (const w of watches) {
    const l = m.get(w.subjectId);
    if (l) l.push(w);
    else m.set(w.subjectId, [w]);
  }
  return m;
}

/**
 * The first day an incident may be on to alert this watch: not older than the watch (a day's grace for time zones:
 * "yesterday" in Karachi may be today's date in UTC) and not older than its age limit. Incident dates are days,
 * not instants, so both cut-offs are days.
 */
export function cutoffDay(w: Pick<Watch, "createdAt" | "maxAgeHours">, now: Date): string {
  // Memoised per watch object and instant: a pass asks once per matching incident, with the same answer.
  const memo = cutoffs.get(w);
  if (memo && memo.at === now.getTime()) return memo.day;
  const created = addDays(w.createdAt.slice(0, 10), -1);
  const aged = new Date(now.getTime() - w.maxAgeHours * 3_600_000).toISOString().slice(0, 10);
  const day = created > aged ? created : aged;
  cutoffs.set(w, { at: now.getTime(), day });
  return day;
}
const cutoffs = new WeakMap<object, { at: number; day: string }>();

/** Why an incident does not alert a watch it concerns, or undefined when it does. */
export function filterOut(w: Pick<Watch, "types" | "minCasualties" | "createdAt" | "maxAgeHours">, i: IncidentFacts, now: Date): string | undefined {
  if (i.status !== "active") return "dismissed";
  // A month or a year is background ("in 2023, …"), not news: only incidents dated to the day alert.
  if (i.precision !== "day") return "not dated to the day";
  if (i.occurredOn < cutoffDay(w, now)) return "older than the watch or its age limit";
  if (w.types.length && !w.types.includes(i.type)) return "another type";
  if (w.minCasualties !== null && i.significance < w.minCasualties) return "fewer casualties";
  return undefined;
}

/** The watches (of `bySubject`) an incident with these subjects concerns. */
export function watchesFor(subjects: ReadonlySet<number> | undefined, bySubject: ReadonlyMap<number, readonly Watch[]>): Watch[] {
  if (!subjects) return [];
  const out: Watch[] = [];
  for (const s of subjects) for (const w of bySubject.get(s) ?? []) out.push(w);
  return out;
}

const FAMILIES: readonly EventFamily[] = ["violence", "words", "diplomacy", "crossing", "humanitarian"];

/** "attack, bombing" or a family ("violence") → the event types, or a polite error naming the ones it knows. */
export function parseTypes(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/[,;/]+|\s+and\s+/)) {
    const word = raw.trim().toLowerCase();
    if (!word) continue;
    const byLabel = Object.entries(EVENT_TYPES).find(([, v]) => v.label.toLowerCase() === word)?.[0];
    const singular = word.replace(/s$/, "");
    if (isEventType(word)) out.add(word);
    else if (isEventType(singular)) out.add(singular);
    else if (byLabel) out.add(byLabel);
    else if ((FAMILIES as readonly string[]).includes(word)) {
      for (const [k, v] of Object.entries(EVENT_TYPES)) if (v.family === word) out.add(k);
    } else {
      throw new UserError(
        `“${escapeText(truncate(raw.trim(), 40))}” is not an event type. Use types such as ${Object.keys(EVENT_TYPES).filter((k) => k !== "other").join(", ")} — or a family: ${FAMILIES.join(", ")}.`,
      );
    }
  }
  return [...out].sort();
}

