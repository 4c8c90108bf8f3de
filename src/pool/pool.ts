import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { UserError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { startWorker } from "../workers.ts";
import type { EventExportFile, EventExportRequest } from "../export/events.ts";
import type { DrawnPicture, PictureRequest } from "../pictures/draw.ts";
import { IngestRefusedError, type DocumentIngester, type IngestRequest, type IntakeResult } from "../intake/ingest.ts";

/**
 * The bot's worker pool: heavy work off the main thread. A /map of every event is a query, an SVG of tens of
 * thousands of markers and a rasterisation: seconds of CPU that, on the main thread, held every other server's
 * commands and the gateway's heartbeats. A small pool of worker threads (made on first use, ended by close())
 * draws the pictures instead, each reading through its own read-only connection, and makes /export files and
 * ingests large documents (through a write connection of its own); the main thread only waits for the result.
 */
export interface WorkerPool extends DocumentIngester {
  draw(req: PictureRequest): Promise<DrawnPicture>;
  /** Makes an /export file (the events' query and CSV or JSON) in a worker, as the pictures are. */
  exportEvents(req: EventExportRequest): Promise<EventExportFile>;
  /**
   * Ingests a large document (/ingest) in a worker, through a write connection the worker opens on its first
   * ingest; a refusal for what the document holds (not an ACLED export…) rejects with IngestRefusedError.
   */
  ingest(req: IngestRequest): Promise<IntakeResult>;
  /** Tasks (pictures, exports, ingests) under way or waiting for a worker now. */
  readonly pending: number;
  /**
   * Ends the workers: what waits for one fails at once; each lets the task under way finish (STOP_GRACE_MS at most,
   * answered as usual), closes its connections — the ingest's write connection too — and exits.
   */
  close(): Promise<void>;
}

export type WorkerTask = { id: number; req: PictureRequest } | { id: number; exportEvents: EventExportRequest } | { id: number; ingest: IngestRequest };
/** Sent by close(): the worker finishes its task, closes its connections (the ingest's write one too) and exits. */
export interface WorkerStop {
  stop: true;
}
type Done = { picture: DrawnPicture } | { exported: EventExportFile } | { ingested: IntakeResult };
/** `refused`: the error is about the document itself, for the user (IngestRefusedError). */
export type WorkerReply = ({ id: number } & Done) | { id: number; error: string; refused?: boolean };

export interface WorkerPoolOptions {
  /** The store's file (the workers open it read-only). */
  dbFile: string;
  /**
   * Worker threads at most (default: one fewer than the cores, one to two — the main thread needs a core of its
   * own; on a 2-core machine a second worker cost another ~190 MB of RSS and the main thread's CPU).
   */
  size?: number;
  /** Pictures waiting for a worker at most; more are refused politely (default 16). */
  maxWaiting?: number;
  /** How long close() lets a worker finish what it is doing before ending it (default 1.5 s). */
  stopGraceMs?: number;
  logger?: Logger;
}

interface Job {
  task: WorkerTask;
  resolve: (done: Done) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
}

export const PICTURES_BUSY = "Too many pictures are being drawn right now — please try again in a minute.";
/** The same refusal for an /export, which waits in the same queue but is no picture. */
export const EXPORTS_BUSY = "Too many exports and pictures are being made right now — please try again in a minute.";
export const INGESTS_BUSY = "The bot is busy with other large files and pictures right now — please try /ingest again in a minute.";

function busyMessage(task: WorkerTask): string {
  return "exportEvents" in task ? EXPORTS_BUSY : "ingest" in task ? INGESTS_BUSY : PICTURES_BUSY;
}

function doing(task: WorkerTask): string {
  return "exportEvents" in task ? "making the export" : "ingest" in task ? "ingesting the file" : "drawing the picture";
}

const SHUTTING_DOWN = "The bot is shutting down; please try again in a minute.";

/**
 * How long close() lets a worker finish its task and close its connections before ending it: the bot's shutdown
 * exits within 4 s whatever hangs, and a picture or an ingest still running is then abandoned (SQLite rolls an
 * unfinished write back).
 */
const STOP_GRACE_MS = 1500;

/** Asks the worker to finish its task, close its connections and exit; ends it after `graceMs` if it has not. */
function stopWorker(worker: Worker, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve(), () => resolve()), graceMs);
    worker.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    const stop: WorkerStop = { stop: true };
    worker.postMessage(stop);
  });
}

export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.min(2, Math.max(1, cores - 1));
}

export function createWorkerPool(opts: WorkerPoolOptions): WorkerPool {
  const size = Math.max(1, opts.size ?? defaultPoolSize());
  const maxWaiting = opts.maxWaiting ?? 16;
  const stopGraceMs = opts.stopGraceMs ?? STOP_GRACE_MS;
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = startWorker({
      source: new URL("./worker.ts", import.meta.url),
      compiled: "pool-worker",
      // The worker logs (an ingest's warnings) at the bot's level, to stderr as the bot does.
      workerData: { dbFile: opts.dbFile, logLevel: opts.logger?.level ?? "silent" },
      // A map of 100,000 events holds its points and an SVG of some megabytes; resvg's own memory is native.
      // A small young generation (8 MB, not V8's 48): each render's garbage reaches the old generation sooner, so
      // the full collections that alone free resvg's native memory (its objects' finalizers) come every few renders
      // instead of every few dozen — pool of 40 map+chart pairs, peak RSS 283–319 -> 240–265 MB, same CPU.
      resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 8 },
    });
    const slot: Slot = { worker, job: undefined };
    worker.on("message", (reply: WorkerReply) => {
      const job = slot.job;
      if (!job || job.task.id !== reply.id) return;
      slot.job = undefined;
      if ("error" in reply) job.reject(reply.refused ? new IngestRefusedError(reply.error) : new Error(`${doing(job.task)} failed: ${reply.error}`));
      else job.resolve(reply);
      next();
    });
    let gone = false;
    const lost = (why: string): void => {
      if (gone) return;
      gone = true;
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      // Ended by close() before it answered (its grace ran out): told as the shutdown it is.
      slot.job?.reject(closed ? new UserError(SHUTTING_DOWN) : new Error(`the pool worker stopped (${why})`));
      slot.job = undefined;
      if (!closed) opts.logger?.warn({ why }, "pool worker stopped");
      next();
    };
    worker.on("error", (err: Error) => lost(err.message));
    worker.on("exit", (code) => lost(`exit code ${code}`));
    worker.unref();
    slots.push(slot);
    return slot;
  }

  /** Hands waiting pictures to idle workers, starting workers up to the pool's size. */
  function next(): void {
    while (!closed && waiting.length) {
      const slot = slots.find((s) => !s.job) ?? (slots.length < size ? spawn() : undefined);
      if (!slot) return;
      const job = waiting.shift();
      if (!job) return;
      slot.job = job;
      // A worker at work keeps the process alive; an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage(job.task);
    }
    for (const s of slots) if (!s.job) s.worker.unref();
  }

  function submit(task: WorkerTask): Promise<Done> {
    if (closed) return Promise.reject(new UserError(SHUTTING_DOWN));
    if (waiting.length >= maxWaiting) return Promise.reject(new UserError(busyMessage(task)));
    return new Promise<Done>((resolve, reject) => {
      waiting.push({ task, resolve, reject });
      next();
    });
  }

  return {
    async draw(req) {
      const done = await submit({ id: nextId++, req });
      if (!("picture" in done)) throw new Error("the pool worker answered with something else");
      return done.picture;
    },
    async exportEvents(req) {
      const done = await submit({ id: nextId++, exportEvents: req });
      if (!("exported" in done)) throw new Error("the worker answered with something else");
      return done.exported;
    },
    async ingest(req) {
      const done = await submit({ id: nextId++, ingest: req });
      if (!("ingested" in done)) throw new Error("the worker answered with something else");
      return done.ingested;
    },
    get pending() {
      return waiting.length + slots.filter((s) => s.job).length;
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new UserError(SHUTTING_DOWN));
      // Work under way may finish within the grace and is answered; what a worker ended still held fails above.
      await Promise.all(slots.splice(0).map((s) => stopWorker(s.worker, stopGraceMs)));
    },
  };
}
