import type { DigestSubscription } from "../db/schema.ts";
import type { Logger } from "../logger.ts";
import { renderPayload } from "../render/payload.ts";
import { COLORS } from "../render/reply.ts";
import type { ChannelPoster } from "./poster.ts";

/**
 * After a digest subscription is paused for a channel error, say so in the guild's system channel when
 * there is one and the bot may post there; otherwise the reason waits in /digest list.
 */
export async function tellGuildAboutPause(o: { poster: Pick<ChannelPoster, "post">; systemChannelId: string | null | undefined; logger: Logger }, sub: DigestSubscription, reason: string): Promise<void> {
  const channelId = o.systemChannelId;
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
    await o.poster.post(channelId, payload);
  } catch (err) {
    o.logger.warn({ err, guildId: sub.guildId }, "could not tell the guild that its digest is paused");
  }
}
