import crypto, { createHash } from "node:crypto";
import type { DatePrecision } from "../db/schema.ts";
import type { EventType } from "../gazetteer/schema.ts";
import { isRealPartialDate } from "../text/partial-date.ts";
import { monthIndex, pad2 } from "../text/dates.ts";

/**
 * ACLED rows → borderdesk events: the pure part (no database). Column names, the two layouts, type mapping,
 * dates and precision, numbers. A row that cannot be read becomes an `AcledRowError` with the reason.
 */

export type AcledLayout = "current" | "legacy";

/** Columns an export must have; everything else is optional (older exports lack disorder_type, tags, …). */
export const REQUIRED_COLUMNS = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "country"] as const;

const KNOWN_COLUMNS = [
  "event_id_cnty",
  "event_date",
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "actor2",
  "assoc_actor_2",
  "civilian_targeting",
  "iso",
  "country",
  "admin1",
  "admin2",
  "admin3",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "source_scale",
  "notes",
  "fatalities",
  "tags",
  "timestamp",
] as const;
type Column = (typeof KNOWN_COLUMNS)[number];

/** Where each known column sits in this file's header (-1 when the file lacks it). */
export type ColumnIndex = Record<Column, number>;

export class AcledRowError extends Error {}

/** A header that is not an ACLED export: the whole file is refused with this reason. */
export class AcledHeaderError extends Error {}

export function readHeader(header: readonly string[]): { columns: ColumnIndex; layout: AcledLayout; width: number } {
  const names = header.map((h) => h.trim().toLowerCase().replace(/^\uFEFF/, ""));
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new AcledHeaderError(
      `this is not an ACLED export: the header lacks ${missing.join(", ")} (expected columns such as event_id_cnty, event_date, event_type, actor1, country)`,
    );
  }
  const columns = Object.fromEntries(KNOWN_COLUMNS.map((c) => [c, names.indexOf(c)])) as ColumnIndex;
  const layout: AcledLayout = names.includes("event_id_no_cnty") || names.includes("iso3") ? "legacy" : "current";
  return { columns, layout, width: names.length };
}

export interface AcledEvent {
  externalId: string;
  eventDate: string;
  timePrecision: 1 | 2 | 3;
  occurredOn: string;
  precision: DatePrecision;
  year: number;
  monthDay: string | null;
  type: EventType;
  acledEventType: string;
  acledSubEventType: string;
  disorderType: string | null;
  summary: string;
  actor1: string;
  actor2: string | null;
  assoc1: string[];
  assoc2: string[];
  civilianTargeting: string | null;
  iso: string | null;
  country: string;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: number | null;
  sources: string | null;
  sourceScale: string | null;
  notes: string | null;
  killed: number | null;
  tags: string | null;
  timestamp: number | null;
}

/** ACLED sub-event types (lower case) → borderdesk types; event types without an entry here fall back by event type. */
const BY_SUB_EVENT: Record<string, EventType> = {
  "armed clash": "clash",
  "government regains territory": "clash",
  "non-state actor overtakes territory": "clash",
  "air/drone strike": "airstrike",
  "shelling/artillery/missile attack": "shelling",
  "remote explosive/landmine/ied": "bombing",
  "suicide bomb": "bombing",
  grenade: "bombing",
  "chemical weapon": "attack",
  attack: "attack",
  "abduction/forced disappearance": "attack",
  "sexual violence": "attack",
  agreement: "agreement",
};

const BY_EVENT: Record<string, EventType> = {
  battles: "clash",
  "explosions/remote violence": "bombing",
  "violence against civilians": "attack",
};

/** borderdesk's type for an ACLED event type / sub-event type; protests, riots and most strategic developments are "other". */
export function borderdeskType(eventType: string, subEventType: string): EventType {
  return BY_SUB_EVENT[subEventType.trim().toLowerCase()] ?? BY_EVENT[eventType.trim().toLowerCase()] ?? "other";
}

/** "9 May 2020", "9-May-20", "09-May-2020", "9 Sept. 2020": day, month name, year of two or four digits. */
const DAY_MONTH_NAME = /^(\d{1,2})[ \-/.]([A-Za-z]{3,9})\.?[ \-/.,]+(\d{2}|\d{4})$/;
/** "May 9, 2020", "May 9 2020". */
const MONTH_NAME_DAY = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{2}|\d{4})$/;
/** Three numbers: "31-12-19", "31/12/2019", "2019/12/31", "12.31.19" (which is which is settled below). */
const NUMERIC = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/;

/**
 * How a file writes ambiguous numeric dates ("05/09/2020"): learnt from the first of its rows that shows it (a
 * part over 12), so one file reads one way. Undefined until then: day first, as ACLED and most of the world
 * write it.
 */
export interface DateOrderHint {
  order?: "dmy" | "mdy";
}

/** A two-digit year: the row's `year` column says which century; without one, 70–99 are 19xx and 00–69 20xx. */
function fullYear(text: string, yearColumn: number | undefined): number {
  if (text.length === 4) return Number(text);
  const yy = Number(text);
  if (yearColumn !== undefined && yearColumn % 100 === yy) return yearColumn;
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

export type AcledDateResult = { date: string } | { error: string };

/**
 * An ACLED date as exports and the spreadsheets that re-save them write it: "2024-03-15", "15 March 2024",
 * "15-Mar-24", "31-12-19", "31/12/2019", "12/31/2019", "March 15, 2024". The row's `year` column (when the file
 * has one) settles a two-digit year's century and which number of a numeric date is the year; a row whose date
 * and year column disagree is refused. A numeric date whose day and month could be either way round follows the
 * file's order (`hint`), day first until a row shows otherwise.
 */
export function readAcledDate(raw: string, yearColumn?: number, hint: DateOrderHint = {}): AcledDateResult {
  const s = raw.trim();
  const shown = `event_date "${s.slice(0, 40)}"`;
  let y: number | undefined;
  let m: number | undefined;
  let d: number | undefined;
  let match: RegExpExecArray | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    y = Number(s.slice(0, 4));
    m = Number(s.slice(5, 7));
    d = Number(s.slice(8, 10));
  } else if ((match = DAY_MONTH_NAME.exec(s))) {
    d = Number(match[1]);
    m = monthIndex(match[2] ?? "");
    y = fullYear(match[3] ?? "", yearColumn);
  } else if ((match = MONTH_NAME_DAY.exec(s))) {
    m = monthIndex(match[1] ?? "");
    d = Number(match[2]);
    y = fullYear(match[3] ?? "", yearColumn);
  } else if ((match = NUMERIC.exec(s))) {
    const parts = [match[1] ?? "", match[2] ?? "", match[3] ?? ""];
    // Which part is the year: a four-digit one, else the one the year column names, else the last (31-12-19).
    let yi = parts.findIndex((p) => p.length === 4);
    if (yi < 0 && yearColumn !== undefined) {
      const at = [2, 0].find((i) => Number(parts[i]) === yearColumn % 100);
      if (at !== undefined) yi = at;
    }
    if (yi < 0) yi = 2;
    if (yi === 1) return { error: `${shown} has its year in the middle` };
    const [a, b] = yi === 0 ? [Number(parts[1]), Number(parts[2])] : [Number(parts[0]), Number(parts[1])];
    y = fullYear(parts[yi] ?? "", yearColumn);
    if (yi === 0) {
      // 2019/12/31: year first is always followed by month, then day.
      m = a;
      d = b;
    } else {
      const shows = a > 12 && b <= 12 ? "dmy" : b > 12 && a <= 12 ? "mdy" : undefined;
      if (shows && hint.order && shows !== hint.order) {
        return { error: `${shown} is written ${shows === "dmy" ? "day first" : "month first"}, but earlier rows of this file write dates ${hint.order === "dmy" ? "day first" : "month first"}` };
      }
      if (shows) hint.order ??= shows;
      const order = shows ?? hint.order ?? "dmy";
      [d, m] = order === "dmy" ? [a, b] : [b, a];
    }
  } else {
    return { error: `${shown} is not a date I can read (expected YYYY-MM-DD, 15 March 2024, 15-Mar-24 or 15/03/2024)` };
  }
  if (!y || !m || !d) return { error: `${shown} is not a real date (expected YYYY-MM-DD or 15 March 2024)` };
  const value = iso(y, m, d);
  if (!isRealPartialDate(value)) return { error: `${shown} is not a real date (expected YYYY-MM-DD or 15 March 2024)` };
  if (yearColumn !== undefined && yearColumn !== y) return { error: `${shown} is in ${y}, but the row's year column says ${yearColumn}` };
  return { date: value };
}

/** ACLED dates: "2024-03-15" (current exports), "15 March 2024" (older ones) and what spreadsheets make of them. */
export function parseAcledDate(raw: string, yearColumn?: number): string | undefined {
  const r = readAcledDate(raw, yearColumn);
  return "date" in r ? r.date : undefined;
}

/**
 * ACLED's time precision onto the store's: 1 → the day; 3 → the month; 2 ("some day that week") → the smallest
 * stored unit holding the whole week around the given date — its month when the seven days fall in one month,
 * else its year. Claiming the day would put the event on a date ACLED never gave (and into "on this date"
 * digests); the date as ACLED gave it stays in acled_details.event_date.
 */
export function storedDate(date: string, timePrecision: 1 | 2 | 3): { occurredOn: string; precision: DatePrecision } {
  if (timePrecision === 1) return { occurredOn: date, precision: "day" };
  if (timePrecision === 3) return { occurredOn: date.slice(0, 7), precision: "month" };
  const t = Date.parse(`${date}T12:00:00Z`);
  const from = new Date(t - 3 * 86_400_000).toISOString().slice(0, 7);
  const to = new Date(t + 3 * 86_400_000).toISOString().slice(0, 7);
  if (from === to) return { occurredOn: from, precision: "month" };
  return { occurredOn: date.slice(0, 4), precision: "year" };
}

const SUMMARY_MAX = 500;

function summaryOf(notes: string | null, subEventType: string, location: string | null, admin1: string | null): string {
  if (notes) {
    if (notes.length <= SUMMARY_MAX) return notes;
    const cut = notes.slice(0, SUMMARY_MAX - 1);
    return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), SUMMARY_MAX - 40))}…`;
  }
  const where = [location, admin1].filter((x, i, all): x is string => !!x && all.indexOf(x) === i).join(", ");
  return where ? `${subEventType} in ${where}` : subEventType;
}

function splitActors(raw: string | null): string[] {
  if (!raw) return [];
  return raw
    .split(";")
    .map((a) => a.trim())
    .filter(Boolean);
}

function optionalNumber(raw: string | null, what: string, min: number, max: number, integer: boolean): number | null {
  if (raw === null) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) throw new AcledRowError(`${what} "${raw.slice(0, 40)}" is not ${integer ? "a whole number" : "a number"}${min > -Infinity ? ` in ${min}…${max}` : ""}`);
  return n;
}

/** Reads one data row (fields in file order) into an event; throws AcledRowError with the reason when it cannot. */
export function mapRow(fields: readonly string[], columns: ColumnIndex, hint?: DateOrderHint): AcledEvent {
  const get = (c: Column): string | null => {
    const i = columns[c];
    if (i < 0) return null;
    const v = fields[i]?.trim();
    return v ? v : null;
  };
  const externalId = get("event_id_cnty");
  if (!externalId) throw new AcledRowError("event_id_cnty is empty");
  if (externalId.length > 40) throw new AcledRowError(`event_id_cnty "${externalId.slice(0, 40)}…" is too long`);
  const rawDate = get("event_date") ?? "";
  const rawYear = get("year");
  let yearColumn: number | undefined;
  if (rawYear !== null) {
    yearColumn = Number(rawYear);
    if (!/^\d{4}$/.test(rawYear)) throw new AcledRowError(`year "${rawYear.slice(0, 10)}" is not a four-digit year`);
  }
  // The common case first: an ISO date that agrees with the year column needs no more reading.
  let eventDate: string;
  const isoYear = isoDayYear(rawDate);
  if (isoYear !== undefined && (yearColumn === undefined || isoYear === yearColumn)) {
    eventDate = rawDate;
  } else {
    const read = readAcledDate(rawDate, yearColumn, hint);
    if ("error" in read) throw new AcledRowError(read.error);
    eventDate = read.date;
  }
  const tp = get("time_precision") ?? "";
  if (tp !== "1" && tp !== "2" && tp !== "3") throw new AcledRowError(`time_precision "${tp.slice(0, 10)}" is not 1, 2 or 3`);
  const timePrecision = Number(tp) as 1 | 2 | 3;
  const acledEventType = get("event_type");
  const acledSubEventType = get("sub_event_type");
  if (!acledEventType || !acledSubEventType) throw new AcledRowError("event_type or sub_event_type is empty");
  const actor1 = get("actor1");
  if (!actor1) throw new AcledRowError("actor1 is empty");
  const country = get("country");
  if (!country) throw new AcledRowError("country is empty");
  const lat = optionalNumber(get("latitude"), "latitude", -90, 90, false);
  const lon = optionalNumber(get("longitude"), "longitude", -180, 180, false);
  const { occurredOn, precision } = storedDate(eventDate, timePrecision);
  const notes = get("notes");
  const location = get("location");
  const admin1 = get("admin1");
  return {
    externalId,
    eventDate,
    timePrecision,
    occurredOn,
    precision,
    year: Number(eventDate.slice(0, 4)),
    monthDay: precision === "day" ? eventDate.slice(5) : null,
    type: borderdeskType(acledEventType, acledSubEventType),
    acledEventType,
    acledSubEventType,
    disorderType: get("disorder_type"),
    summary: summaryOf(notes, acledSubEventType, location, admin1),
    actor1,
    actor2: get("actor2"),
    assoc1: splitActors(get("assoc_actor_1")),
    assoc2: splitActors(get("assoc_actor_2")),
    civilianTargeting: get("civilian_targeting"),
    iso: get("iso"),
    country,
    admin1,
    admin2: get("admin2"),
    admin3: get("admin3"),
    location,
    lat,
    lon,
    geoPrecision: optionalNumber(get("geo_precision"), "geo_precision", 0, 9, true),
    sources: get("source"),
    sourceScale: get("source_scale"),
    notes,
    // Empty fatalities = not known (null), not zero.
    killed: optionalNumber(get("fatalities"), "fatalities", 0, 1_000_000, true),
    tags: get("tags"),
    timestamp: optionalNumber(get("timestamp"), "timestamp", 0, 1e11, true),
  };
}

/**
 * ACLED actor names carry the period a government held power ("Military Forces of Pakistan (2018-)"); the
 * entity is the institution, so the period is dropped. Country qualifiers ("(Pakistan)") stay.
 */
export function actorName(raw: string): string {
  return raw.replace(/\s*\(\d{4}-(?:\d{4})?\)\s*$/, "").trim();
}


/** Node ≥ 20.12 has a one-shot hash that skips the Hash object; older 20.x fall back to createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "base64") => string }).hash;

/**
 * The year of a real calendar day written YYYY-MM-DD, read from its character codes (every row of a current export
 * has one, and the parse worker is the bulk import's slower side); undefined for anything else.
 */
function isoDayYear(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48, m2 = s.charCodeAt(6) - 48, d1 = s.charCodeAt(8) - 48, d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days ? y : undefined;
}

/** A row's fingerprint: a re-import tells a changed row from an unchanged one by it. */
export function rowHash(fields: readonly string[]): string {
  const data = fields.join("\u001f");
  return oneShot ? oneShot("sha1", data, "base64") : createHash("sha1").update(data).digest("base64");
}


/** A data record of a file whose header is `width` wide: its event and its row hash, or an AcledRowError. */
export function mapRecord(fields: readonly string[], columns: ColumnIndex, width: number, hint?: DateOrderHint): { event: AcledEvent; hash: string } {
  if (fields.length !== width) throw new AcledRowError(`has ${fields.length} fields; the header has ${width}`);
  return { event: mapRow(fields, columns, hint), hash: rowHash(fields) };
}
