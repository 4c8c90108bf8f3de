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
import { createGate, type GateJob, type GateOptions, type InteractionGate, type ShedReason } from "./gate.ts";

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

/** What a user sees when the bot sheds their interaction under load. */
export const BUSY_MESSAGE = "The bot is busy right now — please try again in a moment.";

/** Commands that may take long (pictures, exports, ingest): acknowledged at once, answered when done. */
const DEFER_AT_ONCE = new Set(["map", "chart", "export", "ingest"]);

function defersAtOnce(router: Router, name: string, options: RawOptions): boolean {
  return (router.commands.get(name)?.slow ?? false) || DEFER_AT_ONCE.has(name) || options.chart === true || options.export === true;
}

/**
 * When the interaction was made: its snowflake's time when that is plausible (so time spent waiting behind a
 * stalled loop counts), else when it arrived.
 */
function createdAt(i: Interaction, arrived: number): number {
  const t = i.createdTimestamp;
  return t > arrived - 60_000 && t < arrived + 5_000 ? Math.min(t, arrived) : arrived;
}

export interface AttachOptions {
  onError?: (err: unknown) => void;
  /** Counts interactions shed under load (metrics). */
  onShed?: (reason: ShedReason, kind: "command" | "autocomplete" | "button") => void;
  gate?: Omit<GateOptions, "onShed" | "onError">;
}

/**
 * Connects the router to the client: the only code that touches interactions. Every interaction goes through
 * the gate (src/discord/gate.ts), which answers in turn per guild and sheds what is too late; slow commands are
 * acknowledged first. Returns the gate, which shutdown stops.
 */
export function attachRouter(client: Client, router: Router, logger: Logger, opts: AttachOptions | ((err: unknown) => void) = {}): InteractionGate {
  const o: AttachOptions = typeof opts === "function" ? { onError: opts } : opts;
  const kinds = new WeakMap<GateJob, "command" | "autocomplete" | "button">();
  const gate = createGate({
    ...o.gate,
    onShed: (reason, job) => o.onShed?.(reason, kinds.get(job) ?? "command"),
    onError: (err) => {
      logger.error({ err }, "could not answer interaction");
      o.onError?.(err);
    },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void admit(interaction, router, gate, kinds).catch((err: unknown) => {
      logger.error({ err, interactionId: interaction.id }, "could not answer interaction");
      o.onError?.(err);
    });
  });
  return gate;
}

const busyReply = (i: ChatInputCommandInteraction | ButtonInteraction) => async (): Promise<void> => {
  await i.reply({ content: BUSY_MESSAGE, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
};

async function admit(i: Interaction, router: Router, gate: InteractionGate, kinds: WeakMap<GateJob, "command" | "autocomplete" | "button">): Promise<void> {
  const arrived = Date.now();
  let job: GateJob | undefined;
  if (i.isChatInputCommand()) {
    const options = flattenOptions(i.options.data);
    const deferred = defersAtOnce(router, i.commandName, options);
    if (deferred) await i.deferReply();
    job = { guildId: i.guildId, createdAt: createdAt(i, arrived), deferred, run: () => answerCommand(i, router, options, deferred), busy: busyReply(i) };
    kinds.set(job, "command");
  } else if (i.isAutocomplete()) {
    // Shed, it gets no choices at once (Discord shows "no options match") rather than silence past the deadline.
    job = { guildId: i.guildId, createdAt: createdAt(i, arrived), deferred: false, run: () => answerAutocomplete(i, router), busy: () => i.respond([]) };
    kinds.set(job, "autocomplete");
  } else if (i.isButton()) {
    job = { guildId: i.guildId, createdAt: createdAt(i, arrived), deferred: false, run: () => answerButton(i, router), busy: busyReply(i) };
    kinds.set(job, "button");
  }
  if (job) gate.submit(job);
}

async function answerCommand(i: ChatInputCommandInteraction, router: Router, options: RawOptions, deferredAlready: boolean): Promise<void> {
  const work = router.handleCommand({ name: i.commandName, options, ctx: contextOf(i) });
  let deferred = deferredAlready;
  if (!deferred) {
    // (A command that awaits something, such as a fetch, may still be slow after the gate let it in.)
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
