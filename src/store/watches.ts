/** Watches (issue 18): what a channel follows, and the ledger of the alerts it was sent. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import type { Watch, WatchAlert } from "../db/schema.ts";

export interface WatchInput {
  guildId: string;
  channelId: string;
  subjectId: number;
  types: string[];
  minCasualties: number | null;
  quietHours: string | null;
  timezone: string;
  maxAgeHours: number;
  createdBy: string;
}

/** One watch per channel and subject: adding it again replaces its settings and makes it active. */
export function upsertWatch(db: Db, input: WatchInput, now: Date): { watch: Watch; created: boolean } {
  const existing = db
    .select()
    .from(t.watches)
    .where(and(eq(t.watches.channelId, input.channelId), eq(t.watches.subjectId, input.subjectId)))
    .get();
  const values = { ...input, status: "active" as const, pauseReason: null, pausedAt: null };
  if (existing) return { watch: db.update(t.watches).set(values).where(eq(t.watches.id, existing.id)).returning().get(), created: false };
  return { watch: db.insert(t.watches).values({ ...values, createdAt: now.toISOString() }).returning().get(), created: true };
}

export function getWatch(db: Db, id: number): Watch | undefined {
  return db.select().from(t.watches).where(eq(t.watches.id, id)).get();
}

export function listGuildWatches(db: Db, guildId: string): Watch[] {
  return db.select().from(t.watches).where(eq(t.watches.guildId, guildId)).orderBy(asc(t.watches.id)).all();
}

export function listActiveWatches(db: Db): Watch[] {
  return db.select().from(t.watches).where(eq(t.watches.status, "active")).orderBy(asc(t.watches.id)).all();
}

/** Active watches on any of these subjects (the matcher's one indexed lookup per incident). */
export function listWatchesOnSubjects(db: Db, subjectIds: readonly number[]): Watch[] {
  if (!subjectIds.length) return [];
  return db
    .select()
    .from(t.watches)
    .where(and(eq(t.watches.status, "active"), inArray(t.watches.subjectId, [...subjectIds])))
    .all();
}

/** Removes a watch of this guild (its alert ledger goes with it; posted messages stay in the channel). */
export function removeWatch(db: Db, guildId: string, id: number): boolean {
  return db.delete(t.watches).where(and(eq(t.watches.guildId, guildId), eq(t.watches.id, id))).run().changes > 0;
}

export function pauseWatch(db: Db, id: number, reason: string, now: Date): void {
  db.update(t.watches).set({ status: "paused", pauseReason: reason, pausedAt: now.toISOString() }).where(eq(t.watches.id, id)).run();
}

export function resumeWatch(db: Db, id: number): void {
  db.update(t.watches).set({ status: "active", pauseReason: null, pausedAt: null }).where(eq(t.watches.id, id)).run();
}

/** A watch's alert ledger, newest first. */
export function listWatchAlerts(db: Db, watchId: number, limit = 50): WatchAlert[] {
  return db
    .select()
    .from(t.watchAlerts)
    .where(eq(t.watchAlerts.watchId, watchId))
    .orderBy(asc(t.watchAlerts.id))
    .limit(limit)
    .all();
}

/** How many alerts a watch has posted (sent alerts and summaries), for /watch list. */
export function countSentAlerts(db: Db, watchId: number): number {
  const row = db.$client.prepare<[number], { n: number }>(`select count(*) as n from watch_alerts where watch_id = ? and status in ('sent', 'withdrawn') and message_id is not null`).get(watchId);
  return row?.n ?? 0;
}
