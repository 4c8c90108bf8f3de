/**
 * A picture worker (see pool.ts): answers { id, req } with the drawn picture, reading the events through its own
 * read-only connection to the store, so the query, the SVG and the rasterising all stay off the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openReadOnlyDb } from "../db/client.ts";
import { drawPicture } from "./draw.ts";
import type { PictureReply, PictureTask } from "./pool.ts";

const port = parentPort;
const dbFile: unknown = (workerData as { dbFile?: unknown } | null)?.dbFile;
if (!port || typeof dbFile !== "string") throw new Error("picture worker: start it from pool.ts with workerData.dbFile");

const db = openReadOnlyDb(dbFile);

port.on("message", (task: PictureTask) => {
  let reply: PictureReply;
  try {
    reply = { id: task.id, picture: drawPicture(db, task.req) };
  } catch (err) {
    reply = { id: task.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
