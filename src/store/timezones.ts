import { eq } from "drizzle-orm";
import type { CommandContext, Deps } from "../commands/types.ts";
import { isValidTimeZone } from "../config.ts";
import { digestSubscriptions } from "../db/schema.ts";
import { getGuildSettings } from "./settings.ts";

/**
 * The time zone a channel reads dates in: the channel's digest subscription if it has one, else the
 * guild's default from /settings, else the server default (DEFAULT_TIMEZONE, UTC when unset).
 */
export function timezoneFor(deps: Deps, ctx: Pick<CommandContext, "channelId" | "guildId">): string {
  if (ctx.channelId) {
    const row = deps.db
      .select({ timezone: digestSubscriptions.timezone })
      .from(digestSubscriptions)
      .where(eq(digestSubscriptions.channelId, ctx.channelId))
      .get();
    if (row && isValidTimeZone(row.timezone)) return row.timezone;
  }
  if (ctx.guildId) {
    const zone = getGuildSettings(deps.db, ctx.guildId)?.timezone;
    if (zone && isValidTimeZone(zone)) return zone;
  }
  return deps.defaultTimezone;
}
