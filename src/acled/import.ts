import crypto, { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { parse, type CsvError, type InfoRecord } from "csv-parse";
import type Database from "better-sqlite3";
import type { Db } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import { AcledHeaderError, AcledRowError, actorName, isCategoryActor, mapRow, readHeader, type AcledEvent, type AcledLayout, type ColumnIndex } from "./map.ts";
import { AcledEntityResolver } from "./resolve.ts";

export { AcledHeaderError } from "./map.ts";

export interface AcledRowProblem {
  /** Line of the file the row ends on (1 = the header). */
  line: number;
  /** The row's event_id_cnty, when it could be read. */
  id?: string;
  reason: string;
}

export interface AcledImportReport {
  layout: AcledLayout;
  /** Data rows read (good and bad). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Events removed because the export no longer has them (only with prune). */
  pruned: number;
  /** Why pruning did not happen although asked, if it did not. */
  pruneSkipped?: string;
  /** Rows skipped, each with its line and reason (the first MAX_PROBLEMS; `skipped` counts all). */
  problems: AcledRowProblem[];
  skipped: number;
  entitiesCreated: number;
  /** Countries and date range the export covers (prune removes only within them). */
  countries: string[];
  from: string | null;
  to: string | null;
  ms: number;
}

export interface AcledImportOptions {
  /** Remove ACLED events of the export's countries and dates that the export no longer has. */
  prune?: boolean;
  logger?: Logger;
  /** Rows written per transaction. */
  batchSize?: number;
  /** Stop with an error after this many data rows (the /ingest path caps what one command may import). */
  maxRows?: number;
}

const MAX_PROBLEMS = 100;

/** The import cannot go on (not an ACLED file, unreadable file); nothing after the last committed batch was written. */
export class AcledImportError extends Error {}

interface Pending {
  line: number;
  fields: string[];
}

function prepare(sqlite: Database.Database) {
  return {
    existing: sqlite.prepare<[string], { id: number; source: string; rowHash: string | null }>(
      "select e.id as id, e.source as source, d.row_hash as rowHash from events e left join acled_details d on d.event_id = e.id where e.external_id = ?",
    ),
    insertEvent: sqlite.prepare(
      `insert into events (external_id, occurred_on, precision, year, month_day, type, sub_type, acled_event_type, acled_sub_event_type, summary, place_id, killed, source)
       values (@externalId, @occurredOn, @precision, @year, @monthDay, @type, @subType, @acledEventType, @acledSubEventType, @summary, @placeId, @killed, 'acled')`,
    ),
    updateEvent: sqlite.prepare(
      `update events set occurred_on = @occurredOn, precision = @precision, year = @year, month_day = @monthDay, type = @type, sub_type = @subType,
         acled_event_type = @acledEventType, acled_sub_event_type = @acledSubEventType, summary = @summary, place_id = @placeId, killed = @killed where id = @id`,
    ),
    deleteActors: sqlite.prepare<[number]>("delete from event_actors where event_id = ?"),
    insertActor: sqlite.prepare<[number, number, string]>("insert into event_actors (event_id, entity_id, role) values (?, ?, ?) on conflict do nothing"),
    upsertDetails: sqlite.prepare(
      `insert or replace into acled_details (event_id, event_date, time_precision, disorder_type, country, iso, admin1, admin2, admin3, location, lat, lon,
         geo_precision, sources, source_scale, notes, civilian_targeting, tags, acled_timestamp, row_hash)
       values (@eventId, @eventDate, @timePrecision, @disorderType, @country, @iso, @admin1, @admin2, @admin3, @location, @lat, @lon,
         @geoPrecision, @sources, @sourceScale, @notes, @civilianTargeting, @tags, @timestamp, @rowHash)`,
    ),
    markSeen: sqlite.prepare<[string]>("insert or ignore into temp.acled_seen (external_id) values (?)"),
  };
}
type Statements = ReturnType<typeof prepare>;

/** actor2's role: the side attacked for one-sided violence, the other side of a battle otherwise. */
function secondRole(e: AcledEvent): string {
  return e.acledEventType.toLowerCase() === "battles" || e.acledEventType.toLowerCase() === "riots" ? "actor" : "target";
}

/** Node ≥ 20.12 has a one-shot hash that skips the Hash object; older 20.x fall back to createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "base64") => string }).hash;

function rowHash(fields: readonly string[]): string {
  const data = fields.join("\u001f");
  return oneShot ? oneShot("sha1", data, "base64") : createHash("sha1").update(data).digest("base64");
}

/** Writes one mapped row; returns what happened to its event. */
function writeRow(st: Statements, resolver: AcledEntityResolver, e: AcledEvent, hash: string): "created" | "updated" | "unchanged" {
  const existing = st.existing.get(e.externalId);
  if (existing && existing.source !== "acled") throw new AcledRowError(`event_id_cnty "${e.externalId}" is already the id of a ${existing.source} event`);
  if (existing && existing.rowHash === hash) return "unchanged";

  const country = resolver.place({ name: e.country, subtype: "country", parentId: null });
  const admin1 = e.admin1 ? resolver.place({ name: e.admin1, subtype: "province", parentId: country }) : country;
  const admin2 = e.admin2 ? resolver.place({ name: e.admin2, subtype: "district", parentId: admin1 }) : admin1;
  const placeId = e.location ? resolver.place({ name: e.location, subtype: "locality", parentId: admin2, lat: e.lat, lon: e.lon }) : admin2;

  const values = {
    externalId: e.externalId,
    occurredOn: e.occurredOn,
    precision: e.precision,
    year: e.year,
    monthDay: e.monthDay,
    type: e.type,
    subType: e.acledSubEventType,
    acledEventType: e.acledEventType,
    acledSubEventType: e.acledSubEventType,
    summary: e.summary,
    placeId,
    killed: e.killed,
  };
  let eventId: number;
  if (existing) {
    eventId = existing.id;
    st.updateEvent.run({ ...values, id: eventId });
    st.deleteActors.run(eventId);
  } else eventId = Number(st.insertEvent.run(values).lastInsertRowid);

  const actors: [string, string][] = [[e.actor1, "actor"], ...e.assoc1.map((a): [string, string] => [a, "associated"])];
  if (e.actor2) actors.push([e.actor2, secondRole(e)]);
  for (const a of e.assoc2) actors.push([a, "associated"]);
  for (const [raw, role] of actors) {
    const name = actorName(raw);
    if (!name || isCategoryActor(name)) continue;
    const id = resolver.actor(name);
    if (id === null) continue;
    if (name !== raw) resolver.addAlias(id, raw);
    st.insertActor.run(eventId, id, role);
  }
  st.upsertDetails.run({
    eventId,
    eventDate: e.eventDate,
    timePrecision: e.timePrecision,
    disorderType: e.disorderType,
    country: e.country,
    iso: e.iso,
    admin1: e.admin1,
    admin2: e.admin2,
    admin3: e.admin3,
    location: e.location,
    lat: e.lat,
    lon: e.lon,
    geoPrecision: e.geoPrecision,
    sources: e.sources,
    sourceScale: e.sourceScale,
    // Notes short enough to be the event's summary are stored once, there (a million rows write a gigabyte).
    notes: e.notes === e.summary ? null : e.notes,
    civilianTargeting: e.civilianTargeting,
    tags: e.tags,
    timestamp: e.timestamp,
    rowHash: hash,
  });
  return existing ? "updated" : "created";
}

/**
 * Imports an ACLED export (current 31-column layout or the older one with event_id_no_cnty/iso3) from a stream,
 * in bounded memory: rows are parsed as they arrive and written in transactions of `batchSize`. Each event is
 * keyed by event_id_cnty: a changed row updates its event, an unchanged one is left alone. A row that cannot be
 * read is reported with its line and skipped. With `prune`, ACLED events of the export's countries and date
 * range that the export no longer holds are removed (never when a row was unreadable: its id is unknown).
 */
export async function importAcled(db: Db, input: Readable, opts: AcledImportOptions = {}): Promise<AcledImportReport> {
  const started = performance.now();
  const sqlite = db.$client;
  const batchSize = opts.batchSize ?? 5000;
  const prune = opts.prune ?? false;
  const report: AcledImportReport = {
    layout: "current",
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    pruned: 0,
    problems: [],
    skipped: 0,
    entitiesCreated: 0,
    countries: [],
    from: null,
    to: null,
    ms: 0,
  };
  const problem = (p: AcledRowProblem): void => {
    report.skipped++;
    if (report.problems.length < MAX_PROBLEMS) report.problems.push(p);
  };
  const countries = new Set<string>();
  let unknownIdSkipped = false;

  // The ids this export holds, for prune (a temporary table: a million ids would not fit a bounded-memory Set).
  sqlite.exec("create temp table if not exists acled_seen (external_id text primary key) without rowid; delete from temp.acled_seen;");
  const st = prepare(sqlite);
  const resolver = new AcledEntityResolver(sqlite);

  let columns: ColumnIndex | undefined;
  let width = 0;
  let pending: Pending[] = [];

  const flush = sqlite.transaction((rows: readonly Pending[]) => {
    for (const r of rows) {
      let mapped: AcledEvent;
      const id = columns && columns.event_id_cnty >= 0 ? r.fields[columns.event_id_cnty]?.trim() : undefined;
      if (prune && id) st.markSeen.run(id);
      try {
        if (!columns) throw new Error("no header");
        if (r.fields.length !== width) throw new AcledRowError(`has ${r.fields.length} fields; the header has ${width}`);
        mapped = mapRow(r.fields, columns);
        const outcome = writeRow(st, resolver, mapped, rowHash(r.fields));
        report[outcome]++;
      } catch (err) {
        if (!(err instanceof AcledRowError)) throw err;
        if (!id) unknownIdSkipped = true;
        problem({ line: r.line, ...(id ? { id } : {}), reason: err.message });
        continue;
      }
      countries.add(mapped.country);
      if (!report.from || mapped.eventDate < report.from) report.from = mapped.eventDate;
      if (!report.to || mapped.eventDate > report.to) report.to = mapped.eventDate;
    }
  });

  // on_record keeps just the line number: `info: true` builds a whole info object per row (a fifth of parse time).
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // The line rides along as one extra field (on_record must return a record), taken off below.
    on_record: (record: string[], context: InfoRecord): string[] => {
      record.push(String(context.lines));
      return record;
    },
  });
  let lastSkippedLine = -1;
  parser.on("skip", (err: CsvError) => {
    unknownIdSkipped = true;
    const line = typeof err.lines === "number" ? err.lines : 0;
    // One broken record can raise several errors (each stray quote): report it once.
    if (line === lastSkippedLine) return;
    lastSkippedLine = line;
    report.rows++;
    const what = err.message.replace(/^Invalid /, "invalid ").replace(/ instead of .*$/s, "").replace(/ at line \d+$/, "");
    problem({ line, reason: `unreadable CSV (${what.slice(0, 160)})` });
  });
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const chunk: Pending = { line: Number(record.pop()), fields: record };
      if (!columns) {
        const header = readHeader(chunk.fields);
        columns = header.columns;
        width = header.width;
        report.layout = header.layout;
        continue;
      }
      report.rows++;
      if (opts.maxRows !== undefined && report.rows > opts.maxRows) {
        throw new AcledImportError(`the file has more than ${opts.maxRows.toLocaleString("en")} rows; import it with npx borderdesk import acled`);
      }
      pending.push(chunk);
      if (pending.length >= batchSize) {
        flush.immediate(pending);
        pending = [];
      }
    }
    if (!columns) throw new AcledImportError("the file is empty: no ACLED header row");
    flush.immediate(pending);
    pending = [];
  } catch (err) {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
    if (err instanceof AcledHeaderError || err instanceof AcledImportError) throw err;
    if (err instanceof Error && "code" in err && typeof err.code === "string" && err.code.startsWith("CSV_")) throw new AcledImportError(`unreadable CSV: ${err.message}`);
    throw err;
  }

  report.countries = [...countries].sort();
  if (prune) {
    if (unknownIdSkipped) report.pruneSkipped = "some rows could not be read, so their ids are unknown; nothing was pruned";
    else if (report.from && report.to && countries.size) {
      const placeholders = report.countries.map(() => "?").join(",");
      const removed = sqlite
        .prepare(
          `delete from events where source = 'acled' and id in (
             select d.event_id from acled_details d where d.country in (${placeholders}) and d.event_date between ? and ?)
           and external_id not in (select external_id from temp.acled_seen)`,
        )
        .run(...report.countries, report.from, report.to);
      report.pruned = removed.changes;
    }
    sqlite.exec("delete from temp.acled_seen");
  }
  report.entitiesCreated = resolver.created;
  report.ms = Math.round(performance.now() - started);
  opts.logger?.info({ rows: report.rows, created: report.created, updated: report.updated, skipped: report.skipped, pruned: report.pruned, ms: report.ms }, "acled import done");
  return report;
}

export function importAcledFile(db: Db, file: string, opts: AcledImportOptions = {}): Promise<AcledImportReport> {
  return importAcled(db, createReadStream(file, { highWaterMark: 1 << 20 }), opts);
}

/** One paragraph for a person: what the import did. */
export function describeAcledImport(r: AcledImportReport): string {
  const lines = [
    `ACLED ${r.layout === "legacy" ? "export (older layout)" : "export"}: ${r.rows.toLocaleString("en")} rows — ${r.created.toLocaleString("en")} new, ${r.updated.toLocaleString("en")} updated, ${r.unchanged.toLocaleString("en")} unchanged, ${r.skipped.toLocaleString("en")} skipped${r.pruned ? `, ${r.pruned.toLocaleString("en")} removed (no longer in the export)` : ""}.`,
  ];
  if (r.countries.length) lines.push(`Covers ${r.countries.join(", ")}${r.from ? ` from ${r.from} to ${r.to ?? r.from}` : ""}; ${r.entitiesCreated} new places/actors created from ACLED names.`);
  if (r.pruneSkipped) lines.push(`Not pruned: ${r.pruneSkipped}.`);
  for (const p of r.problems.slice(0, 10)) lines.push(`line ${p.line}${p.id ? ` (${p.id})` : ""}: ${p.reason}`);
  if (r.skipped > 10) lines.push(`…and ${r.skipped - 10} more skipped rows.`);
  return lines.join("\n");
}
