import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db/client.ts";
import { isBusyError } from "../db/busy.ts";
import type { Logger } from "../logger.ts";
import { loadAliasIndex } from "../store/alias-index.ts";
import { withFtsDeferred } from "../store/fts-deferral.ts";
import { withTalliesDeferred } from "../incidents/refresh.ts";
import { extractArticle } from "./extract.ts";
import type { AliasIndex } from "./matcher.ts";
import { MAX_ARTICLE_BYTES, parseArticle, ParseError, type ArticleOverrides } from "./parse.ts";
import { PartialWriteError, PendingWrites, writeArticle, writePending, type WriteOutcome } from "./write.ts";

export interface IngestReport {
  file: string;
  ok: boolean;
  outcome?: WriteOutcome;
  error?: string;
  article?: {
    id: number;
    slug: string;
    title: string;
    published: string | null;
    /** "url" when the date was read from the page's address, no other being found (a guess to check). */
    publishedFrom?: "url";
    paragraphs: number;
    mentions: number;
    entities: number;
    candidates: string[];
    quotes: number;
    events: number;
  };
}

export interface IngestOptions {
  overrides?: ArticleOverrides;
  now?: Date;
  logger?: Logger;
  index?: AliasIndex;
  /** Called after each file of a batch with its report and how long it took (ms): progress and benchmarks. */
  onFile?: (report: IngestReport, ms: number) => void;
  /**
   * Inside a caller's transaction, write without a savepoint (ingestFiles' batches); a failed write then throws
   * PartialWriteError for the caller to roll back, instead of becoming a report.
   */
  savepoint?: boolean;
  /**
   * A batch's pending writes (see writeArticle: mention and article counts, and without savepoints mention and
   * entity_articles rows), for the batch to write with writePending; without it each article writes its own.
   */
  pending?: PendingWrites;
  /** Read what symbolic links point to (`--follow-links`); by default a link is refused, so a link to /etc/passwd in a drop folder is never read. */
  followLinks?: boolean;
}

/** The extensions ingest reads; anything else (and a file with none) is refused, never read as text. */
export const ARTICLE_EXTENSIONS = new Set([".txt", ".md", ".markdown", ".html", ".htm"]);

const LINK_REFUSED = "is a symbolic link; it was not followed (pass --follow-links to read what links point to)";

/**
 * Expands directories into the article files they hold (sorted, skipping hidden entries and files of other
 * types). Symbolic links are listed as they are, to be refused by ingestFile, unless `followLinks`; then a
 * linked folder is entered once (a link loop ends there).
 */
export function expandInputs(inputs: readonly string[], followLinks = false, seen = new Set<string>()): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = followLinks ? statSync(input) : lstatSync(input);
    } catch {
      out.push(input); // reported as missing (or a dangling link) by ingestFile
      continue;
    }
    if (!st.isDirectory()) {
      out.push(input);
      continue;
    }
    const real = followLinks ? realpathSync(input) : input;
    if (seen.has(real)) continue;
    seen.add(real);
    for (const f of readdirSync(input).sort()) {
      if (f.startsWith(".")) continue;
      const full = path.join(input, f);
      let entry;
      try {
        entry = lstatSync(full);
      } catch {
        continue;
      }
      if (entry.isSymbolicLink() && !followLinks) {
        out.push(full); // refused with its reason, so the editor sees that something was left out
        continue;
      }
      const target = entry.isSymbolicLink() ? statSafe(full) : entry;
      if (target?.isDirectory()) out.push(...expandInputs([full], followLinks, seen));
      else if (ARTICLE_EXTENSIONS.has(path.extname(f).toLowerCase())) out.push(full);
    }
  }
  return out;
}

function statSafe(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Ingests one file from bytes already read: parse → extract → write, all-or-nothing. */
export function ingestBytes(db: Db, file: string, bytes: Buffer, opts: IngestOptions = {}): IngestReport {
  const now = opts.now ?? new Date();
  const name = path.basename(file);
  try {
    const article = parseArticle(name, bytes, opts.overrides, now);
    const index = opts.index ?? loadAliasIndex(db);
    const extraction = extractArticle(article.paragraphs, index, article.published);
    const written = writeArticle(db, article, extraction, now, file, {
      ...(opts.savepoint === false ? { savepoint: false } : {}),
      ...(opts.pending ? { pending: opts.pending } : {}),
    });
    const candidateNames = [...new Set(extraction.candidates.map((c) => c.text))];
    return {
      file,
      ok: true,
      outcome: written.outcome,
      article: {
        id: written.articleId,
        slug: written.slug,
        title: article.title,
        published: article.published?.value ?? null,
        ...(article.publishedFrom ? { publishedFrom: article.publishedFrom } : {}),
        paragraphs: article.paragraphs.length,
        mentions: extraction.mentions.length,
        entities: new Set(extraction.mentions.map((m) => m.entityId)).size,
        candidates: candidateNames,
        quotes: extraction.quotes.length,
        events: extraction.events.length,
      },
    };
  } catch (err) {
    if (err instanceof PartialWriteError) throw err;
    // Nothing was written (the lock was refused before the first write): the caller may try again (src/db/busy.ts).
    if (isBusyError(err)) throw err;
    if (err instanceof ParseError) return { file, ok: false, error: err.message };
    opts.logger?.error({ err, file }, "ingest failed");
    return { file, ok: false, error: `could not be stored (${err instanceof Error ? err.message : String(err)}); nothing was written` };
  }
}

/**
 * Reads one article file: only a regular file with an extension ingest knows, never a symbolic link unless
 * `followLinks`. The file is opened with O_NOFOLLOW and checked on the open handle, so it cannot be swapped
 * for a link between the check and the read.
 */
export function ingestFile(db: Db, file: string, opts: IngestOptions = {}): IngestReport {
  let bytes: Buffer;
  let fd: number;
  try {
    if (!opts.followLinks && lstatSync(file).isSymbolicLink()) return { file, ok: false, error: LINK_REFUSED };
    const ext = path.extname(file).toLowerCase();
    if (!ext) return { file, ok: false, error: "the file has no extension, so it was not read: name it .txt, .md or .html" };
    if (!ARTICLE_EXTENSIONS.has(ext)) return { file, ok: false, error: `unsupported file type "${ext}" (expected .txt, .md or .html)` };
    fd = openSync(file, constants.O_RDONLY | (opts.followLinks ? 0 : constants.O_NOFOLLOW));
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ELOOP") return { file, ok: false, error: LINK_REFUSED };
    return { file, ok: false, error: "the file does not exist or cannot be read" };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { file, ok: false, error: st.isDirectory() ? "a folder, not a file" : "not a regular file" };
    if (st.size > MAX_ARTICLE_BYTES) return { file, ok: false, error: `the file is ${(st.size / 1024 / 1024).toFixed(1)} MB; articles are limited to 5 MB` };
    bytes = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, bytes, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    bytes = bytes.subarray(0, read);
  } catch {
    return { file, ok: false, error: "the file does not exist or cannot be read" };
  } finally {
    closeSync(fd);
  }
  return ingestBytes(db, file, bytes, opts);
}

/** Articles committed together: each is still all-or-nothing (a savepoint), but one commit per article cost more than extracting it. */
const FILES_PER_COMMIT = 100;

/**
 * Ingests many files; one bad file never stops the others, and each article is stored whole or not at all.
 * Files are committed in chunks. A chunk is first written without savepoints (a file that cannot be read or
 * parsed writes nothing, so it needs none); should an article's write fail part-way, the chunk is rolled back
 * and written again with a savepoint per article, so that failure undoes that article only.
 */
export function ingestFiles(db: Db, inputs: readonly string[], opts: IngestOptions = {}): IngestReport[] {
  const index = opts.index ?? loadAliasIndex(db);
  const files = expandInputs(inputs, opts.followLinks ?? false);
  const reports: IngestReport[] = [];
  const write = (batch: readonly string[], savepoint: boolean): [IngestReport, number][] => {
    const done: [IngestReport, number][] = [];
    const pending = new PendingWrites();
    for (const f of batch) {
      const started = performance.now();
      done.push([ingestFile(db, f, { ...opts, index, savepoint, pending }), performance.now() - started]);
    }
    try {
      writePending(db.$client, pending);
    } catch (err) {
      // Without savepoints, rows of the chunk's articles were waiting: written again article by article, a row that
      // cannot be stored fails its own article only.
      if (savepoint) throw err;
      throw new PartialWriteError(err);
    }
    return done;
  };
  // The chunk's paragraphs and quotes are full-text indexed once, at its end (src/store/fts-deferral.ts); written
  // without savepoints (a failure rolls it all back), the tallies of the incidents its reports join are written once
  // too (src/incidents/refresh.ts withTalliesDeferred).
  const chunk = db.$client.transaction((batch: readonly string[], savepoint: boolean) =>
    withFtsDeferred(db.$client, () => (savepoint ? write(batch, true) : withTalliesDeferred(db.$client, () => write(batch, false)))),
  );
  for (let i = 0; i < files.length; i += FILES_PER_COMMIT) {
    const batch = files.slice(i, i + FILES_PER_COMMIT);
    let done: [IngestReport, number][];
    try {
      done = chunk.immediate(batch, false);
    } catch (err) {
      if (!(err instanceof PartialWriteError)) throw err;
      opts.logger?.warn({ err: err.original }, "an article failed part-way; writing its batch again article by article");
      done = chunk.immediate(batch, true);
    }
    for (const [report, ms] of done) {
      opts.onFile?.(report, ms);
      reports.push(report);
    }
  }
  return reports;
}
