/**
 * The one edge to Discord's channels over REST: posting a message and reading the bot's own recent messages
 * back. Digests, feed notes, pause notices and shard start-up are handed a `ChannelPoster`; nothing else in the
 * bot calls `rest.post(Routes.channelMessages(…))`. Over REST, not the gateway, so any process (one shard, or
 * none) can post to any channel.
 */
import { OverwriteType, PermissionFlagsBits, Routes } from "discord-api-types/v10";
import type { APIMessage, APIOverwrite, APIRole } from "discord-api-types/v10";
import type { REST } from "discord.js";
import type { MessagePayload } from "../render/payload.ts";

/** A message body for a channel: a rendered payload, with a nonce Discord uses to drop a repeat within its window. */
export type ChannelMessage = MessagePayload & { nonce?: string; enforce_nonce?: boolean };

/** What a look through a channel's recent messages found. */
export type FindOutcome =
  | { kind: "found"; messageId: string }
  | { kind: "absent" }
  /** Discord does not let the bot read the channel's history, so it cannot tell. */
  | { kind: "unreadable"; reason: string };

export interface ChannelPoster {
  /** Posts a message; throws Discord's error ({ status, code, message }) on failure. */
  post(channelId: string, body: ChannelMessage): Promise<{ messageId: string }>;
  /** Edits the bot's own message (watch alerts are kept current this way); throws Discord's error on failure. */
  edit(channelId: string, messageId: string, body: MessagePayload): Promise<void>;
  /** Starts a public thread on a message (Discord gives the thread the message's id); throws on failure. */
  startThread(channelId: string, messageId: string, name: string): Promise<{ threadId: string }>;
  /** The bot's own message, posted at or after `since`, that `match` accepts. */
  findOwnMessage(channelId: string, since: Date, match: (message: Pick<APIMessage, "id" | "content" | "embeds">) => boolean): Promise<FindOutcome>;
}

/** Pages of 100 read after `since`: the message sought was posted moments after it, so the first page has it. */
const MAX_PAGES = 3;
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The smallest snowflake of an instant: `after` it means "posted at or after that instant". */
export function snowflakeAt(at: Date): string {
  const ms = BigInt(Math.max(0, at.getTime())) - DISCORD_EPOCH;
  return ((ms > 0n ? ms : 0n) << 22n).toString();
}

type RestLike = Pick<REST, "post" | "get" | "patch">;

export function restPoster(rest: RestLike): ChannelPoster {
  let selfId: Promise<string> | undefined;
  const me = (): Promise<string> => {
    selfId ??= (rest.get(Routes.user("@me")) as Promise<{ id: string }>).then((u) => u.id);
    return selfId;
  };
  return {
    async post(channelId, body) {
      const res = (await rest.post(Routes.channelMessages(channelId), { body })) as { id?: unknown };
      if (typeof res.id !== "string") throw new Error("Discord answered without a message id");
      return { messageId: res.id };
    },
    async edit(channelId, messageId, body) {
      await rest.patch(Routes.channelMessage(channelId, messageId), { body });
    },
    async startThread(channelId, messageId, name) {
      const res = (await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 1440 } })) as { id?: unknown };
      if (typeof res.id !== "string") throw new Error("Discord answered without a thread id");
      return { threadId: res.id };
    },
    async findOwnMessage(channelId, since, match) {
      const self = await me();
      let after = snowflakeAt(since);
      let seen = 0;
      for (let page = 0; page < MAX_PAGES; page++) {
        let messages: APIMessage[];
        try {
          messages = (await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ after, limit: "100" }) })) as APIMessage[];
        } catch (error) {
          const status = (error as { status?: unknown }).status;
          if (status === 403) return { kind: "unreadable", reason: "the bot may not read this channel (View Channel / Read Message History)" };
          throw error;
        }
        seen += messages.length;
        const own = messages.find((m) => m.author.id === self && match(m));
        if (own) return { kind: "found", messageId: own.id };
        if (messages.length < 100) break;
        after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
      }
      // Discord answers an empty list, not an error, when the bot lacks Read Message History: tell that apart from
      // "nothing was posted" before anyone trusts the absence.
      if (seen === 0 && !(await canReadHistory(rest, channelId, self))) return { kind: "unreadable", reason: "the bot lacks Read Message History in this channel" };
      return { kind: "absent" };
    },
  };
}

/** The bot's permissions in a guild channel, computed as Discord does: roles, then the channel's overwrites. */
async function canReadHistory(rest: RestLike, channelId: string, selfId: string): Promise<boolean> {
  const channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string; permission_overwrites?: APIOverwrite[] };
  const guildId = channel.guild_id;
  if (!guildId) return true; // a DM: no permissions to lack
  const guild = (await rest.get(Routes.guild(guildId))) as { owner_id: string; roles: APIRole[] };
  if (guild.owner_id === selfId) return true;
  const member = (await rest.get(Routes.guildMember(guildId, selfId))) as { roles: string[] };
  const bits = channelPermissions({ guildId, selfId, roles: guild.roles, memberRoles: member.roles, overwrites: channel.permission_overwrites ?? [] });
  const needed = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
  return (bits & needed) === needed;
}

/** Discord's permission arithmetic for one member in one channel (Administrator passes everything). */
export function channelPermissions(o: { guildId: string; selfId: string; roles: readonly APIRole[]; memberRoles: readonly string[]; overwrites: readonly APIOverwrite[] }): bigint {
  const everyone = o.roles.find((r) => r.id === o.guildId);
  let bits = BigInt(everyone?.permissions ?? "0");
  for (const r of o.roles) if (o.memberRoles.includes(r.id)) bits |= BigInt(r.permissions);
  if (bits & PermissionFlagsBits.Administrator) return ~0n;
  const apply = (deny: bigint, allow: bigint): void => {
    bits = (bits & ~deny) | allow;
  };
  const everyoneOverwrite = o.overwrites.find((w) => w.id === o.guildId);
  if (everyoneOverwrite) apply(BigInt(everyoneOverwrite.deny), BigInt(everyoneOverwrite.allow));
  let deny = 0n;
  let allow = 0n;
  for (const w of o.overwrites) {
    if (w.type === OverwriteType.Role && o.memberRoles.includes(w.id)) {
      deny |= BigInt(w.deny);
      allow |= BigInt(w.allow);
    }
  }
  apply(deny, allow);
  const own = o.overwrites.find((w) => w.type === OverwriteType.Member && w.id === o.selfId);
  if (own) apply(BigInt(own.deny), BigInt(own.allow));
  return bits;
}
