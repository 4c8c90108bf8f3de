import crypto, { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Readable } from "node:stream";
import { parse, type InfoRecord } from "csv-parse";
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
  /**
   * Expected data rows (importAcledFile estimates them from the file's size). A big import into a store with
   * fewer events than that runs as a bulk load: one transaction that drops the secondary indexes of the tables it
   * writes and builds them again before it commits (a third faster than keeping a million index entries up to
   * date row by row). Readers see the store as it was until the commit; other writers wait for the whole import.
   */
  expectedRows?: number;
}

/** Expected rows from which an import is a bulk load (when the store holds fewer events than the file). */
export const BULK_MIN_ROWS = 100_000;
/** Bytes per row of a typical ACLED export, for estimating a file's rows from its size. */
const BYTES_PER_ROW = 520;

const MAX_PROBLEMS = 100;

/** The import cannot go on (not an ACLED file, unreadable file); nothing after the last committed batch was written. */
export class AcledImportError extends Error {}

interface Pending {
  line: number;
  fields: string[];
}

// Positional parameters throughout: binding an object by names costs a lookup per column per row.
function prepare(sqlite: Database.Database) {
  return {
    existing: sqlite.prepare<[string], { id: number; source: string; rowHash: string | null }>(
      "select e.id as id, e.source as source, d.row_hash as rowHash from events e left join acled_details d on d.event_id = e.id where e.external_id = ?",
    ),
    /** A new event, or nothing (changes = 0) when its external_id is taken: the lookup above is then needed, for new ids it is not. */
    insertEvent: sqlite.prepare<[string, string, string, number, string | null, string, string, string, string, string, number | null, number | null]>(
      `insert into events (external_id, occurred_on, precision, year, month_day, type, sub_type, acled_event_type, acled_sub_event_type, summary, place_id, killed, source)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'acled') on conflict (external_id) do nothing`,
    ),
    updateEvent: sqlite.prepare<[string, string, number, string | null, string, string, string, string, string, number | null, number | null, number]>(
      `update events set occurred_on = ?, precision = ?, year = ?, month_day = ?, type = ?, sub_type = ?,
         acled_event_type = ?, acled_sub_event_type = ?, summary = ?, place_id = ?, killed = ? where id = ?`,
    ),
    deleteActors: sqlite.prepare<[number]>("delete from event_actors where event_id = ?"),
    insertActor: sqlite.prepare<[number, number, string]>("insert into event_actors (event_id, entity_id, role) values (?, ?, ?) on conflict do nothing"),
    upsertDetails: sqlite.prepare<
      [number, string, number, string | null, string, string | null, string | null, string | null, string | null, string | null, number | null, number | null,
        number | null, string | null, string | null, string | null, string | null, string | null, number | null, string]
    >(
      `insert or replace into acled_details (event_id, event_date, time_precision, disorder_type, country, iso, admin1, admin2, admin3, location, lat, lon,
         geo_precision, sources, source_scale, notes, civilian_targeting, tags, acled_timestamp, row_hash)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    markSeen: sqlite.prepare<[string]>("insert or ignore into temp.acled_seen (external_id) values (?)"),
  };
}
type Statements = ReturnType<typeof prepare>;

// on_record keeps just the line number: `info: true` builds a whole info object per row (a fifth of parse time).
const PARSE_OPTIONS = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  skip_records_with_error: true,
  // The line rides along as one extra field (on_record must return a record), taken off when the row is read.
  on_record: (record: string[], context: InfoRecord): string[] => {
    record.push(String(context.lines));
    return record;
  },
};

/**
 * The worker: parses the file with PARSE_OPTIONS (written out again, as it runs outside this module) and posts
 * records in batches, a skipped record in its place among them; at most 2 batches unacknowledged, so a fast
 * parser does not queue up the file in memory. Plain CommonJS, so it runs the same under tsx, vitest and node.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createReadStream } = require("node:fs");
const { parse } = require(workerData.csvParse);
const parser = parse({
  bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true,
  on_record: (record, context) => { record.push(String(context.lines)); return record; },
});
let batch = [];
let inFlight = 0;
const post = () => {
  if (!batch.length) return;
  parentPort.postMessage({ records: batch });
  batch = [];
  if (++inFlight >= 2) parser.pause();
};
parentPort.on("message", () => { if (--inFlight < 2) parser.resume(); });
parser.on("skip", (err) => { post(); parentPort.postMessage({ skip: { lines: err.lines, message: err.message } }); });
parser.on("data", (record) => { batch.push(record); if (batch.length >= 1000) post(); });
parser.on("end", () => { post(); parentPort.postMessage({ end: true }); });
const fail = (err) => parentPort.postMessage({ error: { message: err.message, code: err.code } });
parser.on("error", fail);
const input = createReadStream(workerData.file, { highWaterMark: 1 << 20 });
input.on("error", fail);
input.pipe(parser);
`;

type WorkerMessage =
  | { records: string[][] }
  | { skip: { lines?: unknown; message: string } }
  | { end: true }
  | { error: { message: string; code?: string } };

/** Records of `file`, parsed in a worker thread, in batches; skipped records go to `onSkip` in their place. */
async function* parseInWorker(file: string, onSkip: (err: { lines?: unknown; message: string }) => void): AsyncGenerator<string[][], void, undefined> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, csvParse: createRequire(import.meta.url).resolve("csv-parse") },
    // A small heap: the worker holds a few batches at a time, and the import has a memory budget.
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  const arrive = (m: WorkerMessage): void => {
    queue.push(m);
    wake?.();
  };
  worker.on("message", arrive);
  worker.on("error", (err: Error) => arrive({ error: { message: err.message } }));
  try {
    for (;;) {
      const m = queue.shift() ?? (await new Promise<void>((resolve) => (wake = resolve)), queue.shift());
      wake = undefined;
      if (!m) continue;
      if ("records" in m) {
        worker.postMessage(1);
        yield m.records;
      } else if ("skip" in m) onSkip(m.skip);
      else if ("error" in m) throw Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {});
      else return;
    }
  } finally {
    await worker.terminate();
  }
}

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
  const country = resolver.place({ name: e.country, subtype: "country", parentId: null });
  const admin1 = e.admin1 ? resolver.place({ name: e.admin1, subtype: "province", parentId: country }) : country;
  const admin2 = e.admin2 ? resolver.place({ name: e.admin2, subtype: "district", parentId: admin1 }) : admin1;
  const placeId = e.location ? resolver.place({ name: e.location, subtype: "locality", parentId: admin2, lat: e.lat, lon: e.lon }) : admin2;

  // Most rows of a big import are new: try the insert first and look the id up only when it is taken.
  const inserted = st.insertEvent.run(
    e.externalId, e.occurredOn, e.precision, e.year, e.monthDay, e.type, e.acledSubEventType, e.acledEventType, e.acledSubEventType, e.summary, placeId, e.killed,
  );
  let eventId: number;
  let created: boolean;
  if (inserted.changes > 0) {
    eventId = Number(inserted.lastInsertRowid);
    created = true;
  } else {
    const existing = st.existing.get(e.externalId);
    if (!existing) throw new Error(`event_id_cnty "${e.externalId}": insert refused but no such event`);
    if (existing.source !== "acled") throw new AcledRowError(`event_id_cnty "${e.externalId}" is already the id of a ${existing.source} event`);
    if (existing.rowHash === hash) return "unchanged";
    eventId = existing.id;
    created = false;
    st.updateEvent.run(e.occurredOn, e.precision, e.year, e.monthDay, e.type, e.acledSubEventType, e.acledEventType, e.acledSubEventType, e.summary, placeId, e.killed, eventId);
    st.deleteActors.run(eventId);
  }

  writeActor(st, resolver, eventId, e.actor1, "actor");
  for (const a of e.assoc1) writeActor(st, resolver, eventId, a, "associated");
  if (e.actor2) writeActor(st, resolver, eventId, e.actor2, secondRole(e));
  for (const a of e.assoc2) writeActor(st, resolver, eventId, a, "associated");
  st.upsertDetails.run(
    eventId, e.eventDate, e.timePrecision, e.disorderType, e.country, e.iso, e.admin1, e.admin2, e.admin3, e.location, e.lat, e.lon,
    e.geoPrecision, e.sources, e.sourceScale,
    // Notes short enough to be the event's summary are stored once, there (a million rows write a gigabyte).
    e.notes === e.summary ? null : e.notes,
    e.civilianTargeting, e.tags, e.timestamp, hash,
  );
  return created ? "created" : "updated";
}

function writeActor(st: Statements, resolver: AcledEntityResolver, eventId: number, raw: string, role: string): void {
  const name = actorName(raw);
  if (!name || isCategoryActor(name)) return;
  const id = resolver.actor(name);
  if (id === null) return;
  if (name !== raw) resolver.addAlias(id, raw);
  st.insertActor.run(eventId, id, role);
}

/**
 * Imports an ACLED export (current 31-column layout or the older one with event_id_no_cnty/iso3) from a stream,
 * in bounded memory: rows are parsed as they arrive and written in transactions of `batchSize`. Each event is
 * keyed by event_id_cnty: a changed row updates its event, an unchanged one is left alone. A row that cannot be
 * read is reported with its line and skipped. With `prune`, ACLED events of the export's countries and date
 * range that the export no longer holds are removed (never when a row was unreadable: its id is unknown).
 */
export function importAcled(db: Db, input: Readable, opts: AcledImportOptions = {}): Promise<AcledImportReport> {
  return run(db, input, opts);
}

/** `input`: a stream, or a file's path (a bulk load of a file is parsed in a worker thread). */
async function run(db: Db, input: Readable | string, opts: AcledImportOptions): Promise<AcledImportReport> {
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

  // A bulk load: one outer transaction (the batches below become savepoints in it), secondary indexes dropped
  // inside it and built again before the commit, so no reader ever sees the store without them.
  let rebuild: string[] | undefined;
  if ((opts.expectedRows ?? 0) >= BULK_MIN_ROWS && !sqlite.inTransaction) {
    const events = sqlite.prepare<[], { n: number }>("select count(*) as n from events").get()?.n ?? 0;
    if (events < (opts.expectedRows ?? 0)) {
      sqlite.exec("begin immediate");
      // The unique indexes stay: they decide "new or update" (external_id) and keep actor rows single.
      const indexes = sqlite
        .prepare<[], { name: string; sql: string }>(
          "select name, sql from sqlite_master where type = 'index' and tbl_name in ('events', 'acled_details', 'event_actors') and sql is not null and sql not like 'CREATE UNIQUE%'",
        )
        .all();
      for (const ix of indexes) sqlite.exec(`drop index "${ix.name.replace(/"/g, '""')}"`);
      rebuild = indexes.map((ix) => ix.sql);
    }
  }

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

  let lastSkippedLine = -1;
  const onSkip = (err: { lines?: unknown; message: string }): void => {
    unknownIdSkipped = true;
    const line = typeof err.lines === "number" ? err.lines : 0;
    // One broken record can raise several errors (each stray quote): report it once.
    if (line === lastSkippedLine) return;
    lastSkippedLine = line;
    report.rows++;
    const what = err.message.replace(/^Invalid /, "invalid ").replace(/ instead of .*$/s, "").replace(/ at line \d+$/, "");
    problem({ line, reason: `unreadable CSV (${what.slice(0, 160)})` });
  };
  const onRecord = (record: string[]): void => {
    const chunk: Pending = { line: Number(record.pop()), fields: record };
    if (!columns) {
      const header = readHeader(chunk.fields);
      columns = header.columns;
      width = header.width;
      report.layout = header.layout;
      return;
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
  };

  // A bulk load of a file parses it in a worker thread, so parsing (a third of the work) overlaps the writes.
  const parsed = rebuild && typeof input === "string" ? parseInWorker(input, onSkip) : undefined;
  const stream = parsed ? undefined : typeof input === "string" ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  const parser = stream ? parse(PARSE_OPTIONS) : undefined;
  if (stream && parser) {
    parser.on("skip", onSkip);
    stream.on("error", (err: Error) => parser.destroy(err));
    stream.pipe(parser);
  }

  try {
    if (parsed) {
      for await (const records of parsed) for (const record of records) onRecord(record);
    } else if (parser) {
      for await (const record of parser as AsyncIterable<string[]>) onRecord(record);
    }
    if (!columns) throw new AcledImportError("the file is empty: no ACLED header row");
    flush.immediate(pending);
    pending = [];
    if (rebuild) {
      for (const sql of rebuild) sqlite.exec(sql);
      sqlite.exec("commit");
      rebuild = undefined;
    }
  } catch (err) {
    if (rebuild && sqlite.inTransaction) sqlite.exec("rollback");
    if (stream && parser) {
      stream.unpipe(parser);
      stream.destroy();
      parser.destroy();
    }
    await parsed?.return(undefined);
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
  const expectedRows = opts.expectedRows ?? Math.floor((statSync(file, { throwIfNoEntry: false })?.size ?? 0) / BYTES_PER_ROW);
  return run(db, file, { ...opts, expectedRows });
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
