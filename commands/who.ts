import { z } from "zod";
import type { CommandModule } from "../src/commands/types.ts";
import { entityChoices, entityInput, entityOption, requireEntity } from "../src/commands/shared.ts";
import { getEntityProfile } from "../src/store/queries.ts";
import { COLORS, type FieldModel } from "../src/render/reply.ts";
import { link, quoteBlock, showDate } from "../src/render/format.ts";
import { incidentBlock } from "../src/render/incidents.ts";
import { escapeText, fitBlocks } from "../src/render/limits.ts";

const input = z.object({ name: entityInput });

const ALIAS_LABEL: Record<string, string> = {
  abbreviation: "abbreviation",
  transliteration: "spelling",
  designation: "designation",
  role: "role",
};

/** "1 event", "1,204 mentions", "1,000+ events" (a count that stopped at its cap). */
function count(n: number, capped: boolean, noun: string): string {
  return `${n.toLocaleString("en")}${capped ? "+" : ""} ${noun}${n === 1 && !capped ? "" : "s"}`;
}

export const who: CommandModule<z.infer<typeof input>> = {
  data: {
    name: "who",
    description: "Profile of a person, organisation or place: aliases, quotes, events and articles",
    options: [entityOption("name", "Who or what (start typing for suggestions)", true)],
  },
  input,
  autocomplete: (deps, focused) => entityChoices(deps, focused.value),
  run(deps, { name }) {
    const entity = requireEntity(deps, name);
    const p = getEntityProfile(deps.db, entity.id);
    if (!p) throw new Error(`entity ${entity.id} vanished`);
    const fields: FieldModel[] = [];
    const aliases = p.aliases
      .filter((a) => a.text !== p.entity.name)
      .map((a) => {
        const label = a.note ?? ALIAS_LABEL[a.kind];
        const when = a.validFrom || a.validTo ? ` (${a.validFrom ? `from ${showDate(a.validFrom, null)}` : ""}${a.validFrom && a.validTo ? " " : ""}${a.validTo ? `to ${showDate(a.validTo, null)}` : ""})` : "";
        return `${escapeText(a.text)}${label ? ` — ${label}` : ""}${when}`;
      });
    if (aliases.length) fields.push({ name: "Also known as", value: fitBlocks(aliases, 1024, "\n") });
    if (p.parents.length) fields.push({ name: "Located in", value: p.parents.map((x) => x.name).join(" → "), inline: true });
    if (p.entity.lat !== null && p.entity.lon !== null) fields.push({ name: "Coordinates", value: `${p.entity.lat.toFixed(3)}, ${p.entity.lon.toFixed(3)}`, inline: true });
    fields.push({
      name: "In the store",
      value: [
        `${count(p.mentions, false, "mention")} in ${count(p.articleCount, false, "article")}`,
        `${count(p.eventCount, p.eventCountCapped, "incident")} · ${count(p.quoteCount, p.quoteCountCapped, "quote")}`,
        p.firstSeen ? `First seen ${showDate(p.firstSeen, null)} · last seen ${showDate(p.lastSeen, null)}` : "Not yet seen in any article or event",
      ].join("\n"),
    });
    if (p.latestQuote) fields.push({ name: "Latest quote", value: quoteBlock(p.latestQuote, 500) });
    if (p.latestEvents.length) fields.push({ name: "Latest incidents", value: fitBlocks(p.latestEvents.map((i) => incidentBlock(i, { maxSummary: 160, maxClaims: 1, maxSources: 1 })), 1024) });
    if (p.articles.length) {
      fields.push({
        name: "Articles",
        value: fitBlocks(
          p.articles.map((a) => `• ${link(a.title, a.url)}${a.publishedOn ? ` (${showDate(a.publishedOn, null)})` : ""} — ${a.mentions}×`),
          1024,
          "\n",
        ),
      });
    }
    const kind = [p.entity.kind, p.entity.subtype].filter(Boolean).join(" · ");
    return {
      embeds: [
        {
          title: escapeText(p.entity.name),
          url: p.entity.wikidata ? `https://www.wikidata.org/wiki/${p.entity.wikidata}` : undefined,
          description: [`*${kind}*`, p.entity.description ? escapeText(p.entity.description) : undefined].filter(Boolean).join("\n"),
          color: COLORS.brand,
          fields,
          footer: "Try /timeline or /quote with this name for more.",
        },
      ],
    };
  },
};
