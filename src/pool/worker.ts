/**
 * A pool worker (see pool.ts): answers { id, req } with the drawn picture, reading the events through its own
 * read-only connection to the store, so the query, the SVG and the rasterising all stay off the main thread; and
 * { id, exportEvents } with an /export file, { id, ingest } with a large document ingested (its own write connection).
 */
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { closeDb, openDb, openReadOnlyDb, type Db } from "../db/client.ts";
import { createLogger, silentLogger, type Logger } from "../logger.ts";
import { makeEventExport } from "../export/events.ts";
import { drawPicture } from "../pictures/draw.ts";
import type { WorkerReply, WorkerTask, WorkerStop } from "./pool.ts";

const port = parentPort;
const data = workerData as { dbFile?: unknown; logLevel?: unknown } | null;
const dbFile: unknown = data?.dbFile;
if (!port || typeof dbFile !== "string") throw new Error("pool worker: start it from pool.ts with workerData.dbFile");

/**
 * Drawing yields the CPU to the main thread: on Linux a thread's nice value is its own, so this lowers this
 * worker's priority only. With both cores drawing, the main thread's commands took two to nine times as long and
 * the event loop was blocked for 136–295 ms (the load bench); a picture has 15 minutes, an interaction 3 seconds.
 */
const PICTURE_NICE = 10;
try {
  setPriority(PICTURE_NICE);
} catch {
  // Not permitted here: the picture is drawn at the bot's own priority.
}

const db = openReadOnlyDb(dbFile);
const storeFile = dbFile;
const logLevel = typeof data?.logLevel === "string" ? data.logLevel : "silent";

/**
 * Ingest's own connection, opened on the first ingest: it writes (the bot's main thread has another). Waiting for
 * the store's lock here blocks only this worker, so it keeps the usual busy timeout. The ingest code is loaded
 * then too, so a worker that only draws does not hold the parsers and the extractor.
 */
let ingestAt: { db: Db; logger: Logger; run: typeof import("../intake/ingest.ts").ingestRequest; refused: (err: unknown) => boolean } | undefined;
async function ingester(): Promise<NonNullable<typeof ingestAt>> {
  if (ingestAt) return ingestAt;
  const [{ ingestRequest }, { AcledHeaderError, AcledImportError }] = await Promise.all([import("../intake/ingest.ts"), import("../acled/import.ts")]);
  ingestAt = {
    db: openDb(storeFile),
    logger: logLevel === "silent" ? silentLogger : createLogger(logLevel),
    run: ingestRequest,
    refused: (err) => err instanceof AcledHeaderError || err instanceof AcledImportError,
  };
  return ingestAt;
}

async function work(task: WorkerTask): Promise<WorkerReply> {
  if ("exportEvents" in task) return { id: task.id, exported: makeEventExport(db, task.exportEvents) };
  if ("ingest" in task) {
    const at = await ingester();
    try {
      return { id: task.id, ingested: await at.run(at.db, task.ingest, at.logger) };
    } catch (err) {
      if (at.refused(err)) return { id: task.id, error: err instanceof Error ? err.message : String(err), refused: true };
      throw err;
    }
  }
  return { id: task.id, picture: drawPicture(db, task.req) };
}

/** The task being worked on (settled when none is). */
let current: Promise<void> = Promise.resolve();

// One task at a time per worker (pool.ts sends the next after the answer), so an ingest may await.
port.on("message", (msg: WorkerTask | WorkerStop) => {
  if ("stop" in msg) {
    // The pool is closing: the task under way ends first (an ingest is not cut off between its transactions, as
    // terminate() would), then the connections close, the ingest's write one too, and the thread exits.
    void current.then(() => {
      // The writer last: SQLite checkpoints the write-ahead log into the store when its last connection closes.
      closeDb(db);
      if (ingestAt) closeDb(ingestAt.db);
      process.exit(0);
    });
    return;
  }
  const task = msg;
  current = work(task)
    .catch((err: unknown): WorkerReply => ({ id: task.id, error: err instanceof Error ? err.message : String(err) }))
    .then((reply) => port.postMessage(reply));
});
