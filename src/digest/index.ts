/**
 * Scheduled "on this date" digests and the quote of the day.
 *
 *   buildDigestForDate(db, { date: "2026-01-11", timezone: "Asia/Karachi" })  → ReplyModel (CLI, preview)
 *   startScheduler({ db, rest: client.rest, logger, catchupHours })           → { tick, idle, stop }
 *   startScheduler({ db, deliverer: memoryDeliverer(print), logger, … })     → the offline console
 */
import type { Db } from "../db/client.ts";
import type { DigestKind } from "../db/schema.ts";
import type { ReplyModel } from "../render/reply.ts";
import { getSubscriptionByChannel } from "../store/subscriptions.ts";
import { buildDigest, type DigestModel } from "./build.ts";
import { renderDigest } from "./render.ts";
import { isCalendarDate } from "./time.ts";
import { UserError } from "../errors.ts";

export { buildDigest, monthDaysFor, type DigestModel, type DigestOptions } from "./build.ts";
export { renderDigest } from "./render.ts";
export { classifyFailure, memoryDeliverer, restDeliverer, type Deliverer, type DigestMessage, type RecordedPost } from "./deliver.ts";
export { findDue, nextDigestAt, startScheduler, type PostedInfo, type Scheduler, type SchedulerOptions, type TickReport } from "./schedule.ts";
export { listDeliveries } from "./ledger.ts";
export { addDays, localDate, zonedInstant } from "./time.ts";

export interface DigestForDateOptions {
  /** YYYY-MM-DD: the local date the digest is for. */
  date: string;
  timezone?: string;
  kinds?: readonly DigestKind[];
  aboutEntityId?: number | null;
  /** Use this channel's subscription (kinds, filter, quote rotation) when it has one. */
  channelId?: string;
}

/** The digest for a date as a reply model, without recording anything (CLI `digest --date`, previews). */
export function buildDigestForDate(db: Db, opts: DigestForDateOptions): ReplyModel {
  return renderDigest(buildDigestModelForDate(db, opts));
}

/** Same, as data (`--json`). */
export function buildDigestModelForDate(db: Db, opts: DigestForDateOptions): DigestModel {
  if (!isCalendarDate(opts.date)) throw new UserError(`“${opts.date}” is not a calendar date; use YYYY-MM-DD, e.g. 2026-01-11.`);
  const sub = opts.channelId ? getSubscriptionByChannel(db, opts.channelId) : undefined;
  const kinds = opts.kinds ?? sub?.kinds;
  return buildDigest(db, {
    date: opts.date,
    timezone: opts.timezone ?? sub?.timezone ?? null,
    ...(kinds ? { kinds } : {}),
    aboutEntityId: opts.aboutEntityId ?? sub?.aboutEntityId ?? null,
    subscriptionId: sub?.id ?? null,
    recordQuote: false,
  });
}
