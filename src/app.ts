import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { Logger } from "./logger.ts";
import type { Deps } from "./commands/types.ts";
import { commandModules } from "./commands/registry.ts";
import { Router } from "./router.ts";

/** Wires the pieces every adapter shares: the dependencies and the router over all commands. */
export function createRouter(
  db: Db,
  config: Pick<Config, "defaultTimezone" | "fetchAllowPrivate">,
  logger: Logger,
  now: () => Date = () => new Date(),
  ops: Pick<Deps, "runtime" | "observer" | "workers" | "ingester"> = {},
): Router {
  const deps: Deps = { db, logger, now, defaultTimezone: config.defaultTimezone, fetchGuard: { allowPrivate: config.fetchAllowPrivate }, ...ops };
  return new Router(deps, commandModules());
}
