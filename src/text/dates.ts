import { isRealPartialDate } from "./partial-date.ts";

export type Precision = "day" | "week" | "month" | "year";

export interface PartialDate {
  /** "2025-01-11", "2025-01" or "2025" (week precision stores the week's Monday as a day). */
  value: string;
  precision: Precision;
}

/** The one list of month names: parsing, dates shown and chart labels all read it. */
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());

/** "Jan" for month 1: the short name charts and dates show. */
export function monthShort(month: number): string {
  return MONTH_NAMES[month - 1]?.slice(0, 3) ?? "";
}

export function monthIndex(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, "");
  const i = MONTHS.findIndex((m) => m === n || (n.length >= 3 && m.startsWith(n)) || (n === "sept" && m === "september"));
  return i === -1 ? undefined : i + 1;
}

export const pad2 = (n: number): string => String(n).padStart(2, "0");

export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * Parses a publication date as people write it in front matter or on the command line:
 * 2025-01-11, 2025-01, 2025, "Jan 11, 2025", "11 January 2025". Returns undefined if it is not a
 * real calendar date (2025-02-30).
 */
export function parsePublishedDate(input: string | Date): PartialDate | undefined {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return undefined;
    return { value: isoDay(input), precision: "day" };
  }
  const s = input.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const v = `${m[1]}-${m[2]}-${m[3]}`;
    return isRealPartialDate(v) ? { value: v, precision: "day" } : undefined;
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return isRealPartialDate(s) ? { value: s, precision: "month" } : undefined;
  if (/^\d{4}$/.test(s)) return { value: s, precision: "year" };
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(s) ?? null;
  if (m?.[1] && m[2] && m[3]) return dayFromParts(Number(m[3]), monthIndex(m[1]), Number(m[2]));
  m = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/.exec(s);
  if (m?.[1] && m[2] && m[3]) return dayFromParts(Number(m[3]), monthIndex(m[2]), Number(m[1]));
  m = /^([A-Za-z]{3,9}) (\d{4})$/.exec(s);
  if (m?.[1] && m[2]) {
    const mo = monthIndex(m[1]);
    return mo ? { value: `${m[2]}-${pad2(mo)}`, precision: "month" } : undefined;
  }
  return undefined;
}

function dayFromParts(y: number, mo: number | undefined, d: number): PartialDate | undefined {
  if (!mo) return undefined;
  const v = `${y}-${pad2(mo)}-${pad2(d)}`;
  return isRealPartialDate(v) ? { value: v, precision: "day" } : undefined;
}

/** Reference instant for relative dates: noon UTC of the partial date's first day. */
export function referenceDate(d: PartialDate): Date {
  const [y, m, day] = d.value.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1, 12));
}

/** Human rendering that shows precision honestly: "11 Jan 2025", "week of 10 Mar 2025", "Jan 2025", "2024". */
export function formatPartialDate(value: string, precision: string): string {
  const [y, m, d] = value.split("-");
  const cap = m ? monthShort(Number(m)) : "";
  if (precision === "year" || !m) return y ?? value;
  if (precision === "month" || !d) return `${cap} ${y}`;
  if (precision === "week") return `week of ${Number(d)} ${cap} ${y}`;
  return `${Number(d)} ${cap} ${y}`;
}

/** "11 January" from "2026-01-11". */
export function dayMonth(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1] ?? ""}`;
}
