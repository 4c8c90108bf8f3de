import { openDb, type Db } from "../../src/db/client.ts";
import { seedAll } from "../../src/store/seed.ts";
import { silentLogger } from "../../src/logger.ts";
import { Router } from "../../src/router.ts";
import { commandModules } from "../../src/commands/registry.ts";
import type { Deps } from "../../src/commands/types.ts";

/** A real in-memory store with real migrations, seeded from the project's data/ (gazetteer, timeline, demo article). */
export function seededStore(): Db {
  const db = openDb(":memory:");
  seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
  return db;
}

export function routerFor(db: Db, now: Date = new Date("2026-01-11T06:00:00Z"), extra: Pick<Deps, "fetchGuard"> = {}): Router {
  const deps: Deps = { db, logger: silentLogger, now: () => now, defaultTimezone: "Asia/Karachi", ...extra };
  return new Router(deps, commandModules());
}
