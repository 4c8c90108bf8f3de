/** Quiet hours ("22:00-07:00" in the watch's zone): alerts are held while they last and summarised when they end. */
import { wallClock } from "../digest/time.ts";
import { pad2 } from "../text/dates.ts";

export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

const HHMM = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

function minutes(s: string): number | undefined {
  const m = HHMM.exec(s.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export function showMinutes(n: number): string {
  return `${pad2(Math.floor(n / 60))}:${pad2(n % 60)}`;
}

/** "22:00-07:00" (also "22:00–07:00", "22.00 to 07.00") → the range, canonical; undefined when it is not one. */
export function parseQuietHours(text: string): { hours: QuietHours; canonical: string } | undefined {
  const parts = text.trim().split(/\s*(?:-|–|—|to)\s*/);
  if (parts.length !== 2) return undefined;
  const start = minutes(parts[0] ?? "");
  const end = minutes(parts[1] ?? "");
  if (start === undefined || end === undefined || start === end) return undefined;
  return { hours: { start, end }, canonical: `${showMinutes(start)}-${showMinutes(end)}` };
}

/** Whether `at` falls in the quiet hours in `zone` (a range past midnight wraps: 22:00-07:00). */
export function isQuiet(quietHours: string | null, zone: string, at: Date): boolean {
  if (!quietHours) return false;
  const q = parseQuietHours(quietHours)?.hours;
  if (!q) return false;
  let local: number;
  try {
    const w = wallClock(at.getTime(), zone);
    local = w.hour * 60 + w.minute;
  } catch {
    return false; // a zone the runtime no longer knows: never hold alerts for ever
  }
  return q.start < q.end ? local >= q.start && local < q.end : local >= q.start || local < q.end;
}
