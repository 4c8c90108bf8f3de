import { article } from "../../commands/article.ts";
import { chart } from "../../commands/chart.ts";
import { exportCommand } from "../../commands/export.ts";
import { map } from "../../commands/map.ts";
import { digest } from "../../commands/digest.ts";
import { help } from "../../commands/help.ts";
import { onthisday } from "../../commands/onthisday.ts";
import { quote } from "../../commands/quote.ts";
import { search } from "../../commands/search.ts";
import { settings } from "../../commands/settings.ts";
import { status } from "../../commands/status.ts";
import { timeline } from "../../commands/timeline.ts";
import { who } from "../../commands/who.ts";
import { feeds } from "../../commands/feeds.ts";
import { ingest } from "../../commands/ingest.ts";
import { review } from "../../commands/review.ts";
import { InteractionContextType, PermissionFlagsBits, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import { watch } from "../../commands/watch.ts";
import { UserError } from "../errors.ts";
import { isEditor } from "../store/settings.ts";
import type { ReplyModel } from "../render/reply.ts";
import type { Choice, CommandContext, CommandModule, Deps, RawOptions } from "./types.ts";

/** A command with its input type sealed inside: the router validates and runs it without knowing I. */
export interface Runnable {
  /** The JSON registered with Discord, `default_member_permissions` and `contexts` derived from the flags. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  editorOnly: boolean;
  guildOnly: boolean;
  slow: boolean;
  execute(deps: Deps, raw: RawOptions, ctx: CommandContext): Promise<ReplyModel>;
  complete: ((deps: Deps, focused: { name: string; value: string }, raw: RawOptions, ctx: CommandContext) => Promise<Choice[]>) | undefined;
}

/** What Discord is told: Manage Server by default for editor commands (the editor role is let in by the router), servers only for guild commands. */
export function commandData(m: Pick<CommandModule, "data" | "editorOnly" | "guildOnly">): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    ...m.data,
    ...(m.editorOnly ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString() } : {}),
    ...(m.guildOnly ? { contexts: [InteractionContextType.Guild] } : {}),
  };
}

function parse<I>(m: CommandModule<I>, raw: RawOptions): I {
  const parsed = m.input.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `“${issue.path.join(".")}”: ` : "";
    throw new UserError(`${field}${issue?.message ?? "that input is not valid"}`);
  }
  return parsed.data;
}

/**
 * Seals a command module for the router. Its flags are enforced here, the one place every adapter's call passes:
 * a guild-only command outside a server and an editor command for a non-editor are refused before the handler runs.
 */
export function runnable<I>(m: CommandModule<I>): Runnable {
  const name = m.data.name;
  const guard = (deps: Deps, ctx: CommandContext): void => {
    if (m.guildOnly && ctx.guildId === null) throw new UserError(`/${name} belongs to a server: run it in a server channel, not in direct messages.`);
    if (m.editorOnly && !isEditor(deps.db, ctx)) throw new UserError(`/${name} is for editors (Manage Server permission or the editor role).`);
  };
  const base = { data: commandData(m), editorOnly: m.editorOnly ?? false, guildOnly: m.guildOnly ?? false, slow: m.slow ?? false };
  if (m.guildOnly) {
    const complete = m.autocomplete?.bind(m);
    return {
      ...base,
      async execute(deps, raw, ctx) {
        guard(deps, ctx);
        const input = parse(m, raw);
        return ctx.guildId === null ? Promise.reject(new UserError(`/${name} belongs to a server.`)) : m.run(deps, input, { ...ctx, guildId: ctx.guildId });
      },
      complete: complete ? async (deps, focused, raw, ctx) => (ctx.guildId === null ? [] : complete(deps, focused, raw, { ...ctx, guildId: ctx.guildId })) : undefined,
    };
  }
  const complete = m.autocomplete?.bind(m);
  return {
    ...base,
    async execute(deps, raw, ctx) {
      guard(deps, ctx);
      return m.run(deps, parse(m, raw), ctx);
    },
    complete: complete ? async (deps, focused, raw, ctx) => complete(deps, focused, raw, ctx) : undefined,
  };
}

/** Every slash command, by name. Adding a command = one file in commands/ and one line here. */
export function commandModules(): Map<string, Runnable> {
  const list: Runnable[] = [runnable(who), runnable(quote), runnable(timeline), runnable(onthisday), runnable(search), runnable(article), runnable(help), runnable(digest), runnable(status), runnable(settings)];
  list.push(runnable(ingest), runnable(review), runnable(feeds), runnable(watch));
  list.push(runnable(chart), runnable(map), runnable(exportCommand));
  return new Map(list.map((c) => [c.data.name, c]));
}
