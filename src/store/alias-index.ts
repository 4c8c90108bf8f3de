import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { generationsOf } from "../incidents/generations.ts";
import { AliasIndex } from "../ingest/matcher.ts";
import { perConnection } from "./statements.ts";

/** Builds the in-memory alias index from the store (a few ms for thousands of aliases). */
function readAliasIndex(db: Db): AliasIndex {
  const entities = db
    .select({ id: t.entities.id, slug: t.entities.slug, kind: t.entities.kind, subtype: t.entities.subtype, name: t.entities.name, parentId: t.entities.parentId })
    .from(t.entities)
    .all();
  const aliases = db
    .select({
      aliasId: t.aliases.id,
      entityId: t.aliases.entityId,
      text: t.aliases.text,
      norm: t.aliases.norm,
      kind: t.aliases.kind,
      validFrom: t.aliases.validFrom,
      validTo: t.aliases.validTo,
    })
    .from(t.aliases)
    .all();
  return new AliasIndex(entities, aliases);
}

/** The index last read on a connection, with the epoch and the "aliases" stamp it was read under (generations.ts). */
const kept = perConnection((): { index: AliasIndex | undefined; epoch: number; stamp: number } => ({ index: undefined, epoch: -1, stamp: -1 }));

/**
 * The alias index of the store, kept per connection and read again only when an entity or alias may have changed:
 * here (a name decision, the gazetteer, an ACLED actor) or by another connection (generations.ts). Every ingest call
 * once read it anew, and each article's index (some 500 KB of small objects, alive through the article's whole write)
 * was copied by every young collection that ran meanwhile, some of them inside linking (bench/incidents.bench.ts).
 * An index is kept only when read outside a transaction: inside one, writes made before this connection's triggers
 * were made would go unstamped, and a rollback of them unseen. The index is never changed once made.
 */
export function loadAliasIndex(db: Db): AliasIndex {
  const sqlite = db.$client;
  const generations = generationsOf(sqlite);
  const epoch = generations.epoch();
  const stamp = generations.of("aliases");
  const k = kept(sqlite);
  if (k.index !== undefined && k.epoch === epoch && k.stamp === stamp) return k.index;
  const index = readAliasIndex(db);
  if (!sqlite.inTransaction) {
    k.index = index;
    k.epoch = epoch;
    k.stamp = stamp;
  }
  return index;
}
