/**
 * The parse worker of a bulk ACLED import: reads the file, parses and maps each row and hashes it, and posts
 * the rows to the writer packed in batches, each unreadable or refused row in its place with its line and
 * reason. At most MAX_UNACKNOWLEDGED batches go unacknowledged, so a fast reader does not queue the file up in memory.
 * Started by import.ts (parseInWorker) with tsx's loader, as the project runs its TypeScript without a build.
 */
import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { CsvReader } from "./csv.ts";
import { learnDateOrder } from "./date-order.ts";
import { AcledHeaderError, AcledRowError, mapRecord, readHeader, type ColumnIndex } from "./map.ts";
import { packEvent, type PackedValue } from "./packed.ts";
import type { WorkerMessage } from "./worker-protocol.ts";

// Small batches: the writer holds fewer rows at a time, fewer of them live long enough to be promoted, and its
// heap (so the import's RSS) stays small; 250 rows came out best on speed and memory both.
const BATCH_ROWS = 250;
const MAX_UNACKNOWLEDGED = 8;

const port = parentPort;
const file: unknown = (workerData as { file?: unknown } | null)?.file;
if (!port || typeof file !== "string") throw new Error("parse-worker: start it from import.ts with workerData.file");

const send = (m: WorkerMessage): void => port.postMessage(m);

let columns: ColumnIndex | undefined;
/** How this file orders ambiguous numeric dates, learnt ahead from its first rows (see readAcledDate). */
const dateHint = learnDateOrder(file);
let width = 0;
let values: PackedValue[] = [];
let refused: { at: number; line: number; id?: string; reason: string }[] = [];
let good = 0;
let inFlight = 0;
const input = createReadStream(file, { highWaterMark: 1 << 20 });

const post = (): void => {
  if (!values.length && !refused.length) return;
  send({ kind: "batch", values, refused });
  values = [];
  refused = [];
  good = 0;
  if (++inFlight >= MAX_UNACKNOWLEDGED) input.pause();
};
port.on("message", () => {
  if (--inFlight < MAX_UNACKNOWLEDGED) input.resume();
});

const reader = new CsvReader({
  record(fields, line) {
    if (!columns) {
      const header = readHeader(fields);
      columns = header.columns;
      width = header.width;
      send({ kind: "header", layout: header.layout, width });
      return;
    }
    const id = columns.event_id_cnty >= 0 ? fields[columns.event_id_cnty]?.trim() : undefined;
    try {
      const { event, hash } = mapRecord(fields, columns, width, dateHint);
      packEvent(event, hash, line, values);
      good++;
    } catch (err) {
      if (!(err instanceof AcledRowError)) throw err;
      refused.push({ at: good, line, ...(id ? { id } : {}), reason: err.message });
    }
    if (good + refused.length >= BATCH_ROWS) post();
  },
  problem(line, message) {
    refused.push({ at: good, line, reason: `unreadable CSV (${message})` });
  },
});

const fail = (err: unknown): void => {
  input.destroy();
  send({ kind: "fatal", header: err instanceof AcledHeaderError, message: err instanceof Error ? err.message : String(err), ...(err instanceof Error && "code" in err && typeof err.code === "string" ? { code: err.code } : {}) });
};

input.on("data", (chunk) => {
  try {
    reader.write(chunk);
  } catch (err) {
    fail(err);
  }
});
input.on("end", () => {
  try {
    reader.end();
    post();
    send({ kind: "end", nulBytes: reader.nulBytes });
  } catch (err) {
    fail(err);
  }
});
input.on("error", fail);
