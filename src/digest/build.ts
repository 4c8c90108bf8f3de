/**
 * Builds the digest for one local date as plain data (no Discord, no clock): incidents on this date in
 * earlier years, context, and the quote of the day. `render.ts` turns it into a reply model.
 */
import type { Db } from "../db/client.ts";
import type { DigestKind } from "../db/schema.ts";
import { pickQuoteOfTheDay } from "./ledger.ts";
import {
  getEntityName,
  getQuote,
  listEventDetails,
  listEventsOnMonthDays,
  listLatestAtPlaces,
  listPiecesOnMonthDays,
  type EventRow,
} from "./query.ts";
import { addDays, isCalendarDate, isLeapYear } from "./time.ts";

export const MAX_INCIDENTS = 6;
const MAX_PIECES = 8;
const MAX_LATEST = 4;
const MAX_WEEK = 8;

export interface SourceRef {
  title: string;
  outlet: string | null;
  url: string | null;
  publishedOn: string | null;
  publishedPrecision: string | null;
}

export interface Incident {
  id: number;
  occurredOn: string;
  year: number;
  type: string;
  summary: string;
  place: string | null;
  claimedBy: string | null;
  actors: { name: string; role: string }[];
  /** Each side's claim and figures, side by side. */
  claims: { claimant: string | null; claim: string | null; killed: number | null; injured: number | null; casualtiesOf: string | null }[];
  killed: number | null;
  injured: number | null;
  casualtiesText: string | null;
  sources: SourceRef[];
}

export interface Development {
  id: number;
  occurredOn: string;
  precision: string;
  summary: string;
  place: string | null;
}

export interface ContextPiece {
  id: number;
  title: string;
  kind: "article" | "stub";
  publishedOn: string;
  url: string | null;
  outlet: string | null;
  /** For related pieces: the article that listed them. */
  relatedTo: string | null;
}

export interface QuoteOfTheDay {
  id: number;
  text: string;
  speaker: string | null;
  saidOn: string | null;
  saidPrecision: string | null;
  source: SourceRef;
}

export interface DigestModel {
  date: string;
  timezone: string | null;
  kinds: DigestKind[];
  about: { id: number; name: string } | null;
  incidents: Incident[];
  /** All matching incidents, of which `incidents` are the newest. */
  incidentTotal: number;
  /** Non-leap 28 February also shows 29 February's incidents. */
  includesLeapDay: boolean;
  published: ContextPiece[];
  latest: Development[];
  /** Filled only when the date itself has no incidents: the week around it in earlier years. */
  thisWeek: Development[];
  quote: QuoteOfTheDay | null;
}

export interface DigestOptions {
  /** The local date, YYYY-MM-DD. */
  date: string;
  timezone?: string | null;
  kinds?: readonly DigestKind[];
  /** Only incidents (and, when there are any, quotes) about this entity. */
  aboutEntityId?: number | null;
  /** The subscription whose quote rotation to use; none: the date picks the quote. */
  subscriptionId?: number | null;
  /** Use the quote up in the rotation (deliveries); previews only peek. */
  recordQuote?: boolean;
}

/** Month-days whose incidents show on this date: 28 February also shows 29 February in non-leap years. */
export function monthDaysFor(date: string): string[] {
  const md = date.slice(5);
  const year = Number(date.slice(0, 4));
  return md === "02-28" && !isLeapYear(year) ? ["02-28", "02-29"] : [md];
}

function toIncident(r: EventRow, details: ReturnType<typeof listEventDetails>): Incident {
  const sources: SourceRef[] = details.sources
    .filter((s) => s.eventId === r.id)
    .map((s) => ({ title: s.title, outlet: s.outlet, url: s.url, publishedOn: s.publishedOn, publishedPrecision: s.publishedOn ? "day" : null }));
  if (r.articleTitle !== null) {
    sources.unshift({ title: r.articleTitle, outlet: r.articleOutlet, url: r.articleUrl, publishedOn: r.articlePublishedOn, publishedPrecision: r.articlePublishedPrecision });
  }
  return {
    id: r.id,
    occurredOn: r.occurredOn,
    year: r.year,
    type: r.type,
    summary: r.summary,
    place: r.placeName,
    claimedBy: r.claimedByName,
    actors: details.actors.filter((a) => a.eventId === r.id).map((a) => ({ name: a.name, role: a.role })),
    claims: details.claims.filter((c) => c.eventId === r.id).map(({ eventId: _e, ...c }) => c),
    killed: r.killed,
    injured: r.injured,
    casualtiesText: r.casualtiesText,
    sources,
  };
}

const toDevelopment = (r: EventRow): Development => ({ id: r.id, occurredOn: r.occurredOn, precision: r.precision, summary: r.summary, place: r.placeName });

export function buildDigest(db: Db, opts: DigestOptions): DigestModel {
  if (!isCalendarDate(opts.date)) throw new RangeError(`not a calendar date: ${opts.date}`);
  const kinds: DigestKind[] = opts.kinds?.length ? [...opts.kinds] : ["incidents", "context", "quote"];
  const about = opts.aboutEntityId ?? null;
  const aboutName = about !== null ? getEntityName(db, about) : undefined;
  const year = Number(opts.date.slice(0, 4));
  const monthDays = monthDaysFor(opts.date);

  const model: DigestModel = {
    date: opts.date,
    timezone: opts.timezone ?? null,
    kinds,
    about: about !== null && aboutName !== undefined ? { id: about, name: aboutName } : null,
    incidents: [],
    incidentTotal: 0,
    includesLeapDay: monthDays.length > 1,
    published: [],
    latest: [],
    thisWeek: [],
    quote: null,
  };

  // Incidents are looked up even when not shown: context's "latest developments" follows their places.
  const { rows, total } = listEventsOnMonthDays(db, monthDays, year, model.about?.id ?? null, MAX_INCIDENTS);
  const details = listEventDetails(db, rows.map((r) => r.id));
  const incidents = rows.map((r) => toIncident(r, details));
  if (kinds.includes("incidents")) {
    model.incidents = incidents;
    model.incidentTotal = total;
  }

  if (kinds.includes("context")) {
    model.published = listPiecesOnMonthDays(db, monthDays, opts.date, MAX_PIECES).map((p) => ({ ...p, relatedTo: p.relatedTitle }));
    const places = [...new Set(rows.map((r) => r.placeId).filter((id): id is number => id !== null))];
    model.latest = listLatestAtPlaces(db, places, opts.date, rows.map((r) => r.id), MAX_LATEST).map(toDevelopment);
  }

  if (kinds.includes("incidents") && incidents.length === 0) {
    const week = [-3, -2, -1, 1, 2, 3].map((d) => addDays(opts.date, d).slice(5));
    model.thisWeek = listEventsOnMonthDays(db, week, year, model.about?.id ?? null, MAX_WEEK, false).rows.map(toDevelopment);
  }

  if (kinds.includes("quote")) {
    const id = pickQuoteOfTheDay(db, { subscriptionId: opts.subscriptionId ?? null, localDate: opts.date, about: model.about?.id ?? null, record: opts.recordQuote ?? false });
    const q = id !== undefined ? getQuote(db, id) : undefined;
    if (q) {
      model.quote = {
        id: q.id,
        text: q.text,
        speaker: q.speaker,
        saidOn: q.saidOn,
        saidPrecision: q.saidPrecision,
        source: { title: q.articleTitle, outlet: q.articleOutlet, url: q.articleUrl, publishedOn: q.articlePublishedOn, publishedPrecision: q.articlePublishedPrecision },
      };
    }
  }
  return model;
}
