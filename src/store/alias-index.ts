import type { Db } from "../db/client.ts";
import * as t from "../db/schema.ts";
import { AliasIndex } from "../ingest/matcher.ts";

/** Builds the in-memory alias index from the store (a few ms for thousands of aliases). */
export function loadAliasIndex(db: Db): AliasIndex {
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
