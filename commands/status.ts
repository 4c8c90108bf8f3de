import { z } from "zod";
import { and, eq } from "drizzle-orm";
import type { CommandModule, Deps } from "../src/commands/types.ts";
import { feeds, type DigestSubscription } from "../src/db/schema.ts";
import { getDelivery } from "../src/digest/ledger.ts";
import { nextDigestAt } from "../src/digest/schedule.ts";
import { localDate } from "../src/digest/time.ts";
import { rowCounts, storeSize } from "../src/ops/store-info.ts";
import { escapeText, LIMITS, truncate } from "../src/render/limits.ts";
import { COLORS, type FieldModel, type ReplyModel } from "../src/render/reply.ts";
import { listGuildSubscriptions } from "../src/store/subscriptions.ts";
import { listGuildWatches } from "../src/store/watches.ts";
import { describeWatch } from "../src/watch/render.ts";

const input = z.object({});

const unix = (d: Date): number => Math.floor(d.getTime() / 1000);

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  return m ? `${m} min ${s % 60} s` : `${s} s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The field values must fit Discord's 1024 characters: lines past that are summarised. */
function lines(list: readonly string[], empty: string): string {
  if (list.length === 0) return empty;
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of list.entries()) {
    const more = `… and ${list.length - i} more`;
    if (used + line.length + 1 > LIMITS.fieldValue - more.length - 1) {
      out.push(more);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join("\n");
}

function processField(deps: Deps, now: Date): FieldModel {
  const rt = deps.runtime;
  if (!rt) return { name: "Bot", value: "No runtime information in this mode." };
  const parts = [`Up ${formatDuration(now.getTime() - rt.startedAt.getTime())} (since <t:${unix(rt.startedAt)}:f>)`];
  const ping = rt.gatewayPingMs();
  const shards = rt.shards();
  if (rt.mode === "discord") {
    parts.push(`Gateway: ${rt.gatewayReady() ? "ready" : "**not ready**"}${ping !== undefined && ping >= 0 ? `, ${Math.round(ping)} ms heartbeat` : ""}`);
    if (shards && shards.count > 1) parts.push(`Shard ${shards.ids.join(", ")} of ${shards.count}`);
  } else parts.push(`Mode: ${rt.mode}`);
  const tick = rt.lastSchedulerTick();
  if (rt.runsScheduler()) parts.push(tick ? `Scheduler: last tick ${formatDuration(now.getTime() - tick.getTime())} ago` : "Scheduler: **no tick yet**");
  else parts.push("Scheduler: runs in another process (shard 0)");
  return { name: "Bot", value: parts.join("\n") };
}

function storeField(deps: Deps): FieldModel {
  const size = storeSize(deps.db);
  const counts = rowCounts(deps.db);
  const n = (k: string): string => (counts[k] ?? 0).toLocaleString("en-US");
  return {
    name: "Store",
    value: [
      `${formatBytes(size.bytes)} on disk${size.walBytes > 8 * 1024 * 1024 ? ` (${formatBytes(size.walBytes)} write-ahead log)` : ""}`,
      `${n("articles")} articles · ${n("paragraphs")} paragraphs · ${n("entities")} entities`,
      `${n("events")} events · ${n("quotes")} quotes · ${n("mentions")} mentions`,
    ].join("\n"),
  };
}

/** Why a resend after a long outage could not be checked (the bot needs Read Message History to look). */
export const UNCHECKED_RESEND =
  "resent after a long outage without checking the channel: the bot lacks Read Message History there, so a duplicate post cannot be ruled out. Give it Read Message History in that channel.";

function todayLine(deps: Deps, sub: DigestSubscription, now: Date): string {
  const today = localDate(now, sub.timezone);
  const row = getDelivery(deps.db, sub.id, today);
  const where = `<#${sub.channelId}> ${sub.localTime} ${sub.timezone}`;
  if (row?.status === "sent") {
    const sent = `✅ ${where}: sent${row.sentAt ? ` <t:${unix(new Date(row.sentAt))}:t>` : ""}${row.attempts > 1 ? ` after ${row.attempts} attempts` : ""}`;
    if (row.resendCheck === "found") return `${sent} (found in the channel after a restart, not posted again)`;
    if (row.resendCheck === "unreadable") return `${sent} — ⚠️ ${UNCHECKED_RESEND}`;
    return sent;
  }
  if (row?.status === "pending") return `⏳ ${where}: pending, ${row.attempts} attempt(s)${row.error ? ` — ${escapeText(truncate(row.error, 120))}` : ""}`;
  if (row?.status === "failed") return `❌ ${where}: failed — ${escapeText(truncate(row.error ?? "unknown reason", 160))}`;
  if (sub.status === "paused") return `⏸️ ${where}: paused, nothing today`;
  const next = nextDigestAt(sub, now);
  return localDate(next, sub.timezone) === today ? `🕗 ${where}: due <t:${unix(next)}:R>` : `➖ ${where}: not sent today`;
}

function failingFeeds(deps: Deps, guildId: string): string[] {
  try {
    return deps.db
      .select({ url: feeds.url, title: feeds.title, error: feeds.lastError, failures: feeds.consecutiveFailures, since: feeds.lastSuccessAt })
      .from(feeds)
      .where(and(eq(feeds.guildId, guildId), eq(feeds.status, "failing")))
      .all()
      .map((f) => `• ${escapeText(truncate(f.title ?? f.url, 60))}: ${f.failures} failure(s) in a row — ${escapeText(truncate(f.error ?? "no reason recorded", 140))}`);
  } catch {
    return []; // a store from before feeds existed
  }
}

export const status: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "status",
    description: "Editors: bot health — uptime, store, today's digests, paused digests and watches, failing feeds",
  },
  input,
  editorOnly: true,
  guildOnly: true,
  run(deps, _input, ctx): ReplyModel {
    const now = deps.now();
    const subs = listGuildSubscriptions(deps.db, ctx.guildId);
    const active = subs.filter((s) => s.status === "active");
    const paused = subs.filter((s) => s.status === "paused");
    const upcoming = active
      .map((s) => ({ s, at: nextDigestAt(s, now) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map(({ s, at }) => `<t:${unix(at)}:f> (<t:${unix(at)}:R>) in <#${s.channelId}>`);
    const feedLines = failingFeeds(deps, ctx.guildId);
    const pausedWatches = listGuildWatches(deps.db, ctx.guildId)
      .filter((w) => w.status === "paused")
      .map((w) => `• ${describeWatch(deps.db, w)}${w.pausedAt ? ` (since <t:${unix(new Date(w.pausedAt))}:d>)` : ""}`);
    const anyTrouble = paused.length > 0 || feedLines.length > 0 || pausedWatches.length > 0 || subs.some((s) => {
        const row = getDelivery(deps.db, s.id, localDate(now, s.timezone));
        return row?.status === "failed" || row?.resendCheck === "unreadable";
      });
    const fields: FieldModel[] = [
      processField(deps, now),
      storeField(deps),
      { name: "Today's digests", value: lines(subs.map((s) => todayLine(deps, s, now)), "No digests in this server. Set one up with /digest subscribe.") },
      { name: "Next posts", value: lines(upcoming.slice(0, 10), "Nothing scheduled.") },
      { name: "Paused digests", value: lines(paused.map((s) => `• <#${s.channelId}>: ${escapeText(truncate(s.pauseReason ?? "paused", 160))}${s.pausedAt ? ` (since <t:${unix(new Date(s.pausedAt))}:d>)` : ""}`), "None.") },
      { name: "Failing feeds", value: lines(feedLines, "None.") },
      { name: "Paused watches", value: lines(pausedWatches, "None.") },
    ];
    return {
      ephemeral: true,
      embeds: [{ title: "borderdesk status", color: anyTrouble ? COLORS.warning : COLORS.brand, fields, timestamp: now.toISOString() }],
    };
  },
};
