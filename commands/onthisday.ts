import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { dayOption, localDate } from "../src/commands/shared.ts";
import { listArticlesOnDay, listEventsNearDay, listEventsOnDay } from "../src/store/queries.ts";
import { COLORS, type FieldModel } from "../src/render/reply.ts";
import { eventBlock, link, showDate } from "../src/render/format.ts";
import { formatPartialDate } from "../src/text/dates.ts";
import { timezoneFor } from "../src/store/timezones.ts";
import { fitBlocks } from "../src/render/limits.ts";

const input = z.object({ date: dayOption });

export const onthisday: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "onthisday",
    description: "Border incidents and statements on this day in past years, with context",
    options: [{ type: ApplicationCommandOptionType.String, name: "date", description: "A day: 01-11, 11 Jan, January 11 or 2025-01-11 (default: today)", required: false, max_length: 40 }],
  },
  input,
  run(deps, { date }, ctx) {
    const tz = timezoneFor(deps, ctx);
    const today = localDate(deps.now(), tz);
    const monthDay = date?.monthDay ?? today.slice(5);
    const dayLabel = formatPartialDate(`2000-${monthDay}`, "day").replace(/ 2000$/, "");
    const events = listEventsOnDay(deps.db, monthDay, { limit: 8 });
    const fields: FieldModel[] = [];
    const articles = listArticlesOnDay(deps.db, monthDay, 8);
    if (articles.length) {
      fields.push({
        name: "Published on this day",
        value: fitBlocks(
          articles.map((a) => `• ${link(a.title, a.url)} (${showDate(a.publishedOn, a.publishedPrecision)})${a.kind === "stub" ? " — related piece" : ""}`),
          1024,
          "\n",
        ),
      });
    }
    let description: string;
    if (events.length) {
      description = fitBlocks(events.map((e) => eventBlock(e, { maxSummary: 220 })), 3500);
    } else {
      const near = listEventsNearDay(deps.db, monthDay, 3, 6);
      description = `No dated incidents on ${dayLabel} in the store.`;
      if (near.length) fields.unshift({ name: "This week in past years", value: fitBlocks(near.map((e) => eventBlock(e, { maxSummary: 140 })), 1024) });
      else if (!articles.length) description += " Try /timeline for a place or group, or /search.";
    }
    return {
      embeds: [
        {
          title: `On this day: ${dayLabel}`,
          description,
          color: COLORS.incident,
          fields,
          footer: date ? `Day-precision events only · ${events.length} shown` : `Today in ${tz} · day-precision events only`,
        },
      ],
    };
  },
};
