/**
 * A local fake Discord (REST + gateway on 127.0.0.1) that the real discord.js Client connects to.
 *
 *   const fake = await startFakeDiscord({ guilds: [...] });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl, retries: 0, timeout: 2000 } });
 *   await client.login("any-token");
 *   const reply = await fake.sendCommand({ name: "ping" });
 *   expect(reply.message?.content).toBe("pong");
 */
import { EventEmitter } from "node:events";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApplicationCommandType, ChannelType, GatewayDispatchEvents, InteractionResponseType, MessageFlags, PermissionFlagsBits, RESTJSONErrorCodes } from "discord-api-types/v10";
import type {
  APIApplicationCommand,
  APIApplicationCommandOptionChoice,
  APICommandAutocompleteInteractionResponseCallbackData,
  APIEmbed,
  APIGatewayBotInfo,
  APIInteraction,
  APIInteractionDataResolved,
  APIInteractionResponseCallbackData,
  APIMessage,
  APIModalInteractionResponseCallbackData,
  APIUser,
  GatewayGuildCreateDispatchData,
} from "discord-api-types/v10";
import { FakeGateway } from "./gateway.ts";
import type { GatewayFrameLog } from "./gateway.ts";
import {
  makeAutocompleteInteraction,
  makeChatInputInteraction,
  makeComponentInteraction,
  makeInteractionToken,
} from "./interactions.ts";
import type { AutocompleteOption, CommandOption, InteractionContext } from "./interactions.ts";
import { ALL_PERMISSIONS, botChannelPermissions, botRoleId, DEFAULT_BOT_PERMISSIONS, makeGuildChannel, makeGuildCreate, makeMember, makeMessage, makeUser } from "./payloads.ts";
import type { FakeChannel, FakeGuild } from "./payloads.ts";
import { makeSnowflake, shardForGuild } from "./snowflake.ts";
import { ErrorCollector, isEmptyMessage, isRecord, validateCallback, validateCommands, validateMessage } from "./validate.ts";
import type { ErrorTree } from "./validate.ts";

export type { FakeChannel, FakeGuild } from "./payloads.ts";
export type { AutocompleteOption, CommandOption } from "./interactions.ts";
export type { GatewayFrameLog } from "./gateway.ts";
export { guildIdForShard, makeSnowflake, shardForGuild } from "./snowflake.ts";
export { ALL_PERMISSIONS, DEFAULT_BOT_PERMISSIONS } from "./payloads.ts";

export interface FakeDiscordOptions {
  /** Default: one guild "Border Desk" with text channels #desk and #digest (fresh snowflakes). */
  guilds?: FakeGuild[];
  /** Shard count reported by GET /gateway/bot (default 1). */
  shardCount?: number;
  /** Bot-authenticated requests allowed per second before a global 429 (default: unlimited). Interaction/webhook routes are exempt, as on Discord. */
  globalRateLimitPerSecond?: number;
  /** Time the bot has for the initial callback before it gets 10062 Unknown interaction (default 3000, like Discord). */
  interactionResponseWindowMs?: number;
  /** How long sendCommand waits for the edit after a deferred reply (default 5000). */
  deferredEditTimeoutMs?: number;
  /**
   * Window in which a repeated nonce with enforce_nonce returns the original message (default 5 minutes; Discord
   * documents "the past few minutes"). After it a repeated nonce makes a second message, as on Discord.
   */
  nonceWindowMs?: number;
  /** heartbeat_interval sent in HELLO (default 45000). */
  heartbeatIntervalMs?: number;
  botUsername?: string;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  /** Route below /api/v10, e.g. "/channels/123/messages". */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; authorization removed. */
  headers: Record<string, string>;
  /** Parsed JSON body (for multipart: the parsed payload_json), undefined when there was none. */
  body: unknown;
  files: RecordedFile[];
  /** Whether an Authorization header was sent (its value is never recorded). */
  authenticated: boolean;
  status: number;
  /** JSON answered (undefined for 204). */
  response: unknown;
  at: number;
}

/** A message the fake holds (channel message, interaction response or follow-up). */
export type RecordedMessage = APIMessage & { guild_id?: string };

export type FakeFailure =
  | { status: 403; code: 50013 | 50001 }
  | { status: 404; code: 10003 }
  | { status: 429; retryAfter: number; global?: boolean }
  | { status: 500 | 502 | 503 };

export type CallbackData =
  | APIInteractionResponseCallbackData
  | APICommandAutocompleteInteractionResponseCallbackData
  | APIModalInteractionResponseCallbackData;

export type InteractionKind = "command" | "autocomplete" | "component";

/**
 * What the bot did with one interaction. Arrays and `message` are live: later edits and follow-ups show up here.
 * `message` is what the user sees now: the reply, the deferred message after its edit, or the component's message after an update.
 */
export interface InteractionRecord {
  readonly kind: InteractionKind;
  readonly interactionId: string;
  readonly token: string;
  /** Shard the INTERACTION_CREATE was dispatched on. */
  readonly shardId: number;
  /** Callback type (4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  readonly type: InteractionResponseType;
  readonly data: CallbackData | undefined;
  readonly deferred: boolean;
  readonly ephemeral: boolean;
  /** Autocomplete choices (type 8). */
  readonly choices: APIApplicationCommandOptionChoice[] | undefined;
  /** Bodies of PATCH .../messages/@original, in order. */
  readonly edits: readonly unknown[];
  /** Follow-up messages (POST /webhooks/{app}/{token}). */
  readonly followUps: readonly RecordedMessage[];
  /** The original response message as the user sees it now. */
  readonly message: RecordedMessage | undefined;
  /** Shortcut for message?.content. */
  readonly content: string | undefined;
  /** Shortcut for message?.embeds. */
  readonly embeds: APIEmbed[];
  /** Callback attempts the fake rejected (e.g. 50035) before the accepted one. */
  readonly rejectedCallbacks: readonly RecordedRequest[];
  waitForEdits(count: number, timeoutMs?: number): Promise<void>;
  waitForFollowUps(count: number, timeoutMs?: number): Promise<void>;
}
/** Alias kept for the brief's naming. */
export type CallbackRecord = InteractionRecord;

export interface SendCommandInput {
  name: string;
  options?: CommandOption[];
  resolved?: APIInteractionDataResolved;
  guildId?: string;
  channelId?: string;
  userId?: string;
  /** Member permission bitfield as a decimal string; default all permissions. */
  permissions?: string;
  /** Resolve right after the callback even when it is a deferral (default false: wait for the edit/follow-up). */
  skipDeferredWait?: boolean;
  timeoutMs?: number;
}

export interface SendAutocompleteInput {
  name: string;
  options: AutocompleteOption[];
  /** Name of the focused option. */
  focused: string;
  guildId?: string;
  channelId?: string;
  userId?: string;
  permissions?: string;
  timeoutMs?: number;
}

export interface SendButtonInput {
  customId: string;
  /** Id of a message the fake knows (channel message or interaction response); otherwise a bot message with that button is made up. */
  messageId?: string;
  /** For select menus: the chosen values (makes a string-select interaction instead of a button). */
  values?: string[];
  guildId?: string;
  channelId?: string;
  userId?: string;
  permissions?: string;
  skipDeferredWait?: boolean;
  timeoutMs?: number;
}

export interface RegisteredCommands {
  /** Last PUT /applications/{app}/commands (plus POSTs since). */
  global: APIApplicationCommand[];
  /** Per guild id: last PUT /applications/{app}/guilds/{guild}/commands. */
  guilds: Map<string, APIApplicationCommand[]>;
}

export interface FakeDiscord {
  /** "http://127.0.0.1:PORT/api" — pass as `rest.api`. */
  readonly apiUrl: string;
  /** "ws://127.0.0.1:PORT/gateway" (what GET /gateway/bot answers). */
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUser: APIUser;
  readonly guilds: readonly FakeGuild[];
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Follow-ups and edits to interaction responses (POST/PATCH/DELETE /webhooks/...), accepted ones only. */
  readonly webhookMessages: RecordedRequest[];
  /** Messages created by POST /channels/:id/messages, per channel (nonce duplicates are not added). */
  readonly channelMessages: Map<string, RecordedMessage[]>;
  /** Requests answered 400 for invalid payloads (50035, 50006, 40060...). Assert it is empty at the end of a test. */
  readonly rejections: RecordedRequest[];
  /** Requests to routes the fake does not know (answered 404 code 0). */
  readonly unknownRoutes: RecordedRequest[];
  /** Threads started from messages (POST /channels/:id/messages/:id/threads): thread id → parent channel, message and name. Their messages are in channelMessages under the thread id. */
  readonly threads: Map<string, { parentId: string; guildId: string | undefined; messageId: string; name: string }>;
  readonly registeredCommands: RegisteredCommands;
  /** Gateway frames in both directions (op, t, s, shard). */
  readonly gatewayFrames: GatewayFrameLog[];
  /** IDENTIFYs received, with their shard pair and intents. */
  readonly identifies: readonly { shard: [number, number]; intents: number }[];
  readonly resumes: readonly { sessionId: string; seq: number }[];

  sendCommand(input: SendCommandInput): Promise<InteractionRecord>;
  sendAutocomplete(input: SendAutocompleteInput): Promise<InteractionRecord>;
  sendButton(input: SendButtonInput): Promise<InteractionRecord>;
  /** Make POST /channels/:id/messages fail like Discord would: next `times` posts (default: all until cleared). */
  failChannel(channelId: string, failure: FakeFailure, times?: number): void;
  /** Same as failChannel with your own request matcher. */
  failRequests(match: (req: RecordedRequest) => boolean, failure: FakeFailure, times?: number): void;
  clearFailures(): void;
  /** Discord's nonce window passes now for every nonce seen so far: a repeat makes a new message (a long outage). */
  expireNonces(): void;
  /** Messages created in a channel (0 when none). */
  messageCount(channelId: string): number;
  /** Raw dispatch to the shard owning guildId (null: every shard). Returns the shard ids reached. */
  dispatch(event: GatewayDispatchEvents, data: unknown, guildId: string | null): number[];
  /** Send op 7 RECONNECT to a shard. */
  requestReconnect(shardId: number): void;
  /** Close a shard's socket with a resumable close code. */
  dropShard(shardId: number, code?: number): void;
  /** [shardId, shardCount] of every connected, identified shard. */
  connectedShards(): [number, number][];
  /** Resolve when `check` returns a value other than undefined (re-checked after every request and gateway event). */
  waitFor<T>(check: () => T | undefined, timeoutMs?: number, what?: string): Promise<T>;
  close(): Promise<void>;
}

interface FailureRule {
  match: (req: RecordedRequest) => boolean;
  failure: FakeFailure;
  remaining: number;
}

interface InteractionState {
  kind: InteractionKind;
  id: string;
  token: string;
  guildId: string;
  channelId: string;
  shardId: number;
  createdAt: number;
  acknowledged: boolean;
  type: InteractionResponseType | undefined;
  data: CallbackData | undefined;
  /** Component interactions: the message the component sits on. */
  sourceMessage: RecordedMessage | undefined;
  original: RecordedMessage | undefined;
  edits: unknown[];
  followUps: RecordedMessage[];
  rejectedCallbacks: RecordedRequest[];
}

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    readonly raw?: string,
  ) {}
}

const API_PREFIX = "/api/v10";
const LOADING = MessageFlags.Loading;
const EPHEMERAL = MessageFlags.Ephemeral;

function discordError(status: number, code: number, message: string, errors?: ErrorTree): HttpAnswer {
  return new HttpAnswer(status, errors ? { message, code, errors } : { message, code });
}

function invalidFormBody(errors: ErrorCollector): HttpAnswer {
  return discordError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Invalid Form Body", errors.tree);
}

function failureAnswer(failure: FakeFailure): HttpAnswer {
  switch (failure.status) {
    case 403:
      return failure.code === 50013
        ? discordError(403, 50013, "Missing Permissions")
        : discordError(403, 50001, "Missing Access");
    case 404:
      return discordError(404, 10003, "Unknown Channel");
    case 429: {
      const global = failure.global ?? false;
      const headers: Record<string, string> = {
        "retry-after": String(failure.retryAfter),
        "x-ratelimit-scope": global ? "global" : "user",
      };
      if (global) {
        headers["x-ratelimit-global"] = "true";
      } else {
        headers["x-ratelimit-limit"] = "5";
        headers["x-ratelimit-remaining"] = "0";
        headers["x-ratelimit-reset-after"] = String(failure.retryAfter);
        headers["x-ratelimit-bucket"] = "fakebucket0000000000000000000000";
      }
      return new HttpAnswer(429, { message: "You are being rate limited.", retry_after: failure.retryAfter, global }, headers);
    }
    case 500:
      return discordError(500, 0, "500: Internal Server Error");
    case 502:
      return new HttpAnswer(502, undefined, { "content-type": "text/html" }, "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>");
    case 503:
      return new HttpAnswer(503, undefined, { "content-type": "text/html" }, "<html><head><title>503 Service Unavailable</title></head><body>upstream connect error</body></html>");
  }
}

function isCallbackType(value: unknown): value is InteractionResponseType {
  return typeof value === "number" && Object.values(InteractionResponseType).includes(value);
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[]; invalidJson: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const buffer = Buffer.concat(chunks);
  if (buffer.length === 0) return { body: undefined, files: [], invalidJson: false };
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Response(buffer, { headers: { "content-type": contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = JSON.parse(value);
      } else {
        files.push({ field, filename: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body, files, invalidJson: false };
  }
  try {
    const body: unknown = JSON.parse(buffer.toString("utf8"));
    return { body, files: [], invalidJson: false };
  } catch {
    return { body: undefined, files: [], invalidJson: true };
  }
}

class FakeDiscordServer implements FakeDiscord {
  apiUrl = "";
  gatewayUrl = "";
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUser: APIUser;
  readonly guilds: FakeGuild[];
  readonly requests: RecordedRequest[] = [];
  readonly webhookMessages: RecordedRequest[] = [];
  readonly channelMessages = new Map<string, RecordedMessage[]>();
  readonly rejections: RecordedRequest[] = [];
  readonly unknownRoutes: RecordedRequest[] = [];
  readonly threads = new Map<string, { parentId: string; guildId: string | undefined; messageId: string; name: string }>();
  readonly registeredCommands: RegisteredCommands = { global: [], guilds: new Map() };

  private readonly opts: FakeDiscordOptions;
  private readonly server: Server;
  private readonly gateway: FakeGateway;
  private readonly changes = new EventEmitter();
  private readonly failures: FailureRule[] = [];
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly nonces = new Map<string, { message: RecordedMessage; at: number }>();
  private readonly dmChannels = new Map<string, { id: string; recipient: APIUser }>();
  private readonly users = new Map<string, APIUser>();
  private globalWindow = { start: 0, count: 0 };

  constructor(opts: FakeDiscordOptions) {
    this.opts = opts;
    this.applicationId = makeSnowflake(Date.now() - 86_400_000 * 400);
    this.botUserId = this.applicationId;
    this.botUser = makeUser(this.botUserId, opts.botUsername ?? "borderdesk", true);
    this.guilds = opts.guilds ?? [
      {
        id: makeSnowflake(Date.now() - 86_400_000 * 300),
        name: "Border Desk",
        channels: [
          { id: makeSnowflake(Date.now() - 86_400_000 * 299), name: "desk" },
          { id: makeSnowflake(Date.now() - 86_400_000 * 298), name: "digest" },
        ],
      },
    ];
    this.changes.setMaxListeners(0);
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.gateway = new FakeGateway({
      botUser: this.botUser,
      applicationId: this.applicationId,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 45_000,
      url: () => this.gatewayUrl,
      guildsForShard: (shardId, shardCount) => this.guildCreates(shardId, shardCount),
      onFrame: () => this.changed(),
    });
    this.server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
      if ((req.url ?? "").startsWith("/gateway")) this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  get gatewayFrames(): GatewayFrameLog[] {
    return this.gateway.frames;
  }

  get identifies(): readonly { shard: [number, number]; intents: number }[] {
    return this.gateway.identifies;
  }

  get resumes(): readonly { sessionId: string; seq: number }[] {
    return this.gateway.resumes;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.changes.removeAllListeners();
  }

  // ---------------------------------------------------------------- test controls

  failChannel(channelId: string, failure: FakeFailure, times = Number.POSITIVE_INFINITY): void {
    this.failRequests((req) => req.method === "POST" && req.path === `/channels/${channelId}/messages`, failure, times);
  }

  failRequests(match: (req: RecordedRequest) => boolean, failure: FakeFailure, times = Number.POSITIVE_INFINITY): void {
    this.failures.push({ match, failure, remaining: times });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  expireNonces(): void {
    this.nonces.clear();
  }

  messageCount(channelId: string): number {
    return this.channelMessages.get(channelId)?.length ?? 0;
  }

  dispatch(event: GatewayDispatchEvents, data: unknown, guildId: string | null): number[] {
    return this.gateway.dispatch(event, data, guildId);
  }

  requestReconnect(shardId: number): void {
    this.gateway.requestReconnect(shardId);
  }

  dropShard(shardId: number, code?: number): void {
    this.gateway.dropShard(shardId, code);
  }

  connectedShards(): [number, number][] {
    return this.gateway.connectedShards();
  }

  waitFor<T>(check: () => T | undefined, timeoutMs = 5000, what = "condition"): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = check();
      if (first !== undefined) {
        resolve(first);
        return;
      }
      const onChange = (): void => {
        const value = check();
        if (value !== undefined) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.changes.off("change", onChange);
      };
      this.changes.on("change", onChange);
    });
  }

  // ---------------------------------------------------------------- interactions

  async sendCommand(input: SendCommandInput): Promise<InteractionRecord> {
    const state = this.newInteraction("command", input);
    const registered = this.findCommand(input.name, state.guildId);
    const payload = makeChatInputInteraction(this.context(state, input), {
      id: registered?.id ?? makeSnowflake(),
      name: input.name,
      options: input.options ?? [],
      ...(input.resolved ? { resolved: input.resolved } : {}),
      guildCommand: registered?.guild_id !== undefined,
    });
    return this.deliver(state, payload, input.timeoutMs, input.skipDeferredWait ?? false);
  }

  async sendAutocomplete(input: SendAutocompleteInput): Promise<InteractionRecord> {
    const state = this.newInteraction("autocomplete", input);
    const registered = this.findCommand(input.name, state.guildId);
    const payload = makeAutocompleteInteraction(this.context(state, input), {
      id: registered?.id ?? makeSnowflake(),
      name: input.name,
      options: input.options,
      focused: input.focused,
      guildCommand: registered?.guild_id !== undefined,
    });
    return this.deliver(state, payload, input.timeoutMs, true);
  }

  async sendButton(input: SendButtonInput): Promise<InteractionRecord> {
    const state = this.newInteraction("component", input);
    let message = input.messageId === undefined ? undefined : this.findMessage(input.messageId);
    if (input.messageId !== undefined && message === undefined) {
      throw new Error(`fake discord: sendButton: no message ${input.messageId} is known`);
    }
    message ??= makeMessage({
      id: makeSnowflake(),
      channelId: state.channelId,
      guildId: state.guildId,
      author: this.botUser,
      content: "",
      applicationId: this.applicationId,
      components: [{ type: 1, components: [{ type: 2, style: 1, label: "button", custom_id: input.customId }] }],
    });
    state.sourceMessage = message;
    state.channelId = message.channel_id;
    const payload = makeComponentInteraction(this.context(state, input), {
      customId: input.customId,
      message,
      ...(input.values ? { values: input.values } : {}),
    });
    return this.deliver(state, payload, input.timeoutMs, input.skipDeferredWait ?? false);
  }

  private newInteraction(kind: InteractionKind, input: { guildId?: string; channelId?: string }): InteractionState {
    const guild = input.guildId === undefined ? this.guilds[0] : this.guilds.find((g) => g.id === input.guildId);
    if (!guild) throw new Error(`fake discord: unknown guild ${input.guildId ?? "(none configured)"}`);
    const channel =
      input.channelId ?? guild.channels.find((c) => (c.type ?? ChannelType.GuildText) === ChannelType.GuildText)?.id;
    if (channel === undefined) throw new Error(`fake discord: guild ${guild.id} has no text channel`);
    return {
      kind,
      id: makeSnowflake(),
      token: makeInteractionToken(),
      guildId: guild.id,
      channelId: channel,
      shardId: -1,
      createdAt: Date.now(),
      acknowledged: false,
      type: undefined,
      data: undefined,
      sourceMessage: undefined,
      original: undefined,
      edits: [],
      followUps: [],
      rejectedCallbacks: [],
    };
  }

  private context(state: InteractionState, input: { userId?: string; permissions?: string }): InteractionContext {
    const guild = this.guilds.find((g) => g.id === state.guildId);
    if (!guild) throw new Error(`fake discord: unknown guild ${state.guildId}`);
    return {
      id: state.id,
      token: state.token,
      applicationId: this.applicationId,
      guild,
      channelId: state.channelId,
      user: this.user(input.userId ?? "310000000000000001"),
      permissions: input.permissions ?? ALL_PERMISSIONS,
      appPermissions: guild.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
    };
  }

  private user(id: string): APIUser {
    let user = this.users.get(id);
    if (!user) {
      user = makeUser(id, `reporter${this.users.size + 1}`);
      this.users.set(id, user);
    }
    return user;
  }

  private findCommand(name: string, guildId: string): APIApplicationCommand | undefined {
    return (
      this.registeredCommands.guilds.get(guildId)?.find((c) => c.name === name) ??
      this.registeredCommands.global.find((c) => c.name === name)
    );
  }

  private async deliver(state: InteractionState, payload: APIInteraction, timeoutMs: number | undefined, skipDeferredWait: boolean): Promise<InteractionRecord> {
    const session = this.gateway.sessionForGuild(state.guildId);
    if (!session) {
      throw new Error(`fake discord: no connected shard owns guild ${state.guildId} (connected: ${JSON.stringify(this.connectedShards())})`);
    }
    state.shardId = session.shard[0];
    this.interactions.set(state.id, state);
    this.interactionsByToken.set(state.token, state);
    state.createdAt = Date.now();
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, state.guildId);
    const window = this.opts.interactionResponseWindowMs ?? 3000;
    await this.waitFor(() => (state.acknowledged ? true : undefined), timeoutMs ?? window + 500, `the callback to ${state.kind} interaction ${state.id}`).catch((error: unknown) => {
      const rejected = state.rejectedCallbacks.map((r) => JSON.stringify(r.response)).join("; ");
      throw new Error(`${error instanceof Error ? error.message : String(error)}${rejected ? ` (rejected callbacks: ${rejected})` : ""}`);
    });
    const record = this.record(state);
    if (!skipDeferredWait && state.type === InteractionResponseType.DeferredChannelMessageWithSource) {
      await this.waitFor(
        () => (state.edits.length > 0 || state.followUps.length > 0 ? true : undefined),
        this.opts.deferredEditTimeoutMs ?? 5000,
        `the edit or follow-up after deferring interaction ${state.id}`,
      );
    }
    return record;
  }

  private record(state: InteractionState): InteractionRecord {
    const waitCount = (get: () => number, what: string) => (count: number, timeoutMs = 5000): Promise<void> =>
      this.waitFor(() => (get() >= count ? true : undefined), timeoutMs, `${count} ${what} of interaction ${state.id}`).then(() => undefined);
    return {
      kind: state.kind,
      interactionId: state.id,
      token: state.token,
      get shardId() {
        return state.shardId;
      },
      get type() {
        return state.type ?? InteractionResponseType.Pong;
      },
      get data() {
        return state.data;
      },
      get deferred() {
        return state.type === InteractionResponseType.DeferredChannelMessageWithSource || state.type === InteractionResponseType.DeferredMessageUpdate;
      },
      get ephemeral() {
        return ((state.original?.flags ?? 0) & EPHEMERAL) !== 0;
      },
      get choices() {
        const data = state.data;
        return state.type === InteractionResponseType.ApplicationCommandAutocompleteResult && data && "choices" in data ? data.choices : undefined;
      },
      edits: state.edits,
      followUps: state.followUps,
      get message() {
        return state.original;
      },
      get content() {
        return state.original?.content;
      },
      get embeds() {
        return state.original?.embeds ?? [];
      },
      rejectedCallbacks: state.rejectedCallbacks,
      waitForEdits: waitCount(() => state.edits.length, "edits"),
      waitForFollowUps: waitCount(() => state.followUps.length, "follow-ups"),
    };
  }

  private findMessage(id: string): RecordedMessage | undefined {
    for (const list of this.channelMessages.values()) {
      const found = list.find((m) => m.id === id);
      if (found) return found;
    }
    for (const state of this.interactions.values()) {
      if (state.original?.id === id) return state.original;
      const followUp = state.followUps.find((m) => m.id === id);
      if (followUp) return followUp;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- gateway data

  private guildCreates(shardId: number, shardCount: number): GatewayGuildCreateDispatchData[] {
    return this.guilds
      .filter((g) => shardForGuild(g.id, shardCount) === shardId)
      .map((g) => makeGuildCreate(g, this.botUser));
  }

  // ---------------------------------------------------------------- REST

  private changed(): void {
    this.changes.emit("change");
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (key === "authorization" || value === undefined) continue;
      headers[key] = Array.isArray(value) ? value.join(", ") : value;
    }
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      // Segments decoded: discord.js sends "@original" as "%40original".
      path: (url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname)
        .split("/")
        .map((segment) => {
          try {
            return decodeURIComponent(segment);
          } catch {
            return segment;
          }
        })
        .join("/"),
      query: Object.fromEntries(url.searchParams.entries()),
      headers,
      body: undefined,
      files: [],
      authenticated: typeof req.headers.authorization === "string" && req.headers.authorization.length > 0,
      status: 0,
      response: undefined,
      at: Date.now(),
    };
    this.requests.push(record);
    let answer: HttpAnswer;
    try {
      const { body, files, invalidJson } = await readBody(req);
      record.body = body;
      record.files = files;
      if (invalidJson) answer = discordError(400, 50109, "The request body contains invalid JSON.");
      else if (!url.pathname.startsWith(API_PREFIX)) answer = this.notFound(record);
      else answer = this.route(record);
    } catch (error) {
      answer = discordError(500, 0, `500: fake discord crashed: ${error instanceof Error ? error.message : String(error)}`);
    }
    record.status = answer.status;
    record.response = answer.body;
    if (answer.status === 400) this.rejections.push(record);
    if (answer.status === 204) {
      res.writeHead(204, answer.headers);
      res.end();
    } else if (answer.raw !== undefined) {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.raw);
    } else {
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    }
    this.changed();
  }

  private notFound(record: RecordedRequest): HttpAnswer {
    this.unknownRoutes.push(record);
    return discordError(404, 0, "404: Not Found");
  }

  private route(req: RecordedRequest): HttpAnswer {
    const parts = req.path.split("/").filter((p) => p.length > 0);
    const method = req.method;
    const [p0, p1, p2, p3, p4, p5] = parts;
    const n = parts.length;

    const fail = this.failures.find((f) => f.remaining > 0 && f.match(req));
    if (fail) {
      fail.remaining -= 1;
      return failureAnswer(fail.failure);
    }
    // Interaction callbacks and webhooks use the token, not the bot's Authorization header.
    if (p0 === "interactions" && n === 4 && p3 === "callback" && method === "POST" && p1 && p2) {
      return this.callback(req, p1, p2);
    }
    if (p0 === "webhooks" && p1 && p2) {
      return this.webhook(req, p1, p2, parts.slice(3));
    }

    if (!req.authenticated) return discordError(401, 0, "401: Unauthorized");
    const limited = this.globalLimit();
    if (limited) return limited;

    if (p0 === "gateway" && n === 2 && p1 === "bot" && method === "GET") {
      const shards = this.opts.shardCount ?? 1;
      const info: APIGatewayBotInfo = {
        url: this.gatewayUrl,
        shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: Math.max(16, shards) },
      };
      return new HttpAnswer(200, info);
    }
    if (p0 === "gateway" && n === 1 && method === "GET") return new HttpAnswer(200, { url: this.gatewayUrl });
    if (p0 === "users" && p1 === "@me" && n === 2 && method === "GET") return new HttpAnswer(200, this.botUser);
    if (p0 === "users" && p1 === "@me" && p2 === "channels" && n === 3 && method === "POST") return this.openDm(req);
    if (p0 === "users" && p1 && n === 2 && method === "GET") return new HttpAnswer(200, this.user(p1));
    if ((p0 === "applications" && p1 === "@me" && n === 2) || (p0 === "oauth2" && p1 === "applications" && p2 === "@me" && n === 3)) {
      if (method === "GET") return new HttpAnswer(200, this.application());
    }
    if (p0 === "applications" && p1 === this.applicationId) {
      if (p2 === "commands" && n === 3) return this.commands(req, undefined);
      if (p2 === "guilds" && p3 && p4 === "commands" && n === 5) return this.commands(req, p3);
      if (p2 === "commands" && p3 && n === 4) return this.command(req, undefined, p3);
      if (p2 === "guilds" && p3 && p4 === "commands" && p5 && n === 6) return this.command(req, p3, p5);
    }
    if (p0 === "channels" && p1) {
      const channel = this.channel(p1);
      if (!channel) return discordError(404, RESTJSONErrorCodes.UnknownChannel, "Unknown Channel");
      if (n === 2 && method === "GET") return new HttpAnswer(200, channel.payload);
      if (p2 === "typing" && n === 3 && method === "POST") return new HttpAnswer(204, undefined);
      if (p2 === "messages" && n === 3 && method === "POST") return this.createChannelMessage(req, p1, channel.guildId);
      if (p2 === "messages" && n === 3 && method === "GET") return this.listChannelMessages(req, p1);
      if (p2 === "messages" && p3 && n === 4) return this.channelMessage(req, p1, p3);
      if (p2 === "messages" && p3 && p4 === "threads" && n === 5 && method === "POST") return this.startThread(req, p1, p3, channel.guildId);
    }
    if (p0 === "guilds" && p1) {
      const guild = this.guilds.find((g) => g.id === p1);
      if (!guild) return discordError(404, RESTJSONErrorCodes.UnknownGuild, "Unknown Guild");
      if (n === 2 && method === "GET") {
        const { joined_at: _j, large: _l, member_count: _m, voice_states: _v, members: _ms, channels: _c, threads: _t, presences: _p, stage_instances: _s, guild_scheduled_events: _e, soundboard_sounds: _sb, ...rest } = makeGuildCreate(guild, this.botUser);
        return new HttpAnswer(200, rest);
      }
      if (p2 === "channels" && n === 3 && method === "GET") return new HttpAnswer(200, guild.channels.map((c, i) => makeGuildChannel(guild.id, c, i)));
      if (p2 === "members" && p3 && n === 4 && method === "GET") {
        // Only the bot is a member the fake knows.
        if (p3 !== this.botUser.id) return discordError(404, RESTJSONErrorCodes.UnknownMember, "Unknown Member");
        return new HttpAnswer(200, makeMember(this.botUser, [botRoleId(guild)]));
      }
    }
    return this.notFound(req);
  }

  private globalLimit(): HttpAnswer | undefined {
    const limit = this.opts.globalRateLimitPerSecond;
    if (limit === undefined) return undefined;
    const now = Date.now();
    if (now - this.globalWindow.start >= 1000) this.globalWindow = { start: now, count: 0 };
    this.globalWindow.count += 1;
    if (this.globalWindow.count <= limit) return undefined;
    const retryAfter = Math.max(0.001, (this.globalWindow.start + 1000 - now) / 1000);
    return failureAnswer({ status: 429, retryAfter: Number(retryAfter.toFixed(3)), global: true });
  }

  private application(): Record<string, unknown> {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: "",
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: "0".repeat(64),
      flags: 0,
      bot: this.botUser,
      owner: makeUser("310000000000000000", "owner"),
      team: null,
      summary: "",
    };
  }

  /** A public thread from a message, as Discord makes it: the thread's id is the message's id. */
  private startThread(req: RecordedRequest, channelId: string, messageId: string, guildId: string | undefined): HttpAnswer {
    const message = (this.channelMessages.get(channelId) ?? []).find((m) => m.id === messageId);
    if (!message) return discordError(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
    if (this.threads.has(messageId)) return discordError(400, RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage, "A thread has already been created for this message");
    const name = isRecord(req.body) && typeof req.body["name"] === "string" ? req.body["name"] : "";
    if (name.length < 1 || name.length > 100) {
      const errors = new ErrorCollector();
      errors.add(["name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
      return invalidFormBody(errors);
    }
    this.threads.set(messageId, { parentId: channelId, guildId, messageId, name });
    return new HttpAnswer(201, this.threadPayload(messageId));
  }

  private threadPayload(id: string): unknown {
    const t = this.threads.get(id);
    if (!t) return undefined;
    return { id, type: ChannelType.PublicThread, guild_id: t.guildId, parent_id: t.parentId, name: t.name, owner_id: this.botUser.id, flags: 0, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false } };
  }

  private channel(id: string): { payload: unknown; guildId: string | undefined } | undefined {
    const thread = this.threads.get(id);
    if (thread) return { payload: this.threadPayload(id), guildId: thread.guildId };
    for (const guild of this.guilds) {
      const index = guild.channels.findIndex((c) => c.id === id);
      const channel: FakeChannel | undefined = guild.channels[index];
      if (channel) return { payload: makeGuildChannel(guild.id, channel, index), guildId: guild.id };
    }
    const dm = this.dmChannels.get(id);
    if (dm) return { payload: { id: dm.id, type: ChannelType.DM, last_message_id: null, recipients: [dm.recipient], flags: 0 }, guildId: undefined };
    return undefined;
  }

  private openDm(req: RecordedRequest): HttpAnswer {
    const recipientId = isRecord(req.body) && typeof req.body["recipient_id"] === "string" ? req.body["recipient_id"] : undefined;
    if (recipientId === undefined) {
      const errors = new ErrorCollector();
      errors.add(["recipient_id"], "BASE_TYPE_REQUIRED", "This field is required");
      return invalidFormBody(errors);
    }
    const existing = [...this.dmChannels.values()].find((d) => d.recipient.id === recipientId);
    const dm = existing ?? { id: makeSnowflake(), recipient: this.user(recipientId) };
    this.dmChannels.set(dm.id, dm);
    return new HttpAnswer(200, this.channel(dm.id)?.payload);
  }

  private commands(req: RecordedRequest, guildId: string | undefined): HttpAnswer {
    if (guildId !== undefined && !this.guilds.some((g) => g.id === guildId)) return discordError(403, 50001, "Missing Access");
    const current = guildId === undefined ? this.registeredCommands.global : (this.registeredCommands.guilds.get(guildId) ?? []);
    if (req.method === "GET") return new HttpAnswer(200, current);
    if (req.method === "PUT") {
      const errors = new ErrorCollector();
      validateCommands(req.body, errors);
      if (!errors.ok || !Array.isArray(req.body)) return invalidFormBody(errors);
      const commands = req.body.map((c: unknown) => this.toCommand(c, guildId, current));
      if (guildId === undefined) this.registeredCommands.global = commands;
      else this.registeredCommands.guilds.set(guildId, commands);
      return new HttpAnswer(200, commands);
    }
    if (req.method === "POST") {
      const errors = new ErrorCollector();
      validateCommands([req.body], errors);
      if (!errors.ok) return invalidFormBody(errors);
      const command = this.toCommand(req.body, guildId, current);
      const next = [...current.filter((c) => !(c.name === command.name && c.type === command.type)), command];
      if (guildId === undefined) this.registeredCommands.global = next;
      else this.registeredCommands.guilds.set(guildId, next);
      return new HttpAnswer(201, command);
    }
    return discordError(405, 0, "405: Method Not Allowed");
  }

  private command(req: RecordedRequest, guildId: string | undefined, commandId: string): HttpAnswer {
    const list = guildId === undefined ? this.registeredCommands.global : (this.registeredCommands.guilds.get(guildId) ?? []);
    const found = list.find((c) => c.id === commandId);
    if (!found) return discordError(404, RESTJSONErrorCodes.UnknownApplicationCommand, "Unknown application command");
    if (req.method === "GET") return new HttpAnswer(200, found);
    if (req.method === "DELETE") {
      const next = list.filter((c) => c.id !== commandId);
      if (guildId === undefined) this.registeredCommands.global = next;
      else this.registeredCommands.guilds.set(guildId, next);
      return new HttpAnswer(204, undefined);
    }
    return this.notFound(req);
  }

  private toCommand(raw: unknown, guildId: string | undefined, existing: readonly APIApplicationCommand[]): APIApplicationCommand {
    const input = isRecord(raw) ? raw : {};
    const type: ApplicationCommandType = typeof input["type"] === "number" ? input["type"] : ApplicationCommandType.ChatInput;
    const name = typeof input["name"] === "string" ? input["name"] : "";
    const previous = existing.find((c) => c.name === name && c.type === type);
    const command = {
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      description: "",
      ...input,
      id: previous?.id ?? makeSnowflake(),
      application_id: this.applicationId,
      version: makeSnowflake(),
      type,
      name,
      ...(guildId === undefined ? {} : { guild_id: guildId }),
    };
    // The body passed validateCommands; Discord echoes it with ids and defaults.
    return command;
  }

  // ---------------------------------------------------------------- messages

  private createChannelMessage(req: RecordedRequest, channelId: string, guildId: string | undefined): HttpAnswer {
    const errors = new ErrorCollector();
    validateMessage(req.body, errors, [], { requireContent: true });
    if (!errors.ok) return invalidFormBody(errors);
    if (isEmptyMessage(req.body, req.files.length)) return discordError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, "Cannot send an empty message");
    const body = isRecord(req.body) ? req.body : {};
    const nonce = typeof body["nonce"] === "string" || typeof body["nonce"] === "number" ? body["nonce"] : undefined;
    const window = this.opts.nonceWindowMs ?? 5 * 60_000;
    const key = `${channelId}:${String(nonce)}`;
    if (nonce !== undefined && body["enforce_nonce"] === true) {
      const seen = this.nonces.get(key);
      if (seen && Date.now() - seen.at < window) return new HttpAnswer(200, seen.message);
    }
    const message = this.messageFromBody(body, {
      channelId,
      ...(guildId === undefined ? {} : { guildId }),
      ...(nonce === undefined ? {} : { nonce }),
    });
    if (nonce !== undefined) this.nonces.set(key, { message, at: Date.now() });
    const list = this.channelMessages.get(channelId) ?? [];
    list.push(message);
    this.channelMessages.set(channelId, list);
    return new HttpAnswer(200, message);
  }

  /**
   * GET /channels/:id/messages (limit 1–100, default 50; before, after or around a message id), newest first, as
   * Discord answers it: 403 Missing Access without View Channel, and an empty list without Read Message History.
   */
  private listChannelMessages(req: RecordedRequest, channelId: string): HttpAnswer {
    const guild = this.guilds.find((g) => g.channels.some((c) => c.id === channelId));
    const channel = guild?.channels.find((c) => c.id === channelId);
    if (guild && channel) {
      const bits = botChannelPermissions(guild, channel);
      if (!(bits & PermissionFlagsBits.ViewChannel)) return discordError(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
      if (!(bits & PermissionFlagsBits.ReadMessageHistory)) return new HttpAnswer(200, []);
    }
    const limit = req.query["limit"] === undefined ? 50 : Number(req.query["limit"]);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return discordError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Invalid Form Body");
    const byId = (a: RecordedMessage, b: RecordedMessage): number => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);
    const all = [...(this.channelMessages.get(channelId) ?? [])].sort(byId);
    const { before, after, around } = req.query;
    let page: RecordedMessage[];
    if (after !== undefined) page = all.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
    else if (before !== undefined) page = all.filter((m) => BigInt(m.id) < BigInt(before)).slice(-limit);
    else if (around !== undefined) {
      const at = all.findIndex((m) => BigInt(m.id) >= BigInt(around));
      const mid = at === -1 ? all.length : at;
      page = all.slice(Math.max(0, mid - Math.floor(limit / 2)), Math.max(0, mid - Math.floor(limit / 2)) + limit);
    } else page = all.slice(-limit);
    // Discord never echoes a message's nonce when listing history.
    return new HttpAnswer(
      200,
      page.reverse().map(({ nonce: _nonce, ...m }) => m),
    );
  }

  private channelMessage(req: RecordedRequest, channelId: string, messageId: string): HttpAnswer {
    const list = this.channelMessages.get(channelId) ?? [];
    const message = list.find((m) => m.id === messageId);
    if (!message) return discordError(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
    if (req.method === "GET") return new HttpAnswer(200, message);
    if (req.method === "PATCH") {
      const errors = new ErrorCollector();
      validateMessage(req.body, errors);
      if (!errors.ok) return invalidFormBody(errors);
      this.applyEdit(message, req.body);
      return new HttpAnswer(200, message);
    }
    if (req.method === "DELETE") {
      list.splice(list.indexOf(message), 1);
      return new HttpAnswer(204, undefined);
    }
    return this.notFound(req);
  }

  private messageFromBody(
    body: Record<string, unknown>,
    where: { channelId: string; guildId?: string; nonce?: string | number; webhookId?: string; flags?: number },
  ): RecordedMessage {
    const flags = (typeof body["flags"] === "number" ? body["flags"] : 0) | (where.flags ?? 0);
    return makeMessage({
      id: makeSnowflake(),
      channelId: where.channelId,
      author: this.botUser,
      content: typeof body["content"] === "string" ? body["content"] : "",
      // Validated above; stored as sent, like Discord echoes them.
      embeds: Array.isArray(body["embeds"]) ? (body["embeds"] as APIEmbed[]) : [],
      components: Array.isArray(body["components"]) ? (body["components"] as NonNullable<APIMessage["components"]>) : [],
      flags,
      applicationId: this.applicationId,
      ...(where.guildId === undefined ? {} : { guildId: where.guildId }),
      ...(where.nonce === undefined ? {} : { nonce: where.nonce }),
      ...(where.webhookId === undefined ? {} : { webhookId: where.webhookId }),
    });
  }

  private applyEdit(message: RecordedMessage, body: unknown): void {
    if (!isRecord(body)) return;
    if (typeof body["content"] === "string" || body["content"] === null) message.content = body["content"] ?? "";
    if (Array.isArray(body["embeds"])) message.embeds = body["embeds"] as APIEmbed[];
    if (body["embeds"] === null) message.embeds = [];
    if (Array.isArray(body["components"])) message.components = body["components"] as NonNullable<APIMessage["components"]>;
    if (body["components"] === null) message.components = [];
    if (typeof body["flags"] === "number") message.flags = ((message.flags ?? 0) & EPHEMERAL) | body["flags"];
    message.flags = (message.flags ?? 0) & ~LOADING;
    message.edited_timestamp = new Date().toISOString();
  }

  // ---------------------------------------------------------------- interaction routes

  private callback(req: RecordedRequest, interactionId: string, token: string): HttpAnswer {
    const state = this.interactions.get(interactionId);
    const window = this.opts.interactionResponseWindowMs ?? 3000;
    if (!state || state.token !== token || (!state.acknowledged && Date.now() - state.createdAt > window)) {
      return discordError(404, RESTJSONErrorCodes.UnknownInteraction, "Unknown interaction");
    }
    if (state.acknowledged) {
      return discordError(400, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, "Interaction has already been acknowledged.");
    }
    const errors = new ErrorCollector();
    validateCallback(req.body, errors);
    const body = isRecord(req.body) ? req.body : {};
    const type = body["type"];
    let answer: HttpAnswer | undefined;
    if (!errors.ok || !isCallbackType(type)) answer = invalidFormBody(errors);
    else if (type === InteractionResponseType.ChannelMessageWithSource && isEmptyMessage(body["data"], req.files.length)) {
      answer = discordError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, "Cannot send an empty message");
    } else if ((type === InteractionResponseType.DeferredMessageUpdate || type === InteractionResponseType.UpdateMessage) && state.kind !== "component") {
      answer = discordError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Interaction response type is not valid for this interaction");
    } else if (type === InteractionResponseType.ApplicationCommandAutocompleteResult && state.kind !== "autocomplete") {
      answer = discordError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Interaction response type is not valid for this interaction");
    }
    if (answer || !isCallbackType(type)) {
      state.rejectedCallbacks.push(req);
      return answer ?? invalidFormBody(errors);
    }
    const data = isRecord(body["data"]) ? body["data"] : {};
    state.type = type;
    // Validated by validateCallback; kept as the bot sent it.
    state.data = body["data"] === undefined ? undefined : data;
    state.acknowledged = true;
    const ephemeral = typeof data["flags"] === "number" ? data["flags"] & EPHEMERAL : 0;
    const where = { channelId: state.channelId, guildId: state.guildId, webhookId: this.applicationId };
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        state.original = this.messageFromBody(data, where);
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        state.original = this.messageFromBody({}, { ...where, flags: LOADING | ephemeral });
        break;
      case InteractionResponseType.DeferredMessageUpdate:
        state.original = state.sourceMessage;
        break;
      case InteractionResponseType.UpdateMessage:
        state.original = state.sourceMessage;
        if (state.original) this.applyEdit(state.original, data);
        break;
      default:
        break;
    }
    if (req.query["with_response"] !== "true") return new HttpAnswer(204, undefined);
    const message = state.original;
    return new HttpAnswer(200, {
      interaction: {
        id: state.id,
        type: state.kind === "command" ? 2 : state.kind === "autocomplete" ? 4 : 3,
        response_message_id: message?.id,
        response_message_loading: ((message?.flags ?? 0) & LOADING) !== 0,
        response_message_ephemeral: ((message?.flags ?? 0) & EPHEMERAL) !== 0,
      },
      resource: message ? { type, message } : { type },
    });
  }

  private webhook(req: RecordedRequest, applicationId: string, token: string, rest: string[]): HttpAnswer {
    const state = this.interactionsByToken.get(token);
    if (applicationId !== this.applicationId || !state || !state.acknowledged) {
      return discordError(404, RESTJSONErrorCodes.UnknownWebhook, "Unknown Webhook");
    }
    const accept = (answer: HttpAnswer): HttpAnswer => {
      if (answer.status < 300) this.webhookMessages.push(req);
      return answer;
    };
    if (rest.length === 0 && req.method === "POST") {
      const errors = new ErrorCollector();
      validateMessage(req.body, errors, [], { requireContent: true });
      if (!errors.ok) return invalidFormBody(errors);
      if (isEmptyMessage(req.body, req.files.length)) return discordError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, "Cannot send an empty message");
      const body = isRecord(req.body) ? req.body : {};
      const original = state.original;
      if (state.type === InteractionResponseType.DeferredChannelMessageWithSource && original && ((original.flags ?? 0) & LOADING) !== 0) {
        // Discord: the first follow-up after a deferred reply replaces the "thinking…" message.
        this.applyEdit(original, body);
        original.edited_timestamp = null;
        state.followUps.push(original);
        return accept(new HttpAnswer(200, original));
      }
      const message = this.messageFromBody(body, { channelId: state.channelId, guildId: state.guildId, webhookId: this.applicationId });
      state.followUps.push(message);
      return accept(new HttpAnswer(200, message));
    }
    if (rest.length === 2 && rest[0] === "messages" && rest[1]) {
      const messageId = rest[1];
      const target =
        messageId === "@original" ? state.original : [state.original, ...state.followUps].find((m) => m?.id === messageId);
      if (!target) return discordError(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
      if (req.method === "GET") return new HttpAnswer(200, target);
      if (req.method === "PATCH") {
        const errors = new ErrorCollector();
        validateMessage(req.body, errors);
        if (!errors.ok) return invalidFormBody(errors);
        this.applyEdit(target, req.body);
        if (target === state.original) state.edits.push(req.body);
        return accept(new HttpAnswer(200, target));
      }
      if (req.method === "DELETE") {
        if (target === state.original) state.original = undefined;
        else state.followUps.splice(state.followUps.indexOf(target), 1);
        return accept(new HttpAnswer(204, undefined));
      }
    }
    return this.notFound(req);
  }
}

/** Start a fake Discord on 127.0.0.1 with an OS-assigned port. Always `await fake.close()` when done. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscordServer(opts);
  await fake.listen();
  return fake;
}
