import type { Config } from "../config.ts";
import { openDb, type Db } from "../db/client.ts";
import { seedAll, type SeedSummary } from "./seed.ts";

/** Opens the configured store, migrated and seeded from data/ (seeding is a no-op once done). */
export function openStore(config: Pick<Config, "databasePath">, opts: { seed?: boolean } = {}): { db: Db; seed: SeedSummary | undefined } {
  const db = openDb(config.databasePath);
  const seed = opts.seed === false ? undefined : seedAll(db);
  return { db, seed };
}
