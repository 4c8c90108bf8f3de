import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { DatePrecision } from "../db/schema.ts";
import { extractArticle, type CandidateKind, type Extraction } from "./extract.ts";
import type { AliasIndex, EntityKind } from "./matcher.ts";
import { MAX_ARTICLE_BYTES, parseArticle, ParseError, type ArticleOverrides, type ParsedArticle } from "./parse.ts";
import { storableDate } from "./write.ts";

/** Who a stored row points at: the gazetteer entity when known, always the name as the article writes it. */
export interface PreviewRef {
  name: string;
  entityId: number | null;
  slug: string | null;
}

/**
 * What ingest would store for one article, without writing: `borderdesk extract <file> --json` prints it. A stable
 * interface (editors preview a piece with it, scripts score extraction with it): add fields, never rename.
 */
export interface ExtractionPreview {
  file: string;
  title: string;
  published: string | null;
  entities: { entityId: number; slug: string; name: string; kind: EntityKind; count: number }[];
  candidates: { text: string; kind: CandidateKind; count: number }[];
  quotes: { paragraph: number; text: string; speaker: PreviewRef | null; fragment: boolean; confidence: number; saidOn: string | null }[];
  events: {
    paragraph: number;
    date: string;
    precision: DatePrecision;
    type: string;
    place: PreviewRef | null;
    claimant: PreviewRef | null;
    killed: number | null;
    injured: number | null;
    casualtiesText: string | null;
    summary: string;
  }[];
}

/** The rows of an extraction, as previewed and as stored (src/store/extraction.ts reads them back for /article). */
export type ExtractionRows = Pick<ExtractionPreview, "entities" | "candidates" | "quotes" | "events">;

export class PreviewError extends Error {}

/** Reads and parses an article file the way ingest does; a file ingest would refuse is a PreviewError. */
export function readArticleFile(file: string, overrides: ArticleOverrides = {}): ParsedArticle {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new PreviewError(`${file}: not a file`);
    if (st.size > MAX_ARTICLE_BYTES) throw new PreviewError(`${file}: articles are limited to 5 MB`);
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof PreviewError) throw err;
    throw new PreviewError(`${file}: the file does not exist or cannot be read`);
  }
  try {
    return parseArticle(path.basename(file), bytes, overrides);
  } catch (err) {
    if (err instanceof ParseError) throw new PreviewError(`${file}: ${err.message}`);
    throw err;
  }
}

/** The rows ingest would write for an article, shaped for reading: the same extraction, the same stored dates. */
export function previewExtraction(file: string, article: ParsedArticle, index: AliasIndex, extraction: Extraction = extractArticle(article.paragraphs, index, article.published)): ExtractionPreview {
  const ref = (name: string | null, entityId: number | null): PreviewRef | null => {
    const e = entityId === null ? undefined : index.entities.get(entityId);
    if (!e && name === null) return null;
    return { name: name ?? e?.name ?? "", entityId: e?.id ?? null, slug: e?.slug ?? null };
  };
  const counts = new Map<number, number>();
  for (const m of extraction.mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  const entities: ExtractionPreview["entities"] = [];
  for (const [entityId, count] of counts) {
    const e = index.entities.get(entityId);
    if (e) entities.push({ entityId, slug: e.slug, name: e.name, kind: e.kind, count });
  }
  entities.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const candidates = new Map<string, { text: string; kind: CandidateKind; count: number }>();
  for (const c of extraction.candidates) {
    const key = `${c.text}\u0000${c.kind}`;
    const seen = candidates.get(key);
    if (seen) seen.count++;
    else candidates.set(key, { text: c.text, kind: c.kind, count: 1 });
  }
  const published = article.published ? storableDate(article.published) : undefined;
  return {
    file,
    title: article.title,
    published: published?.value ?? null,
    entities,
    candidates: [...candidates.values()],
    quotes: extraction.quotes.map((q) => ({
      paragraph: q.paragraph,
      text: q.text,
      speaker: ref(q.speakerText, q.speakerId),
      fragment: q.isFragment,
      confidence: q.confidence,
      saidOn: q.saidOn ? storableDate(q.saidOn).value : null,
    })),
    events: extraction.events.map((e) => {
      const date = storableDate(e.date);
      return {
        paragraph: e.paragraph,
        date: date.value,
        precision: date.precision,
        type: e.cue.type,
        place: ref(e.placeText || null, e.placeId),
        claimant: ref(e.claimedByText, e.claimedById),
        killed: e.killed,
        injured: e.injured,
        casualtiesText: e.casualtiesText,
        summary: e.summary,
      };
    }),
  };
}
