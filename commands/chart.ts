import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { dateRangeInput, entityChoices, entityInput, subjectRangeOptions, requireEntity } from "../src/commands/shared.ts";
import { COLORS } from "../src/render/reply.ts";
import { chartAttachment, rangeText } from "../src/pictures/replies.ts";

const input = dateRangeInput({ subject: entityInput, by: z.enum(["type", "actor"]).default("type") });

export const chart: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "chart",
    description: "A bar chart of incidents per week or month involving a person, group or place",
    options: [
      ...subjectRangeOptions({ description: "Who or where (start typing for suggestions)", required: true }),
      {
        type: ApplicationCommandOptionType.String,
        name: "by",
        description: "Colour the bars by event type (default) or by actor",
        required: false,
        choices: [
          { name: "event type", value: "type" },
          { name: "actor", value: "actor" },
        ],
      },
    ],
  },
  input,
  autocomplete: (deps, focused) => entityChoices(deps, focused.value),
  async run(deps, { subject, from, to, by }) {
    const entity = requireEntity(deps, subject);
    const pic = await chartAttachment(deps, entity, from, to, by);
    const range = rangeText(from, to);
    // Zero incidents still get the picture: a clear "no incidents" chart says so better than an error.
    return {
      embeds: [
        {
          title: `Chart: ${entity.name}${range ? ` (${range})` : ""}`,
          description: `${pic.summary}\nUse /timeline ${entity.name} for the incidents themselves, /map for where they happened.`,
          color: COLORS.incident,
          image: `attachment://${pic.file.name}`,
          footer: "Source: borderdesk store · dates only as precise as the sources give them",
        },
      ],
      files: [pic.file],
    };
  },
};
