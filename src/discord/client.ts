import {
  ApplicationCommandOptionType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  REST,
  type RESTOptions,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
} from "discord.js";
import type { CommandContext, RawOptions } from "../commands/types.ts";
import type { Logger } from "../logger.ts";
import { renderMessage, type MessagePayload, type OutgoingFile } from "../render/payload.ts";
import type { Router } from "../router.ts";

/** Past this, Discord's 3-second interaction deadline is close: acknowledge first, answer after. */
const DEFER_AFTER_MS = 2000;

export interface ClientOptions {
  apiUrl?: string | undefined;
  shards?: number[] | undefined;
  shardCount?: number | undefined;
}

/** How the bot talks REST: Discord (or DISCORD_API_URL), three retries, 15 s a request. */
const restOptions = (apiUrl: string | undefined): Partial<RESTOptions> => ({ ...(apiUrl ? { api: apiUrl } : {}), retries: 3, timeout: 15_000 });

export function createClient(opts: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: restOptions(opts.apiUrl),
    ...(opts.shards ? { shards: opts.shards } : {}),
    ...(opts.shardCount ? { shardCount: opts.shardCount } : {}),
  });
}

/** A REST client of its own, for a process with no gateway client (the sharding manager), set up as the bot's is. */
export function discordRest(o: { token: string; apiUrl: string | undefined }): REST {
  return new REST(restOptions(o.apiUrl)).setToken(o.token);
}

/**
 * discord.js's reply options from our rendered payload (which already fits every limit). Files go as
 * `files`: discord.js uploads them as multipart parts and writes the `attachments` entries itself, so
 * the payload's own `attachments` list is not passed again (that would name every file twice).
 */
export function toReplyOptions(p: MessagePayload, files: readonly OutgoingFile[] = []): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    ...(p.content !== undefined ? { content: p.content } : {}),
    embeds: p.embeds ?? [],
    components: p.components ?? [],
    allowedMentions: { parse: [] },
    ...(files.length ? { files: files.map((f) => ({ attachment: f.data, name: f.name, ...(f.description ? { description: f.description } : {}) })) } : {}),
    ...(p.flags ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function contextOf(i: Interaction): CommandContext {
  return {
    guildId: i.guildId,
    channelId: i.channelId,
    userId: i.user.id,
    permissions: i.memberPermissions ? i.memberPermissions.bitfield : null,
    roleIds: roleIdsOf(i),
  };
}

/** The member's role ids, from a cached GuildMember or the raw API member the interaction carried. */
function roleIdsOf(i: Interaction): string[] {
  const m = i.member;
  if (!m) return [];
  return Array.isArray(m.roles) ? [...m.roles] : [...m.roles.cache.keys()];
}

/**
 * Flattens Discord's option tree into `{ subcommand?, name: value }`. An attachment option becomes its
 * URL under its name, with `<name>_filename`, `<name>_size` and `<name>_content_type` beside it.
 */
export function flattenOptions(data: readonly CommandInteractionOption[]): RawOptions {
  const out: RawOptions = {};
  for (const o of data) {
    if (o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup) {
      out.subcommand = o.name;
      Object.assign(out, flattenOptions(o.options ?? []));
    } else if (o.type === ApplicationCommandOptionType.Attachment && o.attachment) {
      out[o.name] = o.attachment.url;
      out[`${o.name}_filename`] = o.attachment.name;
      out[`${o.name}_size`] = o.attachment.size;
      if (o.attachment.contentType) out[`${o.name}_content_type`] = o.attachment.contentType;
    } else if (o.value !== undefined) out[o.name] = o.value;
  }
  return out;
}

/** Connects the router to the client: the only code that touches interactions. */
export function attachRouter(client: Client, router: Router, logger: Logger, onError?: (err: unknown) => void): void {
  client.on(Events.InteractionCreate, (interaction) => {
    void dispatch(interaction, router).catch((err: unknown) => {
      logger.error({ err, interactionId: interaction.id }, "could not answer interaction");
      onError?.(err);
    });
  });
}

async function dispatch(i: Interaction, router: Router): Promise<void> {
  if (i.isChatInputCommand()) return answerCommand(i, router);
  if (i.isAutocomplete()) return answerAutocomplete(i, router);
  if (i.isButton()) return answerButton(i, router);
}

async function answerCommand(i: ChatInputCommandInteraction, router: Router): Promise<void> {
  const slow = router.commands.get(i.commandName)?.slow ?? false;
  const work = router.handleCommand({ name: i.commandName, options: flattenOptions(i.options.data), ctx: contextOf(i) });
  let deferred = false;
  if (slow) {
    await i.deferReply();
    deferred = true;
  } else {
    const winner = await Promise.race([work.then(() => "done" as const), new Promise<"late">((r) => setTimeout(() => r("late"), DEFER_AFTER_MS).unref())]);
    if (winner === "late") {
      await i.deferReply();
      deferred = true;
    }
  }
  const { payload, files } = renderMessage((await work).reply);
  if (deferred) {
    const { flags: _flags, ...rest } = toReplyOptions(payload, files);
    await i.editReply(rest);
  } else await i.reply(toReplyOptions(payload, files));
}

async function answerAutocomplete(i: AutocompleteInteraction, router: Router): Promise<void> {
  const focused = i.options.getFocused(true);
  const choices = await router.handleAutocomplete({
    name: i.commandName,
    options: flattenOptions(i.options.data),
    ctx: contextOf(i),
    focused: { name: focused.name, value: String(focused.value) },
  });
  await i.respond(choices);
}

async function answerButton(i: ButtonInteraction, router: Router): Promise<void> {
  const result = await router.handleButton(i.customId, contextOf(i));
  const { payload, files } = renderMessage(result.reply);
  if (result.reply.ephemeral) await i.reply(toReplyOptions(payload, files));
  else {
    const { flags: _flags, ...rest } = toReplyOptions(payload, files);
    // Replace, not add to, the page's earlier pictures.
    await i.update(files.length ? { ...rest, attachments: [] } : rest);
  }
}
