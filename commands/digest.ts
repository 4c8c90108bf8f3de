import { z } from "zod";
import { ApplicationCommandOptionType, ChannelType } from "discord-api-types/v10";
import type { CommandModule, Deps } from "../src/commands/types.ts";
import { dayOption, entityChoices, entityOption, requireEntity } from "../src/commands/shared.ts";
import { timezoneChoices, timezoneInput } from "../src/commands/timezones.ts";
import type { DigestKind, DigestSubscription } from "../src/db/schema.ts";
import { UserError } from "../src/errors.ts";
import { buildDigest } from "../src/digest/build.ts";
import { listDeliveries } from "../src/digest/ledger.ts";
import { renderDigest } from "../src/digest/render.ts";
import { nextDigestAt } from "../src/digest/schedule.ts";
import { isCalendarDate, localDate } from "../src/digest/time.ts";
import { escapeText, truncate } from "../src/render/limits.ts";
import { COLORS, type ReplyModel } from "../src/render/reply.ts";
import { getSubscriptionByChannel, listGuildSubscriptions, pauseSubscription, removeSubscription, resumeSubscription, upsertSubscription } from "../src/store/subscriptions.ts";
import { getEntityName } from "../src/digest/query.ts";
import { timezoneFor } from "../src/store/timezones.ts";

const timeInput = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(v);
    if (!m) {
      ctx.addIssue({ code: "custom", message: `“${truncate(v, 20)}” is not a 24-hour time. Use HH:MM, for example 08:00 or 17:30.` });
      return z.NEVER;
    }
    return `${(m[1] ?? "").padStart(2, "0")}:${m[2] ?? "00"}`;
  });

const channelInput = z.string().regex(/^\d{17,20}$/, "Please pick a channel.");

const input = z.discriminatedUnion("subcommand", [
  z.object({
    subcommand: z.literal("subscribe"),
    channel: channelInput,
    time: timeInput,
    timezone: timezoneInput,
    incidents: z.boolean().optional(),
    context: z.boolean().optional(),
    quote: z.boolean().optional(),
    about: z.string().trim().min(1).max(200).optional(),
  }),
  z.object({ subcommand: z.literal("list") }),
  z.object({ subcommand: z.literal("unsubscribe"), channel: channelInput }),
  z.object({ subcommand: z.literal("pause"), channel: channelInput }),
  z.object({ subcommand: z.literal("resume"), channel: channelInput }),
  z.object({ subcommand: z.literal("preview"), channel: channelInput.optional(), date: dayOption }),
  z.object({ subcommand: z.literal("history"), channel: channelInput.optional() }),
]);

type Input = z.infer<typeof input>;

const S = ApplicationCommandOptionType;
const textChannels: [ChannelType.GuildText, ChannelType.GuildAnnouncement] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

function channelOption(required: boolean, description: string) {
  return { type: S.Channel, name: "channel", description, required, channel_types: textChannels } as const;
}

const kindLabel = (k: DigestKind): string => ({ incidents: "incidents", context: "context", quote: "quote of the day" })[k];

function describe(deps: Deps, s: DigestSubscription): string {
  const about = s.aboutEntityId !== null ? ` · about ${escapeText(getEntityName(deps.db, s.aboutEntityId) ?? "?")}` : "";
  const status = s.status === "active" ? "active" : `**paused**${s.pauseReason ? ` (${escapeText(s.pauseReason)})` : ""}`;
  return `<#${s.channelId}> · ${s.localTime} ${s.timezone} · ${s.kinds.map(kindLabel).join(", ")}${about} · ${status}`;
}

const unix = (d: Date): number => Math.floor(d.getTime() / 1000);

function requireSubscription(guildId: string, sub: DigestSubscription | undefined, channelId: string): DigestSubscription {
  if (!sub || sub.guildId !== guildId) throw new UserError(`<#${channelId}> has no digest. Set one up with /digest subscribe.`);
  return sub;
}

export const digest: CommandModule<Input> = {
  data: {
    name: "digest",
    description: "Daily “on this date” digest and quote of the day for a channel",
    options: [
      {
        type: S.Subcommand,
        name: "subscribe",
        description: "Post the digest in a channel every day at a local time",
        options: [
          channelOption(true, "Where to post"),
          { type: S.String, name: "time", description: "Local time, 24-hour HH:MM (e.g. 08:00)", required: true, min_length: 4, max_length: 5 },
          { type: S.String, name: "timezone", description: "IANA time zone, e.g. Asia/Karachi", required: true, autocomplete: true, max_length: 64 },
          { type: S.Boolean, name: "incidents", description: "Incidents on this date in earlier years (default on)", required: false },
          { type: S.Boolean, name: "context", description: "Pieces published on this date and latest developments (default on)", required: false },
          { type: S.Boolean, name: "quote", description: "Quote of the day (default on)", required: false },
          entityOption("about", "Only incidents about this place, group or person", false),
        ],
      },
      { type: S.Subcommand, name: "list", description: "This server's digests" },
      { type: S.Subcommand, name: "unsubscribe", description: "Stop a channel's digest", options: [channelOption(true, "The channel")] },
      { type: S.Subcommand, name: "pause", description: "Pause a channel's digest", options: [channelOption(true, "The channel")] },
      { type: S.Subcommand, name: "resume", description: "Resume a paused digest", options: [channelOption(true, "The channel")] },
      {
        type: S.Subcommand,
        name: "preview",
        description: "Show (only to you) exactly what the digest would post",
        options: [
          channelOption(false, "The channel (default: this one)"),
          { type: S.String, name: "date", description: "A day: 2025-01-11, 01-11 or 11 Jan (default: today)", required: false, max_length: 40 },
        ],
      },
      { type: S.Subcommand, name: "history", description: "A channel's last deliveries", options: [channelOption(false, "The channel (default: this one)")] },
    ],
  },
  input,
  editorOnly: true,
  guildOnly: true,
  autocomplete(deps, focused) {
    if (focused.name === "about") return entityChoices(deps, focused.value);
    if (focused.name !== "timezone") return [];
    return timezoneChoices(deps, focused.value);
  },
  run(deps, inp, ctx): ReplyModel {
    const guildId = ctx.guildId;
    const now = deps.now();
    switch (inp.subcommand) {
      case "subscribe": {
        const kinds = (["incidents", "context", "quote"] as const).filter((k) => inp[k] !== false);
        if (kinds.length === 0) throw new UserError("Turn on at least one of incidents, context or quote.");
        const about = inp.about ? requireEntity(deps, inp.about) : undefined;
        const { subscription, created } = upsertSubscription(
          deps.db,
          { guildId, channelId: inp.channel, localTime: inp.time, timezone: inp.timezone, kinds, aboutEntityId: about?.id ?? null, createdBy: ctx.userId },
          now,
        );
        deps.logger.info({ guildId, channelId: inp.channel, userId: ctx.userId, subscriptionId: subscription.id }, created ? "digest subscribed" : "digest updated");
        const next = nextDigestAt(subscription, now);
        return {
          ephemeral: true,
          content: `${created ? "Subscribed" : "Updated"}: ${describe(deps, subscription)}.\nFirst post: <t:${unix(next)}:F> (<t:${unix(next)}:R>). Make sure I can view the channel, send messages and embed links there.`,
        };
      }
      case "list": {
        const subs = listGuildSubscriptions(deps.db, guildId);
        if (subs.length === 0) return { ephemeral: true, content: "No digests in this server yet. Set one up with /digest subscribe." };
        return {
          ephemeral: true,
          embeds: [{ title: "Digests in this server", description: subs.map((s) => `• ${describe(deps, s)}`).join("\n"), color: COLORS.brand }],
        };
      }
      case "unsubscribe": {
        if (!removeSubscription(deps.db, guildId, inp.channel)) throw new UserError(`<#${inp.channel}> has no digest.`);
        deps.logger.info({ guildId, channelId: inp.channel, userId: ctx.userId }, "digest unsubscribed");
        return { ephemeral: true, content: `Unsubscribed <#${inp.channel}>: no more digests there.` };
      }
      case "pause": {
        const sub = requireSubscription(guildId, getSubscriptionByChannel(deps.db, inp.channel), inp.channel);
        pauseSubscription(deps.db, sub.id, `paused by <@${ctx.userId}>`, now);
        return { ephemeral: true, content: `Paused the digest in <#${inp.channel}>. /digest resume starts it again.` };
      }
      case "resume": {
        const sub = requireSubscription(guildId, getSubscriptionByChannel(deps.db, inp.channel), inp.channel);
        resumeSubscription(deps.db, sub.id);
        const next = nextDigestAt(sub, now);
        return { ephemeral: true, content: `Resumed the digest in <#${inp.channel}>. Next post: <t:${unix(next)}:F>.` };
      }
      case "preview": {
        const channelId = inp.channel ?? ctx.channelId;
        const sub = channelId ? getSubscriptionByChannel(deps.db, channelId) : undefined;
        const mine = sub && sub.guildId === guildId ? sub : undefined;
        const zone = mine?.timezone ?? timezoneFor(deps, { channelId: null, guildId });
        const today = localDate(now, zone);
        const date = inp.date ? `${inp.date.year ?? today.slice(0, 4)}-${inp.date.monthDay}` : today;
        if (!isCalendarDate(date)) throw new UserError(`${date.slice(0, 4)} has no 29 February; in such years its incidents show on 28 February.`);
        const model = buildDigest(deps.db, {
          date,
          timezone: zone,
          kinds: mine?.kinds ?? ["incidents", "context", "quote"],
          aboutEntityId: mine?.aboutEntityId ?? null,
          subscriptionId: mine?.id ?? null,
          recordQuote: false,
        });
        const reply = renderDigest(model);
        const note = mine ? `Preview of the digest for <#${mine.channelId}> on ${date}:` : `Preview for ${date} (this channel has no digest yet; defaults shown):`;
        return { ...reply, content: reply.content ? `${note}\n${reply.content}` : note, ephemeral: true };
      }
      case "history": {
        const channelId = inp.channel ?? ctx.channelId;
        if (!channelId) throw new UserError("Pick a channel.");
        const sub = requireSubscription(guildId, getSubscriptionByChannel(deps.db, channelId), channelId);
        const rows = listDeliveries(deps.db, sub.id, 10);
        if (rows.length === 0) return { ephemeral: true, content: `No deliveries yet in <#${channelId}>. ${describe(deps, sub)}.` };
        const lines = rows.map((r) => {
          if (r.status === "sent") return `• ${r.localDate} — sent${r.sentAt ? ` <t:${unix(new Date(r.sentAt))}:f>` : ""}${r.attempts > 1 ? ` after ${r.attempts} attempts` : ""}`;
          if (r.status === "pending") return `• ${r.localDate} — pending (${r.attempts} attempt${r.attempts === 1 ? "" : "s"}${r.error ? `; last error: ${truncate(r.error, 120)}` : ""})`;
          return `• ${r.localDate} — failed: ${truncate(r.error ?? "unknown error", 160)}`;
        });
        return { ephemeral: true, embeds: [{ title: "Digest deliveries", description: `${describe(deps, sub)}\n\n${lines.join("\n")}`, color: COLORS.brand }] };
      }
    }
  },
};
