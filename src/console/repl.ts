import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { CommandContext } from "../commands/types.ts";
import { UserError } from "../errors.ts";
import { renderPayload, type MessagePayload } from "../render/payload.ts";
import type { Router } from "../router.ts";
import { parseCommandLine } from "./parse.ts";
import { payloadToText } from "./text.ts";

/** The console acts as one editor in one channel of a local "guild". */
export const CONSOLE_CONTEXT: CommandContext = {
  guildId: "100000000000000001",
  channelId: "100000000000000002",
  userId: "100000000000000003",
  permissions: (1n << 5n) | (1n << 3n),
};

export interface ConsoleSession {
  /** Runs one console line; returns the payload that Discord would have received (undefined for meta commands). */
  run(line: string): Promise<{ payload: MessagePayload | undefined; text: string }>;
}

export function createConsoleSession(router: Router, ctx: CommandContext = CONSOLE_CONTEXT): ConsoleSession {
  let lastPayload: MessagePayload | undefined;
  return {
    async run(line) {
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith("#")) return { payload: undefined, text: "" };
      const page = /^\/?page\s+(\d+)$/i.exec(trimmed);
      let result;
      if (page) {
        const target = Number(page[1]) - 1;
        const button = (lastPayload?.components ?? []).flatMap((r) => r.components).find((b) => b.custom_id?.startsWith("pg:") && Number(b.custom_id.split(":")[2]) === target);
        if (!button?.custom_id) return { payload: undefined, text: "There is no such page of the last answer." };
        result = await router.handleButton(button.custom_id, ctx);
      } else {
        let parsed;
        try {
          parsed = parseCommandLine(trimmed, router.commands);
        } catch (err) {
          if (err instanceof UserError) return { payload: undefined, text: err.message };
          throw err;
        }
        result = await router.handleCommand({ ...parsed, ctx });
      }
      const payload = renderPayload(result.reply);
      lastPayload = payload;
      return { payload, text: payloadToText(payload) };
    },
  };
}

const BANNER = `borderdesk offline console — the same slash commands, answered from the local store.
Type a command such as /who name:TTP, /onthisday date:01-11, /quote speaker:Asim Munir, /search query:Wakhan.
/help lists them all; "page N" turns pages; "quit" leaves. To connect to Discord, set DISCORD_TOKEN and
DISCORD_APPLICATION_ID (see .env.example) and run npm start again.`;

/** Interactive (TTY) or piped console: reads lines, prints answers; resolves when input ends or on quit. */
export async function runConsole(router: Router, input: Readable, output: Writable, interactive: boolean): Promise<void> {
  const session = createConsoleSession(router);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: "borderdesk> " });
  if (interactive) {
    output.write(`${BANNER}\n\n`);
    rl.prompt();
  }
  for await (const line of rl) {
    if (/^(quit|exit|\\q)$/i.test(line.trim())) break;
    if (!interactive && line.trim()) output.write(`borderdesk> ${line.trim()}\n`);
    const { text } = await session.run(line);
    if (text) output.write(`${text}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
