import { randomBytes } from "node:crypto";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
} from "discord-api-types/v10";
import type {
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommandInteractionDataOption,
  APIBaseInteraction,
  APIChatInputApplicationCommandGuildInteraction,
  APIInteractionDataResolved,
  APIInteractionDataResolvedChannel,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageComponentGuildInteraction,
  APIUser,
} from "discord-api-types/v10";
import { makeGuildChannel, makeMember } from "./payloads.ts";
import type { FakeGuild } from "./payloads.ts";

export type CommandOption = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;
export type AutocompleteOption = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>;

export function makeInteractionToken(): string {
  // Real tokens are long base64url strings starting with "aW50ZXJhY3Rpb246" ("interaction:").
  return `aW50ZXJhY3Rpb246${randomBytes(96).toString("base64url")}`;
}

export interface InteractionContext {
  id: string;
  token: string;
  applicationId: string;
  guild: FakeGuild;
  channelId: string;
  user: APIUser;
  permissions: string;
  appPermissions: string;
  locale?: Locale;
}

type GuildBase = Omit<APIBaseInteraction<InteractionType, unknown>, "type" | "data" | "user" | "message" | "channel" | "channel_id"> & {
  guild_id: string;
  channel_id: string;
  channel: NonNullable<APIBaseInteraction<InteractionType, unknown>["channel"]>;
  member: APIInteractionGuildMember;
};

function base(ctx: InteractionContext): GuildBase {
  const channel = ctx.guild.channels.find((c) => c.id === ctx.channelId);
  const position = channel ? ctx.guild.channels.indexOf(channel) : 0;
  const fullChannel = makeGuildChannel(ctx.guild.id, channel ?? { id: ctx.channelId, name: "unknown" }, position);
  return {
    id: ctx.id,
    application_id: ctx.applicationId,
    token: ctx.token,
    version: 1,
    guild_id: ctx.guild.id,
    guild: { id: ctx.guild.id, locale: Locale.EnglishUS, features: [] },
    channel_id: ctx.channelId,
    channel: fullChannel,
    member: { ...makeMember(ctx.user, []), permissions: ctx.permissions, user: ctx.user },
    app_permissions: ctx.appPermissions,
    locale: ctx.locale ?? Locale.EnglishUS,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: ctx.guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** Fill `resolved.channels` for channel options that point at known guild channels. */
function resolveOptions(options: readonly CommandOption[], guild: FakeGuild, permissions: string): APIInteractionDataResolved | undefined {
  const channels: Record<string, APIInteractionDataResolvedChannel> = {};
  const visit = (list: readonly CommandOption[]): void => {
    for (const option of list) {
      if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
        visit(option.options ?? []);
      } else if (option.type === ApplicationCommandOptionType.Channel) {
        const channel = guild.channels.find((c) => c.id === option.value);
        if (channel) {
          const type = channel.type === ChannelType.GuildAnnouncement ? ChannelType.GuildAnnouncement : ChannelType.GuildText;
          channels[channel.id] = { id: channel.id, name: channel.name, type, permissions };
        }
      }
    }
  };
  visit(options);
  return Object.keys(channels).length > 0 ? { channels } : undefined;
}

export function makeChatInputInteraction(
  ctx: InteractionContext,
  command: { id: string; name: string; options: CommandOption[]; resolved?: APIInteractionDataResolved; guildCommand: boolean },
): APIChatInputApplicationCommandGuildInteraction {
  const resolved = command.resolved ?? resolveOptions(command.options, ctx.guild, ctx.permissions);
  return {
    ...base(ctx),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options: command.options,
      ...(resolved ? { resolved } : {}),
      ...(command.guildCommand ? { guild_id: ctx.guild.id } : {}),
    },
  };
}

function markFocused(options: readonly AutocompleteOption[], focused: string): AutocompleteOption[] {
  return options.map((option): AutocompleteOption => {
    if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
      return { ...option, options: markFocused(option.options ?? [], focused) } as AutocompleteOption;
    }
    if (
      option.name === focused &&
      (option.type === ApplicationCommandOptionType.String ||
        option.type === ApplicationCommandOptionType.Integer ||
        option.type === ApplicationCommandOptionType.Number)
    ) {
      return { ...option, focused: true };
    }
    return option;
  });
}

export function makeAutocompleteInteraction(
  ctx: InteractionContext,
  command: { id: string; name: string; options: AutocompleteOption[]; focused: string; guildCommand: boolean },
): APIApplicationCommandAutocompleteGuildInteraction {
  return {
    ...base(ctx),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options: markFocused(command.options, command.focused),
      ...(command.guildCommand ? { guild_id: ctx.guild.id } : {}),
    },
  };
}

export function makeComponentInteraction(
  ctx: InteractionContext,
  component: { customId: string; message: APIMessage; values?: string[] },
): APIMessageComponentGuildInteraction {
  const data: APIMessageComponentGuildInteraction["data"] =
    component.values === undefined
      ? { custom_id: component.customId, component_type: ComponentType.Button }
      : { custom_id: component.customId, component_type: ComponentType.StringSelect, values: component.values };
  return {
    ...base(ctx),
    type: InteractionType.MessageComponent,
    data,
    message: component.message,
  };
}
