/**
 * Builds the digest for one local date as plain data (no Discord, no clock): incidents on this date in
 * earlier years, context, and the quote of the day. `render.ts` turns it into a reply model.
 */
import type { Db } from "../db/client.ts";
import type { DigestKind } from "../db/schema.ts";
import { pickQuoteOfTheDay } from "./ledger.ts";
import { getEntityName, getQuote, listPiecesOnMonthDays } from "./query.ts";
import { isCalendarDate } from "./time.ts";
import { listIncidentHeadsNearDay, listIncidentsOnDay, listLatestAtPlaces, monthDaysFor, type IncidentHead, type IncidentView } from "../store/incidents.ts";

export { monthDaysFor } from "../store/incidents.ts";

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

/** An incident as the digest shows it: the one read model's view (src/store/incidents.ts). */
export type Incident = IncidentView;

/**
 * A line of context: an incident at one of today's places, or in this week of past years. The digest names it in
 * one line, so only its head is read (`borderdesk digest --json` loads the full incidents for these ids).
 */
export type Development = IncidentHead;

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
  /** All incidents on this date in earlier years, of which `incidents` are the most significant. */
  incidentTotal: number;
  /** How many of them each year has, newest year first. */
  perYear: { year: number; count: number }[];
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

export function buildDigest(db: Db, opts: DigestOptions): DigestModel {
  if (!isCalendarDate(opts.date)) throw new RangeError(`not a calendar date: ${opts.date}`);
  const kinds: DigestKind[] = opts.kinds?.length ? [...opts.kinds] : ["incidents", "context", "quote"];
  const about = opts.aboutEntityId ?? null;
  const aboutName = about !== null ? getEntityName(db, about) : undefined;
  const monthDays = monthDaysFor(opts.date);

  const model: DigestModel = {
    date: opts.date,
    timezone: opts.timezone ?? null,
    kinds,
    about: about !== null && aboutName !== undefined ? { id: about, name: aboutName } : null,
    incidents: [],
    incidentTotal: 0,
    perYear: [],
    includesLeapDay: monthDays.length > 1,
    published: [],
    latest: [],
    thisWeek: [],
    quote: null,
  };

  // Incidents are looked up even when not shown: context's "latest developments" follows their places. The
  // same list /onthisday shows for this day, by construction.
  const day = listIncidentsOnDay(db, { date: opts.date, about: model.about?.id ?? null, limit: MAX_INCIDENTS });
  if (kinds.includes("incidents")) {
    model.incidents = day.incidents;
    model.incidentTotal = day.total;
    model.perYear = day.perYear;
  }

  if (kinds.includes("context")) {
    model.published = listPiecesOnMonthDays(db, monthDays, opts.date, MAX_PIECES);
    const places = day.incidents.map((i) => i.placeId).filter((id): id is number => id !== null);
    model.latest = listLatestAtPlaces(db, places, opts.date, day.incidents.map((i) => i.id), MAX_LATEST);
  }

  if (kinds.includes("incidents") && day.incidents.length === 0) {
    model.thisWeek = listIncidentHeadsNearDay(db, { date: opts.date, radius: 3, about: model.about?.id ?? null, limit: MAX_WEEK });
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
