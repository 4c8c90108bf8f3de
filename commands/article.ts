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
import type { ExtractionRows } from "../src/ingest/preview.ts";
import { extractionLines } from "../src/render/extraction.ts";
import { getArticleExtraction } from "../src/store/extraction.ts";

const input = z.object({ id: z.string().trim().min(1, "Please name an article.").max(200), show: z.enum(["card", "extraction"]).default("card") });

export const article: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "article",
    description: "An article's card: who and what it covers, its quotes and events",
    options: [
      { type: ApplicationCommandOptionType.String, name: "id", description: "Article title (start typing)", required: true, autocomplete: true, max_length: 200 },
      {
        type: ApplicationCommandOptionType.String,
        name: "show",
        description: "The card, or everything extraction stored (what `borderdesk extract` previews)",
        required: false,
        choices: [
          { name: "card", value: "card" },
          { name: "extraction", value: "extraction" },
        ],
      },
    ],
  },
  input,
  autocomplete: (deps, focused) =>
    findArticles(deps.db, focused.value, 25).map((a) => ({ name: truncate(`${a.title}${a.publishedOn ? ` (${a.publishedOn})` : ""}`, 100), value: String(a.id) })),
  run(deps, { id, show }) {
    const card = getArticleCard(deps.db, id);
    if (!card) throw new UserError(`No article matches “${truncate(id, 80)}”. Start typing a title and pick from the suggestions, or use /search.`);
    const a = card.article;
    const fields = show === "extraction" ? extractionFields(getArticleExtraction(deps.db, a.id)) : cardFields(card);
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
          footer: show === "extraction" ? `id ${a.slug} · what extraction stored: \`borderdesk extract <file>\` previews the same before ingest` : `id ${a.slug}`,
          timestamp: a.ingestedAt,
        },
      ],
    };
  },
};

function cardFields(card: NonNullable<ReturnType<typeof getArticleCard>>): FieldModel[] {
  const fields: FieldModel[] = [];
  if (card.topEntities.length) fields.push({ name: "Who and where", value: card.topEntities.map((e) => `${escapeText(e.name)} (${e.n})`).join(", ") });
  if (card.quotes.length) fields.push({ name: `Quotes (${card.quotes.length})`, value: fitBlocks(card.quotes.slice(0, 4).map((q) => quoteBlock(q, 200)), 1024, "\n") });
  if (card.events.length) fields.push({ name: `Incidents (${card.events.length})`, value: fitBlocks(card.events.slice(0, 4).map((i) => incidentBlock(i, { maxSummary: 150, maxClaims: 1, maxSources: 2 })), 1024) });
  if (card.related.length) fields.push({ name: "Related pieces", value: fitBlocks(card.related.map((r) => `• ${escapeText(r.title)} (${showDate(r.publishedOn, r.publishedPrecision)})`), 1024, "\n") });
  return fields;
}

/** The stored extraction as embed fields: linked names, new names, every quote's speaker, events (each field within 1024). */
function extractionFields(rows: ExtractionRows): FieldModel[] {
  const lines = extractionLines(rows, escapeText);
  const field = (name: string, list: string[], separator: string): FieldModel => ({ name: `${name} (${list.length})`, value: list.length ? fitBlocks(list, 1024, separator) : "none" });
  return [field("Linked names", lines.entities, ", "), field("New names", lines.newNames, ", "), field("Quotes", lines.quotes, "\n"), field("Events", lines.events, "\n")];
}
