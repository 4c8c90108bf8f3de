import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { gazetteerEntry, timelineEvent, type GazetteerEntry, type TimelineEvent } from "./schema.ts";
import { canonicalUrl, sourceProblems } from "./sources.ts";

export interface Located<T> {
  value: T;
  file: string;
  line: number;
}

/** A data file problem, pointing at the file and line so an editor can fix it. */
export class DataFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? (problems[0] ?? "") : `${problems.length} problems in data files:\n${problems.join("\n")}`);
  }
}

/** Reads a YAML list and validates each entry on its own, so one bad entry gives one clear error. */
export function loadYamlList<S extends z.ZodType>(file: string, schema: S, problems: string[]): Located<z.output<S>>[] {
  const lineCounter = new LineCounter();
  const rel = path.relative(process.cwd(), file) || file;
  const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter });
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push(`${rel}:${e.linePos?.[0].line ?? "?"}: ${e.message.split("\n")[0] ?? ""}`);
    return [];
  }
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    problems.push(`${rel}:1: expected a list of entries`);
    return [];
  }
  const out: Located<z.output<S>>[] = [];
  const values: unknown = doc.toJS();
  const list = Array.isArray(values) ? (values as unknown[]) : [];
  doc.contents.items.forEach((item, i) => {
    const range = isMap(item) || isSeq(item) ? item.range : undefined;
    const line = range ? lineCounter.linePos(range[0]).line : 0;
    const json = list[i];
    const result = schema.safeParse(json);
    if (!result.success) {
      const id = json && typeof json === "object" && "id" in json ? ` "${String(json.id)}"` : "";
      for (const issue of result.error.issues.slice(0, 3)) {
        problems.push(`${rel}:${line}: entry${id}: ${issue.path.join(".") || "(entry)"} ${issue.message}`);
      }
      return;
    }
    out.push({ value: result.data, file: rel, line });
  });
  return out;
}

/** data/gazetteer's ACLED actor table: a map, not a list of entries (read by src/acled/actors.ts). */
export const ACLED_ACTORS_FILE = "acled-actors.yaml";

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== ACLED_ACTORS_FILE)
    .sort()
    .map((f) => path.join(dir, f));
}

/** Loads every gazetteer file in `dir`, checking ids are unique and parents exist. */
export function loadGazetteer(dir: string): Located<GazetteerEntry>[] {
  const problems: string[] = [];
  const entries = yamlFiles(dir).flatMap((f) => loadYamlList(f, gazetteerEntry, problems));
  const seen = new Map<string, Located<GazetteerEntry>>();
  for (const e of entries) {
    const prev = seen.get(e.value.id);
    if (prev) problems.push(`${e.file}:${e.line}: entry "${e.value.id}": duplicate id (first defined at ${prev.file}:${prev.line})`);
    else seen.set(e.value.id, e);
  }
  for (const e of entries) {
    if (e.value.parent && !seen.has(e.value.parent)) problems.push(`${e.file}:${e.line}: entry "${e.value.id}": parent "${e.value.parent}" is not in the gazetteer`);
  }
  if (problems.length) throw new DataFileError(problems);
  return entries;
}

/**
 * Loads every timeline file in `dir`; every entity it names must be in `knownIds`, and every source must
 * follow the citation rules (src/gazetteer/sources.ts). One page may support several entries, but it is
 * cited the same way each time (same headline and date).
 */
export function loadTimeline(dir: string, knownIds: ReadonlySet<string>): Located<TimelineEvent>[] {
  const problems: string[] = [];
  const events = yamlFiles(dir).flatMap((f) => loadYamlList(f, timelineEvent, problems));
  const seen = new Map<string, Located<TimelineEvent>>();
  const citations = new Map<string, { event: string; title: string; date: string }>();
  for (const e of events) {
    const ev = e.value;
    const prev = seen.get(ev.id);
    if (prev) problems.push(`${e.file}:${e.line}: event "${ev.id}": duplicate id (first defined at ${prev.file}:${prev.line})`);
    seen.set(ev.id, e);
    const refs = [
      ...ev.places.map((p) => ["place", p] as const),
      ...ev.actors.map((a) => ["actor", a.entity] as const),
      ...ev.claims.map((c) => ["claimant", c.by] as const),
      ...ev.casualties.map((c) => ["casualty reporter", c.reportedBy] as const),
    ];
    for (const [what, id] of refs) {
      if (!knownIds.has(id)) problems.push(`${e.file}:${e.line}: event "${ev.id}": ${what} "${id}" is not in the gazetteer`);
    }
    for (const p of sourceProblems(ev)) problems.push(`${e.file}:${e.line}: event "${ev.id}": ${p}`);
    for (const s of ev.sources) {
      let key: string;
      try {
        key = canonicalUrl(new URL(s.url));
      } catch {
        continue; // already reported by sourceProblems
      }
      const other = citations.get(key);
      if (!other) citations.set(key, { event: ev.id, title: s.title, date: s.date });
      else if (other.event !== ev.id && (other.title !== s.title || other.date !== s.date)) {
        problems.push(`${e.file}:${e.line}: event "${ev.id}": ${s.url} is cited by "${other.event}" as "${other.title}" (${other.date}) but here as "${s.title}" (${s.date})`);
      }
    }
  }
  if (problems.length) throw new DataFileError(problems);
  return events;
}
