/**
 * One way to write an extraction's rows as lines, for `borderdesk extract` (plain text) and /article's extraction
 * view (escaped for Discord): who and what was linked, new names, quotes with speakers, events.
 */
import type { ExtractionRows, PreviewRef } from "../ingest/preview.ts";

export interface ExtractionLines {
  entities: string[];
  newNames: string[];
  quotes: string[];
  events: string[];
}

const same = (s: string): string => s;

/** The rows as lines; `esc` escapes the article's words (names, quotes) for where they are shown. */
export function extractionLines(rows: ExtractionRows, esc: (s: string) => string = same): ExtractionLines {
  const who = (r: PreviewRef | null): string => (r ? (r.slug ? `${esc(r.name)} [${r.slug}]` : `${esc(r.name)} (new name)`) : "no speaker");
  return {
    entities: rows.entities.map((e) => `${esc(e.name)} [${e.kind}] ×${e.count}`),
    newNames: rows.candidates.map((c) => `${esc(c.text)} (${c.kind}) ×${c.count}`),
    quotes: rows.quotes.map((q) => `¶${q.paragraph + 1} “${esc(q.text)}” — ${who(q.speaker)}${q.fragment ? " (fragment)" : ""}`),
    events: rows.events.map(
      (e) =>
        `${e.date} (${e.precision}) ${e.type} at ${e.place ? who(e.place) : "?"}${e.claimant ? `, claimed by ${who(e.claimant)}` : ""}` +
        `${e.killed !== null ? `, ${e.killed} killed` : ""}${e.injured !== null ? `, ${e.injured} injured` : ""}`,
    ),
  };
}
