/** Turns a digest model into a reply model: one embed per kind, never an empty one. */
import { COLORS, type EmbedModel, type FieldModel, type ReplyModel } from "../render/reply.ts";
import { escapeText, truncate } from "../render/limits.ts";
import { claimLine } from "../render/format.ts";
import { formatPartialDate } from "../text/dates.ts";
import type { DigestModel, Incident, SourceRef, Development } from "./build.ts";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function dayMonth(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? ""}`;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function link(title: string, url: string | null): string {
  const t = escapeText(truncate(title, 150));
  return url && /^https?:\/\//.test(url) ? `[${t}](${url})` : `*${t}*`;
}

function sourceLine(s: SourceRef): string {
  const when = s.publishedOn ? `, ${formatPartialDate(s.publishedOn, s.publishedPrecision ?? "day")}` : "";
  const outlet = s.outlet ? ` — ${escapeText(s.outlet)}` : "";
  return `${link(s.title, s.url)}${outlet}${when}`;
}

function figures(killed: number | null, injured: number | null): string {
  return [killed !== null ? `${killed} killed` : "", injured !== null ? `${injured} injured` : ""].filter(Boolean).join(", ");
}

function incidentField(i: Incident): FieldModel {
  const name = [String(i.year), cap(i.type.replaceAll("_", " ")), i.place].filter(Boolean).join(" · ");
  const lines = [escapeText(truncate(i.summary, 320))];
  if (i.claimedBy) lines.push(`**Claimed by:** ${escapeText(i.claimedBy)}`);
  // Claimants have their own lines below and extra places are already in the heading's place chain.
  const claimants = new Set([i.claimedBy, ...i.claims.map((c) => c.claimant)]);
  const actors = i.actors.filter((a) => a.role !== "place" && !(a.role === "claimant" && claimants.has(a.name)));
  if (actors.length) lines.push(`**Actors:** ${actors.slice(0, 5).map((a) => `${escapeText(a.name)} (${a.role})`).join(", ")}`);
  const claimed = i.claims.filter((c) => c.killed !== null || c.injured !== null || c.claim);
  if (claimed.length) {
    for (const c of claimed.slice(0, 3)) {
      const f = figures(c.killed, c.injured);
      const of = c.casualtiesOf ? ` (${escapeText(c.casualtiesOf)})` : "";
      const figuresText = f ? `${f}${of}` : "";
      const who = c.claimant ?? "Unattributed";
      // "Mujahid said ISKP leaders …" when the claim starts with its verb; "Pakistan says: …" otherwise.
      lines.push(c.claim ? `${claimLine(who, c.claim, 120, true)}${figuresText ? ` — ${figuresText}` : ""}` : `**${escapeText(who)} says:** ${figuresText}`);
    }
  } else if (i.casualtiesText || i.killed !== null || i.injured !== null) {
    lines.push(`**Casualties:** ${escapeText(i.casualtiesText ?? figures(i.killed, i.injured))}`);
  }
  const src = i.sources[0];
  if (src) lines.push(`**Source:** ${sourceLine(src)}${i.sources.length > 1 ? ` (+${i.sources.length - 1} more)` : ""}`);
  return { name: truncate(name, 256), value: truncate(lines.join("\n"), 1024) };
}

function developmentLine(d: Development): string {
  const place = d.place ? ` · ${escapeText(d.place)}` : "";
  return `• ${formatPartialDate(d.occurredOn, d.precision)}${place} — ${escapeText(truncate(d.summary, 160))}`;
}

/** Joins lines until the field's 1024 characters are used, saying how many were left out. */
function fitLines(lines: readonly string[], max = 1024): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, l] of lines.entries()) {
    const more = lines.length - i - 1;
    const tail = more > 0 ? `\n…and ${more} more` : "";
    if (used + l.length + 1 + tail.length > max) {
      out.push(`…and ${lines.length - i} more`);
      break;
    }
    out.push(l);
    used += l.length + 1;
  }
  return out.join("\n");
}

export function renderDigest(d: DigestModel): ReplyModel {
  const embeds: EmbedModel[] = [];
  const day = dayMonth(d.date);
  const footer = `borderdesk · ${d.date}${d.timezone ? ` · ${d.timezone}` : ""}`;
  const aboutText = d.about ? ` about ${escapeText(d.about.name)}` : "";

  if (d.kinds.includes("incidents")) {
    const fields: FieldModel[] = d.incidents.map(incidentField);
    let description: string;
    if (d.incidents.length) {
      const shown = d.incidentTotal > d.incidents.length ? ` (the ${d.incidents.length} most recent of ${d.incidentTotal})` : "";
      description = `Incidents${aboutText} on ${day} in earlier years, newest first${shown}.`;
      if (d.includesLeapDay) description += " 29 February's are included: this year has none.";
    } else {
      description = `No recorded incidents${aboutText} on ${day} in earlier years.`;
      if (d.thisWeek.length) fields.push({ name: "This week in past years", value: fitLines(d.thisWeek.map(developmentLine)) });
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
      fields.push({ name: `Published on ${day}`, value: fitLines(lines) });
    }
    if (d.latest.length) fields.push({ name: "Latest developments at these places", value: fitLines(d.latest.map(developmentLine)) });
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
