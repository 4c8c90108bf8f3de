import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { CommandContext } from "../commands/types.ts";
import { UserError } from "../errors.ts";
import { renderMessage, type MessagePayload, type OutgoingFile } from "../render/payload.ts";
import type { Router } from "../router.ts";
import { parseCommandLine } from "./parse.ts";
import { payloadToText } from "./text.ts";

/** The console acts as one editor in one channel of a local "guild". */
export const CONSOLE_CONTEXT: CommandContext = {
  guildId: "100000000000000001",
  channelId: "100000000000000002",
  userId: "100000000000000003",
  permissions: (1n << 5n) | (1n << 3n),
  roleIds: [],
};

export interface ConsoleAnswer {
  /** The JSON body Discord would have received (undefined for meta commands). */
  payload: MessagePayload | undefined;
  text: string;
  /** Files Discord would have received, with where the console wrote each one. */
  files: (OutgoingFile & { path: string })[];
}

export interface ConsoleSession {
  /** Runs one console line; attachments are written to the session's output folder and their paths listed in `text`. */
  run(line: string): Promise<ConsoleAnswer>;
  readonly outDir: string;
}

/** Where the console writes attachments (charts, maps, exports) unless told otherwise. */
export const DEFAULT_OUT_DIR = path.join(os.tmpdir(), "borderdesk-out");

function writeFiles(outDir: string, files: readonly OutgoingFile[]): (OutgoingFile & { path: string })[] {
  if (!files.length) return [];
  mkdirSync(outDir, { recursive: true });
  // A time prefix keeps earlier answers' files: "/chart" twice gives two charts, not one overwritten.
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  return files.map((f) => {
    const target = path.join(outDir, `${stamp}-${f.name}`);
    writeFileSync(target, f.data);
    return { ...f, path: target };
  });
}

export function createConsoleSession(router: Router, ctx: CommandContext = CONSOLE_CONTEXT, outDir: string = DEFAULT_OUT_DIR): ConsoleSession {
  let lastPayload: MessagePayload | undefined;
  return {
    outDir,
    async run(line) {
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith("#")) return { payload: undefined, text: "", files: [] };
      const page = /^\/?page\s+(\d+)$/i.exec(trimmed);
      let result;
      if (page) {
        const target = Number(page[1]) - 1;
        const button = (lastPayload?.components ?? []).flatMap((r) => r.components).find((b) => b.custom_id?.startsWith("pg:") && Number(b.custom_id.split(":")[2]) === target);
        if (!button?.custom_id) return { payload: undefined, text: "There is no such page of the last answer.", files: [] };
        result = await router.handleButton(button.custom_id, ctx);
      } else {
        let parsed;
        try {
          parsed = parseCommandLine(trimmed, router.commands);
        } catch (err) {
          if (err instanceof UserError) return { payload: undefined, text: err.message, files: [] };
          throw err;
        }
        result = await router.handleCommand({ ...parsed, ctx });
      }
      const { payload, files } = renderMessage(result.reply);
      lastPayload = payload;
      const written = writeFiles(outDir, files);
      const text = payloadToText(payload);
      const list = written.map((f) => `📎 ${f.name} (${formatBytes(f.data.length)}) → ${f.path}`);
      return { payload, text: list.length ? `${text}\n${list.join("\n")}` : text, files: written };
    },
  };
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
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
