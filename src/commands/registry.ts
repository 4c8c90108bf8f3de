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
import { UserError } from "../errors.ts";
import type { ReplyModel } from "../render/reply.ts";
import type { Choice, CommandContext, CommandModule, Deps, RawOptions } from "./types.ts";

/** A command with its input type sealed inside: the router validates and runs it without knowing I. */
export interface Runnable {
  data: CommandModule["data"];
  editorOnly: boolean;
  slow: boolean;
  execute(deps: Deps, raw: RawOptions, ctx: CommandContext): Promise<ReplyModel>;
  complete: ((deps: Deps, focused: { name: string; value: string }, raw: RawOptions, ctx: CommandContext) => Promise<Choice[]>) | undefined;
}

export function runnable<I>(m: CommandModule<I>): Runnable {
  const complete = m.autocomplete?.bind(m);
  return {
    data: m.data,
    editorOnly: m.editorOnly ?? false,
    slow: m.slow ?? false,
    async execute(deps, raw, ctx) {
      const parsed = m.input.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.length ? `“${issue.path.join(".")}”: ` : "";
        throw new UserError(`${field}${issue?.message ?? "that input is not valid"}`);
      }
      return m.run(deps, parsed.data, ctx);
    },
    complete: complete ? async (deps, focused, raw, ctx) => complete(deps, focused, raw, ctx) : undefined,
  };
}

/** Every slash command, by name. Adding a command = one file in commands/ and one line here. */
export function commandModules(): Map<string, Runnable> {
  const list: Runnable[] = [runnable(who), runnable(quote), runnable(timeline), runnable(onthisday), runnable(search), runnable(article), runnable(help), runnable(digest), runnable(status), runnable(settings)];
  list.push(runnable(ingest), runnable(review), runnable(feeds));
  list.push(runnable(chart), runnable(map), runnable(exportCommand));
  return new Map(list.map((c) => [c.data.name, c]));
}
