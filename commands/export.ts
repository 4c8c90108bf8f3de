import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { dateRangeInput, entityChoices, entityInput, subjectRangeOptions, requireEntity } from "../src/commands/shared.ts";
import { UserError } from "../src/errors.ts";
import { collectEventRecords, eventsToCsv, EVENT_CSV_COLUMNS, toJson } from "../src/export/events.ts";
import { LIMITS } from "../src/render/limits.ts";
import { COLORS } from "../src/render/reply.ts";
import { fileName, rangeText } from "../src/pictures/replies.ts";

const input = dateRangeInput({ subject: entityInput, format: z.enum(["csv", "json"]).default("csv") });

export const exportCommand: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "export",
    description: "Download the events involving a person, group or place as CSV or JSON, with sources",
    options: [
      ...subjectRangeOptions({ description: "Who or where (start typing for suggestions)", required: true }),
      {
        type: ApplicationCommandOptionType.String,
        name: "format",
        description: "CSV for spreadsheets (default) or JSON",
        required: false,
        choices: [
          { name: "CSV (spreadsheets)", value: "csv" },
          { name: "JSON", value: "json" },
        ],
      },
    ],
  },
  input,
  autocomplete: (deps, focused) => entityChoices(deps, focused.value),
  run(deps, { subject, from, to, format }) {
    const entity = requireEntity(deps, subject);
    const range = rangeText(from, to);
    const { records, truncated } = collectEventRecords(deps.db, { entityId: entity.id, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    if (!records.length) {
      return { content: `No dated events involving ${entity.name}${range ? ` (${range})` : ""} to export. Try /timeline ${entity.name}, or widen the dates.`, ephemeral: true };
    }
    const body =
      format === "csv"
        ? eventsToCsv(records)
        : toJson({ subject: entity.name, from: from ?? null, to: to ?? null, exported_at: deps.now().toISOString(), count: records.length, truncated }, records);
    const data = Buffer.from(body, "utf8");
    if (data.length > LIMITS.fileBytes) throw new UserError(`That export is ${(data.length / 1024 / 1024).toFixed(1)} MB, over Discord's upload limit. Please narrow the dates.`);
    const name = fileName("events", [entity.slug, from, to], format);
    return {
      embeds: [
        {
          title: `Export: ${entity.name}${range ? ` (${range})` : ""}`,
          description: [
            `${records.length} event${records.length === 1 ? "" : "s"}, newest first, as ${format.toUpperCase()}${truncated ? ` (the first ${records.length}; narrow the dates for the rest)` : ""}.`,
            format === "csv" ? `Columns: ${EVENT_CSV_COLUMNS.join(", ")}. Several values in one cell are separated by “ | ”.` : "Each row carries its actors, claims and sources as lists.",
            "Provenance: `origin` says where a row came from (curated timeline, article, ACLED); `acled_id` is ACLED's event id where present.",
          ].join("\n"),
          color: COLORS.brand,
          footer: "RFC 4180 CSV, UTF-8 · dates only as precise as the sources give them",
        },
      ],
      files: [{ name, data }],
    };
  },
};
