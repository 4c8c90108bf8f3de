import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { UserError } from "../errors.ts";

export const DEFAULT_INTERVAL_MINUTES = 30;
/** Per guild: each feed is polled on its own, and a desk follows a handful of outlets. */
export const MAX_FEEDS_PER_GUILD = 50;

export interface AddFeedInput {
  guildId: string;
  channelId: string | null;
  url: string;
  intervalMinutes?: number;
  createdBy: string;
  now: Date;
}

export function addFeed(db: Db, input: AddFeedInput): t.Feed {
  const existing = db
    .select()
    .from(t.feeds)
    .where(and(eq(t.feeds.guildId, input.guildId), eq(t.feeds.url, input.url)))
    .get();
  if (existing) throw new UserError(`This server already follows that feed (#${existing.id}).`);
  const count = db.select({ n: sql<number>`count(*)` }).from(t.feeds).where(eq(t.feeds.guildId, input.guildId)).get()?.n ?? 0;
  if (count >= MAX_FEEDS_PER_GUILD) throw new UserError(`This server follows ${count} feeds, the most it may; remove one first.`);
  return db
    .insert(t.feeds)
    .values({
      guildId: input.guildId,
      channelId: input.channelId,
      url: input.url,
      intervalMinutes: input.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES,
      status: "new",
      nextPollAt: input.now.toISOString(),
      createdBy: input.createdBy,
      createdAt: input.now.toISOString(),
    })
    .returning()
    .get();
}

export function listGuildFeeds(db: Db, guildId: string): (t.Feed & { items: number })[] {
  const feeds = db.select().from(t.feeds).where(eq(t.feeds.guildId, guildId)).orderBy(asc(t.feeds.id)).all();
  const counts = new Map(
    db
      .select({ feedId: t.feedItems.feedId, n: sql<number>`count(*)` })
      .from(t.feedItems)
      .where(eq(t.feedItems.status, "ingested"))
      .groupBy(t.feedItems.feedId)
      .all()
      .map((r) => [r.feedId, r.n]),
  );
  return feeds.map((f) => ({ ...f, items: counts.get(f.id) ?? 0 }));
}

/** Removes a guild's feed by id or URL; returns it, or undefined when there is none. */
export function removeFeed(db: Db, guildId: string, idOrUrl: string): t.Feed | undefined {
  const key = idOrUrl.trim().replace(/^#/, "");
  const feed = /^\d+$/.test(key)
    ? db.select().from(t.feeds).where(and(eq(t.feeds.guildId, guildId), eq(t.feeds.id, Number(key)))).get()
    : db.select().from(t.feeds).where(and(eq(t.feeds.guildId, guildId), eq(t.feeds.url, key))).get();
  if (!feed) return undefined;
  db.delete(t.feeds).where(eq(t.feeds.id, feed.id)).run();
  return feed;
}

export function dueFeeds(db: Db, now: Date): t.Feed[] {
  return db.select().from(t.feeds).where(lte(t.feeds.nextPollAt, now.toISOString())).orderBy(asc(t.feeds.nextPollAt)).all();
}
