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
  return [killed !== null ? `${killed} killed` : "", injured !== null ? `${injured} injured` : ""].filter(Boolean).join(", ");
}

/** The heading: "11 Jan 2025 · Accusation · Sarkano" (or "2025 · …"), plain text. */
export function incidentHeading(i: IncidentView, opts: IncidentRenderOptions = {}): string {
  const when = opts.withDate === false ? undefined : opts.yearOnly ? String(i.year) : showDate(i.occurredOn, i.precision);
  // A district or town reads with what it is in ("Sarkano, Kunar"); a province or country alone.
  const place = i.place && i.placeParent && i.placeParent !== "Pakistan" && i.placeParent !== "Afghanistan" ? `${i.place}, ${i.placeParent}` : i.place;
  return [when, typeLabel(i.type), place ?? undefined].filter(Boolean).join(" · ");
}

/** The body lines: summary, each party's claim and figures, unattributed figures, sources. */
export function incidentLines(i: IncidentView, opts: IncidentRenderOptions = {}): string[] {
  const b = (s: string): string => (opts.bold ? `**${s}**` : s);
  const lines = [escapeText(truncate(i.summary, opts.maxSummary ?? 280))];
  const maxClaims = opts.maxClaims ?? 3;
  const stated = i.claims.filter((c) => c.claim || c.killed !== null || c.injured !== null);
  for (const c of stated.slice(0, maxClaims)) {
    const f = figuresText(c.killed, c.injured);
    const figures = f ? `${f}${c.of ? ` (${escapeText(truncate(c.of, 80))})` : ""}` : "";
    const who = c.by ?? "Unattributed";
    lines.push(c.claim ? `${claimLine(who, c.claim, 140, opts.bold)}${figures ? ` — ${figures}` : ""}` : `${b(`${escapeText(who)} says:`)} ${figures}`);
  }
  if (stated.length > maxClaims) lines.push(`(+${stated.length - maxClaims} more claims)`);
  if (!stated.length && i.claimedBy) lines.push(`${b("Claimed by:")} ${escapeText(i.claimedBy)}`);
  const figures = i.figures.filter((f) => f.killed !== null || f.injured !== null);
  // A party's figures on their own line ("Zabihullah Mujahid says: 12 killed (per Border Monitor)"); figures an
  // outlet gives without a party together, each with its outlet.
  const byParty = figures.filter((f) => f.by);
  for (const f of byParty.slice(0, maxClaims)) lines.push(`${b(`${escapeText(f.by ?? "")} says:`)} ${figuresText(f.killed, f.injured)} (per ${escapeText(f.per)})`);
  const plain = figures.filter((f) => !f.by);
  if (plain.length) {
    const shown = plain.slice(0, 3).map((f) => `${figuresText(f.killed, f.injured)} — per ${escapeText(f.per)}`);
    lines.push(`${b("Casualties:")} ${shown.join("; ")}${plain.length > 3 ? `; +${plain.length - 3} more` : ""}`);
  }
  const maxSources = opts.maxSources ?? 2;
  const src = i.sources
    .slice(0, maxSources)
    .map((s) => `${link(`${s.outlet} — ${truncate(s.title, 90)}`, s.url)}${s.publishedOn ? `, ${showDate(s.publishedOn, s.publishedPrecision)}` : ""}`);
  if (src.length) {
    const more = i.sources.length - src.length;
    const outlets = i.outletCount > 1 ? ` (${i.outletCount} outlets)` : "";
    lines.push(`${b(i.sources.length > 1 ? `Sources${outlets}:` : "Source:")} ${src.join(" · ")}${more > 0 ? ` · +${more} more` : ""}`);
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
