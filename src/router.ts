import { randomBytes } from "node:crypto";
import type { Runnable } from "./commands/registry.ts";
import type { Choice, CommandContext, Deps, RawOptions } from "./commands/types.ts";
import { isBusyError, retryBusy } from "./db/busy.ts";
import { UserError } from "./errors.ts";
import { LIMITS, truncate } from "./render/limits.ts";
import type { ButtonModel, ReplyModel } from "./render/reply.ts";

/**
 * The one place that runs commands for every adapter (Discord, console, CLI): validates options,
 * checks editor permissions, runs the handler, turns errors into polite replies, and adds page buttons.
 */

/** How long a command's write may wait for a lock held by another process before the user is told to try again. */
const BUSY_RETRY_MS = 20_000;

export interface CommandRequest {
  name: string;
  options: RawOptions;
  ctx: CommandContext;
}

export interface RouterResult {
  reply: ReplyModel;
  /** Set when an unexpected error was logged under this id. */
  errorId?: string;
}

export class Router {
  private readonly pageState = new Map<string, { name: string; options: RawOptions }>();
  private nextKey = 1;

  constructor(
    private readonly deps: Deps,
    readonly commands: Map<string, Runnable>,
  ) {}

  async handleCommand(req: CommandRequest): Promise<RouterResult> {
    const started = performance.now();
    const log = this.deps.logger.child({ command: req.name, guildId: req.ctx.guildId, channelId: req.ctx.channelId, userId: req.ctx.userId });
    try {
      const cmd = this.commands.get(req.name);
      if (!cmd) throw new UserError(`There is no /${truncate(req.name, 32)} command. Try /help.`);
      // execute() refuses a guild-only command outside a server and an editor command for anyone else (registry.ts).
      // A write refused because another process (a bulk import) holds the store's lock is tried again after a
      // pause, off the loop: a command's writes are one transaction, refused before anything is written.
      const reply = await retryBusy(() => cmd.execute(this.deps, req.options, req.ctx), { timeoutMs: BUSY_RETRY_MS });
      log.debug({ ms: Math.round(performance.now() - started) }, "command served");
      this.observe(req.name, started, "ok");
      return { reply: this.paginate(reply, req.name, req.options) };
    } catch (err) {
      this.observe(req.name, started, err instanceof UserError ? "user_error" : "error");
      return this.failure(err, log);
    }
  }

  private observe(name: string, started: number, outcome: "ok" | "user_error" | "error"): void {
    // Unknown names are not counted under their own label: label values must stay a small set.
    this.deps.observer?.commandServed(this.commands.has(name) ? name : "unknown", (performance.now() - started) / 1000, outcome);
  }

  async handleAutocomplete(req: CommandRequest & { focused: { name: string; value: string } }): Promise<Choice[]> {
    const cmd = this.commands.get(req.name);
    if (!cmd?.complete) return [];
    try {
      const choices = await cmd.complete(this.deps, req.focused, req.options, req.ctx);
      return choices.slice(0, LIMITS.choices).map((c) => ({ name: truncate(c.name, LIMITS.choiceName), value: c.value.slice(0, LIMITS.choiceValue) }));
    } catch (err) {
      this.deps.logger.error({ err, command: req.name }, "autocomplete failed");
      return [];
    }
  }

  /** Page buttons: re-run the command that made the message with another page. */
  async handleButton(customId: string, ctx: CommandContext): Promise<RouterResult> {
    const m = /^pg:([\w-]{1,32}):(\d{1,5}):(.*)$/.exec(customId);
    if (!m?.[1] || m[2] === undefined || m[3] === undefined) {
      return { reply: { content: "That button no longer does anything. Run the command again.", ephemeral: true } };
    }
    let options: RawOptions | undefined;
    if (m[3].startsWith("~")) options = this.pageState.get(m[3].slice(1))?.options;
    else {
      try {
        const decoded: unknown = JSON.parse(Buffer.from(m[3], "base64url").toString("utf8"));
        if (decoded && typeof decoded === "object" && !Array.isArray(decoded)) options = decoded as RawOptions;
      } catch {
        options = undefined;
      }
    }
    if (!options) return { reply: { content: "Those pages have expired. Please run the command again.", ephemeral: true } };
    return this.handleCommand({ name: m[1], options: { ...options, page: Number(m[2]) }, ctx });
  }

  private paginate(reply: ReplyModel, name: string, options: RawOptions): ReplyModel {
    const p = reply.pagination;
    if (!p || p.pages <= 1) return reply;
    const { page: _page, ...rest } = options;
    let key = Buffer.from(JSON.stringify(rest)).toString("base64url");
    if (`pg:${name}:00000:${key}`.length > LIMITS.customId) {
      const id = String(this.nextKey++);
      this.pageState.set(id, { name, options: rest });
      // Keep memory bounded: forget the oldest long queries.
      if (this.pageState.size > 1000) this.pageState.delete(this.pageState.keys().next().value ?? "");
      key = `~${id}`;
    }
    const page = Math.min(p.page, p.pages - 1);
    const buttons: ButtonModel[] = [
      { customId: `pg:${name}:${Math.max(0, page - 1)}:${key}`, label: "◀ Previous", disabled: page === 0 },
      { customId: `pg:${name}:${Math.min(p.pages - 1, page + 1)}:${key}`, label: "Next ▶", disabled: page >= p.pages - 1 },
    ];
    return { ...reply, buttons: [...(reply.buttons ?? []), ...buttons] };
  }

  private failure(err: unknown, log: Deps["logger"]): RouterResult {
    if (err instanceof UserError) return { reply: { content: err.message, ephemeral: true } };
    if (isBusyError(err)) {
      log.warn("command gave up waiting for the store's lock");
      return { reply: { content: "The store is busy with a large import right now — please try again in a minute.", ephemeral: true } };
    }
    const errorId = randomBytes(4).toString("hex");
    log.error({ err, errorId }, "command failed");
    return {
      reply: { content: `Sorry — something went wrong on our side (error id \`${errorId}\`). Please try again; if it keeps happening, give that id to the desk's admin.`, ephemeral: true },
      errorId,
    };
  }
}
