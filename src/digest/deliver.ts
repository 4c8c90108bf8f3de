/**
 * How a digest reaches a channel. The scheduler talks to a `Deliverer`: over Discord's REST API in the
 * bot, printing in the offline console, recording in tests. Errors are classified the way Discord
 * means them: 403 50001/50013 and 404 10003 mean "this channel is gone or closed to us" (pause the
 * subscription), 5xx and network failures are worth retrying, anything else is a failure to record.
 */
import type { REST } from "discord.js";
import { restPoster, type ChannelPoster, type FindOutcome } from "../discord/poster.ts";
import type { MessagePayload } from "../render/payload.ts";
import type { ReplyModel } from "../render/reply.ts";

export type DigestMessage = MessagePayload & { nonce: string; enforce_nonce: true };

export interface Deliverer {
  /** Posts a message; throws a DiscordAPIError-like error ({ status, code, message }) on failure. */
  send(channelId: string, message: DigestMessage): Promise<{ messageId: string }>;
  /**
   * Looks in the channel for this delivery's own message (its marker, see `markDelivery`) posted at or after
   * `since`. Absent on deliverers that remember every nonce for ever (the console's): they need no look.
   */
  findPosted?(channelId: string, message: DigestMessage, since: Date): Promise<FindOutcome>;
}

/** The words that mark a delivery's message, so the bot can find it in the channel after a long outage. */
export function deliveryMarker(nonce: string): string {
  return `ref ${nonce}`;
}

/** Puts the delivery's marker in the digest's last embed footer (or under its text), before it is laid out. */
export function markDelivery(reply: ReplyModel, nonce: string): ReplyModel {
  const marker = deliveryMarker(nonce);
  const last = reply.embeds?.at(-1);
  if (last) return { ...reply, embeds: [...(reply.embeds ?? []).slice(0, -1), { ...last, footer: last.footer ? `${last.footer} · ${marker}` : marker }] };
  return { ...reply, content: `${reply.content ?? ""}\n-# ${marker}` };
}

/** Delivery through the channel poster: over discord.js's REST client (client.rest), which waits out 429s itself. */
export function posterDeliverer(poster: ChannelPoster): Deliverer {
  return {
    send: (channelId, message) => poster.post(channelId, message),
    findPosted(channelId, message, since) {
      const marker = deliveryMarker(message.nonce);
      return poster.findOwnMessage(channelId, since, (m) => m.content.includes(marker) || m.embeds.some((e) => e.footer?.text.includes(marker) === true));
    },
  };
}

export function restDeliverer(rest: Pick<REST, "post" | "get" | "patch">): Deliverer {
  return posterDeliverer(restPoster(rest));
}

export interface RecordedPost {
  channelId: string;
  messageId: string;
  message: DigestMessage;
}

/**
 * An in-process deliverer for the offline console and tests: it dedupes nonces like Discord does and
 * hands every new post to `onPost`.
 */
export function memoryDeliverer(onPost?: (post: RecordedPost) => void): Deliverer & { posts: RecordedPost[] } {
  const posts: RecordedPost[] = [];
  const byNonce = new Map<string, string>();
  let next = 1;
  return {
    posts,
    send(channelId, message) {
      const key = `${channelId}:${message.nonce}`;
      const seen = byNonce.get(key);
      if (seen) return Promise.resolve({ messageId: seen });
      const messageId = `local-${next++}`;
      byNonce.set(key, messageId);
      const post = { channelId, messageId, message };
      posts.push(post);
      onPost?.(post);
      return Promise.resolve({ messageId });
    },
  };
}

export type Failure =
  | { kind: "channel"; reason: string }
  | { kind: "transient"; reason: string }
  | { kind: "rejected"; reason: string };

const CHANNEL_CODES: Record<number, string> = {
  50001: "Missing Access",
  50013: "Missing Permissions",
  10003: "Unknown Channel",
  10004: "Unknown Guild",
};

/** Reads status/code off DiscordAPIError, HTTPError, or anything shaped like them. */
export function classifyFailure(error: unknown): Failure {
  const e = typeof error === "object" && error !== null ? (error as { status?: unknown; code?: unknown; message?: unknown; name?: unknown }) : {};
  const status = typeof e.status === "number" ? e.status : undefined;
  const code = typeof e.code === "number" ? e.code : typeof e.code === "string" && /^\d+$/.test(e.code) ? Number(e.code) : undefined;
  const message = typeof e.message === "string" ? e.message : String(error);
  if (code !== undefined && CHANNEL_CODES[code] && (status === 403 || status === 404 || status === undefined)) {
    return { kind: "channel", reason: `${CHANNEL_CODES[code]} (${code})` };
  }
  if (status === 403) return { kind: "channel", reason: `Forbidden (${code ?? 403})` };
  if (status !== undefined && status >= 500) return { kind: "transient", reason: `Discord ${status}: ${message}` };
  if (status === 429) return { kind: "transient", reason: "rate limited" };
  if (status === undefined) return { kind: "transient", reason: message };
  return { kind: "rejected", reason: `Discord ${status}${code !== undefined ? ` ${code}` : ""}: ${message}` };
}

export interface RetryPolicy {
  /** Attempts per tick for transient failures (5xx, network). */
  attempts: number;
  /** First backoff; doubles each retry. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1_000 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends with bounded exponential backoff on transient failures; returns the attempts used with the outcome. */
export async function sendWithRetry(
  deliverer: Deliverer,
  channelId: string,
  message: DigestMessage,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<{ ok: true; messageId: string; attempts: number } | { ok: false; failure: Failure; attempts: number }> {
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      const { messageId } = await deliverer.send(channelId, message);
      return { ok: true, messageId, attempts };
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind !== "transient" || attempts >= policy.attempts) return { ok: false, failure, attempts };
      await sleep(policy.baseDelayMs * 2 ** (attempts - 1));
    }
  }
}
