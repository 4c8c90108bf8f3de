import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { entityChoices, entityOption, pageInput, PAGE_SIZE, requireEntity } from "../src/commands/shared.ts";
import { listQuotes, randomQuote, type QuoteFilter } from "../src/store/queries.ts";
import { resolveEntity } from "../src/store/entities.ts";
import { speakerSpellings, waitingName } from "../src/review/decisions.ts";
import { COLORS } from "../src/render/reply.ts";
import { quoteBlock } from "../src/render/format.ts";
import { fitBlocks, LIMITS, truncate } from "../src/render/limits.ts";
import { UserError } from "../src/errors.ts";
import { quoteRecord, quotesToCsv, toJson } from "../src/export/events.ts";
import { fileName } from "../src/pictures/replies.ts";

/** Most quotes one export carries. */
const MAX_QUOTE_EXPORT = 5000;

const input = z.object({
  speaker: z.string().trim().min(1).max(200).optional(),
  about: z.string().trim().max(200, "Keep “about” under 200 characters.").optional(),
  random: z.boolean().optional(),
  export: z.boolean().default(false),
  format: z.enum(["csv", "json"]).default("csv"),
  page: pageInput,
});

export const quote: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "quote",
    description: "Attributed quotes with date and source",
    options: [
      entityOption("speaker", "Who said it", false),
      { type: ApplicationCommandOptionType.String, name: "about", description: "Words the quote contains", required: false, max_length: 200 },
      { type: ApplicationCommandOptionType.Boolean, name: "random", description: "One random quote", required: false },
      { type: ApplicationCommandOptionType.Boolean, name: "export", description: "Attach every matching quote as a file", required: false },
      {
        type: ApplicationCommandOptionType.String,
        name: "format",
        description: "Export format: CSV (default) or JSON",
        required: false,
        choices: [
          { name: "CSV (spreadsheets)", value: "csv" },
          { name: "JSON", value: "json" },
        ],
      },
    ],
  },
  input,
  autocomplete: (deps, focused) => entityChoices(deps, focused.value, ["person", "organisation"]),
  run(deps, { speaker, about, random, export: exportAll, format, page }) {
    // A speaker the gazetteer does not know yet, whom the articles quote by name, still has quotes to show.
    const known = speaker ? resolveEntity(deps.db, speaker) : undefined;
    const waiting = speaker && !known ? waitingName(deps.db, speaker) : undefined;
    // (requireEntity explains an unknown name politely.)
    const entity = known ?? (speaker && !waiting ? requireEntity(deps, speaker) : undefined);
    const filter: QuoteFilter = { ...(entity ? { speakerId: entity.id } : {}), ...(waiting ? { speakerTexts: speakerSpellings(deps.db, waiting.norm) } : {}), ...(about ? { about } : {}) };
    const whoText = entity ? ` by ${entity.name}` : waiting ? ` by ${waiting.text}` : "";
    const aboutText = about ? ` about “${truncate(about, 60)}”` : "";
    if (exportAll) {
      const { total, capped, quotes } = listQuotes(deps.db, filter, MAX_QUOTE_EXPORT, 0, MAX_QUOTE_EXPORT);
      if (!total) return { content: `No quotes${whoText}${aboutText} to export.`, ephemeral: true };
      const records = quotes.map(quoteRecord);
      const body = format === "csv" ? quotesToCsv(records) : toJson({ speaker: entity?.name ?? null, about: about ?? null, exported_at: deps.now().toISOString(), count: records.length, truncated: capped }, records);
      const data = Buffer.from(body, "utf8");
      if (data.length > LIMITS.fileBytes) throw new UserError("That export is over Discord's upload limit. Please narrow it with speaker or about.");
      return {
        embeds: [
          {
            title: `Export: quotes${whoText}${aboutText}`,
            description: `${records.length} quote${records.length === 1 ? "" : "s"} as ${format.toUpperCase()}${capped ? ` (the first ${records.length}; there are more)` : ""}, full statements first, each with its speaker as written, attribution confidence and source article.`,
            color: COLORS.quote,
            footer: "RFC 4180 CSV, UTF-8",
          },
        ],
        files: [{ name: fileName("quotes", [entity?.slug, about], format), data }],
      };
    }
    if (random) {
      const q = randomQuote(deps.db, { ...filter, fullOnly: true }) ?? randomQuote(deps.db, filter);
      if (!q) return { content: `No quotes${whoText}${aboutText} in the store yet. Try /search for the wider text.`, ephemeral: true };
      return { embeds: [{ title: `A quote${whoText}`, description: quoteBlock(q, 3500), color: COLORS.quote }] };
    }
    const { total, capped, quotes } = listQuotes(deps.db, filter, PAGE_SIZE, page * PAGE_SIZE);
    if (!total) return { content: `No quotes${whoText}${aboutText} in the store yet. Try /search for the wider text, or /who to check the name.`, ephemeral: true };
    const pages = Math.ceil(total / PAGE_SIZE);
    return {
      embeds: [
        {
          title: `Quotes${whoText}${aboutText}`,
          description: fitBlocks(quotes.map((q) => quoteBlock(q, 700)), 4000),
          color: COLORS.quote,
          footer: `${total.toLocaleString("en")}${capped ? "+" : ""} quote${total === 1 && !capped ? "" : "s"}${capped ? " (the newest)" : ""} · full statements first · page ${Math.min(page, pages - 1) + 1} of ${pages}${waiting ? ` · ${waiting.text} is not in the gazetteer yet (/review promote)` : ""}`,
        },
      ],
      pagination: { page, pages },
    };
  },
};
