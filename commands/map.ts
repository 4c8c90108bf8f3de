import { z } from "zod";
import type { CommandModule } from "../src/commands/types.ts";
import { dateRangeInput, entityChoices, entityInput, subjectRangeOptions, requireEntity } from "../src/commands/shared.ts";
import { COLORS } from "../src/render/reply.ts";
import { mapAttachment, rangeText } from "../src/pictures/replies.ts";

const input = dateRangeInput({ subject: entityInput.optional() });

export const map: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "map",
    description: "A map of Afghanistan and Pakistan with one marker per event",
    options: [
      ...subjectRangeOptions({ description: "Only incidents involving this person, group or place", required: false }),
    ],
  },
  input,
  autocomplete: (deps, focused) => entityChoices(deps, focused.value),
  async run(deps, { subject, from, to }) {
    const entity = subject ? requireEntity(deps, subject) : undefined;
    const pic = await mapAttachment(deps, entity, from, to);
    const range = rangeText(from, to);
    return {
      embeds: [
        {
          title: `Map: ${entity ? entity.name : "all incidents"}${range ? ` (${range})` : ""}`,
          description: `${pic.summary}\nMarker size: killed + injured; colour: event type; labels: the busiest places.`,
          color: COLORS.incident,
          image: `attachment://${pic.file.name}`,
          footer: "Boundaries: Natural Earth (public domain), de facto · places from the borderdesk gazetteer",
        },
      ],
      files: [pic.file],
    };
  },
};
