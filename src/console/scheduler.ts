import type { Writable } from "node:stream";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { memoryDeliverer, startScheduler, type Scheduler } from "../digest/index.ts";
import type { Logger } from "../logger.ts";
import { payloadToText } from "./text.ts";

/** The digest scheduler for the offline console: posts are printed where the desk would see them. */
export function consoleScheduler(db: Db, config: Pick<Config, "digestCatchupHours">, logger: Logger, out: Writable): Scheduler {
  const deliverer = memoryDeliverer((post) => {
    out.write(`\n── scheduled digest posted to channel ${post.channelId} ──\n${payloadToText(post.message)}\n\n`);
  });
  return startScheduler({ db, deliverer, logger, catchupHours: config.digestCatchupHours });
}
