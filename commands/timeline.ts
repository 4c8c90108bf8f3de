import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { dateRangeInput, entityChoices, entityInput, subjectRangeOptions, pageInput, requireEntity } from "../src/commands/shared.ts";
import { listIncidents } from "../src/store/incidents.ts";
import { COLORS } from "../src/render/reply.ts";
import { showDate } from "../src/render/format.ts";
import { incidentBlock } from "../src/render/incidents.ts";
import { UserError } from "../src/errors.ts";
import { fitBlocks } from "../src/render/limits.ts";
import { chartAttachment } from "../src/pictures/replies.ts";

const TIMELINE_PAGE = 6;

const input = dateRangeInput({ subject: entityInput, chart: z.boolean().default(false), page: pageInput });

export const timeline: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "timeline",
    description: "Dated events involving a person, group or place, newest first",
    options: [
      ...subjectRangeOptions({ description: "Who or where (start typing for suggestions)", required: true }),
      { type: ApplicationCommandOptionType.Boolean, name: "chart", description: "Attach a chart of events per week or month", required: false },
    ],
  },
  input,
  autocomplete: (deps, focused) => entityChoices(deps, focused.value),
  async run(deps, { subject, from, to, chart, page }) {
    const entity = requireEntity(deps, subject);
    const range = from || to ? ` (${from ? showDate(from, null) : "start"} – ${to ? showDate(to, null) : "now"})` : "";
    const { total, capped, incidents } = listIncidents(deps.db, { entityId: entity.id, from, to }, TIMELINE_PAGE, page * TIMELINE_PAGE);
    if (!total) {
      if (page > 0) throw new UserError("That page is past the end of the timeline.");
      return {
        content: `No dated events involving ${entity.name}${range} in the store yet. Try /who ${entity.name} for mentions, or widen the dates.`,
        ephemeral: true,
      };
    }
    const pages = Math.ceil(total / TIMELINE_PAGE);
    // The chart covers the whole range (not just this page), so every page shows the same picture.
    const pic = chart ? await chartAttachment(deps, entity, from, to, "type") : undefined;
    return {
      embeds: [
        {
          title: `Timeline: ${entity.name}${range}`,
          description: fitBlocks(incidents.map((i) => incidentBlock(i)), 4000),
          color: COLORS.incident,
          footer: `${capped ? `${total.toLocaleString("en")}+ incidents` : `${total} incident${total === 1 ? "" : "s"}`} · newest first · page ${Math.min(page, pages - 1) + 1} of ${pages}${capped ? "+" : ""} · each incident once, with all its reports · dates only as precise as the sources`,
          ...(pic ? { image: `attachment://${pic.file.name}` } : {}),
        },
      ],
      ...(pic ? { files: [pic.file] } : {}),
      pagination: { page, pages },
    };
  },
};
