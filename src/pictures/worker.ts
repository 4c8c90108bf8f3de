/**
 * A picture worker (see pool.ts): answers { id, req } with the drawn picture, reading the events through its own
 * read-only connection to the store, so the query, the SVG and the rasterising all stay off the main thread.
 */
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { openReadOnlyDb } from "../db/client.ts";
import { makeEventExport } from "../export/events.ts";
import { drawPicture } from "./draw.ts";
import type { PictureReply, PictureTask } from "./pool.ts";

const port = parentPort;
const dbFile: unknown = (workerData as { dbFile?: unknown } | null)?.dbFile;
if (!port || typeof dbFile !== "string") throw new Error("picture worker: start it from pool.ts with workerData.dbFile");

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

port.on("message", (task: PictureTask) => {
  let reply: PictureReply;
  try {
    reply = "exportEvents" in task ? { id: task.id, exported: makeEventExport(db, task.exportEvents) } : { id: task.id, picture: drawPicture(db, task.req) };
  } catch (err) {
    reply = { id: task.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
