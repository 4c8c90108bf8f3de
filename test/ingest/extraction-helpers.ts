/**
 * Shared by the extraction rule tests (extraction-rules, extraction-review): one store with the core gazetteer,
 * an article made of body paragraphs, and short views of what was extracted.
 */
import { extractArticle, type Extraction } from "../../src/ingest/extract.ts";
import { loadAliasIndex } from "../../src/store/alias-index.ts";
import { freshStore } from "./helpers.ts";

export const index = loadAliasIndex(freshStore());

/** Extracts an article of body paragraphs published on the given day. */
export function extract(published: string, ...texts: string[]): Extraction {
  return extractArticle(
    texts.map((text) => ({ role: "body" as const, text })),
    index,
    { value: published, precision: "day" },
  );
}

export const speakers = (ex: Extraction): (string | null)[] => ex.quotes.map((q) => q.speakerText);
export const names = (ex: Extraction): string[] => [...new Set(ex.candidates.map((c) => c.text))];
export const mentioned = (ex: Extraction): string[] => ex.mentions.map((m) => `${m.text} → ${index.entities.get(m.entityId)?.slug ?? "?"}`);
