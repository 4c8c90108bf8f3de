import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { dayOption, pageInput } from "../src/commands/shared.ts";
import { localDate } from "../src/digest/time.ts";
import { listArticlesOnDay } from "../src/store/queries.ts";
import { listIncidentsNearDay, listIncidentsOnDay } from "../src/store/incidents.ts";
import { COLORS, type FieldModel } from "../src/render/reply.ts";
import { link, showDate } from "../src/render/format.ts";
import { incidentBlock, perYearLine } from "../src/render/incidents.ts";
import { formatPartialDate } from "../src/text/dates.ts";
import { timezoneFor } from "../src/store/timezones.ts";
import { fitBlocks } from "../src/render/limits.ts";
import { UserError } from "../src/errors.ts";
import { addDays } from "../src/digest/time.ts";

/** Incidents per page: each is a block of up to ~8 lines, and the description holds 4,096 characters. */
const PER_PAGE = 6;

const input = z.object({ date: dayOption, page: pageInput });

export const onthisday: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "onthisday",
    description: "Border incidents and statements on this day in past years, with context",
    options: [{ type: ApplicationCommandOptionType.String, name: "date", description: "A day: 01-11, 11 Jan, January 11 or 2025-01-11 (default: today)", required: false, max_length: 40 }],
  },
  input,
  run(deps, { date, page }, ctx) {
    const tz = timezoneFor(deps, ctx);
    const today = localDate(deps.now(), tz);
    const monthDay = date?.monthDay ?? today.slice(5);
    const dayLabel = formatPartialDate(`2000-${monthDay}`, "day").replace(/ 2000$/, "");
    // Today: the same list the digest posts (this month-day in the years before today, in the channel's zone).
    // Another day: every year up to today, this year's too once it has passed.
    const day = listIncidentsOnDay(deps.db, { date: `${today.slice(0, 4)}-${monthDay}`, ...(date ? { before: addDays(today, 1) } : {}), limit: PER_PAGE, offset: page * PER_PAGE });
    const pages = Math.max(1, Math.ceil(day.total / PER_PAGE));
    if (page > 0 && page >= pages) throw new UserError("That page is past the end of this day's incidents.");
    const fields: FieldModel[] = [];
    const articles = page === 0 ? listArticlesOnDay(deps.db, monthDay, 8) : [];
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
    if (day.incidents.length) {
      const head = day.total > day.incidents.length ? `${day.total} incidents, most significant first (${perYearLine(day.perYear)}).\n\n` : "";
      description = head + fitBlocks(day.incidents.map((i) => incidentBlock(i, { maxSummary: 220 })), 3900 - head.length);
    } else {
      const near = listIncidentsNearDay(deps.db, { date: `${today.slice(0, 4)}-${monthDay}`, radius: 3, limit: 6 });
      description = `No dated incidents on ${dayLabel} in the store.`;
      if (near.length) fields.unshift({ name: "This week in past years", value: fitBlocks(near.map((i) => incidentBlock(i, { maxSummary: 140, maxSources: 1, maxClaims: 1 })), 1024) });
      else if (!articles.length) description += " Try /timeline for a place or group, or /search.";
    }
    const shown = day.total ? ` · page ${Math.min(page, pages - 1) + 1} of ${pages}` : "";
    return {
      embeds: [
        {
          title: `On this day: ${dayLabel}`,
          description,
          color: COLORS.incident,
          fields,
          footer: `${date ? "" : `Today in ${tz} · `}${day.total} incident${day.total === 1 ? "" : "s"} in earlier years${shown} · each incident once, with all its reports`,
        },
      ],
      ...(day.total > PER_PAGE ? { pagination: { page, pages } } : {}),
    };
  },
};
