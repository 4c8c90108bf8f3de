/**
 * The ACLED actor table (data/gazetteer/acled-actors.yaml): which gazetteer entity an ACLED actor name stands
 * for ("Islamic State (Afghanistan)" → ISKP, "Military Forces of Pakistan (2018-)" → Pakistan Army), and which
 * names are group labels ("Journalists (Pakistan)") that describe who was there without being an organisation.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { projectRoot } from "../db/client.ts";
import { ACLED_ACTORS_FILE, DataFileError } from "../gazetteer/load.ts";
import { normalizeName } from "../text/normalize.ts";

const tableFile = z.object({
  actors: z.array(z.object({ acled: z.string().min(1).max(200), period: z.string().regex(/^\d{4}-(?:\d{4})?$/).optional(), entity: z.string().min(1) })).default([]),
  labels: z.array(z.string().min(1).max(100)).default([]),
});

export interface AcledActorTable {
  /** Normalised "name (period)" or "name" → gazetteer slug. */
  entityOf(raw: string): string | undefined;
  /** The label as ACLED wrote it, when the name is a group label; undefined for an actor. */
  labelOf(raw: string): string | undefined;
}

const PERIOD = /\s*\((\d{4}-(?:\d{4})?)\)\s*$/;
const COUNTRY = /\s*\([^)]*\)\s*$/;

export function actorTable(spec: z.input<typeof tableFile>): AcledActorTable {
  const parsed = tableFile.parse(spec);
  const exact = new Map<string, string>();
  const anyPeriod = new Map<string, string>();
  for (const a of parsed.actors) {
    const norm = normalizeName(a.acled);
    if (a.period) exact.set(`${norm}|${a.period}`, a.entity);
    else anyPeriod.set(norm, a.entity);
  }
  const labels = new Set(parsed.labels.map((l) => normalizeName(l)));
  return {
    entityOf(raw) {
      const period = PERIOD.exec(raw)?.[1];
      const name = normalizeName(raw.replace(PERIOD, ""));
      return (period ? exact.get(`${name}|${period}`) : undefined) ?? anyPeriod.get(name);
    },
    labelOf(raw) {
      const bare = raw.replace(PERIOD, "").replace(COUNTRY, "");
      return labels.has(normalizeName(bare)) ? raw.trim() : undefined;
    },
  };
}

let loaded: AcledActorTable | undefined;

/** The table in data/gazetteer (read once per process); a broken file stops the import with its problem. */
export function defaultActorTable(dir = path.join(projectRoot, "data", "gazetteer")): AcledActorTable {
  if (loaded) return loaded;
  const file = path.join(dir, ACLED_ACTORS_FILE);
  if (!existsSync(file)) return (loaded = actorTable({}));
  const result = tableFile.safeParse(parse(readFileSync(file, "utf8")));
  if (!result.success) throw new DataFileError(result.error.issues.slice(0, 5).map((i) => `${file}: ${i.path.join(".")} ${i.message}`));
  return (loaded = actorTable(result.data));
}
