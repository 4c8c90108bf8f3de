import { formatPartialDate } from "../text/dates.ts";
import type { EventView, QuoteView } from "../store/queries.ts";
import { escapeText, truncate } from "./limits.ts";

export const TYPE_LABEL: Record<string, string> = {
  airstrike: "Airstrike",
  shelling: "Shelling",
  clash: "Clash",
  attack: "Attack",
  bombing: "Bombing",
  statement: "Statement",
  accusation: "Accusation",
  meeting: "Meeting",
  talks: "Talks",
  agreement: "Agreement",
  ceasefire: "Ceasefire",
  closure: "Crossing closure",
  reopening: "Reopening",
  other: "Event",
};

/** "11 Jan 2025" / "Jan 2025" / "2024": never more precise than the source. */
export function showDate(value: string | null | undefined, precision: string | null | undefined): string {
  if (!value) return "undated";
  return formatPartialDate(value, precision ?? (value.length === 10 ? "day" : value.length === 7 ? "month" : "year"));
}

export function link(text: string, url: string | null | undefined): string {
  const safe = escapeText(text.replace(/[[\]]/g, ""));
  return url && /^https?:\/\//.test(url) ? `[${safe}](${url.replace(/\)/g, "%29")})` : safe;
}

export function casualtyLine(e: EventView): string | undefined {
  const parts = e.claims
    .filter((c) => c.killed !== null || c.injured !== null)
    .map((c) => {
      const n = [c.killed !== null ? `${c.killed} killed` : "", c.injured !== null ? `${c.injured} injured` : ""].filter(Boolean).join(", ");
      return `${n}${c.of ? ` (${c.of})` : ""}${c.by ? ` — per ${c.by}` : ""}`;
    });
  if (parts.length) return parts.join("; ");
  if (e.killed !== null || e.injured !== null) {
    return [e.killed !== null ? `${e.killed} killed` : "", e.injured !== null ? `${e.injured} injured` : ""].filter(Boolean).join(", ");
  }
  return e.casualtiesText ?? undefined;
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

/** One event as a compact block: date · type · place, summary, who claims it, casualties, source. */
export function eventBlock(e: EventView, opts: { withDate?: boolean; maxSummary?: number } = {}): string {
  const head = [opts.withDate === false ? undefined : `**${showDate(e.occurredOn, e.precision)}**`, TYPE_LABEL[e.type] ?? e.type, e.place ?? undefined]
    .filter(Boolean)
    .join(" · ");
  const lines = [head, escapeText(truncate(e.summary, opts.maxSummary ?? 280))];
  // Claims stay claims: who asserts what, each side in its own words.
  const stated = e.claims.filter((c) => c.by && c.claim);
  if (stated.length) {
    for (const c of stated.slice(0, 2)) lines.push(claimLine(c.by ?? "", c.claim ?? "", 140));
    if (stated.length > 2) lines.push(`(+${stated.length - 2} more claims)`);
  } else if (e.claimedBy) lines.push(`Claimed by: ${e.claimedBy}`);
  const cas = casualtyLine(e);
  if (cas) lines.push(`Casualties: ${cas}`);
  const src = e.sources[0];
  if (src) lines.push(`Source: ${link(`${src.outlet} — ${truncate(src.title, 90)}`, src.url)}`);
  return lines.join("\n");
}

/** A quote with its speaker, date and source, escaped so it cannot format or ping. */
export function quoteBlock(q: QuoteView, maxText = 700): string {
  const who = q.speaker ?? q.speakerText ?? "Unattributed";
  const when = q.saidOn ? showDate(q.saidOn, q.saidPrecision) : showDate(q.article.publishedOn, q.article.publishedPrecision);
  const frag = q.isFragment ? " (fragment)" : "";
  const confidence = q.confidence < 0.6 && q.speaker ? " (attribution uncertain)" : "";
  return `> “${escapeText(truncate(q.text, maxText))}”${frag}\n— **${escapeText(who)}**${confidence}, ${when} · ${link(q.article.title, q.article.url)}`;
}
