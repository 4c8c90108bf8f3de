import type { Config } from "../config.ts";
import { openDb, type Db } from "../db/client.ts";
import { seedAll, type SeedSummary } from "./seed.ts";
import { hasUnlinkedReports, linkPending } from "../incidents/pending.ts";

/** Opens the configured store, migrated and seeded from data/ (seeding is a no-op once done). */
export function openStore(config: Pick<Config, "databasePath">, opts: { seed?: boolean } = {}): { db: Db; seed: SeedSummary | undefined } {
  const db = openDb(config.databasePath);
  const seed = opts.seed === false ? undefined : seedAll(db);
  // A store made before incidents existed (or written by an older version) gets its reports linked once.
  if (hasUnlinkedReports(db.$client)) linkPending(db.$client, new Date(), { sweep: false });
  return { db, seed };
}
