/**
 * The digest scheduler: one node-cron tick a minute. Each tick finds active subscriptions whose local
 * time has come on their local date (today or, across midnight, yesterday) within the catch-up window
 * and with no delivery sent for that date, records the delivery with a nonce, sends it, and marks it
 * sent. A restart between the record and the mark resends the stored payload with the same nonce, so
 * Discord drops the duplicate — but only within its nonce window ("the past few minutes"). A resend later
 * than that first looks for the delivery's own message in the channel (its marker is in the footer) and,
 * if it is there, records it as sent instead of posting. Each channel has its own try/catch; ticks never
 * overlap.
 */
import cron from "node-cron";
import type { Db } from "../db/client.ts";
import { retryBusy } from "../db/busy.ts";
import type { DigestSubscription } from "../db/schema.ts";
import type { Logger } from "../logger.ts";
import { renderPayload, type MessagePayload } from "../render/payload.ts";
import { listActiveSubscriptions, pauseSubscription } from "../store/subscriptions.ts";
import { buildDigest } from "./build.ts";
import { classifyFailure, DEFAULT_RETRY, markDelivery, posterDeliverer, sendWithRetry, type Deliverer, type DigestMessage, type RetryPolicy } from "./deliver.ts";
import { DIGEST_DELIVERY, getDelivery, insertPendingDelivery, markDeliveryFailed, markDeliverySent, newNonce, noteDeliveryRetry, noteResendCheck } from "./ledger.ts";
import { restPoster, type ChannelPoster, type FindOutcome } from "../discord/poster.ts";
import { renderDigest } from "./render.ts";
import type { REST } from "discord.js";
import { addDays, localDate, zonedInstant } from "./time.ts";

/** After this many failed attempts across ticks a pending delivery is given up as failed. */
export const MAX_ATTEMPTS = 12;

/**
 * How long Discord is trusted to drop a repeated nonce. It documents "the past few minutes" without a figure;
 * one minute keeps well inside it. A resend of a delivery first recorded longer ago looks in the channel first.
 */
export const NONCE_WINDOW_MS = 60_000;

export interface DueDelivery {
  subscription: DigestSubscription;
  localDate: string;
  dueAt: Date;
}

/**
 * Subscriptions due at `now`: local time reached on the local date (or yesterday's, if that is still
 * inside the window), not later than `catchupMs` ago, and not yet delivered or given up.
 */
export function findDue(db: Db, now: Date, catchupMs: number): DueDelivery[] {
  // Even with no catch-up at all, a tick that runs a little late must still post.
  const window = Math.max(catchupMs, 2 * 60_000);
  const due: DueDelivery[] = [];
  for (const subscription of listActiveSubscriptions(db)) {
    let today: string;
    try {
      today = localDate(now, subscription.timezone);
    } catch {
      continue; // a zone the runtime no longer knows; the command validated it when stored
    }
    for (const date of [addDays(today, -1), today]) {
      const dueAt = zonedInstant(date, subscription.localTime, subscription.timezone);
      const late = now.getTime() - dueAt.getTime();
      if (late < 0 || late > window) continue;
      // A new subscription starts with the next time to come, not with one that passed before it existed.
      if (dueAt.getTime() < Date.parse(subscription.createdAt)) continue;
      const existing = getDelivery(db, subscription.id, date);
      if (existing && existing.status !== "pending") continue;
      due.push({ subscription, localDate: date, dueAt });
    }
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.subscription.id - b.subscription.id);
}

export interface TickReport {
  at: string;
  due: number;
  sent: number;
  /** Pending deliveries from an earlier attempt sent again with their original nonce. */
  resent: number;
  /** Pending deliveries found already in their channel after the nonce window: recorded as sent, not posted again. */
  found: number;
  /** Still pending after transient failures: a later tick retries. */
  retrying: number;
  failed: number;
  paused: number;
  /** True when this tick did nothing because the previous one was still running. */
  overlapped: boolean;
  ms: number;
}

export interface PostedInfo {
  subscription: DigestSubscription;
  localDate: string;
  messageId: string;
  message: DigestMessage;
  resend: boolean;
}

export interface SchedulerOptions {
  db: Db;
  /** The channel poster (src/discord/poster.ts); ignored when `deliverer` is given. */
  poster?: ChannelPoster;
  /** discord.js REST client (client.rest), for a poster made here; ignored when `poster` or `deliverer` is given. */
  rest?: Pick<REST, "post" | "get" | "patch">;
  deliverer?: Deliverer;
  logger: Logger;
  now?: () => Date;
  catchupHours: number;
  onPosted?: (info: PostedInfo) => void;
  /** Called after a subscription is paused for a channel error: tell the guild if you can. */
  onPaused?: (subscription: DigestSubscription, reason: string) => void | Promise<void>;
  retry?: RetryPolicy;
  /** Sends in flight at once (discord.js REST still honours the global and per-route limits). Default 16. */
  concurrency?: number;
  /** Run a tick right away (catch-up after a restart) instead of waiting for the next minute. Default true. */
  tickOnStart?: boolean;
  /** Called with every finished tick's report (metrics). */
  onTick?: (report: TickReport) => void;
}

export interface Scheduler {
  tick(): Promise<TickReport>;
  /** Resolves when no tick is running. */
  idle(): Promise<void>;
  /** True while a tick runs. */
  readonly busy: boolean;
  /** When the last tick began (overlapped ones included): /readyz wants one within the last 2 minutes. */
  lastTickAt(): Date | undefined;
  stop(): Promise<void>;
}

function toMessage(payload: MessagePayload, nonce: string): DigestMessage {
  return { ...payload, nonce, enforce_nonce: true };
}

/** Delivers one due digest; never throws. */
async function deliverOne(opts: SchedulerOptions, deliverer: Deliverer, item: DueDelivery, now: () => Date, report: TickReport): Promise<void> {
  const { db, logger } = opts;
  const sub = item.subscription;
  const log = logger.child({ subscriptionId: sub.id, guildId: sub.guildId, channelId: sub.channelId, localDate: item.localDate });
  try {
    let row = getDelivery(db, sub.id, item.localDate);
    const resend = row !== undefined;
    if (!row) {
      const nonce = newNonce();
      // Off the loop when another process holds the lock (src/db/busy.ts): the transaction is tried again whole.
      const fresh = await retryBusy(() => db.transaction(() => {
        const model = buildDigest(db, {
          date: item.localDate,
          timezone: sub.timezone,
          kinds: sub.kinds,
          aboutEntityId: sub.aboutEntityId,
          subscriptionId: sub.id,
          recordQuote: true,
        });
        const payload = renderPayload(markDelivery(renderDigest(model), nonce));
        return insertPendingDelivery(db, { subscriptionId: sub.id, localDate: item.localDate, kind: DIGEST_DELIVERY, payload: JSON.stringify(payload), dueAt: item.dueAt, nonce }, now());
      }));
      row = fresh;
    }
    if (row.status !== "pending") return;
    const message = toMessage(JSON.parse(row.payload) as MessagePayload, row.nonce);
    // Past the nonce window Discord would post a repeat: look for the first send in the channel before resending.
    if (resend && deliverer.findPosted && now().getTime() - Date.parse(row.createdAt) > NONCE_WINDOW_MS) {
      let seen: FindOutcome;
      try {
        seen = await deliverer.findPosted(sub.channelId, message, new Date(row.createdAt));
      } catch (error) {
        // Not knowing is no licence to post twice: the next tick looks again.
        const attempts = row.attempts + 1;
        const reason = `could not read the channel before resending: ${classifyFailure(error).reason}`;
        if (attempts < MAX_ATTEMPTS) {
          noteDeliveryRetry(db, row.id, reason, attempts);
          report.retrying++;
        } else {
          markDeliveryFailed(db, row.id, reason, attempts);
          report.failed++;
        }
        log.warn({ reason, attempts }, "digest resend postponed");
        return;
      }
      noteResendCheck(db, row.id, seen.kind);
      if (seen.kind === "found") {
        markDeliverySent(db, row.id, seen.messageId, row.attempts, now());
        report.found++;
        log.info({ messageId: seen.messageId }, "digest found already posted after a long outage: recorded, not posted again");
        return;
      }
      if (seen.kind === "unreadable") log.warn({ reason: seen.reason }, "digest resent after a long outage without checking the channel: a duplicate cannot be ruled out");
    }
    const result = await sendWithRetry(deliverer, sub.channelId, message, opts.retry ?? DEFAULT_RETRY);
    const attempts = row.attempts + result.attempts;
    if (result.ok) {
      const sentRow = row;
      await retryBusy(() => markDeliverySent(db, sentRow.id, result.messageId, attempts, now()));
      if (resend) report.resent++;
      else report.sent++;
      log.info({ messageId: result.messageId, resend }, "digest posted");
      opts.onPosted?.({ subscription: sub, localDate: item.localDate, messageId: result.messageId, message, resend });
      return;
    }
    const { failure } = result;
    if (failure.kind === "channel") {
      markDeliveryFailed(db, row.id, failure.reason, attempts);
      pauseSubscription(db, sub.id, failure.reason, now());
      report.paused++;
      log.warn({ reason: failure.reason }, "digest subscription paused: channel not usable");
      try {
        await opts.onPaused?.(sub, failure.reason);
      } catch (error) {
        log.warn({ err: error }, "could not tell the guild about the paused digest");
      }
    } else if (failure.kind === "transient" && attempts < MAX_ATTEMPTS) {
      noteDeliveryRetry(db, row.id, failure.reason, attempts);
      report.retrying++;
      log.warn({ reason: failure.reason, attempts }, "digest delivery failed for now; the next tick retries with the same nonce");
    } else {
      markDeliveryFailed(db, row.id, failure.reason, attempts);
      report.failed++;
      log.error({ reason: failure.reason, attempts }, "digest delivery failed");
    }
  } catch (error) {
    report.failed++;
    log.error({ err: error }, "digest delivery crashed");
  }
}

export function startScheduler(opts: SchedulerOptions): Scheduler {
  const now = opts.now ?? (() => new Date());
  const poster = opts.poster ?? (opts.rest ? restPoster(opts.rest) : undefined);
  const deliverer = opts.deliverer ?? (poster ? posterDeliverer(poster) : undefined);
  if (!deliverer) throw new Error("startScheduler needs a channel poster, a REST client or a deliverer");
  const catchupMs = opts.catchupHours * 3_600_000;
  const concurrency = Math.max(1, opts.concurrency ?? 16);
  let running: Promise<TickReport> | undefined;
  let stopped = false;
  let lastTick: Date | undefined;

  async function runTick(): Promise<TickReport> {
    const started = now();
    const t0 = performance.now();
    const report: TickReport = { at: started.toISOString(), due: 0, sent: 0, resent: 0, found: 0, retrying: 0, failed: 0, paused: 0, overlapped: false, ms: 0 };
    let due: DueDelivery[] = [];
    try {
      due = findDue(opts.db, started, catchupMs);
    } catch (error) {
      opts.logger.error({ err: error }, "digest tick could not read subscriptions");
    }
    report.due = due.length;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length && !stopped) {
        const item = due[next++];
        if (item) await deliverOne(opts, deliverer as Deliverer, item, now, report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    report.ms = Math.round(performance.now() - t0);
    if (report.due > 0) opts.logger.info(report, "digest tick");
    return report;
  }

  function tick(): Promise<TickReport> {
    lastTick = now();
    if (running) {
      opts.logger.warn("digest tick skipped: the previous tick is still running");
      return Promise.resolve({ at: now().toISOString(), due: 0, sent: 0, resent: 0, found: 0, retrying: 0, failed: 0, paused: 0, overlapped: true, ms: 0 });
    }
    const current = runTick()
      .then((report) => {
        try {
          opts.onTick?.(report);
        } catch (error) {
          opts.logger.warn({ err: error }, "digest tick observer failed");
        }
        return report;
      })
      .finally(() => {
        running = undefined;
      });
    running = current;
    return current;
  }

  const task = cron.schedule(
    "* * * * *",
    async () => {
      await tick();
    },
    {
      name: "borderdesk-digest",
      noOverlap: true,
      suppressMissedWarning: true,
      logger: {
        info: (m) => opts.logger.debug(m),
        warn: (m) => opts.logger.debug(m),
        error: (m, err) => opts.logger.error({ err }, String(m)),
        debug: () => undefined,
      },
    },
  );
  if (opts.tickOnStart ?? true) void tick();

  return {
    tick,
    get busy() {
      return running !== undefined;
    },
    lastTickAt: () => lastTick,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      await task.destroy();
      while (running) await running;
    },
  };
}

/** When a subscription next posts at or after `now` (today's time if still ahead, else tomorrow's). */
export function nextDigestAt(sub: Pick<DigestSubscription, "localTime" | "timezone">, now: Date): Date {
  const today = localDate(now, sub.timezone);
  const at = zonedInstant(today, sub.localTime, sub.timezone);
  return at.getTime() >= now.getTime() ? at : zonedInstant(addDays(today, 1), sub.localTime, sub.timezone);
}
