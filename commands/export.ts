import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { dateRangeInput, entityChoices, entityInput, subjectRangeOptions, requireEntity } from "../src/commands/shared.ts";
import { UserError } from "../src/errors.ts";
import { EVENT_CSV_COLUMNS, makeEventExport, type EventExportRequest } from "../src/export/events.ts";
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
  async run(deps, { subject, from, to, format }) {
    const entity = requireEntity(deps, subject);
    const range = rangeText(from, to);
    const req: EventExportRequest = { entityId: entity.id, subject: entity.name, from, to, format, exportedAt: deps.now().toISOString() };
    // Made by the bot's worker pool when it has one (off the event loop), in place otherwise (console, CLI).
    const made = deps.workers ? await deps.workers.exportEvents(req) : makeEventExport(deps.db, req);
    const { count, truncated } = made;
    if (!count) {
      return { content: `No dated events involving ${entity.name}${range ? ` (${range})` : ""} to export. Try /timeline ${entity.name}, or widen the dates.`, ephemeral: true };
    }
    const data = Buffer.isBuffer(made.body) ? made.body : Buffer.from(made.body.buffer, made.body.byteOffset, made.body.byteLength);
    if (data.length > LIMITS.fileBytes) throw new UserError(`That export is ${(data.length / 1024 / 1024).toFixed(1)} MB, over Discord's upload limit. Please narrow the dates.`);
    const name = fileName("events", [entity.slug, from, to], format);
    return {
      embeds: [
        {
          title: `Export: ${entity.name}${range ? ` (${range})` : ""}`,
          description: [
            `${count} event${count === 1 ? "" : "s"}, newest first, as ${format.toUpperCase()}${truncated ? ` (the first ${count}; narrow the dates for the rest)` : ""}.`,
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
