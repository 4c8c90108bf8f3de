import { ApplicationCommandOptionType as T } from "discord-api-types/v10";
import type { RawOptions } from "../commands/types.ts";
import type { Runnable } from "../commands/registry.ts";
import { UserError } from "../errors.ts";

/**
 * Parses a console line the way Discord would send it: `/who name:TTP`, `/onthisday date:01-11`,
 * `/quote speaker:Asim Munir about:"state"`, `/digest subscribe channel:123 time:08:00`. Option values
 * run until the next `word:`; quotes keep colons and spaces together.
 */
export function parseCommandLine(line: string, commands: Map<string, Runnable>): { name: string; options: RawOptions } {
  const m = /^\/([\w-]+)\s*(.*)$/s.exec(line.trim());
  if (!m?.[1]) throw new UserError("Commands start with a slash, e.g. /who name:TTP — type /help for the list.");
  const name = m[1].toLowerCase();
  const cmd = commands.get(name);
  if (!cmd) throw new UserError(`There is no /${name} command. Type /help for the list.`);
  let rest = m[2] ?? "";
  const options: RawOptions = {};
  const subs = (cmd.data.options ?? []).filter((o) => o.type === T.Subcommand);
  const sub = /^([\w-]+)(?:\s+|$)/.exec(rest);
  let optionDefs = cmd.data.options ?? [];
  if (subs.length) {
    const chosen = sub ? subs.find((s) => s.name === sub[1]) : undefined;
    if (!chosen || !sub) throw new UserError(`/${name} needs one of: ${subs.map((s) => s.name).join(", ")}.`);
    options.subcommand = chosen.name;
    rest = rest.slice(sub[0].length);
    optionDefs = "options" in chosen ? (chosen.options ?? []) : [];
  }
  const re = /([\w-]+):("(?:[^"\\]|\\.)*"|.*?)(?=\s+[\w-]+:|$)/gs;
  for (const om of rest.matchAll(re)) {
    const key = om[1] ?? "";
    let value = (om[2] ?? "").trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\"/g, '"');
    const def = optionDefs.find((o) => o.name === key);
    if (!def) throw new UserError(`/${name} has no option “${key}”. Options: ${optionDefs.map((o) => o.name).join(", ") || "none"}.`);
    if (def.type === T.Boolean) options[key] = /^(true|yes|1)$/i.test(value);
    else if (def.type === T.Integer || def.type === T.Number) options[key] = Number(value);
    else options[key] = value;
  }
  const missing = optionDefs.filter((o) => "required" in o && o.required && options[o.name] === undefined).map((o) => `${o.name}:…`);
  if (missing.length) throw new UserError(`/${name}${options.subcommand ? ` ${options.subcommand}` : ""} needs ${missing.join(" ")} — e.g. /${name} ${missing.join(" ")}`);
  return { name, options };
}
