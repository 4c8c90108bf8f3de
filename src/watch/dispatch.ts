/**
 * The watch dispatcher. Ingest never waits for it: every write path (an article, a feed poll, an ACLED import, an
 * editor's /review incident) only leaves incidents behind — new ones above the dispatcher's cursor, changed ones
 * queued in watch_changes by a trigger in the writer's own transaction. A pass then works in two steps:
 *
 * 1. record (one transaction): match new and changed incidents against the active watches, and write what is owed
 *    to the ledger (watch_alerts): a pending alert with its nonce and payload, a burst summary instead of a flood,
 *    an alert held for quiet hours, a new payload for an alert already posted (an edit owed), a withdrawal.
 * 2. send: post what is pending with its nonce (after a restart past Discord's nonce window, first look for it in
 *    the channel, as the digest does), PATCH what is owed an edit, reply in the alert's thread when a figure jumps
 *    or an editor corrects the incident. A channel Discord closes to the bot pauses that watch with the reason.
 *
 * Passes never overlap; one process runs them (shard 0, like the digest scheduler).
 */
import { retryBusy } from "../db/busy.ts";
import type { Db } from "../db/client.ts";
import type { Watch, WatchAlert } from "../db/schema.ts";
import type { Logger } from "../logger.ts";
import type { ChannelPoster, FindOutcome } from "../discord/poster.ts";
import { classifyFailure, DEFAULT_RETRY, markDelivery, posterDeliverer, sendWithRetry, type RetryPolicy } from "../digest/deliver.ts";
import { newNonce } from "../digest/ledger.ts";
import { MAX_ATTEMPTS, NONCE_WINDOW_MS } from "../digest/schedule.ts";
import { renderPayload, type MessagePayload } from "../render/payload.ts";
import type { ReplyModel } from "../render/reply.ts";
import { getIncident, loadIncidents, type IncidentView } from "../store/incidents.ts";
import { incidentHeading } from "../render/incidents.ts";
import { getEntityName } from "../digest/query.ts";
import { listActiveWatches, pauseWatch } from "../store/watches.ts";
import { incidentOfKey } from "../incidents/decisions.ts";
import { Ancestry, filterOut, incidentFacts, incidentSubjects, watchesBySubject, watchesFor } from "./match.ts";
import { isQuiet } from "./quiet.ts";
import { renderAlert, renderBurst, renderNote, renderQuietSummary, renderWithdrawn, type AlertSubject } from "./render.ts";

/** More new incidents than this for one watch in one pass are summarised in one message. */
export const BURST_THRESHOLD = 5;
/** Incidents listed in a summary (the rest are counted). */
const SUMMARY_LIST = 25;

export interface RecordReport {
  /** New incidents looked at (above the cursor, recent enough for some watch). */
  scanned: number;
  changed: number;
  alerts: number;
  bursts: number;
  held: number;
  released: number;
  edits: number;
  withdrawn: number;
}

export interface SendReport {
  sent: number;
  /** Found already in the channel after a long outage: recorded, not posted again. */
  found: number;
  edited: number;
  notes: number;
  retrying: number;
  failed: number;
  paused: number;
}

function subjectOf(db: Db, w: Pick<Watch, "subjectId">, names: Map<number, AlertSubject>): AlertSubject {
  let s = names.get(w.subjectId);
  if (!s) names.set(w.subjectId, (s = { name: getEntityName(db, w.subjectId) ?? "?" }));
  return s;
}

/** The payload as stored: rendered within Discord's limits and marked with the nonce (the look after an outage finds it by that). */
function stored(reply: ReplyModel, nonce: string): string {
  return JSON.stringify(renderPayload(markDelivery(reply, nonce)));
}

function keysOf(i: IncidentView): string[] {
  return i.reports.map((r) => r.key);
}

/** A figure worth a reply under the alert: the highest killed figure grew by half and by five or more. */
function figureJump(shown: number | null, now: number | null): boolean {
  if (now === null) return false;
  if (shown === null) return now >= 5;
  return now - shown >= 5 && now >= shown * 1.5;
}

function killedMax(i: IncidentView): number | null {
  let k: number | null = null;
  for (const c of i.claims) if (c.killed !== null) k = Math.max(k ?? 0, c.killed);
  for (const f of i.figures) if (f.killed !== null) k = Math.max(k ?? 0, f.killed);
  for (const r of i.reports) if (r.killed !== null) k = Math.max(k ?? 0, r.killed);
  return k;
}

/**
 * Step 1: writes what the watches are owed to the ledger, in one transaction. Returns what it recorded. The
 * first pass on a store starts the cursor at its newest incident: what was there before any watch never alerts.
 */
export function recordWatchAlerts(db: Db, now: Date, opts: { burstThreshold?: number } = {}): RecordReport {
  const sqlite = db.$client;
  const report: RecordReport = { scanned: 0, changed: 0, alerts: 0, bursts: 0, held: 0, released: 0, edits: 0, withdrawn: 0 };
  const burst = opts.burstThreshold ?? BURST_THRESHOLD;
  const run = (): void => {
    const maxId = (sqlite.prepare(`select coalesce(max(id), 0) as n from incidents`).get() as { n: number }).n;
    const cursor = sqlite.prepare<[], { lastIncidentId: number }>(`select last_incident_id as lastIncidentId from watch_cursor where id = 1`).get();
    if (!cursor) {
      sqlite.prepare(`insert into watch_cursor (id, last_incident_id) values (1, ?)`).run(maxId);
      sqlite.prepare(`delete from watch_changes`).run();
      return;
    }
    const changed = sqlite.prepare<[], number>(`select incident_id from watch_changes order by incident_id`).pluck().all();
    if (changed.length) sqlite.prepare(`delete from watch_changes`).run();
    report.changed = changed.length;
    const watches = listActiveWatches(db);
    const iso = now.toISOString();
    const names = new Map<number, AlertSubject>();
    const insert = sqlite.prepare(
      `insert into watch_alerts (watch_id, kind, incident_id, status, summary_id, nonce, payload, report_keys, killed_shown, created_at)
       values (@watchId, @kind, @incidentId, @status, @summaryId, @nonce, @payload, @reportKeys, @killedShown, @createdAt)
       on conflict do nothing`,
    );
    const alerted = sqlite.prepare<[number, number], { id: number }>(`select id from watch_alerts where watch_id = ? and incident_id = ?`);

    // ---- alerts of changed incidents: edit, withdraw, or follow the reports to the incident they joined. First, so
    // that an incident made anew by a re-ingest (its reports deleted and written again) takes over its alert
    // instead of alerting again below.
    if (changed.length) {
      const rows = sqlite
        .prepare(
          `select a.*, w.subject_id as subjectId, w.guild_id as guildId, w.channel_id as channelId from watch_alerts a join watches w on w.id = a.watch_id
           where a.kind = 'alert' and a.status in ('pending', 'sent', 'withdrawn') and a.incident_id in (${changed.map((n) => Math.trunc(n)).join(",")})`,
        )
        .all() as (RawAlert & { subjectId: number; guildId: string; channelId: string })[];
      for (const a of rows) {
        const subject = subjectOf(db, { subjectId: a.subjectId }, names);
        let view = a.incident_id !== null ? getIncident(db, a.incident_id) : undefined;
        let status: WatchAlert["status"] = a.status === "withdrawn" ? "sent" : a.status;
        let reply: ReplyModel | undefined;
        let note: string | null = null;
        const oldKeys = JSON.parse(a.report_keys) as string[];
        const previous = JSON.parse(a.payload) as MessagePayload;
        const heading = (previous.embeds?.[0]?.title ?? "Incident").replace(/^🚨 /, "").replace(/^Withdrawn — /, "");
        if (!view) {
          // Its reports went elsewhere (an editor's merge, a re-ingest): follow them.
          const moved = oldKeys.map((k) => incidentOfKey(sqlite, k)?.incidentId).find((id): id is number => id !== null && id !== undefined);
          const other = moved !== undefined ? alerted.get(a.watch_id, moved) : undefined;
          if (moved !== undefined && !other) {
            sqlite.prepare(`update watch_alerts set incident_id = ? where id = ?`).run(moved, a.id);
            view = getIncident(db, moved);
          } else {
            const target = other ? (sqlite.prepare<[number], { message_id: string | null }>(`select message_id from watch_alerts where id = ?`).get(other.id)?.message_id ?? null) : null;
            const link = target ? `https://discord.com/channels/${a.guildId}/${a.channelId}/${target}` : undefined;
            reply = renderWithdrawn(heading, moved !== undefined ? "merged" : "removed", subject, link);
            status = "withdrawn";
          }
        }
        if (view) {
          if (view.status === "dismissed") {
            reply = renderWithdrawn(incidentHeading(view), "dismissed", subject);
            status = "withdrawn";
          } else {
            reply = renderAlert(view, subject);
            const k = killedMax(view);
            if (a.status === "sent" && figureJump(a.killed_shown, k)) note = `Figures changed: now up to ${k} killed${a.killed_shown !== null ? ` (was ${a.killed_shown})` : ""} — see the alert above.`;
            const before = JSON.stringify(previous.embeds?.[0]?.footer ?? "").includes("corrected by an editor");
            if (a.status === "sent" && view.corrected.length && !before) note = `Corrected by an editor (${view.corrected.join(", ")}): the alert above now shows the correction.`;
            sqlite.prepare(`update watch_alerts set report_keys = ?, killed_shown = ? where id = ?`).run(JSON.stringify(keysOf(view)), k, a.id);
          }
        }
        if (!reply) continue;
        const payload = stored(reply, a.nonce);
        if (payload === a.payload && status === a.status) continue;
        // A withdrawn alert never posted is simply not posted; one posted is edited to say so.
        if (a.status === "pending") status = status === "withdrawn" ? "withdrawn" : "pending";
        sqlite
          .prepare(`update watch_alerts set payload = ?, status = ?, edit_pending = ?, note_pending = coalesce(?, note_pending) where id = ?`)
          .run(payload, status, a.message_id !== null ? 1 : 0, note, a.id);
        if (status === "withdrawn") report.withdrawn++;
        else report.edits++;
      }
    }

    // ---- new and changed incidents → watches they concern
    if (watches.length) {
      // The oldest day any watch still alerts for bounds the scan: a million old ACLED rows cost one range read.
      const oldest = watches.reduce((lo, w) => {
        const d = new Date(now.getTime() - w.maxAgeHours * 3_600_000).toISOString().slice(0, 10);
        return d < lo ? d : lo;
      }, "9999-12-31");
      const fresh = sqlite
        .prepare<[number, number, string], number>(`select id from incidents where id > ? and id <= ? and precision = 'day' and status = 'active' and occurred_on >= ? order by id`)
        .pluck()
        .all(cursor.lastIncidentId, maxId, oldest);
      report.scanned = fresh.length;
      const candidates = [...new Set([...fresh, ...changed.filter((id) => id <= cursor.lastIncidentId)])];
      const facts = incidentFacts(db, candidates);
      const subjects = incidentSubjects(db, candidates, new Ancestry(db));
      const bySubject = watchesBySubject(watches);
      const owed = new Map<number, { watch: Watch; ids: number[] }>();
      for (const id of candidates) {
        const f = facts.get(id);
        if (!f) continue;
        const seen = new Set<number>();
        for (const w of watchesFor(subjects.get(id), bySubject)) {
          if (seen.has(w.id)) continue;
          seen.add(w.id);
          if (filterOut(w, f, now) !== undefined) continue;
          if (alerted.get(w.id, id)) continue;
          let o = owed.get(w.id);
          if (!o) owed.set(w.id, (o = { watch: w, ids: [] }));
          o.ids.push(id);
        }
      }
      for (const { watch: w, ids } of owed.values()) {
        const subject = subjectOf(db, w, names);
        if (isQuiet(w.quietHours, w.timezone, now)) {
          for (const id of ids) insert.run({ watchId: w.id, kind: "alert", incidentId: id, status: "held", summaryId: null, nonce: newNonce(), payload: "{}", reportKeys: "[]", killedShown: null, createdAt: iso });
          report.held += ids.length;
          continue;
        }
        if (ids.length > burst) {
          const views = loadIncidents(db, ids.slice(0, SUMMARY_LIST));
          const nonce = newNonce();
          const summaryId = Number(
            insert.run({ watchId: w.id, kind: "burst", incidentId: null, status: "pending", summaryId: null, nonce, payload: stored(renderBurst(views, ids.length, subject), nonce), reportKeys: "[]", killedShown: null, createdAt: iso })
              .lastInsertRowid,
          );
          for (const id of ids) insert.run({ watchId: w.id, kind: "alert", incidentId: id, status: "summarised", summaryId, nonce: newNonce(), payload: "{}", reportKeys: "[]", killedShown: null, createdAt: iso });
          report.bursts++;
          continue;
        }
        for (const view of loadIncidents(db, ids)) {
          const nonce = newNonce();
          insert.run({ watchId: w.id, kind: "alert", incidentId: view.id, status: "pending", summaryId: null, nonce, payload: stored(renderAlert(view, subject), nonce), reportKeys: JSON.stringify(keysOf(view)), killedShown: killedMax(view), createdAt: iso });
          report.alerts++;
        }
      }
    }

    // ---- quiet hours over: what they held, one alert or one summary
    const held = sqlite
      .prepare(`select a.watch_id as watchId, a.id, a.incident_id as incidentId from watch_alerts a join watches w on w.id = a.watch_id where a.status = 'held' and w.status = 'active' order by a.id`)
      .all() as { watchId: number; id: number; incidentId: number }[];
    const byWatch = new Map<number, { id: number; incidentId: number }[]>();
    for (const h of held) {
      const l = byWatch.get(h.watchId);
      if (l) l.push(h);
      else byWatch.set(h.watchId, [h]);
    }
    for (const [watchId, rows] of byWatch) {
      const w = watches.find((x) => x.id === watchId);
      if (!w || isQuiet(w.quietHours, w.timezone, now)) continue;
      const subject = subjectOf(db, w, names);
      const views = loadIncidents(db, rows.map((r) => r.incidentId)).filter((v) => v.status === "active");
      const live = new Set(views.map((v) => v.id));
      const drop = sqlite.prepare(`update watch_alerts set status = 'withdrawn', payload = '{}' where id = ?`);
      for (const r of rows) if (!live.has(r.incidentId)) drop.run(r.id);
      if (!views.length) continue;
      if (views.length === 1) {
        const v = views[0] as IncidentView;
        const r = rows.find((x) => x.incidentId === v.id);
        const nonce = newNonce();
        sqlite
          .prepare(`update watch_alerts set status = 'pending', nonce = ?, payload = ?, report_keys = ?, killed_shown = ?, created_at = ? where id = ?`)
          .run(nonce, stored(renderAlert(v, subject), nonce), JSON.stringify(keysOf(v)), killedMax(v), iso, r?.id ?? -1);
      } else {
        const nonce = newNonce();
        const summaryId = Number(
          insert.run({
            watchId,
            kind: "quiet",
            incidentId: null,
            status: "pending",
            summaryId: null,
            nonce,
            payload: stored(renderQuietSummary(views.slice(0, SUMMARY_LIST), w.quietHours ?? "", w.timezone, subject), nonce),
            reportKeys: "[]",
            killedShown: null,
            createdAt: iso,
          }).lastInsertRowid,
        );
        const mark = sqlite.prepare(`update watch_alerts set status = 'summarised', summary_id = ? where id = ?`);
        for (const r of rows) if (live.has(r.incidentId)) mark.run(summaryId, r.id);
      }
      report.released += views.length;
    }
    sqlite.prepare(`update watch_cursor set last_incident_id = ? where id = 1`).run(maxId);
  };
  if (sqlite.inTransaction) run();
  else sqlite.transaction(run).immediate();
  return report;
}

/** A ledger row as SQLite gives it (snake_case, booleans as 0/1). */
interface RawAlert {
  id: number;
  watch_id: number;
  kind: WatchAlert["kind"];
  incident_id: number | null;
  status: WatchAlert["status"];
  nonce: string;
  payload: string;
  edit_pending: number;
  message_id: string | null;
  report_keys: string;
  killed_shown: number | null;
  thread_id: string | null;
  note_pending: string | null;
  attempts: number;
  created_at: string;
}

interface Owed extends RawAlert {
  channelId: string;
  guildId: string;
  quietHours: string | null;
  timezone: string;
}

export interface SendOptions {
  retry?: RetryPolicy;
  logger: Logger;
  /** Channels served at once (each channel's messages go in order). Default 8. */
  concurrency?: number;
  onPaused?: (watch: { id: number; guildId: string; channelId: string }, reason: string) => void | Promise<void>;
}

/** Step 2: sends what the ledger owes (posts, edits, thread notes); never throws for one channel's trouble. */
export async function sendWatchAlerts(db: Db, poster: ChannelPoster, now: () => Date, opts: SendOptions): Promise<SendReport> {
  const sqlite = db.$client;
  const report: SendReport = { sent: 0, found: 0, edited: 0, notes: 0, retrying: 0, failed: 0, paused: 0 };
  const owed = sqlite
    .prepare(
      `select a.*, w.channel_id as channelId, w.guild_id as guildId, w.quiet_hours as quietHours, w.timezone from watch_alerts a join watches w on w.id = a.watch_id
       where w.status = 'active' and (a.status = 'pending' or (a.message_id is not null and (a.edit_pending = 1 or a.note_pending is not null)))
       order by a.id`,
    )
    .all() as Owed[];
  const byChannel = new Map<string, Owed[]>();
  for (const o of owed) {
    const l = byChannel.get(o.channelId);
    if (l) l.push(o);
    else byChannel.set(o.channelId, [o]);
  }
  const deliverer = posterDeliverer(poster);
  const paused = new Set<number>();

  /**
   * The ledger's writes after a post: the bot's connection waits only briefly for a lock (src/db/busy.ts), so one
   * refused while another connection writes is tried again off the loop, not left for the next pass to post again.
   */
  const write = <T>(f: () => T): Promise<T> => retryBusy(f);

  const pause = async (o: Owed, reason: string): Promise<void> => {
    if (paused.has(o.watch_id)) return;
    paused.add(o.watch_id);
    await write(() => pauseWatch(db, o.watch_id, reason, now()));
    report.paused++;
    opts.logger.warn({ watchId: o.watch_id, guildId: o.guildId, channelId: o.channelId, reason }, "watch paused: channel not usable");
    try {
      await opts.onPaused?.({ id: o.watch_id, guildId: o.guildId, channelId: o.channelId }, reason);
    } catch (error) {
      opts.logger.warn({ err: error }, "could not tell the guild about the paused watch");
    }
  };

  const one = async (o: Owed): Promise<void> => {
    if (paused.has(o.watch_id)) return;
    const log = opts.logger.child({ watchId: o.watch_id, alertId: o.id, channelId: o.channelId });
    if (o.status === "pending") {
      const message = { ...(JSON.parse(o.payload) as MessagePayload), nonce: o.nonce, enforce_nonce: true as const };
      // Recorded longer ago than Discord remembers nonces (a restart, an outage): look before posting again.
      if (deliverer.findPosted && now().getTime() - Date.parse(o.created_at) > NONCE_WINDOW_MS) {
        let seen: FindOutcome;
        try {
          seen = await deliverer.findPosted(o.channelId, message, new Date(o.created_at));
        } catch (error) {
          const failure = classifyFailure(error);
          if (failure.kind === "channel") return pause(o, failure.reason);
          await write(() => sqlite.prepare(`update watch_alerts set attempts = attempts + 1, error = ? where id = ?`).run(`could not read the channel before resending: ${failure.reason}`, o.id));
          report.retrying++;
          return;
        }
        await write(() => sqlite.prepare(`update watch_alerts set resend_check = ? where id = ?`).run(seen.kind, o.id));
        if (seen.kind === "found") {
          await write(() => sqlite.prepare(`update watch_alerts set status = 'sent', message_id = ?, sent_at = ?, error = null where id = ? and status = 'pending'`).run(seen.messageId, now().toISOString(), o.id));
          report.found++;
          return;
        }
      }
      const result = await sendWithRetry(deliverer, o.channelId, message, opts.retry ?? DEFAULT_RETRY);
      const attempts = o.attempts + result.attempts;
      if (result.ok) {
        // edit_pending stays set if the record step changed the payload while this post was in flight.
        await write(() =>
          sqlite
            .prepare(`update watch_alerts set status = 'sent', message_id = ?, attempts = ?, error = null, sent_at = ?, edit_pending = case when payload = ? then 0 else 1 end where id = ?`)
            .run(result.messageId, attempts, now().toISOString(), o.payload, o.id),
        );
        report.sent++;
        log.info({ messageId: result.messageId, kind: o.kind }, "watch alert posted");
        return;
      }
      const { failure } = result;
      if (failure.kind === "channel") {
        await write(() => sqlite.prepare(`update watch_alerts set status = 'failed', attempts = ?, error = ? where id = ?`).run(attempts, failure.reason, o.id));
        return pause(o, failure.reason);
      }
      if (failure.kind === "transient" && attempts < MAX_ATTEMPTS) {
        await write(() => sqlite.prepare(`update watch_alerts set attempts = ?, error = ? where id = ?`).run(attempts, failure.reason, o.id));
        report.retrying++;
        return;
      }
      await write(() => sqlite.prepare(`update watch_alerts set status = 'failed', attempts = ?, error = ? where id = ?`).run(attempts, failure.reason, o.id));
      report.failed++;
      log.error({ reason: failure.reason }, "watch alert failed");
      return;
    }
    if (!o.message_id) return;
    if (o.edit_pending) {
      const { nonce: _n, enforce_nonce: _e, ...body } = JSON.parse(o.payload) as MessagePayload & { nonce?: string; enforce_nonce?: boolean };
      try {
        await poster.edit(o.channelId, o.message_id, body);
        await write(() => sqlite.prepare(`update watch_alerts set edit_pending = case when payload = ? then 0 else 1 end, edits = edits + 1, error = null where id = ?`).run(o.payload, o.id));
        report.edited++;
      } catch (error) {
        const failure = classifyFailure(error);
        const code = (error as { code?: unknown }).code;
        if (code === 10008) {
          // Someone deleted the alert: nothing left to keep current.
          await write(() => sqlite.prepare(`update watch_alerts set edit_pending = 0, note_pending = null, error = 'the alert message was deleted' where id = ?`).run(o.id));
          return;
        }
        if (failure.kind === "channel") return pause(o, failure.reason);
        await write(() => sqlite.prepare(`update watch_alerts set error = ? where id = ?`).run(`edit failed: ${failure.reason}`, o.id));
        report.retrying++;
        return;
      }
    }
    // A reply in the thread notifies; an edit does not. Quiet hours hold the reply until they end.
    if (o.note_pending && !isQuiet(o.quietHours, o.timezone, now())) {
      try {
        let thread = o.thread_id;
        if (!thread) {
          const title = (JSON.parse(o.payload) as MessagePayload).embeds?.[0]?.title ?? "Incident";
          thread = (await poster.startThread(o.channelId, o.message_id, title.replace(/^🚨 /, "").slice(0, 100) || "Incident")).threadId;
          await write(() => sqlite.prepare(`update watch_alerts set thread_id = ? where id = ?`).run(thread, o.id));
        }
        await poster.post(thread, renderPayload(renderNote(o.note_pending)));
        await write(() => sqlite.prepare(`update watch_alerts set note_pending = null where id = ? and note_pending = ?`).run(o.id, o.note_pending));
        report.notes++;
      } catch (error) {
        const failure = classifyFailure(error);
        // A thread is a courtesy: without Create Public Threads the alert itself is still current.
        await write(() => sqlite.prepare(`update watch_alerts set note_pending = null, error = ? where id = ?`).run(`thread reply not posted: ${failure.reason}`, o.id));
        log.warn({ reason: failure.reason }, "watch thread reply not posted");
      }
    }
  };

  const channels = [...byChannel.values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < channels.length) {
      const list = channels[next++] ?? [];
      for (const o of list) {
        try {
          await one(o);
        } catch (error) {
          report.failed++;
          opts.logger.error({ err: error, alertId: o.id }, "watch alert crashed");
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, channels.length) }, worker));
  return report;
}

export interface WatchDispatcherOptions extends SendOptions {
  db: Db;
  poster: ChannelPoster;
  now?: () => Date;
  /** How often a pass runs (default 15 s); `kick()` runs one sooner (after a feed poll, an ingest, a review). */
  intervalMs?: number;
  burstThreshold?: number;
  onPass?: (r: RecordReport & SendReport) => void;
}

export interface WatchDispatcher {
  /** Runs one pass now (or waits for the running one and runs again). */
  pass(): Promise<RecordReport & SendReport>;
  kick(): void;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startWatchDispatcher(opts: WatchDispatcherOptions): WatchDispatcher {
  const now = opts.now ?? (() => new Date());
  let running: Promise<RecordReport & SendReport> | undefined;
  let stopped = false;
  const runPass = async (): Promise<RecordReport & SendReport> => {
    let recorded: RecordReport = { scanned: 0, changed: 0, alerts: 0, bursts: 0, held: 0, released: 0, edits: 0, withdrawn: 0 };
    try {
      // One immediate transaction: refused while another connection writes (an import, the CLI), tried again.
      recorded = await retryBusy(() => recordWatchAlerts(opts.db, now(), opts.burstThreshold !== undefined ? { burstThreshold: opts.burstThreshold } : {}));
    } catch (error) {
      opts.logger.error({ err: error }, "watch pass could not record alerts");
    }
    const sent = await sendWatchAlerts(opts.db, opts.poster, now, opts);
    const r = { ...recorded, ...sent };
    opts.onPass?.(r);
    return r;
  };
  const pass = async (): Promise<RecordReport & SendReport> => {
    while (running) await running.catch(() => undefined);
    const current = runPass().finally(() => {
      running = undefined;
    });
    running = current;
    return current;
  };
  const timer = setInterval(() => {
    if (!running && !stopped) void pass();
  }, opts.intervalMs ?? 15_000);
  timer.unref();
  return {
    pass,
    kick() {
      if (!stopped) void pass();
    },
    async idle() {
      while (running) await running.catch(() => undefined);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running.catch(() => undefined);
    },
  };
}
