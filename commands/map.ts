import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { dateBound, entityChoices, entityInput, entityOption, requireEntity } from "../src/commands/shared.ts";
import { COLORS } from "../src/render/reply.ts";
import { mapAttachment, rangeText } from "../src/pictures/replies.ts";

const input = z
  .object({ subject: entityInput.optional(), from: dateBound, to: dateBound })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "“from” must be before “to”." });

export const map: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "map",
    description: "A map of Afghanistan and Pakistan with one marker per event",
    options: [
      entityOption("subject", "Only events involving this person, group or place", false),
      { type: ApplicationCommandOptionType.String, name: "from", description: "From (2024, 2024-03 or 2024-03-05)", required: false, max_length: 40 },
      { type: ApplicationCommandOptionType.String, name: "to", description: "To (2024, 2024-03 or 2024-03-05)", required: false, max_length: 40 },
    ],
  },
  input,
  autocomplete: (deps, focused) => entityChoices(deps, focused.value),
  run(deps, { subject, from, to }) {
    const entity = subject ? requireEntity(deps, subject) : undefined;
    const pic = mapAttachment(deps, entity, from, to);
    const range = rangeText(from, to);
    return {
      embeds: [
        {
          title: `Map: ${entity ? entity.name : "all events"}${range ? ` (${range})` : ""}`,
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
