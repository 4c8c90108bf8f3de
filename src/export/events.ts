import type { Db } from "../db/client.ts";
import { getEventProvenance, listIncidentIds } from "../store/event-points.ts";
import type { QuoteView } from "../store/queries.ts";
import { loadIncidents, type IncidentFilter, type IncidentView } from "../store/incidents.ts";
import { toCsv, type Cell } from "./csv.ts";

/**
 * Incidents and quotes as files a graphics team can load: CSV (RFC 4180) or JSON, with provenance on every row.
 * An events export has one row per incident (however many reports), each party's claims side by side.
 */

export type ExportFormat = "csv" | "json";

/** Most rows one export carries; Discord's upload limit is the other bound (the caller checks size). */
export const MAX_EXPORT_ROWS = 20_000;

export interface EventRecord {
  id: number;
  date: string;
  precision: string;
  type: string;
  sub_type: string | null;
  summary: string;
  place: string | null;
  lat: number | null;
  lon: number | null;
  killed: number | null;
  injured: number | null;
  casualties_text: string | null;
  claimed_by: string | null;
  actors: { name: string; role: string }[];
  claims: IncidentView["claims"];
  /** How many reports, and how many independent outlets, describe the incident. */
  report_count: number;
  outlet_count: number;
  /** Figures reports give without a party's claim, with who gives them. */
  figures: IncidentView["figures"];
  /** Where the row came from: "timeline" (curated), "article" (extracted), "acled". */
  origin: string;
  /** ACLED's event id (events.external_id) when the row was imported from ACLED. */
  acled_id: string | null;
  acled_event_type: string | null;
  acled_sub_event_type: string | null;
  /** The curated timeline's id, or the ACLED id; null for article-derived events. */
  external_id: string | null;
  article: string | null;
  sources: IncidentView["sources"];
}

const CHUNK = 500;

/** Matching events, newest first, at most `limit`; `truncated` says more matched. */
export function collectEventRecords(db: Db, filter: IncidentFilter, limit = MAX_EXPORT_ROWS): { records: EventRecord[]; truncated: boolean } {
  const ids = listIncidentIds(db, filter, limit + 1);
  const kept = ids.slice(0, limit);
  const records: EventRecord[] = [];
  for (let i = 0; i < kept.length; i += CHUNK) {
    const chunk = kept.slice(i, i + CHUNK);
    const prov = getEventProvenance(db, chunk);
    for (const e of loadIncidents(db, chunk)) {
      const p = prov.get(e.id);
      const lead = e.reports[0];
      const origin = e.hasCurated ? "timeline" : (lead?.source ?? "article");
      records.push({
        id: e.id,
        date: e.occurredOn,
        precision: e.precision,
        type: e.type,
        sub_type: p?.subType ?? null,
        summary: e.summary,
        place: e.place,
        lat: p?.lat ?? null,
        lon: p?.lon ?? null,
        // The lead report's own figures (the curated entry's first, else the first report's): never a sum.
        killed: lead?.killed ?? null,
        injured: lead?.injured ?? null,
        casualties_text: lead?.casualtiesText ?? null,
        claimed_by: e.claimedBy,
        actors: e.actors,
        claims: e.claims,
        report_count: e.reportCount,
        outlet_count: e.outletCount,
        figures: e.figures,
        origin,
        acled_id: p?.externalId && e.reports.some((r) => r.source === "acled" && r.key === `acled:${p.externalId}`) ? p.externalId : null,
        acled_event_type: p?.acledEventType ?? null,
        acled_sub_event_type: p?.acledSubEventType ?? null,
        external_id: p?.externalId ?? null,
        article: p?.articleSlug ?? null,
        sources: e.sources,
      });
    }
  }
  return { records, truncated: ids.length > limit };
}

export const EVENT_CSV_COLUMNS = [
  "id",
  "date",
  "precision",
  "type",
  "sub_type",
  "summary",
  "place",
  "lat",
  "lon",
  "killed",
  "injured",
  "casualties_text",
  "claimed_by",
  "actors",
  "claims",
  "report_count",
  "outlet_count",
  "origin",
  "acled_id",
  "acled_event_type",
  "acled_sub_event_type",
  "external_id",
  "article",
  "source_outlets",
  "source_titles",
  "source_urls",
] as const;

/** Several values in one cell are joined with " | " (a character sequence that news text rarely holds). */
const JOIN = " | ";

/** An events export as the bot's worker pool takes it: plain data, made in a worker thread or in place. */
export interface EventExportRequest {
  entityId: number;
  /** The subject's name, for the JSON's header. */
  subject: string;
  from?: string | undefined;
  to?: string | undefined;
  format: ExportFormat;
  /** ISO time, for the JSON's header. */
  exportedAt: string;
}

export interface EventExportFile {
  /** The file's bytes (UTF-8); empty when no event matched. */
  body: Uint8Array;
  count: number;
  truncated: boolean;
}

/**
 * /export's file: the events collected and written as CSV or JSON. For 20,000 incidents that is seconds of queries
 * and string building, so the bot runs it in its worker pool (src/pool/pool.ts), off the event loop.
 */
export function makeEventExport(db: Db, req: EventExportRequest): EventExportFile {
  const { records, truncated } = collectEventRecords(db, { entityId: req.entityId, ...(req.from ? { from: req.from } : {}), ...(req.to ? { to: req.to } : {}) });
  const body = !records.length
    ? ""
    : req.format === "csv"
      ? eventsToCsv(records)
      : toJson({ subject: req.subject, from: req.from ?? null, to: req.to ?? null, exported_at: req.exportedAt, count: records.length, truncated }, records);
  return { body: Buffer.from(body, "utf8"), count: records.length, truncated };
}

export function eventsToCsv(records: readonly EventRecord[]): string {
  const rows: Cell[][] = records.map((r) => [
    r.id,
    r.date,
    r.precision,
    r.type,
    r.sub_type,
    r.summary,
    r.place,
    r.lat,
    r.lon,
    r.killed,
    r.injured,
    r.casualties_text,
    r.claimed_by,
    r.actors.map((a) => `${a.name} (${a.role})`).join(JOIN),
    r.claims
      .map((c) => [c.by ? `${c.by}:` : "", c.claim ?? "", c.killed !== null ? `${c.killed} killed` : "", c.injured !== null ? `${c.injured} injured` : ""].filter(Boolean).join(" "))
      .join(JOIN),
    r.report_count,
    r.outlet_count,
    r.origin,
    r.acled_id,
    r.acled_event_type,
    r.acled_sub_event_type,
    r.external_id,
    r.article,
    r.sources.map((s) => s.outlet).join(JOIN),
    r.sources.map((s) => s.title).join(JOIN),
    r.sources.map((s) => s.url ?? "").join(JOIN),
  ]);
  return toCsv(EVENT_CSV_COLUMNS, rows);
}

export function toJson(meta: Record<string, unknown>, rows: readonly unknown[]): string {
  return `${JSON.stringify({ ...meta, rows }, null, 2)}\n`;
}

export interface QuoteRecord {
  id: number;
  text: string;
  speaker: string | null;
  speaker_as_written: string | null;
  attribution_confidence: number;
  is_fragment: boolean;
  said_on: string | null;
  said_precision: string | null;
  article_slug: string;
  article_title: string;
  article_outlet: string | null;
  article_url: string | null;
  article_published_on: string | null;
}

export function quoteRecord(q: QuoteView): QuoteRecord {
  return {
    id: q.id,
    text: q.text,
    speaker: q.speaker,
    speaker_as_written: q.speakerText,
    attribution_confidence: Math.round(q.confidence * 100) / 100,
    is_fragment: q.isFragment,
    said_on: q.saidOn,
    said_precision: q.saidPrecision,
    article_slug: q.article.slug,
    article_title: q.article.title,
    article_outlet: q.article.outlet,
    article_url: q.article.url,
    article_published_on: q.article.publishedOn,
  };
}

const QUOTE_COLUMNS = [
  "id",
  "text",
  "speaker",
  "speaker_as_written",
  "attribution_confidence",
  "is_fragment",
  "said_on",
  "said_precision",
  "article_slug",
  "article_title",
  "article_outlet",
  "article_url",
  "article_published_on",
] as const;

export function quotesToCsv(records: readonly QuoteRecord[]): string {
  return toCsv(
    QUOTE_COLUMNS,
    records.map((r) => QUOTE_COLUMNS.map((c) => r[c])),
  );
}
