import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { z } from "zod";
import type { Db } from "../db/client.ts";
import type { FetchGuard } from "../intake/address.ts";
import type { Logger } from "../logger.ts";
import type { ReplyModel } from "../render/reply.ts";
import type { CommandObserver, RuntimeInfo } from "../ops/runtime.ts";
import type { WorkerPool } from "../pool/pool.ts";
import type { DocumentIngester } from "../intake/ingest.ts";

/** Who asked, and where: the parts of an interaction a handler may use. */
export interface CommandContext {
  guildId: string | null;
  channelId: string | null;
  userId: string;
  /** The member's permission bitfield in this channel; null outside a guild. */
  permissions: bigint | null;
  /** The member's role ids (the editor role from /settings is checked against them); absent outside a guild. */
  roleIds?: readonly string[];
}

/** Everything a handler needs, passed in (never fetched from globals), so tests give real ones. */
export interface Deps {
  db: Db;
  logger: Logger;
  /** The current instant; tests pass a fixed clock. */
  now: () => Date;
  /** Time zone used when neither the channel nor the guild has one. */
  defaultTimezone: string;
  /** What the running process knows about itself (uptime, gateway, scheduler) for /status; absent in plain tests. */
  runtime?: RuntimeInfo;
  /** Draws /chart and /map pictures off the main thread (the bot's worker pool); absent = drawn in place. */
  workers?: WorkerPool;
  /** Ingests large /ingest documents off the main thread (the bot's worker pool); absent = ingested in place. */
  ingester?: DocumentIngester;
  /** Told about every command served (metrics); absent = not counted. */
  observer?: CommandObserver;
  /** Which addresses /ingest url: and /feeds add may reach (config FETCH_ALLOW_PRIVATE); absent = public only. */
  fetchGuard?: FetchGuard;
}

export interface Choice {
  name: string;
  value: string;
}

/**
 * Raw options as the router flattens them: `{ name: "TTP" }`, or for subcommands
 * `{ subcommand: "subscribe", channel: "123", time: "08:00" }`, plus `page` for paginated commands.
 */
export type RawOptions = Record<string, string | number | boolean | undefined>;

/** The context of a `guildOnly` command: the router has made sure it runs in a server. */
export type GuildCommandContext = CommandContext & { guildId: string };

interface CommandModuleBase<I, C extends CommandContext> {
  /**
   * The command JSON. Leave out `default_member_permissions` and `contexts`: the registry derives them from
   * `editorOnly` (Manage Server) and `guildOnly` (servers only), so each is declared once.
   */
  data: Omit<RESTPostAPIChatInputApplicationCommandsJSONBody, "default_member_permissions" | "contexts">;
  /** Validates what Discord cannot check (dates, time zones, lengths); a failure becomes a polite UserError. */
  input: z.ZodType<I>;
  run(deps: Deps, input: I, ctx: C): ReplyModel | Promise<ReplyModel>;
  autocomplete?(deps: Deps, focused: { name: string; value: string }, options: RawOptions, ctx: C): Choice[] | Promise<Choice[]>;
  /** Editors only: Manage Server (or the editor role from /settings). Hidden from others by Discord, checked again by the router. */
  editorOnly?: boolean;
  /** The handler may take longer than ~2 s: the router defers first. */
  slow?: boolean;
}

/**
 * A slash command. With `guildOnly: true` Discord offers it only in servers, the router refuses it elsewhere with
 * one polite message, and the handler's `ctx.guildId` is a string.
 */
export type CommandModule<I = unknown> = (CommandModuleBase<I, CommandContext> & { guildOnly?: false }) | (CommandModuleBase<I, GuildCommandContext> & { guildOnly: true });
