/** Turns a digest model into a reply model: one embed per kind, never an empty one. */
import { COLORS, type EmbedModel, type FieldModel, type ReplyModel } from "../render/reply.ts";
import { escapeText, fitBlocks, truncate } from "../render/limits.ts";
import { link } from "../render/format.ts";
import { incidentField, perYearLine } from "../render/incidents.ts";
import { dayMonth, formatPartialDate } from "../text/dates.ts";
import type { DigestModel, SourceRef, Development } from "./build.ts";

export { dayMonth } from "../text/dates.ts";

function sourceLine(s: SourceRef): string {
  const when = s.publishedOn ? `, ${formatPartialDate(s.publishedOn, s.publishedPrecision ?? "day")}` : "";
  const outlet = s.outlet ? ` — ${escapeText(s.outlet)}` : "";
  return `${link(truncate(s.title, 150), s.url)}${outlet}${when}`;
}

function developmentLine(d: Development): string {
  const place = d.place ? ` · ${escapeText(d.place)}` : "";
  return `• ${formatPartialDate(d.occurredOn, d.precision)}${place} — ${escapeText(truncate(d.summary, 160))}`;
}

export function renderDigest(d: DigestModel): ReplyModel {
  const embeds: EmbedModel[] = [];
  const day = dayMonth(d.date);
  const footer = `borderdesk · ${d.date}${d.timezone ? ` · ${d.timezone}` : ""}`;
  const aboutText = d.about ? ` about ${escapeText(d.about.name)}` : "";

  if (d.kinds.includes("incidents")) {
    const fields: FieldModel[] = d.incidents.map((i) => incidentField(i, { yearOnly: true, maxSummary: 320, maxSources: 2 }));
    let description: string;
    if (d.incidents.length) {
      const shown =
        d.incidentTotal > d.incidents.length
          ? ` The ${d.incidents.length} most significant of ${d.incidentTotal} (${perYearLine(d.perYear)}); /onthisday shows them all.`
          : "";
      description = `Incidents${aboutText} on ${day} in earlier years, most significant first.${shown}`;
      if (d.includesLeapDay) description += " 29 February's are included: this year has none.";
    } else {
      description = `No recorded incidents${aboutText} on ${day} in earlier years.`;
      if (d.thisWeek.length) fields.push({ name: "This week in past years", value: fitBlocks(d.thisWeek.map(developmentLine), 1024, "\n") });
    }
    embeds.push({ title: `On this date · ${day}`, description, color: COLORS.incident, fields });
  }

  if (d.kinds.includes("context")) {
    const fields: FieldModel[] = [];
    if (d.published.length) {
      const lines = d.published.map((p) => {
        const rel = p.kind === "stub" && p.relatedTo ? ` (related piece, listed with ${link(p.relatedTo, null)})` : "";
        const outlet = p.outlet ? ` — ${escapeText(p.outlet)}` : "";
        return `• ${formatPartialDate(p.publishedOn, "day")} — ${link(p.title, p.url)}${outlet}${rel}`;
      });
      fields.push({ name: `Published on ${day}`, value: fitBlocks(lines, 1024, "\n") });
    }
    if (d.latest.length) fields.push({ name: "Latest developments at these places", value: fitBlocks(d.latest.map(developmentLine), 1024, "\n") });
    if (fields.length) embeds.push({ title: "Context", color: COLORS.brand, fields });
  }

  if (d.kinds.includes("quote") && d.quote) {
    const q = d.quote;
    const said = q.saidOn ? `, ${formatPartialDate(q.saidOn, q.saidPrecision ?? "day")}` : "";
    const description = `> ${escapeText(truncate(q.text, 1200)).replaceAll("\n", "\n> ")}\n— **${escapeText(q.speaker ?? "Unattributed")}**${said}\nSource: ${sourceLine(q.source)}`;
    embeds.push({ title: "Quote of the day", description, color: COLORS.quote });
  }

  const last = embeds[embeds.length - 1];
  if (!last) return { content: `Nothing in the store for ${day}${aboutText} yet: no incidents, context or quotes.` };
  last.footer = footer;
  return { embeds };
}
