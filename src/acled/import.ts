import { createReadStream, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Readable } from "node:stream";
import type Database from "better-sqlite3";
import type { Db } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import { AcledHeaderError, AcledRowError, mapRecord, readHeader, type AcledEvent, type AcledLayout, type ColumnIndex, type DateOrderHint } from "./map.ts";
import { CsvReader } from "./csv.ts";
import { learnDateOrder } from "./date-order.ts";
import { PACKED_SLOTS, unpackEvent, type PackedValue } from "./packed.ts";
import type { RefusedRow, WorkerMessage } from "./worker-protocol.ts";
import { AcledEntityResolver } from "./resolve.ts";
import { AcledNumbering, linkPending, type NewAcledRow, type PendingResult } from "../incidents/pending.ts";
import { dropSecondaryIndexes } from "../db/indexes.ts";
import { reconcileAcledActors, type AcledReconcileReport } from "./reconcile.ts";
import { startWorker } from "../workers.ts";

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
  /**
   * Rows folded into the event an earlier row of the same export made (per-actor exports repeat event_id_cnty,
   * one row per actor pair): their actors are added to that event.
   */
  merged: number;
  /** Events removed because the export no longer has them (only with prune). */
  pruned: number;
  /** Why pruning did not happen although asked, if it did not. */
  pruneSkipped?: string;
  /** What was read past without losing a row, for a person to know (NUL bytes removed). */
  warnings: string[];
  /** Rows skipped, each with its line and reason (the first MAX_PROBLEMS; `skipped` counts all). */
  problems: AcledRowProblem[];
  skipped: number;
  entitiesCreated: number;
  /** Incidents the import's rows made, and rows that joined an incident already in the store (issue 13). */
  incidents: { created: number; linked: number };
  /**
   * Put right before the rows were read (src/acled/reconcile.ts): organisations an older import made of group
   * labels, now labels on their events, and of names the actor table maps to a gazetteer entity, now that entity.
   */
  reconciled: AcledReconcileReport;
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
   * Expected data rows (importAcledFile estimates them from the file's size). A big file is parsed in a worker
   * thread; with `exclusive`, a big import into a store with fewer events than that runs as a bulk load.
   */
  expectedRows?: number;
  /**
   * Hold the store's write lock for the whole import: all or nothing, and a big import into a smaller store runs as
   * a bulk load (one transaction that drops the secondary indexes of the tables it writes and builds them again
   * before it commits, a third faster). Other writers (the bot's digests, subscriptions, feeds) wait for the whole
   * import, so this is for a first load while no bot runs (`import acled --exclusive`). Without it the import
   * commits in chunks of at most LOCK_HOLD_MS and lets go of the lock for LOCK_GAP_MS between them; a failure part
   * way keeps the chunks before it, and running the import again completes it (rows are keyed by event_id_cnty:
   * what is already there is left unchanged).
   */
  exclusive?: boolean;
}

/** Without `exclusive`: the longest the import holds the write lock at a time, and the pause it gives other writers. */
export const LOCK_HOLD_MS = 400;
export const LOCK_GAP_MS = 40;

/** Expected rows from which an import is a bulk load (when the store holds fewer events than the file). */
export const BULK_MIN_ROWS = 100_000;
/**
 * The page cache of a bulk load, in KiB (SQLite's default is 2 MiB). The load is one transaction: pages that do not
 * fit are spilled to the WAL and read back from it, and with a million rows the WAL holds hundreds of megabytes, so
 * every page read misses the cache and is looked up in the WAL index. 32 MiB keeps the pages the load keeps coming
 * back to (the unique indexes it checks every row against, the tables' growing ends, the reports linking reads):
 * a 1,000,000-row load took about a quarter less CPU on its writing thread, and its peak RSS was 254 MB (64 MiB:
 * 305 MB, over the bench's 300 MB). It is also the sorter's memory for the index builds.
 */
const BULK_CACHE_KIB = 32 * 1024;
/**
 * Helper threads SQLite's sorter may use in a bulk load (SQLite's default is none). The load ends by building the
 * secondary indexes of a million events and incidents, sorts that take the writing thread most of the time after
 * the rows are in, while the parse worker is done and its core idle: with one helper the sorter sorts and writes
 * one run of keys while the writing thread reads the next. About two fifths of the sorting moves off the writing
 * thread (the incidents' three index builds of the bench's store: 5.8-8.0 s of its CPU -> 4.2-4.4 s, the CPU time
 * of both together unchanged). On a machine with one core it is left at none.
 */
const BULK_SORT_THREADS = 1;
/**
 * The page cache once a bulk load's rows are in, in KiB, while it links them and builds its secondary indexes again.
 * SQLite's sorter sorts runs of keys as big as the page cache (1 MiB at least) and merges them: with 32 MiB a run of
 * the bench's store holds every key of an index, sorted on the writing thread once the table is read, in lists far
 * bigger than the CPU's caches; with runs of 2 MiB each is sorted where it fits, and by the sorter's helper thread
 * while the writing thread reads on. The incidents' three index builds of a 200,000-row load: 0.94 s of CPU on the
 * writing thread -> 0.42 s (0.75 s with the helper's), measured on a copy of the store (/tmp/h15a/ixbench.mjs).
 */
const BULK_INDEX_CACHE_KIB = 2 * 1024;
/** Bytes per row of a typical ACLED export, for estimating a file's rows from its size. */
const BYTES_PER_ROW = 520;

const MAX_PROBLEMS = 100;

/** The import cannot go on (not an ACLED file, unreadable file); nothing after the last committed batch was written. */
export class AcledImportError extends Error {}

/** A record waiting for its batch: its fields, or why it could not be read. */
type Pending = { line: number; fields: string[] } | { line: number; reason: string };

type DetailsRow = [
  number, string, number, string | null, string, string | null, string | null, string | null, string | null, string | null, number | null, number | null,
  number | null, string | null, string | null, string | null, string | null, string | null, number | null, string, string | null,
];
const DETAILS_COLUMNS = `(event_id, event_date, time_precision, disorder_type, country, iso, admin1, admin2, admin3, location, lat, lon,
  geo_precision, sources, source_scale, notes, civilian_targeting, tags, acled_timestamp, row_hash, actor_labels)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

// Positional parameters throughout: binding an object by names costs a lookup per column per row.
function prepare(sqlite: Database.Database) {
  return {
    existing: sqlite.prepare<[string], { id: number; source: string; rowHash: string | null }>(
      "select e.id as id, e.source as source, d.row_hash as rowHash from events e left join acled_details d on d.event_id = e.id where e.external_id = ?",
    ),
    /**
     * A new event, or nothing (changes = 0) when its external_id is taken: the lookup above is then needed, for new
     * ids it is not. The last two: the incident a bulk load numbered for it and its link score (0), or nulls.
     */
    insertEvent: sqlite.prepare<[string, string, string, number, string | null, string, string, string, string, string, number | null, number | null, number | null, number | null]>(
      `insert into events (external_id, occurred_on, precision, year, month_day, type, sub_type, acled_event_type, acled_sub_event_type, summary, place_id, killed, source,
         incident_id, link_score)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'acled', ?, ?) on conflict (external_id) do nothing`,
    ),
    updateEvent: sqlite.prepare<[string, string, number, string | null, string, string, string, string, string, number | null, number | null, number]>(
      `update events set occurred_on = ?, precision = ?, year = ?, month_day = ?, type = ?, sub_type = ?,
         acled_event_type = ?, acled_sub_event_type = ?, summary = ?, place_id = ?, killed = ?, incident_id = null where id = ?`,
    ),
    deleteActors: sqlite.prepare<[number]>("delete from event_actors where event_id = ?"),
    insertActor: sqlite.prepare<[number, number, string]>("insert into event_actors (event_id, entity_id, role) values (?, ?, ?) on conflict do nothing"),
    upsertDetails: sqlite.prepare<DetailsRow>(`insert or replace into acled_details ${DETAILS_COLUMNS}`),
    /** Details of a new event (no old row to replace: a plain insert is cheaper). */
    insertDetails: sqlite.prepare<DetailsRow>(`insert into acled_details ${DETAILS_COLUMNS}`),
    /** Group labels of a later row of the same event, added to those already stored (each pair once). */
    addLabels: sqlite.prepare<[string, number]>(
      `update acled_details set actor_labels = (
         select json_group_array(json(value)) from (
           select value from json_each(coalesce(actor_labels, '[]')) union select value from json_each(?)))
       where event_id = ?`,
    ),
    markSeen: sqlite.prepare<[string]>("insert or ignore into temp.acled_seen (external_id) values (?)"),
    /** A bulk load's event that gives its incident number back (AcledNumbering.release): it is linked afterwards. */
    unnumber: sqlite.prepare<[number]>("update events set incident_id = null, link_score = null where id = ?"),
    /** What 0026's actor trigger does, for a bulk load that suspends it: the incident of an event that gains actors recounts them. */
    forgetTally: sqlite.prepare<[number]>("update incidents set tally = null where id = (select incident_id from events where id = ?) and tally is not null"),
  };
}
type Statements = ReturnType<typeof prepare>;

/** The parse worker of a big file, started before the import sets itself up, and the messages it sends. */
interface ParseWorker {
  messages: AsyncGenerator<Exclude<WorkerMessage, { kind: "fatal" }>, void, undefined>;
  /** Ends the worker (at once, whether or not its messages were read; again is harmless). */
  stop(): Promise<void>;
}

/**
 * The file's rows, parsed, mapped and hashed in a worker thread (parse-worker.ts), as the worker's messages;
 * each batch is acknowledged as it is taken, which lets the worker read on. A fatal message is thrown here. The
 * worker starts at once: its start (a thread, and the parser's modules loaded in it) overlaps what the import does
 * before it reads rows (reconciling actors, linking what waits and reading which rows may meet an incident), and
 * it parses no more than a few batches ahead of the writer (parse-worker.ts).
 */
function parseInWorker(file: string): ParseWorker {
  const worker = startWorker({
    source: new URL("./parse-worker.ts", import.meta.url),
    compiled: "parse-worker",
    workerData: { file },
    // The worker holds a few batches at a time, and the import has a memory budget.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  const arrive = (m: WorkerMessage): void => {
    queue.push(m);
    wake?.();
  };
  worker.on("message", arrive);
  worker.on("error", (err: Error) => arrive({ kind: "fatal", header: false, message: err.message }));
  worker.on("exit", (code) => arrive({ kind: "fatal", header: false, message: `the parse worker stopped (exit code ${code})` }));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      worker.removeAllListeners("exit");
      await worker.terminate();
    })());
  async function* messages(): AsyncGenerator<Exclude<WorkerMessage, { kind: "fatal" }>, void, undefined> {
    try {
      for (;;) {
        const m = queue.shift() ?? (await new Promise<void>((resolve) => (wake = resolve)), queue.shift());
        wake = undefined;
        if (!m) continue;
        if (m.kind === "end") {
          yield m;
          return;
        }
        if (m.kind === "fatal") {
          if (m.header) throw new AcledHeaderError(m.message);
          throw new AcledImportError(m.code ? fileProblem(m.code, m.message) : m.message);
        }
        if (m.kind === "batch") worker.postMessage(1);
        yield m;
      }
    } finally {
      await stop();
    }
  }
  return { messages: messages(), stop };
}

/** A file system error, for a person. */
function fileProblem(code: string, message: string): string {
  if (code === "ENOENT") return "the file does not exist";
  if (code === "EISDIR") return "that is a folder, not a file";
  if (code === "EACCES" || code === "EPERM") return "the file cannot be read (permission denied)";
  return `the file cannot be read (${message})`;
}

/** actor2's role: the side attacked for one-sided violence, the other side of a battle otherwise. */
function secondRole(e: AcledEvent): string {
  return e.acledEventType.toLowerCase() === "battles" || e.acledEventType.toLowerCase() === "riots" ? "actor" : "target";
}

/**
 * Which events this import has already written, so that a later row with the same event_id_cnty (per-actor
 * exports) adds its actors instead of replacing the event. Events created by this import are those with ids
 * from `firstNewId` on (ids only grow); events that existed before and were taken by an earlier row are in
 * `taken` (a re-import's events only).
 */
interface ImportMemory {
  firstNewId: number;
  taken: Set<number>;
  /** In a bulk load: the incident numbers new rows are written with (see AcledNumbering). */
  numbering?: AcledNumbering | undefined;
}

/** Writes one mapped row; returns what happened to its event. */
function writeRow(st: Statements, resolver: AcledEntityResolver, e: AcledEvent, hash: string, memory: ImportMemory): "created" | "updated" | "unchanged" | "merged" {
  const placeId = resolver.placeOfRow(e.country, e.admin1, e.admin2, e.location, e.lat, e.lon);

  // Most rows of a big import are new: try the insert first and look the id up only when it is taken.
  const incidentId = memory.numbering?.numberFor(e.occurredOn, e.type, placeId, () => rowForNumbering(st, resolver, e, placeId)) ?? null;
  const inserted = st.insertEvent.run(
    e.externalId, e.occurredOn, e.precision, e.year, e.monthDay, e.type, e.acledSubEventType, e.acledEventType, e.acledSubEventType, e.summary, placeId, e.killed,
    incidentId, incidentId === null ? null : 0,
  );
  let eventId: number;
  let created: boolean;
  if (inserted.changes > 0) {
    eventId = Number(inserted.lastInsertRowid);
    created = true;
    if (incidentId !== null) memory.numbering?.took(eventId);
  } else {
    const existing = st.existing.get(e.externalId);
    if (!existing) throw new Error(`event_id_cnty "${e.externalId}": insert refused but no such event`);
    if (existing.source !== "acled") throw new AcledRowError(`event_id_cnty "${e.externalId}" is already the id of a ${existing.source} event`);
    if (existing.id >= memory.firstNewId || memory.taken.has(existing.id)) {
      // Another row of this export for the same event: its actors (and group labels) join those of the rows before it.
      const labels: [string, string][] = [];
      writeActors(st, resolver, existing.id, e, labels);
      if (labels.length) st.addLabels.run(JSON.stringify(labels), existing.id);
      // An earlier row of this export left the event unchanged, so it is still linked: its incident's tally no longer
      // holds all its actors (0026's trigger says so in an ordinary import; a bulk load has suspended it).
      if (memory.taken.has(existing.id)) {
        st.forgetTally.run(existing.id);
        memory.numbering?.near.updated();
      }
      // Numbered because no incident near it would take it with the actors its first row gave: with these it might.
      if (memory.numbering?.release(existing.id)) st.unnumber.run(existing.id);
      return "merged";
    }
    memory.taken.add(existing.id);
    if (existing.rowHash === hash) return "unchanged";
    eventId = existing.id;
    created = false;
    st.updateEvent.run(e.occurredOn, e.precision, e.year, e.monthDay, e.type, e.acledSubEventType, e.acledEventType, e.acledSubEventType, e.summary, placeId, e.killed, eventId);
    st.deleteActors.run(eventId);
    // The incident it leaves is one a bulk load's numbering does not score against (AcledNearness.mayJoin), but no
    // facts read before an update are kept.
    memory.numbering?.near.updated();
  }

  // Actors the table or the store knows become entities; group labels ("Journalists (Pakistan)") stay labels.
  const labels: [string, string][] = [];
  writeActors(st, resolver, eventId, e, labels);
  (created ? st.insertDetails : st.upsertDetails).run(
    eventId, e.eventDate, e.timePrecision, e.disorderType, e.country, e.iso, e.admin1, e.admin2, e.admin3, e.location, e.lat, e.lon,
    e.geoPrecision, e.sources, e.sourceScale,
    // Notes short enough to be the event's summary are stored once, there (a million rows write a gigabyte).
    e.notes === e.summary ? null : e.notes,
    e.civilianTargeting, e.tags, e.timestamp, hash, labels.length ? JSON.stringify(labels) : null,
  );
  return created ? "created" : "updated";
}

/**
 * A new row as AcledNumbering sees it. Its actors are resolved only when it asks (a row near an incident), and only
 * for a row the store does not hold yet: no entity is made for a row that is not written.
 */
function rowForNumbering(st: Statements, resolver: AcledEntityResolver, e: AcledEvent, placeId: number | null): NewAcledRow {
  return {
    occurredOn: e.occurredOn, precision: e.precision, type: e.type, placeId, summary: e.summary, killed: e.killed,
    actors: () => {
      if (st.existing.get(e.externalId)) return [];
      const ids: number[] = [];
      for (const raw of [e.actor1, ...e.assoc1, ...(e.actor2 ? [e.actor2] : []), ...e.assoc2]) {
        const id = resolver.actorOfRow(raw).id;
        if (id !== null) ids.push(id);
      }
      return ids;
    },
  };
}

function writeActors(st: Statements, resolver: AcledEntityResolver, eventId: number, e: AcledEvent, labels: [string, string][]): void {
  writeActor(st, resolver, eventId, e.actor1, "actor", labels);
  for (const a of e.assoc1) writeActor(st, resolver, eventId, a, "associated", labels);
  if (e.actor2) writeActor(st, resolver, eventId, e.actor2, secondRole(e), labels);
  for (const a of e.assoc2) writeActor(st, resolver, eventId, a, "associated", labels);
}

function writeActor(st: Statements, resolver: AcledEntityResolver, eventId: number, raw: string, role: string, labels: [string, string][]): void {
  const actor = resolver.actorOfRow(raw);
  if (actor.label !== undefined) labels.push([actor.label, role]);
  else if (actor.id !== null) st.insertActor.run(eventId, actor.id, role);
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

/**
 * Runs the import with SQLite's temporary storage in files, whatever the connection uses otherwise (memory,
 * see openDb): the ids table for prune and the bulk load's index sorts grow with the export, and the import has
 * a memory budget. Switching closes the temporary database, so it is done only outside a transaction.
 */
async function run(db: Db, input: Readable | string, opts: AcledImportOptions): Promise<AcledImportReport> {
  // A big file is parsed and mapped in a worker thread, so that work overlaps the writes; started first (see parseInWorker).
  const parser = (opts.expectedRows ?? 0) >= BULK_MIN_ROWS && typeof input === "string" ? parseInWorker(input) : undefined;
  const sqlite = db.$client;
  let tempStore: number | undefined;
  try {
    tempStore = sqlite.inTransaction ? undefined : Number(sqlite.pragma("temp_store", { simple: true }));
    if (tempStore !== undefined && tempStore !== 1) sqlite.pragma("temp_store = FILE");
    return await runImport(db, input, opts, parser);
  } finally {
    if (tempStore !== undefined && tempStore !== 1 && !sqlite.inTransaction) sqlite.pragma(`temp_store = ${tempStore}`);
    await parser?.stop();
  }
}

/** `input`: a stream, or a file's path (a bulk load of a file is parsed in a worker thread). */
async function runImport(db: Db, input: Readable | string, opts: AcledImportOptions, parser: ParseWorker | undefined): Promise<AcledImportReport> {
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
    merged: 0,
    pruned: 0,
    problems: [],
    warnings: [],
    skipped: 0,
    entitiesCreated: 0,
    incidents: { created: 0, linked: 0 },
    reconciled: { labels: 0, merged: 0 },
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
  report.reconciled = sqlite.transaction(() => reconcileAcledActors(sqlite))();
  const resolver = new AcledEntityResolver(sqlite);

  let columns: ColumnIndex | undefined;
  let width = 0;
  /** How this file orders ambiguous numeric dates, learnt ahead from its first rows when it is a file (see readAcledDate). */
  const dateHint: DateOrderHint = typeof input === "string" ? learnDateOrder(input) : {};

  const exclusive = opts.exclusive ?? false;
  // Without `exclusive`: the chunk transaction this import opened (never a caller's) and when it began.
  let chunkOpen = false;
  let chunkStarted = 0;
  const beginChunk = (): void => {
    if (exclusive || chunkOpen || sqlite.inTransaction) return;
    sqlite.exec("begin immediate");
    chunkOpen = true;
    chunkStarted = performance.now();
  };
  const commitChunk = (): void => {
    if (!chunkOpen) return;
    sqlite.exec("commit");
    chunkOpen = false;
  };
  /** Commits the chunk once it has held the lock long enough, and pauses so a waiting writer gets its turn. */
  const yieldLock = async (): Promise<void> => {
    if (!chunkOpen || performance.now() - chunkStarted < LOCK_HOLD_MS) return;
    commitChunk();
    await sleep(LOCK_GAP_MS);
  };

  // A bulk load: one outer transaction (the batches below become savepoints in it), secondary indexes dropped
  // inside it and built again before the commit, so no reader ever sees the store without them.
  let rebuild: string[] | undefined;
  /** Triggers the bulk load dropped (their statements, to create them again before linking). */
  let suspended: string[] = [];
  /** The page cache size before a bulk load enlarged it (restored whatever happens). */
  let cacheWas: number | undefined;
  /** The sorter's helper threads before a bulk load set them (restored whatever happens). */
  let threadsWas: number | undefined;
  let fkWasOn = false;
  /** The bulk load's transaction is open (rolled back if anything throws before its commit). */
  let bulkOpen = false;
  // Without prune (which deletes, and so needs foreign keys checked), the bulk load links its rows before it
  // commits: the incidents of rows that can only stand alone are numbered as the rows are written.
  let numbering: AcledNumbering | undefined;
  let linked: PendingResult | undefined;
  /** Filled in once the bulk load (if it is one) is set up, inside the try below. */
  const memory: ImportMemory = { firstNewId: 1, taken: new Set(), numbering: undefined };
  /** A mapped row into the store, counted in the report. */
  const take = (e: AcledEvent, hash: string): void => {
    if (prune) st.markSeen.run(e.externalId);
    report[writeRow(st, resolver, e, hash, memory)]++;
    countries.add(e.country);
    if (!report.from || e.eventDate < report.from) report.from = e.eventDate;
    if (!report.to || e.eventDate > report.to) report.to = e.eventDate;
  };
  /** A row that is not taken: reported with its line (and id, when it could be read). */
  const refuse = (line: number, id: string | undefined, reason: string): void => {
    if (prune && id) st.markSeen.run(id);
    if (!id) unknownIdSkipped = true;
    problem({ line, ...(id ? { id } : {}), reason });
  };
  const countRows = (n: number): void => {
    report.rows += n;
    if (opts.maxRows !== undefined && report.rows > opts.maxRows) {
      throw new AcledImportError(`the file has more than ${opts.maxRows.toLocaleString("en")} rows; import it with npx borderdesk import acled`);
    }
  };

  // Rows parsed on this thread (a stream, or a file too small for a bulk load), written in batches.
  const flush = sqlite.transaction((rows: readonly Pending[]) => {
    for (const r of rows) {
      if ("reason" in r) {
        refuse(r.line, undefined, r.reason);
        continue;
      }
      const id = columns && columns.event_id_cnty >= 0 ? r.fields[columns.event_id_cnty]?.trim() : undefined;
      try {
        if (!columns) throw new Error("no header");
        const { event, hash } = mapRecord(r.fields, columns, width, dateHint);
        take(event, hash);
      } catch (err) {
        if (!(err instanceof AcledRowError)) throw err;
        refuse(r.line, id, err.message);
      }
    }
  });
  // Rows the parse worker sent, packed, each refused one in its place.
  const flushPacked = sqlite.transaction((values: readonly PackedValue[], refused: readonly RefusedRow[]) => {
    let next = 0;
    for (let at = 0, i = 0; i <= values.length; i += PACKED_SLOTS, at++) {
      for (; next < refused.length && (refused[next]?.at ?? Infinity) <= at; next++) {
        const r = refused[next];
        if (r) refuse(r.line, r.id, r.reason);
      }
      if (i === values.length) break;
      const { event, hash, line } = unpackEvent(values, i);
      try {
        take(event, hash);
      } catch (err) {
        if (!(err instanceof AcledRowError)) throw err;
        refuse(line, event.externalId, err.message);
      }
    }
  });

  let pending: Pending[] = [];
  let nulBytes = 0;
  const reader = new CsvReader({
    record(fields, line) {
      if (!columns) {
        const header = readHeader(fields);
        columns = header.columns;
        width = header.width;
        report.layout = header.layout;
        return;
      }
      countRows(1);
      pending.push({ line, fields });
      if (pending.length >= batchSize) {
        beginChunk();
        flush.immediate(pending);
        pending = [];
      }
    },
    problem(line, message) {
      countRows(1);
      pending.push({ line, reason: `unreadable CSV (${message})` });
    },
  });

  const parsed = parser?.messages;
  const stream = parsed ? undefined : typeof input === "string" ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  try {
    // Set up inside the try: whatever throws (linking what waited, a trigger it does not know), the transaction is
    // rolled back and every setting put back below.
    if (exclusive && (opts.expectedRows ?? 0) >= BULK_MIN_ROWS && !sqlite.inTransaction) {
      const events = sqlite.prepare<[], { n: number }>("select count(*) as n from events").get()?.n ?? 0;
      if (events < (opts.expectedRows ?? 0)) {
        // Foreign keys are not checked during the load (a fifth of its write time): every id written is one this
        // import just read from or wrote to the store (resolved entities, the event just inserted), and nothing is
        // deleted that would need a cascade. The check is back on before the commit returns control.
        fkWasOn = sqlite.pragma("foreign_keys", { simple: true }) === 1;
        if (fkWasOn) sqlite.pragma("foreign_keys = OFF");
        sqlite.exec("begin immediate");
        bulkOpen = true;
        if (!prune) {
          const started = AcledNumbering.start(sqlite, new Date());
          numbering = started.numbering;
          linked = started.linked;
        }
        // The unique indexes stay: they decide "new or update" (external_id) and keep actor rows single. Partial
        // indexes stay too: those on these tables leave ACLED rows out, so the load costs them nothing.
        rebuild = dropSecondaryIndexes(sqlite, ["events", "acled_details", "event_actors"]);
        suspended = suspendInsertTriggers(sqlite, "event_actors", SUSPENDED_TRIGGERS);
        cacheWas = Number(sqlite.pragma("cache_size", { simple: true }));
        sqlite.pragma(`cache_size = -${BULK_CACHE_KIB}`);
        threadsWas = Number(sqlite.pragma("threads", { simple: true }));
        if (availableParallelism() > 1) sqlite.pragma(`threads = ${BULK_SORT_THREADS}`);
      }
    }
    memory.firstNewId = sqlite.prepare<[], { n: number }>("select coalesce(max(id), 0) + 1 as n from events").get()?.n ?? 1;
    memory.numbering = numbering;
    if (parsed) {
      for await (const m of parsed) {
        if (m.kind === "header") {
          report.layout = m.layout;
          width = m.width;
          continue;
        }
        if (m.kind === "end") {
          nulBytes = m.nulBytes;
          continue;
        }
        countRows(m.values.length / PACKED_SLOTS + m.refused.length);
        beginChunk();
        flushPacked.immediate(m.values, m.refused);
        await yieldLock();
      }
      if (!width) throw new AcledImportError("the file is empty: no ACLED header row");
    } else if (stream) {
      for await (const chunk of stream as AsyncIterable<Buffer | string>) {
        reader.write(chunk);
        await yieldLock();
      }
      reader.end();
      nulBytes = reader.nulBytes;
      if (!columns) throw new AcledImportError("the file is empty: no ACLED header row");
      beginChunk();
      flush.immediate(pending);
      pending = [];
    }
    commitChunk();
    if (rebuild) {
      // The triggers are back before anything is linked (linking moves reports between incidents).
      for (const sql of suspended) sqlite.exec(sql);
      suspended = [];
      // Linked while the rows' secondary indexes are away (linking reads through the unique and partial ones).
      sqlite.pragma(`cache_size = -${BULK_INDEX_CACHE_KIB}`);
      if (numbering) linked = addLinked(linked, linkPending(sqlite, new Date(), { numbered: numbering }));
      for (const sql of rebuild) sqlite.exec(sql);
      sqlite.exec("commit");
      bulkOpen = false;
      rebuild = undefined;
    }
  } catch (err) {
    if ((bulkOpen || chunkOpen) && sqlite.inTransaction) sqlite.exec("rollback");
    chunkOpen = false;
    stream?.destroy();
    await parser?.stop();
    if (err instanceof AcledHeaderError || err instanceof AcledImportError) throw err;
    if (err instanceof Error && "code" in err && typeof err.code === "string" && err.code.startsWith("E")) throw new AcledImportError(fileProblem(err.code, err.message));
    throw err;
  } finally {
    // Outside any transaction now (committed or rolled back), where the pragma takes effect.
    if (fkWasOn) sqlite.pragma("foreign_keys = ON");
    if (cacheWas !== undefined) sqlite.pragma(`cache_size = ${cacheWas}`);
    if (threadsWas !== undefined) sqlite.pragma(`threads = ${threadsWas}`);
  }

  if (nulBytes) report.warnings.push(`${nulBytes.toLocaleString("en")} NUL byte${nulBytes === 1 ? " was" : "s were"} removed from the file (a damaged or mis-saved export?)`);
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
  // Every new or changed row is a report to link into an incident (a changed row is linked afresh; the incident
  // it leaves is refreshed or, empty, removed).
  if (!numbering) linked = linkPending(sqlite, new Date());
  if (linked) report.incidents = { created: linked.created + linked.bulk, linked: linked.linked };
  report.entitiesCreated = resolver.created;
  report.ms = Math.round(performance.now() - started);
  opts.logger?.info({ rows: report.rows, created: report.created, updated: report.updated, skipped: report.skipped, pruned: report.pruned, ms: report.ms }, "acled import done");
  return report;
}

/** event_actors' insert triggers a bulk load stands in for (0026's; `forgetTally` covers the one case they would act on). */
const SUSPENDED_TRIGGERS = ["incidents_tally_actor_added"];

/**
 * Drops the AFTER INSERT triggers of `table` for a bulk load and returns the statements that create them again (run
 * them before the load's commit: no reader ever sees the store without them, and a rollback puts them back too).
 * On event_actors these are the tally triggers of migration 0026, which cost a statement journal and two lookups
 * per actor row (four fifths of the actors' insert time in a bulk load): for every actor row a bulk load writes they find
 * nothing to do. Its event is new (no incident, or one of the numbers AcledNumbering gave, whose incident is
 * inserted only when linking), or an event it updated, whose incident_id the update set to NULL first (the
 * incident it left loses its tally through 0025's trigger on events, which stays), or an earlier row's event of
 * either kind (per-actor rows). The one exception, a later row of an event an earlier row found unchanged (still
 * linked), forgets its incident's tally by hand (`forgetTally`).
 */
function suspendInsertTriggers(sqlite: Database.Database, table: string, names: readonly string[]): string[] {
  const triggers = sqlite
    .prepare<[string], { name: string; sql: string }>(`select name, sql from sqlite_master where type = 'trigger' and tbl_name = ? and sql like '%AFTER INSERT ON%'`)
    .all(table);
  // Only the triggers this load is known to stand in for: a new one on the table has work of its own to do.
  const unknown = triggers.filter((t) => !names.includes(t.name));
  if (unknown.length) throw new Error(`a bulk ACLED load would skip the unknown trigger(s) ${unknown.map((t) => t.name).join(", ")} on ${table}; teach src/acled/import.ts what they do first`);
  for (const t of triggers) sqlite.exec(`drop trigger "${t.name.replace(/"/g, '""')}"`);
  return triggers.map((t) => t.sql);
}

/** Two linking passes' counts together (a bulk load links what waited before it, then its own rows). */
function addLinked(a: PendingResult | undefined, b: PendingResult): PendingResult {
  if (!a) return b;
  return { linked: a.linked + b.linked, created: a.created + b.created, dropped: a.dropped + b.dropped, touched: [], bulk: a.bulk + b.bulk, emptied: a.emptied + b.emptied };
}

export function importAcledFile(db: Db, file: string, opts: AcledImportOptions = {}): Promise<AcledImportReport> {
  const expectedRows = opts.expectedRows ?? Math.floor((statSync(file, { throwIfNoEntry: false })?.size ?? 0) / BYTES_PER_ROW);
  return run(db, file, { ...opts, expectedRows });
}

/** One paragraph for a person: what the import did. */
export function describeAcledImport(r: AcledImportReport): string {
  const lines = [
    `ACLED ${r.layout === "legacy" ? "export (older layout)" : "export"}: ${r.rows.toLocaleString("en")} rows — ${r.created.toLocaleString("en")} new, ${r.updated.toLocaleString("en")} updated, ${r.unchanged.toLocaleString("en")} unchanged${r.merged ? `, ${r.merged.toLocaleString("en")} more actors' rows of the same events merged` : ""}, ${r.skipped.toLocaleString("en")} skipped${r.pruned ? `, ${r.pruned.toLocaleString("en")} removed (no longer in the export)` : ""}.`,
  ];
  if (r.countries.length) lines.push(`Covers ${r.countries.join(", ")}${r.from ? ` from ${r.from} to ${r.to ?? r.from}` : ""}; ${r.entitiesCreated} new places/actors created from ACLED names.`);
  if (r.reconciled.labels || r.reconciled.merged) {
    lines.push(`Put right from an older import: ${r.reconciled.labels} group labels that were organisations, ${r.reconciled.merged} ACLED names merged into the gazetteer entity they stand for.`);
  }
  if (r.pruneSkipped) lines.push(`Not pruned: ${r.pruneSkipped}.`);
  for (const w of r.warnings) lines.push(`Warning: ${w}.`);
  for (const p of r.problems.slice(0, 10)) lines.push(`line ${p.line}${p.id ? ` (${p.id})` : ""}: ${p.reason}`);
  if (r.skipped > 10) lines.push(`…and ${r.skipped - 10} more skipped rows.`);
  return lines.join("\n");
}
