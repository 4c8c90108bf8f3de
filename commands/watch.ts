import { z } from "zod";
import { ApplicationCommandOptionType, ChannelType } from "discord-api-types/v10";
import type { CommandModule, Deps } from "../src/commands/types.ts";
import { entityChoices, entityOption, requireEntity } from "../src/commands/shared.ts";
import { timezoneChoices, timezoneInput } from "../src/commands/timezones.ts";
import type { Watch } from "../src/db/schema.ts";
import { getEntityName } from "../src/digest/query.ts";
import { UserError } from "../src/errors.ts";
import { escapeText, LIMITS, truncate } from "../src/render/limits.ts";
import { COLORS, type ReplyModel } from "../src/render/reply.ts";
import { timezoneFor } from "../src/store/timezones.ts";
import { countSentAlerts, getWatch, listGuildWatches, pauseWatch, removeWatch, resumeWatch, upsertWatch } from "../src/store/watches.ts";
import { parseTypes } from "../src/watch/match.ts";
import { parseQuietHours } from "../src/watch/quiet.ts";
import { describeWatch } from "../src/watch/render.ts";

/** Watches a server may keep: each is an indexed lookup per incident, but a list an editor can still read. */
export const MAX_WATCHES_PER_GUILD = 200;

const channelInput = z.string().regex(/^\d{17,20}$/, "Please pick a channel.");
const watchRef = z.string().trim().min(1, "Pick a watch from the list.").max(200);

const input = z.discriminatedUnion("subcommand", [
  z.object({
    subcommand: z.literal("add"),
    subject: z.string().trim().min(1, "Please give a person, group or place.").max(200),
    channel: channelInput.optional(),
    types: z.string().trim().max(200).optional(),
    min_casualties: z.number().int().min(1).max(10_000).optional(),
    quiet_hours: z.string().trim().max(40).optional(),
    timezone: timezoneInput.optional(),
    max_age_hours: z.number().int().min(1).max(24 * 30).optional(),
  }),
  z.object({ subcommand: z.literal("list") }),
  z.object({ subcommand: z.literal("remove"), watch: watchRef }),
  z.object({ subcommand: z.literal("pause"), watch: watchRef }),
  z.object({ subcommand: z.literal("resume"), watch: watchRef }),
]);

type Input = z.infer<typeof input>;

const S = ApplicationCommandOptionType;
const textChannels: [ChannelType.GuildText, ChannelType.GuildAnnouncement] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
const watchOption = { type: S.String, name: "watch", description: "Which watch (start typing)", required: true, autocomplete: true, max_length: 200 } as const;

function requireWatch(deps: Deps, guildId: string, ref: string): Watch {
  const id = /^\d{1,9}$/.test(ref) ? Number(ref) : undefined;
  const byId = id !== undefined ? getWatch(deps.db, id) : undefined;
  if (byId && byId.guildId === guildId) return byId;
  // Typed, not picked: a subject's name matches if it is watched in one channel only.
  const named = listGuildWatches(deps.db, guildId).filter((w) => (getEntityName(deps.db, w.subjectId) ?? "").toLowerCase() === ref.toLowerCase());
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1) throw new UserError(`“${escapeText(truncate(ref, 60))}” is watched in several channels: pick the one you mean from the list.`);
  throw new UserError(`No watch “${escapeText(truncate(ref, 60))}” in this server. /watch list shows them.`);
}

export const watch: CommandModule<Input> = {
  data: {
    name: "watch",
    description: "Alerts in a channel when something happens to a person, group or place — one per incident",
    options: [
      {
        type: S.Subcommand,
        name: "add",
        description: "Alert a channel once per new incident about a person, group or place",
        options: [
          entityOption("subject", "Who or where (a place covers the places inside it)", true),
          { type: S.Channel, name: "channel", description: "Where to post (default: this channel)", required: false, channel_types: textChannels },
          { type: S.String, name: "types", description: "Only these types, e.g. attack, bombing, closure or violence", required: false, max_length: 200 },
          { type: S.Integer, name: "min_casualties", description: "Only incidents with at least this many killed or injured", required: false, min_value: 1, max_value: 10_000 },
          { type: S.String, name: "quiet_hours", description: "Hold alerts in these hours and summarise them after, e.g. 22:00-07:00", required: false, max_length: 40 },
          { type: S.String, name: "timezone", description: "Time zone of the quiet hours (default: the channel's or server's)", required: false, autocomplete: true, max_length: 64 },
          { type: S.Integer, name: "max_age_hours", description: "Incidents older than this do not alert (default 48)", required: false, min_value: 1, max_value: 720 },
        ],
      },
      { type: S.Subcommand, name: "list", description: "This server's watches, with why any is paused" },
      { type: S.Subcommand, name: "remove", description: "Stop a watch", options: [watchOption] },
      { type: S.Subcommand, name: "pause", description: "Pause a watch", options: [watchOption] },
      { type: S.Subcommand, name: "resume", description: "Resume a paused watch", options: [watchOption] },
    ],
  },
  input,
  editorOnly: true,
  guildOnly: true,
  autocomplete(deps, focused, _options, ctx) {
    if (focused.name === "subject") return entityChoices(deps, focused.value);
    if (focused.name === "timezone") return timezoneChoices(deps, focused.value);
    if (focused.name !== "watch") return [];
    const typed = focused.value.trim().toLowerCase();
    return listGuildWatches(deps.db, ctx.guildId)
      .map((w) => ({ w, name: getEntityName(deps.db, w.subjectId) ?? "?" }))
      .filter(({ name }) => !typed || name.toLowerCase().includes(typed))
      .slice(0, LIMITS.choices)
      .map(({ w, name }) => ({ name: truncate(`${name} — #${w.channelId}${w.status === "paused" ? " (paused)" : ""}`, LIMITS.choiceName), value: String(w.id) }));
  },
  run(deps, inp, ctx): ReplyModel {
    const guildId = ctx.guildId;
    const now = deps.now();
    switch (inp.subcommand) {
      case "add": {
        const channelId = inp.channel ?? ctx.channelId;
        if (!channelId) throw new UserError("Pick a channel for the alerts.");
        const subject = requireEntity(deps, inp.subject);
        const types = inp.types ? parseTypes(inp.types) : [];
        let quietHours: string | null = null;
        if (inp.quiet_hours) {
          const q = parseQuietHours(inp.quiet_hours);
          if (!q) throw new UserError(`“${escapeText(truncate(inp.quiet_hours, 40))}” is not a range of hours. Use HH:MM-HH:MM in 24-hour time, for example 22:00-07:00.`);
          quietHours = q.canonical;
        }
        const existing = listGuildWatches(deps.db, guildId);
        if (existing.length >= MAX_WATCHES_PER_GUILD && !existing.some((w) => w.channelId === channelId && w.subjectId === subject.id)) {
          throw new UserError(`This server has ${existing.length} watches, the most it may keep. Remove some with /watch remove first.`);
        }
        const timezone = inp.timezone ?? timezoneFor(deps, { channelId, guildId });
        const { watch: w, created } = upsertWatch(
          deps.db,
          { guildId, channelId, subjectId: subject.id, types, minCasualties: inp.min_casualties ?? null, quietHours, timezone, maxAgeHours: inp.max_age_hours ?? 48, createdBy: ctx.userId },
          now,
        );
        deps.logger.info({ guildId, channelId, userId: ctx.userId, watchId: w.id }, created ? "watch added" : "watch updated");
        return {
          ephemeral: true,
          content: `${created ? "Watching" : "Updated"}: ${describeWatch(deps.db, w)}.\nOne alert per new incident, kept current as reports arrive; incidents older than ${w.maxAgeHours} hours (or than this watch) do not alert. Make sure I can view the channel, send messages, embed links and create public threads there.`,
        };
      }
      case "list": {
        const list = listGuildWatches(deps.db, guildId);
        if (!list.length) return { ephemeral: true, content: "No watches in this server yet. Add one with /watch add." };
        const lines = list.map((w) => {
          const n = countSentAlerts(deps.db, w.id);
          return `• ${describeWatch(deps.db, w)} · ${n} alert${n === 1 ? "" : "s"} posted`;
        });
        return { ephemeral: true, embeds: [{ title: "Watches in this server", description: truncate(lines.join("\n"), LIMITS.description), color: list.some((w) => w.status === "paused") ? COLORS.warning : COLORS.brand }] };
      }
      case "remove": {
        const w = requireWatch(deps, guildId, inp.watch);
        const line = describeWatch(deps.db, w);
        removeWatch(deps.db, guildId, w.id);
        deps.logger.info({ guildId, userId: ctx.userId, watchId: w.id }, "watch removed");
        return { ephemeral: true, content: `Removed: ${line}. Alerts already posted stay in the channel.` };
      }
      case "pause": {
        const w = requireWatch(deps, guildId, inp.watch);
        pauseWatch(deps.db, w.id, `paused by <@${ctx.userId}>`, now);
        return { ephemeral: true, content: `Paused the watch on **${escapeText(getEntityName(deps.db, w.subjectId) ?? "?")}** in <#${w.channelId}>. /watch resume starts it again.` };
      }
      case "resume": {
        const w = requireWatch(deps, guildId, inp.watch);
        resumeWatch(deps.db, w.id);
        return {
          ephemeral: true,
          content: `Resumed the watch on **${escapeText(getEntityName(deps.db, w.subjectId) ?? "?")}** in <#${w.channelId}>. Alerts start again with the next new incident; alerts already posted are kept current again.`,
        };
      }
    }
  },
};
