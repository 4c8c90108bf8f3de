/**
 * Wall-clock arithmetic in IANA zones with nothing but Intl: the local date and time of an instant, and
 * the instant a local date + "HH:MM" names. Non-existent and repeated local times (DST switches) are
 * resolved the way Temporal's "compatible" disambiguation and RFC 5545 do: a time in the spring-forward
 * gap moves forward by the gap (02:30 → 03:30 EDT), a repeated time means its first occurrence.
 */
import { pad2 } from "../text/dates.ts";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(instantMs: number, zone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(zone).formatToParts(instantMs)) {
    if (p.type === "year" || p.type === "month" || p.type === "day" || p.type === "hour" || p.type === "minute" || p.type === "second") {
      out[p.type] = Number(p.value);
    }
  }
  return out;
}

/** "YYYY-MM-DD" of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  const w = wallClock(instant.getTime(), zone);
  return `${String(w.year).padStart(4, "0")}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** "HH:MM" of an instant in a zone. */
export function localTime(instant: Date, zone: string): string {
  const w = wallClock(instant.getTime(), zone);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** The zone's offset from UTC in minutes at an instant (Asia/Kabul: 270). */
export function offsetMinutes(instantMs: number, zone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  const w = wallClock(whole, zone);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole) / 60_000);
}

function parseDate(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function parseTime(time: string): [number, number] {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`not an HH:MM time: ${time}`);
  return [Number(m[1]), Number(m[2])];
}

const instants = new Map<string, number>();

/** The instant at which the wall clock in `zone` reads `time` on `date` (see the file comment for DST). */
export function zonedInstant(date: string, time: string, zone: string): Date {
  // Every tick asks this for every subscription: remember recent answers.
  const key = `${date} ${time} ${zone}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  if (instants.size > 50_000) instants.clear();
  const at = computeZonedInstant(date, time, zone);
  instants.set(key, at.getTime());
  return at;
}

function computeZonedInstant(date: string, time: string, zone: string): Date {
  const [y, mo, d] = parseDate(date);
  const [h, mi] = parseTime(time);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Offsets a day either side bracket any DST switch near the target (zones never switch twice in 48 h).
  const before = offsetMinutes(wall - 86_400_000, zone);
  const after = offsetMinutes(wall + 86_400_000, zone);
  const reads = (t: number): boolean => {
    const w = wallClock(t, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === wall;
  };
  const candidates = [...new Set([wall - before * 60_000, wall - after * 60_000])].filter(reads).sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // In the spring-forward gap: read the wall time with the offset in force before the switch.
  return new Date(wall - before * 60_000);
}

/** Calendar arithmetic on "YYYY-MM-DD". */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${String(t.getUTCFullYear()).padStart(4, "0")}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  try {
    return addDays(date, 0) === date;
  } catch {
    return false;
  }
}

export function isHhMm(time: string): boolean {
  return /^([01]\d|2[0-3]):([0-5]\d)$/.test(time);
}
