import type { CommandContext, Deps } from "../commands/types.ts";
import { isValidTimeZone } from "../config.ts";

/**
 * The time zone a channel reads dates in: the channel's digest subscription if it has one, else the
 * server default (DEFAULT_TIMEZONE, UTC when unset).
 */
export function timezoneFor(deps: Deps, ctx: Pick<CommandContext, "channelId" | "guildId">): string {
  if (ctx.channelId) {
    const hasTable = deps.db.$client.prepare(`select 1 from sqlite_master where type = 'table' and name = 'subscriptions'`).get();
    if (hasTable) {
      const row = deps.db.$client.prepare(`select timezone from subscriptions where channel_id = ? order by id desc limit 1`).get(ctx.channelId) as
        | { timezone: string }
        | undefined;
      if (row && isValidTimeZone(row.timezone)) return row.timezone;
    }
  }
  return deps.defaultTimezone;
}
