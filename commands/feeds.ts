import { z } from "zod";
import { ApplicationCommandOptionType, ChannelType } from "discord-api-types/v10";
import type { CommandModule, Deps } from "../src/commands/types.ts";
import { UserError } from "../src/errors.ts";
import { checkFetchTarget, DEFAULT_GUARD, PRIVATE_ADDRESS_MESSAGE } from "../src/intake/address.ts";
import { cleanUrl } from "../src/text/urls.ts";
import { addFeed, DEFAULT_INTERVAL_MINUTES, listGuildFeeds, removeFeed } from "../src/feeds/store.ts";
import { escapeText, LIMITS, truncate } from "../src/render/limits.ts";
import { COLORS, type ReplyModel } from "../src/render/reply.ts";

const input = z.object({
  subcommand: z.enum(["add", "list", "remove"]),
  url: z
    .string()
    .trim()
    .max(2000, "That link is too long.")
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === "https:" || u.protocol === "http:";
      } catch {
        return false;
      }
    }, "Give the feed's full address, starting with https://.")
    .transform((v) => cleanUrl(v) ?? v)
    .optional(),
  channel: z.string().regex(/^\d{17,20}$/, "Please pick a channel.").optional(),
  interval: z.coerce.number().int().min(5, "Poll at most every 5 minutes.").max(1440, "Poll at least once a day (1440 minutes).").optional(),
  feed: z.string().trim().min(1).max(2000).optional(),
});
type Input = z.infer<typeof input>;

function ago(iso: string | null): string {
  if (!iso) return "never";
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;
}

function listReply(deps: Deps, guildId: string): ReplyModel {
  const feeds = listGuildFeeds(deps.db, guildId);
  if (!feeds.length) return { content: "This server follows no feeds yet. Add one with /feeds add url:<RSS or Atom link>.", ephemeral: true };
  const blocks = feeds.map((f) => {
    const state =
      f.status === "failing"
        ? `⚠️ **failing** (${f.consecutiveFailures}× in a row: ${escapeText(truncate(f.lastError ?? "unknown error", 160))}) — next try ${ago(f.nextPollAt)}`
        : f.status === "new"
          ? "⏳ waiting for its first poll"
          : `✅ ok — last checked ${ago(f.lastPolledAt)}${f.lastError ? ` (last error: ${escapeText(truncate(f.lastError, 80))})` : ""}`;
    return `**#${f.id}** ${escapeText(truncate(f.title ?? f.url, 120))}\n${truncate(f.url, 200)}\nevery ${f.intervalMinutes} min · ${f.items} article${f.items === 1 ? "" : "s"} taken in · ${f.channelId ? `notes in <#${f.channelId}>` : "no notes"}\n${state}`;
  });
  return {
    embeds: [{ title: "Feeds this server follows", description: truncate(blocks.join("\n\n"), LIMITS.description), color: COLORS.brand, footer: "Remove one with /feeds remove feed:<#id or link>" }],
    ephemeral: true,
  };
}

export const feeds: CommandModule<Input> = {
  data: {
    name: "feeds",
    description: "RSS/Atom feeds whose new articles go into the store (editors)",
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "add",
        description: "Follow a feed",
        options: [
          { type: ApplicationCommandOptionType.String, name: "url", description: "The RSS or Atom feed's address", required: true, max_length: 2000 },
          {
            type: ApplicationCommandOptionType.Channel,
            name: "channel",
            description: "Where to post a one-line note for each new article (optional)",
            required: false,
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          },
          { type: ApplicationCommandOptionType.Integer, name: "interval", description: `Minutes between polls (default ${DEFAULT_INTERVAL_MINUTES})`, required: false, min_value: 5, max_value: 1440 },
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: "list", description: "The feeds this server follows and how they are doing" },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "remove",
        description: "Stop following a feed",
        options: [{ type: ApplicationCommandOptionType.String, name: "feed", description: "The feed (#id from /feeds list, or its link)", required: true, autocomplete: true, max_length: 2000 }],
      },
    ],
  },
  input,
  editorOnly: true,
  guildOnly: true,
  autocomplete(deps, focused, _options, ctx) {
    if (focused.name !== "feed") return [];
    const typed = focused.value.toLowerCase();
    return listGuildFeeds(deps.db, ctx.guildId)
      .filter((f) => !typed || `#${f.id} ${f.title ?? ""} ${f.url}`.toLowerCase().includes(typed))
      .slice(0, LIMITS.choices)
      .map((f) => ({ name: truncate(`#${f.id} ${f.title ?? f.url}`, LIMITS.choiceName), value: String(f.id) }));
  },
  async run(deps, v, ctx) {
    const guildId = ctx.guildId;
    if (v.subcommand === "list") return listReply(deps, guildId);
    if (v.subcommand === "remove") {
      const removed = removeFeed(deps.db, guildId, v.feed ?? "");
      if (!removed) throw new UserError("This server follows no such feed. See /feeds list for the ids.");
      return { content: `Stopped following ${escapeText(truncate(removed.title ?? removed.url, 200))}. Articles already taken in stay in the store.` };
    }
    if (!v.url) throw new UserError("Give the feed's address: /feeds add url:<RSS or Atom link>.");
    // Checked now (not only at each poll) so an editor learns at once that an internal address will never be read.
    const target = await checkFetchTarget(new URL(v.url), deps.fetchGuard ?? DEFAULT_GUARD);
    if (!target.ok) {
      throw new UserError(target.reason === "private" ? PRIVATE_ADDRESS_MESSAGE : `Could not find ${escapeText(new URL(v.url).host)} (${target.detail}); check the address and try again.`);
    }
    const feed = addFeed(deps.db, { guildId, channelId: v.channel ?? null, url: v.url, createdBy: ctx.userId, now: deps.now(), ...(v.interval ? { intervalMinutes: v.interval } : {}) });
    return {
      content: `Following feed #${feed.id}: ${truncate(feed.url, 300)} — polled every ${feed.intervalMinutes} minutes. The first poll takes in what the feed holds now without posting; after that, ${feed.channelId ? `each new article gets a one-line note in <#${feed.channelId}>` : "new articles go into the store quietly"}.`,
    };
  },
};
