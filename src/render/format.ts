import { formatPartialDate } from "../text/dates.ts";
import type { QuoteView } from "../store/queries.ts";
import { escapeText, truncate } from "./limits.ts";
import { markdownLink } from "./links.ts";
import { EVENT_TYPES } from "../incidents/vocabulary.ts";

/** Event-type labels, from the one vocabulary (src/incidents/vocabulary.ts). */
export const TYPE_LABEL: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(EVENT_TYPES).map(([k, v]) => [k, v.label]));

/** "11 Jan 2025" / "Jan 2025" / "2024": never more precise than the source. */
export function showDate(value: string | null | undefined, precision: string | null | undefined): string {
  if (!value) return "undated";
  return formatPartialDate(value, precision ?? (value.length === 10 ? "day" : value.length === 7 ? "month" : "year"));
}

/** A Markdown link: the one helper every renderer uses (src/render/links.ts), which encodes the URL and escapes the title. */
export function link(text: string, url: string | null | undefined): string {
  return markdownLink(text, url);
}

/**
 * Reporting verbs a curated claim may start with ("Said ISKP leaders are in Pakistan"), the claimant being its
 * subject. Only forms that are not also nouns or adjectives at the start of a claim: not "claims", "reports",
 * "calls", "alleged" or "reported" ("Claims of civilian casualties are baseless" is not "ISPR claims of …").
 */
const CLAIM_VERBS = new Set(
  ("said says told tells warned warns urged urges denied denies accused accuses blamed blames condemned condemns rejected rejects " +
    "insisted insists announced announces demanded vowed vows pledged promised asked acknowledged acknowledges admitted admits " +
    "confirmed confirms dismissed dismisses threatened threatens added argued argues called claimed described describes repeated " +
    "repeats welcomed welcomes").split(" "),
);

/**
 * Who claims what, as one line: "Zabihullah Mujahid said ISKP leaders are in Pakistan" when the claim starts
 * with its verb, "Pakistan says: the strikes hit hideouts" otherwise. Both parts escaped, the claim cut to
 * `max` characters; with `bold`, the claimant (and "says:") in bold, as digests show them.
 */
export function claimLine(by: string, claim: string, max: number, bold = false): string {
  const who = escapeText(by);
  const first = /^[A-Za-z]+/.exec(claim)?.[0] ?? "";
  if (CLAIM_VERBS.has(first.toLowerCase())) {
    const text = escapeText(truncate(first.toLowerCase() + claim.slice(first.length), max));
    return bold ? `**${who}** ${text}` : `${who} ${text}`;
  }
  const text = escapeText(truncate(claim, max));
  return bold ? `**${who} says:** ${text}` : `${who} says: ${text}`;
}

/** A quote with its speaker, date and source, escaped so it cannot format or ping. */
export function quoteBlock(q: QuoteView, maxText = 700): string {
  const who = q.speaker ?? q.speakerText ?? "Unattributed";
  const when = q.saidOn ? showDate(q.saidOn, q.saidPrecision) : showDate(q.article.publishedOn, q.article.publishedPrecision);
  const frag = q.isFragment ? " (fragment)" : "";
  const confidence = q.confidence < 0.6 && q.speaker ? " (attribution uncertain)" : "";
  return `> “${escapeText(truncate(q.text, maxText))}”${frag}\n— **${escapeText(who)}**${confidence}, ${when} · ${link(q.article.title, q.article.url)}`;
}
