import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import type {
  APIChannel,
  APIEmbed,
  APIGuildMember,
  APIMessage,
  APIOverwrite,
  APIRole,
  APIUser,
  GatewayGuildCreateDispatchData,
  GuildChannelType,
  GuildMemberFlags,
  RoleFlags,
  ThreadChannelType,
} from "discord-api-types/v10";

export interface FakeChannel {
  id: string;
  name: string;
  /** ChannelType (0 text, 2 voice, 4 category, 5 announcement); default 0 (GuildText). */
  type?: ChannelType;
  /**
   * Permission bits (decimal string) an overwrite on this channel denies the bot's role, as a server admin would
   * set it: e.g. Read Message History, so GET /channels/:id/messages answers an empty list as Discord does.
   */
  botDeny?: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** Permission bitfield (decimal string) of the bot's role. Default: view, send, embed, attach, history, threads. */
  botPermissions?: string;
}

export const ALL_PERMISSIONS: string = Object.values(PermissionFlagsBits)
  .reduce((acc, bit) => acc | bit, 0n)
  .toString();

export const DEFAULT_BOT_PERMISSIONS: string = (
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands
).toString();

export const EVERYONE_PERMISSIONS: string = (
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands
).toString();

export function makeUser(id: string, username: string, bot = false): APIUser {
  return { id, username, discriminator: "0", global_name: bot ? null : username, avatar: null, bot };
}

function makeRole(id: string, name: string, permissions: string, position: number, managed: boolean): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

type GuildChannel = APIChannel & { type: Exclude<GuildChannelType, ThreadChannelType> };

/** The channel's permission overwrites: the bot role's deny, when the channel has one. */
function overwrites(guildId: string, channel: FakeChannel): APIOverwrite[] {
  return channel.botDeny ? [{ id: botRoleIdFor(guildId), type: OverwriteType.Role, allow: "0", deny: channel.botDeny }] : [];
}

export function makeGuildChannel(guildId: string, channel: FakeChannel, position: number): GuildChannel {
  const type = channel.type ?? ChannelType.GuildText;
  if (type === ChannelType.GuildVoice) {
    return {
      id: channel.id,
      type: ChannelType.GuildVoice,
      guild_id: guildId,
      name: channel.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      bitrate: 64000,
      user_limit: 0,
      rtc_region: null,
      last_message_id: null,
      rate_limit_per_user: 0,
    };
  }
  if (type === ChannelType.GuildCategory) {
    return { id: channel.id, type: ChannelType.GuildCategory, guild_id: guildId, name: channel.name, position, permission_overwrites: [], parent_id: null, nsfw: false };
  }
  const textType = type === ChannelType.GuildAnnouncement ? ChannelType.GuildAnnouncement : ChannelType.GuildText;
  return {
    id: channel.id,
    type: textType,
    guild_id: guildId,
    name: channel.name,
    position,
    permission_overwrites: overwrites(guildId, channel),
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: 1440,
    default_thread_rate_limit_per_user: 0,
  };
}

export function makeMember(user: APIUser, roles: string[]): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: new Date(Date.UTC(2024, 0, 1)).toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

export function botRoleId(guild: FakeGuild): string {
  return botRoleIdFor(guild.id);
}

function botRoleIdFor(guildId: string): string {
  // Deterministic per guild, distinct from the guild id (which is the @everyone role).
  return (BigInt(guildId) + 1n).toString();
}

/** The bot's permissions in a guild channel, computed as Discord does (@everyone, its role, the channel's overwrites). */
export function botChannelPermissions(guild: FakeGuild, channel: FakeChannel): bigint {
  let bits = BigInt(EVERYONE_PERMISSIONS) | BigInt(guild.botPermissions ?? DEFAULT_BOT_PERMISSIONS);
  if (bits & PermissionFlagsBits.Administrator) return BigInt(ALL_PERMISSIONS);
  for (const o of overwrites(guild.id, channel)) bits = (bits & ~BigInt(o.deny)) | BigInt(o.allow);
  return bits;
}

export function makeGuildCreate(guild: FakeGuild, bot: APIUser): GatewayGuildCreateDispatchData {
  const roleId = botRoleId(guild);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: (BigInt(guild.id) + 2n).toString(),
    region: "",
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [
      makeRole(guild.id, "@everyone", EVERYONE_PERMISSIONS, 0, false),
      makeRole(roleId, bot.username, guild.botPermissions ?? DEFAULT_BOT_PERMISSIONS, 1, true),
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: new Date(Date.UTC(2024, 0, 1)).toISOString(),
    large: false,
    member_count: 2,
    voice_states: [],
    members: [makeMember(bot, [roleId])],
    channels: guild.channels.map((c, i) => makeGuildChannel(guild.id, c, i)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    unavailable: false,
  };
}

export interface MessageInit {
  id: string;
  channelId: string;
  author: APIUser;
  content?: string;
  embeds?: APIEmbed[];
  components?: NonNullable<APIMessage["components"]>;
  flags?: number;
  nonce?: string | number;
  webhookId?: string;
  applicationId?: string;
  type?: MessageType;
  guildId?: string;
}

export function makeMessage(init: MessageInit): APIMessage & { guild_id?: string } {
  const message: APIMessage & { guild_id?: string } = {
    id: init.id,
    channel_id: init.channelId,
    author: init.author,
    content: init.content ?? "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: init.embeds ?? [],
    pinned: false,
    type: init.type ?? MessageType.Default,
    flags: init.flags ?? 0,
    components: init.components ?? [],
  };
  if (init.nonce !== undefined) message.nonce = init.nonce;
  if (init.webhookId !== undefined) message.webhook_id = init.webhookId;
  if (init.applicationId !== undefined) message.application_id = init.applicationId;
  if (init.guildId !== undefined) message.guild_id = init.guildId;
  return message;
}
