import type { DatePrecision } from "../db/schema.ts";
import type { EventType } from "../gazetteer/schema.ts";
import type { AcledEvent } from "./map.ts";

/**
 * Mapped ACLED rows as the parse worker sends them to the writer: every row's values one after another in one
 * flat array (a structured clone of plain values costs the receiving thread half what objects do, and the
 * receiving thread is the one writing to SQLite, the import's bottleneck).
 */
export type PackedValue = string | number | null;

/** Slots per row: the event's 32 values, then its row hash and its line. */
export const PACKED_SLOTS = 34;

export function packEvent(e: AcledEvent, hash: string, line: number, out: PackedValue[]): void {
  out.push(
    e.externalId,
    e.eventDate,
    e.timePrecision,
    e.occurredOn,
    e.precision,
    e.year,
    e.monthDay,
    e.type,
    e.acledEventType,
    e.acledSubEventType,
    e.disorderType,
    e.summary,
    e.actor1,
    e.actor2,
    e.assoc1.join("\u001f"),
    e.assoc2.join("\u001f"),
    e.civilianTargeting,
    e.iso,
    e.country,
    e.admin1,
    e.admin2,
    e.admin3,
    e.location,
    e.lat,
    e.lon,
    e.geoPrecision,
    e.sources,
    e.sourceScale,
    e.notes,
    e.killed,
    e.tags,
    e.timestamp,
    hash,
    line,
  );
}

class PackedError extends Error {}

function text(v: readonly PackedValue[], i: number): string {
  const x = v[i];
  if (typeof x !== "string") throw new PackedError(`packed ACLED row: slot ${i} should be text`);
  return x;
}

function textOrNull(v: readonly PackedValue[], i: number): string | null {
  const x = v[i];
  if (x !== null && typeof x !== "string") throw new PackedError(`packed ACLED row: slot ${i} should be text or empty`);
  return x ?? null;
}

function num(v: readonly PackedValue[], i: number): number {
  const x = v[i];
  if (typeof x !== "number") throw new PackedError(`packed ACLED row: slot ${i} should be a number`);
  return x;
}

function numOrNull(v: readonly PackedValue[], i: number): number | null {
  const x = v[i];
  if (x !== null && typeof x !== "number") throw new PackedError(`packed ACLED row: slot ${i} should be a number or empty`);
  return x ?? null;
}

const list = (s: string): string[] => (s ? s.split("\u001f") : []);

/** The row packed at `at` (a multiple of PACKED_SLOTS): its event, hash and line. */
export function unpackEvent(v: readonly PackedValue[], at: number): { event: AcledEvent; hash: string; line: number } {
  const event: AcledEvent = {
    externalId: text(v, at),
    eventDate: text(v, at + 1),
    // The worker filled these from mapRow, which only makes these values.
    timePrecision: num(v, at + 2) as 1 | 2 | 3,
    occurredOn: text(v, at + 3),
    precision: text(v, at + 4) as DatePrecision,
    year: num(v, at + 5),
    monthDay: textOrNull(v, at + 6),
    type: text(v, at + 7) as EventType,
    acledEventType: text(v, at + 8),
    acledSubEventType: text(v, at + 9),
    disorderType: textOrNull(v, at + 10),
    summary: text(v, at + 11),
    actor1: text(v, at + 12),
    actor2: textOrNull(v, at + 13),
    assoc1: list(text(v, at + 14)),
    assoc2: list(text(v, at + 15)),
    civilianTargeting: textOrNull(v, at + 16),
    iso: textOrNull(v, at + 17),
    country: text(v, at + 18),
    admin1: textOrNull(v, at + 19),
    admin2: textOrNull(v, at + 20),
    admin3: textOrNull(v, at + 21),
    location: textOrNull(v, at + 22),
    lat: numOrNull(v, at + 23),
    lon: numOrNull(v, at + 24),
    geoPrecision: numOrNull(v, at + 25),
    sources: textOrNull(v, at + 26),
    sourceScale: textOrNull(v, at + 27),
    notes: textOrNull(v, at + 28),
    killed: numOrNull(v, at + 29),
    tags: textOrNull(v, at + 30),
    timestamp: numOrNull(v, at + 31),
  };
  return { event, hash: text(v, at + 32), line: num(v, at + 33) };
}
