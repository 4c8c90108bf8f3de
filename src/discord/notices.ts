import { Routes } from "discord-api-types/v10";
import type { Client } from "discord.js";
import type { DigestSubscription } from "../db/schema.ts";
import type { Logger } from "../logger.ts";
import { renderPayload } from "../render/payload.ts";
import { COLORS } from "../render/reply.ts";

/**
 * After a digest subscription is paused for a channel error, say so in the guild's system channel when
 * there is one and the bot may post there; otherwise the reason waits in /digest list.
 */
export async function tellGuildAboutPause(client: Client, sub: DigestSubscription, reason: string, logger: Logger): Promise<void> {
  const channelId = client.guilds.cache.get(sub.guildId)?.systemChannelId;
  if (!channelId || channelId === sub.channelId) return;
  const payload = renderPayload({
    embeds: [
      {
        title: "Daily digest paused",
        color: COLORS.warning,
        description: `I could not post the daily digest in <#${sub.channelId}> (${reason}), so I paused it. Give me Send Messages and Embed Links there, then an editor can run /digest resume.`,
      },
    ],
  });
  try {
    await client.rest.post(Routes.channelMessages(channelId), { body: payload });
  } catch (err) {
    logger.warn({ err, guildId: sub.guildId }, "could not tell the guild that its digest is paused");
  }
}
