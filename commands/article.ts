import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import { findArticles, getArticleCard } from "../src/store/queries.ts";
import { COLORS, type FieldModel } from "../src/render/reply.ts";
import { link, quoteBlock, showDate } from "../src/render/format.ts";
import { incidentBlock } from "../src/render/incidents.ts";
import { escapeText, fitBlocks, LIMITS, truncate } from "../src/render/limits.ts";
import { embedUrl } from "../src/render/links.ts";
import { UserError } from "../src/errors.ts";

const input = z.object({ id: z.string().trim().min(1, "Please name an article.").max(200) });

export const article: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "article",
    description: "An article's card: who and what it covers, its quotes and events",
    options: [{ type: ApplicationCommandOptionType.String, name: "id", description: "Article title (start typing)", required: true, autocomplete: true, max_length: 200 }],
  },
  input,
  autocomplete: (deps, focused) =>
    findArticles(deps.db, focused.value, 25).map((a) => ({ name: truncate(`${a.title}${a.publishedOn ? ` (${a.publishedOn})` : ""}`, 100), value: String(a.id) })),
  run(deps, { id }) {
    const card = getArticleCard(deps.db, id);
    if (!card) throw new UserError(`No article matches “${truncate(id, 80)}”. Start typing a title and pick from the suggestions, or use /search.`);
    const a = card.article;
    const fields: FieldModel[] = [];
    if (card.topEntities.length) fields.push({ name: "Who and where", value: card.topEntities.map((e) => `${escapeText(e.name)} (${e.n})`).join(", ") });
    if (card.quotes.length) fields.push({ name: `Quotes (${card.quotes.length})`, value: fitBlocks(card.quotes.slice(0, 4).map((q) => quoteBlock(q, 200)), 1024, "\n") });
    if (card.events.length) fields.push({ name: `Incidents (${card.events.length})`, value: fitBlocks(card.events.slice(0, 4).map((i) => incidentBlock(i, { maxSummary: 150, maxClaims: 1, maxSources: 2 })), 1024) });
    if (card.related.length) fields.push({ name: "Related pieces", value: fitBlocks(card.related.map((r) => `• ${escapeText(r.title)} (${showDate(r.publishedOn, r.publishedPrecision)})`), 1024, "\n") });
    const meta = [a.author ? `By ${escapeText(a.author)}` : undefined, a.outlet ? escapeText(a.outlet) : undefined, showDate(a.publishedOn, a.publishedPrecision)]
      .filter(Boolean)
      .join(" · ");
    return {
      embeds: [
        {
          title: truncate(escapeText(a.title), LIMITS.title),
          url: embedUrl(a.url),
          description: `${meta}${a.kind === "stub" ? "\n*Known from a related-articles list only; the text is not in the store.*" : `\n${card.paragraphs} paragraphs · ${link("source", a.url)}`}`,
          color: COLORS.brand,
          fields,
          footer: `id ${a.slug}`,
          timestamp: a.ingestedAt,
        },
      ],
    };
  },
};
