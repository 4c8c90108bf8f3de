/** The delivery ledger and the quote-of-the-day ledger. */
import { randomBytes } from "node:crypto";
import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import type { DigestDelivery } from "../db/schema.ts";
import { countQuoteIds, listQuoteIds, quoteIdAt } from "./query.ts";

/** The one delivery kind today: the digest message (incidents, context and quote as embeds of one post). */
export const DIGEST_DELIVERY = "digest";

/** A Discord nonce (≤ 25 characters): 16 url-safe characters, unique per delivery. */
export function newNonce(): string {
  return randomBytes(12).toString("base64url");
}

export function getDelivery(db: Db, subscriptionId: number, localDate: string, kind: string = DIGEST_DELIVERY): DigestDelivery | undefined {
  return db
    .select()
    .from(t.digestDeliveries)
    .where(and(eq(t.digestDeliveries.subscriptionId, subscriptionId), eq(t.digestDeliveries.localDate, localDate), eq(t.digestDeliveries.kind, kind)))
    .get();
}

export interface PendingDelivery {
  subscriptionId: number;
  localDate: string;
  kind: string;
  payload: string;
  dueAt: Date;
  /** The nonce the payload was marked with (see markDelivery); a new one when absent. */
  nonce?: string;
}

/** Records the delivery before the send; returns the existing row if another writer got there first. */
export function insertPendingDelivery(db: Db, d: PendingDelivery, now: Date): DigestDelivery {
  const row = db
    .insert(t.digestDeliveries)
    .values({
      subscriptionId: d.subscriptionId,
      localDate: d.localDate,
      kind: d.kind,
      nonce: d.nonce ?? newNonce(),
      status: "pending",
      payload: d.payload,
      dueAt: d.dueAt.toISOString(),
      createdAt: now.toISOString(),
    })
    .onConflictDoNothing()
    .returning()
    .get();
  return row ?? (getDelivery(db, d.subscriptionId, d.localDate, d.kind) as DigestDelivery);
}

export function markDeliverySent(db: Db, id: number, messageId: string, attempts: number, now: Date): void {
  db.update(t.digestDeliveries).set({ status: "sent", messageId, attempts, error: null, sentAt: now.toISOString() }).where(eq(t.digestDeliveries.id, id)).run();
}

/** What the look through the channel before a late resend found (see the resendCheck column). */
export function noteResendCheck(db: Db, id: number, check: "found" | "absent" | "unreadable"): void {
  db.update(t.digestDeliveries).set({ resendCheck: check }).where(eq(t.digestDeliveries.id, id)).run();
}

export function markDeliveryFailed(db: Db, id: number, error: string, attempts: number): void {
  db.update(t.digestDeliveries)
    .set({ status: "failed", error, attempts })
    .where(and(eq(t.digestDeliveries.id, id), eq(t.digestDeliveries.status, "pending")))
    .run();
}

/** Still pending (a later tick resends with the same nonce), with the last error. */
export function noteDeliveryRetry(db: Db, id: number, error: string, attempts: number): void {
  db.update(t.digestDeliveries)
    .set({ error, attempts })
    .where(and(eq(t.digestDeliveries.id, id), eq(t.digestDeliveries.status, "pending")))
    .run();
}

export function listDeliveries(db: Db, subscriptionId: number, limit = 10): DigestDelivery[] {
  return db
    .select()
    .from(t.digestDeliveries)
    .where(eq(t.digestDeliveries.subscriptionId, subscriptionId))
    .orderBy(desc(t.digestDeliveries.localDate), desc(t.digestDeliveries.id))
    .limit(limit)
    .all();
}

function mix(s: string): number {
  // FNV-1a: a stable per-channel order without storing one.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Without a subscription, the position among `count` eligible quotes (listQuoteIds' order) that a date picks. */
export function quoteIndexForDate(localDate: string, count: number): number {
  return mix(localDate) % count;
}

/**
 * The quote of the day: the same all day for a subscription, and no repeats until every eligible quote
 * (full statements, about the subscription's entity when it has one and there are any) has been shown;
 * then a new cycle starts. Without a subscription (CLI, preview of an unsaved channel) the date picks.
 * `record: false` peeks without using the quote up.
 */
export function pickQuoteOfTheDay(db: Db, opts: { subscriptionId: number | null; localDate: string; about: number | null; record: boolean }): number | undefined {
  const { subscriptionId, localDate, about } = opts;
  if (subscriptionId === null) {
    // The date picks among the eligible quotes by position: counted and read at that position, not listed (every
    // preview and /digest build listed them all, most of a build's garbage and the garbage collections in its p99).
    let scope = about;
    let count = countQuoteIds(db, scope);
    if (count === 0 && scope !== null) count = countQuoteIds(db, (scope = null));
    return count === 0 ? undefined : quoteIdAt(db, scope, quoteIndexForDate(localDate, count));
  }
  let eligible = listQuoteIds(db, about);
  if (eligible.length === 0 && about !== null) eligible = listQuoteIds(db, null);
  if (eligible.length === 0) return undefined;

  const today = db
    .select({ quoteId: t.digestQuoteShows.quoteId })
    .from(t.digestQuoteShows)
    .where(and(eq(t.digestQuoteShows.subscriptionId, subscriptionId), eq(t.digestQuoteShows.localDate, localDate)))
    .get();
  if (today && eligible.includes(today.quoteId)) return today.quoteId;

  let cycle = db.select({ c: max(t.digestQuoteShows.cycle) }).from(t.digestQuoteShows).where(eq(t.digestQuoteShows.subscriptionId, subscriptionId)).get()?.c ?? 0;
  const shown = db
    .select({ quoteId: t.digestQuoteShows.quoteId, localDate: t.digestQuoteShows.localDate })
    .from(t.digestQuoteShows)
    .where(and(eq(t.digestQuoteShows.subscriptionId, subscriptionId), eq(t.digestQuoteShows.cycle, cycle)))
    .all();
  const shownIds = new Set(shown.map((s) => s.quoteId));
  let remaining = eligible.filter((id) => !shownIds.has(id));
  if (remaining.length === 0) {
    cycle += 1;
    // A new cycle should not open with the quote that closed the last one.
    const last = [...shown].sort((a, b) => b.localDate.localeCompare(a.localDate))[0]?.quoteId;
    remaining = eligible.length > 1 ? eligible.filter((id) => id !== last) : eligible;
  }
  let pick: number | undefined;
  let best = Infinity;
  for (const id of remaining) {
    const key = mix(`${subscriptionId}:${cycle}:${id}`);
    if (key < best) {
      best = key;
      pick = id;
    }
  }
  if (pick === undefined) return undefined;
  if (opts.record) {
    db.insert(t.digestQuoteShows)
      .values({ subscriptionId, localDate, quoteId: pick, cycle })
      .onConflictDoUpdate({ target: [t.digestQuoteShows.subscriptionId, t.digestQuoteShows.localDate], set: { quoteId: pick, cycle } })
      .run();
  }
  return pick;
}
