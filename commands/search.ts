import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule } from "../src/commands/types.ts";
import type { Db } from "../src/db/client.ts";
import { pageInput } from "../src/commands/shared.ts";
import { ftsQuery, searchText } from "../src/store/queries.ts";
import { listIncidents } from "../src/store/incidents.ts";
import { resolveEntity } from "../src/store/entities.ts";
import { COLORS } from "../src/render/reply.ts";
import { showDate } from "../src/render/format.ts";
import { markdownLink } from "../src/render/links.ts";
import { escapeText, truncate } from "../src/render/limits.ts";

const SEARCH_PAGE = 5;

const input = z.object({
  query: z.string().trim().min(1, "Please give some words to search for.").max(200, "Keep searches under 200 characters."),
  page: pageInput,
});

/** Keeps FTS5's ** highlight markers as bold while escaping everything else in the snippet. */
function renderSnippet(snippet: string): string {
  return snippet
    .split("**")
    .map((part, i) => (i % 2 === 1 ? `**${escapeText(part)}**` : escapeText(part)))
    .join("");
}

/**
 * No article or quote holds the words. When they name a person, group or place the store knows (a crossing
 * known only from the timeline and ACLED, say), point at its timeline and profile rather than say the store
 * has nothing on it.
 */
function nothingFound(db: Db, query: string): string {
  const quoted = `“${escapeText(truncate(query, 80))}”`;
  const entity = resolveEntity(db, query);
  if (!entity) return `Nothing in the store matches ${quoted}. Try fewer or different words, or /who for a name.`;
  const { total: events, capped } = listIncidents(db, { entityId: entity.id }, 0, 0);
  const name = escapeText(entity.name);
  const timeline = events ? ` The store has ${events.toLocaleString("en")}${capped ? "+" : ""} dated incident${events === 1 ? "" : "s"} involving ${name}: /timeline subject:${name}.` : "";
  return `No article or quote in the store contains ${quoted}.${timeline} For the profile: /who name:${name}.`;
}

export const search: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "search",
    description: "Full-text search over articles and quotes",
    options: [{ type: ApplicationCommandOptionType.String, name: "query", description: "Words to look for", required: true, max_length: 200 }],
  },
  input,
  run(deps, { query, page }) {
    if (!ftsQuery(query)) {
      return { content: "That search has no words to look for (only punctuation or operators). Try a name, a place or a phrase.", ephemeral: true };
    }
    const { total, hits } = searchText(deps.db, query, SEARCH_PAGE, page * SEARCH_PAGE);
    if (!total) return { content: nothingFound(deps.db, query), ephemeral: true };
    const pages = Math.ceil(total / SEARCH_PAGE);
    return {
      embeds: [
        {
          title: `Search: ${escapeText(truncate(query, 200))}`,
          color: COLORS.brand,
          fields: hits.map((h) => ({
            name: truncate(`${h.kind === "quote" ? `Quote${h.speaker ? ` by ${escapeText(h.speaker)}` : ""}` : "Article"} · ${escapeText(h.articleTitle)}${h.publishedOn ? ` (${showDate(h.publishedOn, null)})` : ""}`, 256),
            value: `${renderSnippet(truncate(h.snippet, 800))}${h.more ? `\n*…and ${h.more} more passage${h.more === 1 ? "" : "s"} in this article*` : ""}\n${markdownLink("Open article", h.url)}${h.url ? "" : ` — /article id:${h.articleSlug}`}`,
          })),
          footer: `${total} article${total === 1 ? "" : "s"} · best passage first · page ${Math.min(page, pages - 1) + 1} of ${pages}`,
        },
      ],
      pagination: { page, pages },
    };
  },
};
