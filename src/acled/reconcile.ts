/**
 * Stores imported before the ACLED actor table (data/gazetteer/acled-actors.yaml) hold what the table now says
 * otherwise: organisations made of group labels ("Journalists (Pakistan)", "Labour Group (Pakistan)") and of
 * names the table maps to a gazetteer entity ("Islamic State (Afghanistan)" beside ISKP). Each import puts them
 * right first, inside its own transaction: a label's events get it back as a label, a mapped name's events and
 * spellings move to the entity it stands for, and the organisation ACLED's old import made is removed.
 *
 * Only entities an ACLED import created (origin "acled") that no article mentions are touched: a name an
 * article uses, or an editor promoted, is the desk's and stays.
 */
import type Database from "better-sqlite3";
import { defaultActorTable, type AcledActorTable } from "./actors.ts";

export interface AcledReconcileReport {
  /** Organisations that were group labels: their events now carry the label. */
  labels: number;
  /** Organisations that were another name of a gazetteer entity: their events now name that entity. */
  merged: number;
}

interface Stale {
  id: number;
  name: string;
}

export function reconcileAcledActors(sqlite: Database.Database, table: AcledActorTable = defaultActorTable()): AcledReconcileReport {
  const report: AcledReconcileReport = { labels: 0, merged: 0 };
  const stale = sqlite
    .prepare<[], Stale>(
      `select e.id, e.name from entities e
       where e.origin = 'acled' and e.kind <> 'place' and e.mention_count = 0
         and not exists (select 1 from entity_articles ea where ea.entity_id = e.id)`,
    )
    .all();
  if (!stale.length) return report;
  const spellings = sqlite.prepare<[number], string>(`select text from aliases where entity_id = ? order by id`).pluck();
  const bySlug = sqlite.prepare<[string], number>(`select id from entities where slug = ?`).pluck();
  const actorRows = sqlite.prepare<[number], { eventId: number; role: string }>(`select event_id as eventId, role from event_actors where entity_id = ? order by rowid`);
  const addLabels = sqlite.prepare<[string, number]>(
    `update acled_details set actor_labels = (
       select json_group_array(json(value)) from (
         select value from json_each(coalesce(actor_labels, '[]')) union select value from json_each(?)))
     where event_id = ?`,
  );
  const moveActors = sqlite.prepare<[number, number]>(`update or ignore event_actors set entity_id = ? where entity_id = ?`);
  const moveClaims = sqlite.prepare<[number, number]>(`update event_claims set claimant_id = ? where claimant_id = ?`);
  const moveClaimedBy = sqlite.prepare<[number, number]>(`update events set claimed_by_id = ? where claimed_by_id = ?`);
  const moveAliases = sqlite.prepare<[number, number]>(
    `insert into aliases (entity_id, text, norm, kind) select ?, text, norm, kind from aliases where entity_id = ? on conflict do nothing`,
  );
  const remove = sqlite.prepare<[number]>(`delete from entities where id = ?`);

  for (const e of stale) {
    const names = [e.name, ...spellings.all(e.id)];
    const label = names.map((n) => table.labelOf(n)).find((l) => l !== undefined);
    if (label !== undefined) {
      const byEvent = new Map<number, [string, string][]>();
      for (const r of actorRows.all(e.id)) {
        const list = byEvent.get(r.eventId) ?? [];
        list.push([label, r.role]);
        byEvent.set(r.eventId, list);
      }
      for (const [eventId, labels] of byEvent) addLabels.run(JSON.stringify(labels), eventId);
      remove.run(e.id); // its event_actors rows go with it (cascade)
      report.labels++;
      continue;
    }
    const slug = names.map((n) => table.entityOf(n)).find((s) => s !== undefined);
    const target = slug !== undefined ? bySlug.get(slug) : undefined;
    if (target === undefined || target === e.id) continue;
    moveActors.run(target, e.id);
    moveClaims.run(target, e.id);
    moveClaimedBy.run(target, e.id);
    moveAliases.run(target, e.id);
    remove.run(e.id); // rows `update or ignore` left (the event already named the target in that role) go with it
    report.merged++;
  }
  return report;
}
