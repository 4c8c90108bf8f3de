/**
 * The one incident renderer: /onthisday, the digest, /timeline, /who and /article draw an incident with these
 * lines, as a block (a description) or as a field (the digest). Each party's figures stand on their own line —
 * never summed, never averaged — and the sources say how many independent outlets report it.
 */
import type { IncidentView } from "../store/incidents.ts";
import type { FieldModel } from "./reply.ts";
import { escapeText, truncate } from "./limits.ts";
import { claimLine, link, showDate } from "./format.ts";
import { typeLabel } from "../incidents/vocabulary.ts";

export interface IncidentRenderOptions {
  /** Show the date in the heading (the year only with `yearOnly`, as "on this day" lists do). */
  withDate?: boolean;
  yearOnly?: boolean;
  maxSummary?: number;
  /** Claims shown before "(+n more)". */
  maxClaims?: number;
  /** Sources linked before "+n more". */
  maxSources?: number;
  /** Bold labels ("**Sources:**"), as the digest's fields show them. */
  bold?: boolean;
}

function figuresText(killed: number | null, injured: number | null): string {
  if (killed === null) return injured === null ? "" : `${injured} injured`;
  return injured === null ? `${killed} killed` : `${killed} killed, ${injured} injured`;
}

/** The heading: "11 Jan 2025 · Accusation · Sarkano" (or "2025 · …"), plain text. */
export function incidentHeading(i: IncidentView, opts: IncidentRenderOptions = {}): string {
  const when = opts.withDate === false ? undefined : opts.yearOnly ? String(i.year) : showDate(i.occurredOn, i.precision);
  // A district or town reads with what it is in ("Sarkano, Kunar"); a province or country alone.
  const place = i.place && i.placeParent && i.placeParent !== "Pakistan" && i.placeParent !== "Afghanistan" ? `${i.place}, ${i.placeParent}` : i.place;
  return [when, typeLabel(i.type), place ?? undefined].filter(Boolean).join(" · ");
}

/** Bold with `bold` (the digest's fields), else plain. */
function label(s: string, bold: boolean | undefined): string {
  return bold ? `**${s}**` : s;
}

const hasFigures = (c: { killed: number | null; injured: number | null }): boolean => c.killed !== null || c.injured !== null;

/** The body lines: summary, each party's claim and figures, unattributed figures, sources. */
export function incidentLines(i: IncidentView, opts: IncidentRenderOptions = {}): string[] {
  const bold = opts.bold;
  const lines = [escapeText(truncate(i.summary, opts.maxSummary ?? 280))];
  const maxClaims = opts.maxClaims ?? 3;
  let stated = 0;
  for (const c of i.claims) {
    if (!c.claim && !hasFigures(c)) continue;
    if (stated++ >= maxClaims) continue;
    const f = figuresText(c.killed, c.injured);
    const figures = f ? `${f}${c.of ? ` (${escapeText(truncate(c.of, 80))})` : ""}` : "";
    const who = c.by ?? "Unattributed";
    lines.push(c.claim ? `${claimLine(who, c.claim, 140, bold)}${figures ? ` — ${figures}` : ""}` : `${label(`${escapeText(who)} says:`, bold)} ${figures}`);
  }
  if (stated > maxClaims) lines.push(`(+${stated - maxClaims} more claims)`);
  if (!stated && i.claimedBy) lines.push(`${label("Claimed by:", bold)} ${escapeText(i.claimedBy)}`);
  // A party's figures on their own line ("Zabihullah Mujahid says: 12 killed (per Border Monitor)"); figures an
  // outlet gives without a party together, each with its outlet.
  let byParty = 0;
  let plain = 0;
  let shown = "";
  for (const f of i.figures) {
    if (!hasFigures(f)) continue;
    if (f.by) {
      if (byParty++ < maxClaims) lines.push(`${label(`${escapeText(f.by)} says:`, bold)} ${figuresText(f.killed, f.injured)} (per ${escapeText(f.per)})`);
    } else if (plain++ < 3) shown += `${plain > 1 ? "; " : ""}${figuresText(f.killed, f.injured)} — per ${escapeText(f.per)}`;
  }
  if (plain) lines.push(`${label("Casualties:", bold)} ${shown}${plain > 3 ? `; +${plain - 3} more` : ""}`);
  const maxSources = Math.min(opts.maxSources ?? 2, i.sources.length);
  if (maxSources > 0) {
    let src = "";
    for (let k = 0; k < maxSources; k++) {
      const s = i.sources[k];
      if (!s) continue;
      src += `${k ? " · " : ""}${link(`${s.outlet} — ${truncate(s.title, 90)}`, s.url)}${s.publishedOn ? `, ${showDate(s.publishedOn, s.publishedPrecision)}` : ""}`;
    }
    const more = i.sources.length - maxSources;
    const outlets = i.outletCount > 1 ? ` (${i.outletCount} outlets)` : "";
    lines.push(`${label(i.sources.length > 1 ? `Sources${outlets}:` : "Source:", bold)} ${src}${more > 0 ? ` · +${more} more` : ""}`);
  }
  return lines;
}

/** An incident as one block of text (a description's part). */
export function incidentBlock(i: IncidentView, opts: IncidentRenderOptions = {}): string {
  return [`**${escapeText(incidentHeading(i, opts))}**`, ...incidentLines(i, opts)].join("\n");
}

/** An incident as an embed field: the heading as its name, the lines as its value (within Discord's limits). */
export function incidentField(i: IncidentView, opts: IncidentRenderOptions = {}): FieldModel {
  return { name: truncate(incidentHeading(i, opts), 256), value: truncate(incidentLines(i, { ...opts, bold: true }).join("\n"), 1024) };
}

/** "2025: 20 · 2024: 13": how many incidents each year has on a busy day. */
export function perYearLine(perYear: readonly { year: number; count: number }[], max = 8): string {
  const shown = perYear.slice(0, max).map((y) => `${y.year}: ${y.count}`);
  const rest = perYear.slice(max).reduce((n, y) => n + y.count, 0);
  return `${shown.join(" · ")}${rest ? ` · earlier: ${rest}` : ""}`;
}
