import { eq } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { guildSettings, type GuildSettings } from "../db/schema.ts";

const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;

export function getGuildSettings(db: Executor, guildId: string): GuildSettings | undefined {
  return db.select().from(guildSettings).where(eq(guildSettings.guildId, guildId)).get();
}

export interface GuildSettingsChange {
  /** A zone, or null to go back to DEFAULT_TIMEZONE; undefined leaves it as it is. */
  timezone?: string | null;
  editorRoleId?: string | null;
  quietNotes?: boolean;
}

/** Creates or updates a guild's settings; fields left undefined keep their value. */
export function updateGuildSettings(db: Executor, guildId: string, change: GuildSettingsChange, userId: string, now: Date): GuildSettings {
  const set = {
    ...(change.timezone !== undefined ? { timezone: change.timezone } : {}),
    ...(change.editorRoleId !== undefined ? { editorRoleId: change.editorRoleId } : {}),
    ...(change.quietNotes !== undefined ? { quietNotes: change.quietNotes } : {}),
    updatedBy: userId,
    updatedAt: now.toISOString(),
  };
  return db
    .insert(guildSettings)
    .values({ guildId, ...set })
    .onConflictDoUpdate({ target: guildSettings.guildId, set })
    .returning()
    .get();
}

/** Quiet mode: feeds still ingest, but post no "new in the store" notes in this guild. */
export function isQuiet(db: Executor, guildId: string): boolean {
  return getGuildSettings(db, guildId)?.quietNotes ?? false;
}

/** Who may use editor commands: Manage Server or Administrator, or the guild's editor role from /settings. */
export function isEditor(db: Executor, ctx: { guildId: string | null; permissions: bigint | null; roleIds?: readonly string[] }): boolean {
  if (ctx.permissions !== null && ((ctx.permissions & MANAGE_GUILD) !== 0n || (ctx.permissions & ADMINISTRATOR) !== 0n)) return true;
  if (!ctx.guildId || !ctx.roleIds?.length) return false;
  const role = getGuildSettings(db, ctx.guildId)?.editorRoleId;
  return role !== null && role !== undefined && ctx.roleIds.includes(role);
}

/** Manage Server (or Administrator) itself: what /settings needs, since it decides who the editors are. */
export function canManageGuild(ctx: { permissions: bigint | null }): boolean {
  return ctx.permissions !== null && ((ctx.permissions & MANAGE_GUILD) !== 0n || (ctx.permissions & ADMINISTRATOR) !== 0n);
}
