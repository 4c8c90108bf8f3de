import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { entityChoices, entityOption, pageInput, PAGE_SIZE, requireEntity } from "../src/commands/shared.ts";
import { listQuotes, randomQuote } from "../src/store/queries.ts";
import { COLORS } from "../src/render/reply.ts";
import { quoteBlock } from "../src/render/format.ts";
import { fitBlocks, truncate } from "../src/render/limits.ts";

const input = z.object({
  speaker: z.string().trim().min(1).max(200).optional(),
  about: z.string().trim().max(200, "Keep “about” under 200 characters.").optional(),
  random: z.boolean().optional(),
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
    ],
  },
  input,
  autocomplete: (deps, focused) => entityChoices(deps, focused.value, ["person", "organisation"]),
  run(deps, { speaker, about, random, page }) {
    const entity = speaker ? requireEntity(deps, speaker) : undefined;
    const filter = { ...(entity ? { speakerId: entity.id } : {}), ...(about ? { about } : {}) };
    const whoText = entity ? ` by ${entity.name}` : "";
    const aboutText = about ? ` about “${truncate(about, 60)}”` : "";
    if (random) {
      const q = randomQuote(deps.db, { ...filter, fullOnly: true }) ?? randomQuote(deps.db, filter);
      if (!q) return { content: `No quotes${whoText}${aboutText} in the store yet. Try /search for the wider text.`, ephemeral: true };
      return { embeds: [{ title: `A quote${whoText}`, description: quoteBlock(q, 3500), color: COLORS.quote }] };
    }
    const { total, quotes } = listQuotes(deps.db, filter, PAGE_SIZE, page * PAGE_SIZE);
    if (!total) return { content: `No quotes${whoText}${aboutText} in the store yet. Try /search for the wider text, or /who to check the name.`, ephemeral: true };
    const pages = Math.ceil(total / PAGE_SIZE);
    return {
      embeds: [
        {
          title: `Quotes${whoText}${aboutText}`,
          description: fitBlocks(quotes.map((q) => quoteBlock(q, 700)), 4000),
          color: COLORS.quote,
          footer: `${total} quote${total === 1 ? "" : "s"} · full statements first · page ${Math.min(page, pages - 1) + 1} of ${pages}`,
        },
      ],
      pagination: { page, pages },
    };
  },
};
