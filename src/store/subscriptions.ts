import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import type { DigestKind, DigestSubscription } from "../db/schema.ts";

export const DIGEST_KINDS: readonly DigestKind[] = ["incidents", "context", "quote"];

export interface SubscriptionInput {
  guildId: string;
  channelId: string;
  localTime: string;
  timezone: string;
  kinds: DigestKind[];
  aboutEntityId: number | null;
  createdBy: string;
}

/** One digest per channel: subscribing a channel again replaces its settings and makes it active. */
export function upsertSubscription(db: Db, input: SubscriptionInput, now: Date): { subscription: DigestSubscription; created: boolean } {
  const existing = getSubscriptionByChannel(db, input.channelId);
  const values = { ...input, status: "active" as const, pauseReason: null, pausedAt: null };
  if (existing) {
    const subscription = db.update(t.digestSubscriptions).set(values).where(eq(t.digestSubscriptions.id, existing.id)).returning().get();
    return { subscription, created: false };
  }
  const subscription = db
    .insert(t.digestSubscriptions)
    .values({ ...values, createdAt: now.toISOString() })
    .returning()
    .get();
  return { subscription, created: true };
}

export function getSubscription(db: Db, id: number): DigestSubscription | undefined {
  return db.select().from(t.digestSubscriptions).where(eq(t.digestSubscriptions.id, id)).get();
}

export function getSubscriptionByChannel(db: Db, channelId: string): DigestSubscription | undefined {
  return db.select().from(t.digestSubscriptions).where(eq(t.digestSubscriptions.channelId, channelId)).get();
}

export function listGuildSubscriptions(db: Db, guildId: string): DigestSubscription[] {
  return db.select().from(t.digestSubscriptions).where(eq(t.digestSubscriptions.guildId, guildId)).orderBy(asc(t.digestSubscriptions.id)).all();
}

export function listActiveSubscriptions(db: Db): DigestSubscription[] {
  return db.select().from(t.digestSubscriptions).where(eq(t.digestSubscriptions.status, "active")).orderBy(asc(t.digestSubscriptions.id)).all();
}

/** Removes a channel's subscription (and its delivery history); false when there was none in this guild. */
export function removeSubscription(db: Db, guildId: string, channelId: string): boolean {
  const r = db
    .delete(t.digestSubscriptions)
    .where(and(eq(t.digestSubscriptions.guildId, guildId), eq(t.digestSubscriptions.channelId, channelId)))
    .run();
  return r.changes > 0;
}

export function pauseSubscription(db: Db, id: number, reason: string, now: Date): void {
  db.update(t.digestSubscriptions).set({ status: "paused", pauseReason: reason, pausedAt: now.toISOString() }).where(eq(t.digestSubscriptions.id, id)).run();
}

export function resumeSubscription(db: Db, id: number): void {
  db.update(t.digestSubscriptions).set({ status: "active", pauseReason: null, pausedAt: null }).where(eq(t.digestSubscriptions.id, id)).run();
}
