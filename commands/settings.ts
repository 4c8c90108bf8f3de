import { z } from "zod";
import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { isValidTimeZone } from "../src/config.ts";
import type { GuildSettings } from "../src/db/schema.ts";
import { offsetMinutes } from "../src/digest/time.ts";
import { UserError } from "../src/errors.ts";
import { LIMITS, truncate } from "../src/render/limits.ts";
import { COLORS, type ReplyModel } from "../src/render/reply.ts";
import { canManageGuild, getGuildSettings, updateGuildSettings, type GuildSettingsChange } from "../src/store/settings.ts";

/** Typed instead of a zone: go back to the bot's DEFAULT_TIMEZONE. */
const RESET_WORDS = new Set(["default", "reset", "none"]);

const timezoneInput = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    if (RESET_WORDS.has(v.toLowerCase())) return null;
    if (!isValidTimeZone(v)) {
      ctx.addIssue({ code: "custom", message: `“${truncate(v, 40)}” is not an IANA time zone name. Use one like Asia/Karachi (pick from the list), or “default”.` });
      return z.NEVER;
    }
    return new Intl.DateTimeFormat("en-US", { timeZone: v }).resolvedOptions().timeZone;
  });

const input = z.object({
  timezone: timezoneInput,
  editor_role: z.string().regex(/^\d{17,20}$/, "Please pick a role.").optional(),
  no_editor_role: z.boolean().optional(),
  quiet_notes: z.boolean().optional(),
});

type Input = z.infer<typeof input>;

function describe(s: GuildSettings | undefined, defaultTimezone: string): string {
  return [
    `**Time zone:** ${s?.timezone ?? `${defaultTimezone} (the bot's default)`}`,
    `**Editor role:** ${s?.editorRoleId ? `<@&${s.editorRoleId}>` : "none — only members with Manage Server"}`,
    `**“New in the store” notes:** ${s?.quietNotes ? "quiet (feeds ingest without posting)" : "posted"}`,
  ].join("\n");
}

export const settings: CommandModule<Input> = {
  data: {
    name: "settings",
    description: "Manage Server: this server's time zone, editor role and quiet mode",
    options: [
      { type: O.String, name: "timezone", description: "Default time zone for dates here (IANA name, or “default”)", required: false, autocomplete: true, max_length: 64 },
      { type: O.Role, name: "editor_role", description: "Members with this role may use editor commands too", required: false },
      { type: O.Boolean, name: "no_editor_role", description: "Remove the editor role (only Manage Server then)", required: false },
      { type: O.Boolean, name: "quiet_notes", description: "Quiet mode: ingest feeds without posting “new in the store” notes", required: false },
    ],
  },
  input,
  editorOnly: true,
  guildOnly: true,
  autocomplete(deps, focused) {
    if (focused.name !== "timezone") return [];
    const typed = focused.value.trim().toLowerCase().replaceAll(" ", "_");
    const zones = [...Intl.supportedValuesOf("timeZone"), "UTC"];
    const picked = typed ? zones.filter((z) => z.toLowerCase().includes(typed)) : ["Asia/Karachi", "Asia/Kabul", "Europe/London", "America/New_York", "UTC"];
    const now = deps.now().getTime();
    return [{ name: "default (the bot's DEFAULT_TIMEZONE)", value: "default" }, ...picked]
      .slice(0, LIMITS.choices)
      .map((z) => {
        if (typeof z !== "string") return z;
        const off = offsetMinutes(now, z);
        const abs = Math.abs(off);
        return { name: truncate(`${z.replaceAll("_", " ")} (UTC${off < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")})`, LIMITS.choiceName), value: z };
      });
  },
  run(deps, inp, ctx): ReplyModel {
    // The editor role may run editor commands, but deciding who the editors are stays with Manage Server.
    if (!canManageGuild(ctx)) throw new UserError("/settings needs the Manage Server permission.");
    if (inp.editor_role && inp.no_editor_role) throw new UserError("Pick an editor role or remove it, not both.");
    if (inp.editor_role === ctx.guildId) throw new UserError("@everyone cannot be the editor role: that would make every member an editor.");
    const change: GuildSettingsChange = {
      ...(inp.timezone !== undefined ? { timezone: inp.timezone } : {}),
      ...(inp.editor_role ? { editorRoleId: inp.editor_role } : inp.no_editor_role ? { editorRoleId: null } : {}),
      ...(inp.quiet_notes !== undefined ? { quietNotes: inp.quiet_notes } : {}),
    };
    const changed = Object.keys(change).length > 0;
    const current = changed ? updateGuildSettings(deps.db, ctx.guildId, change, ctx.userId, deps.now()) : getGuildSettings(deps.db, ctx.guildId);
    if (changed) deps.logger.info({ guildId: ctx.guildId, userId: ctx.userId, change }, "guild settings changed");
    const roleNote = change.editorRoleId
      ? "\n\nDiscord still hides editor commands from members without Manage Server until you allow the role under Server Settings → Integrations → borderdesk."
      : "";
    return {
      ephemeral: true,
      embeds: [{ title: changed ? "Settings saved" : "Settings for this server", color: COLORS.brand, description: `${describe(current, deps.defaultTimezone)}${roleNote}` }],
    };
  },
};
