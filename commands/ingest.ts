import { z } from "zod";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandModule, Deps } from "../src/commands/types.ts";
import { UserError } from "../src/errors.ts";
import { describeAcledImport, AcledHeaderError, AcledImportError } from "../src/acled/import.ts";
import { documentFileName, documentKind, fetchDocument, FETCH_TIMEOUT_MS, MAX_DOCUMENT_BYTES, type DocumentKind } from "../src/intake/fetch.ts";
import { describeArticle, ingestDocument, INGEST_OFF_LOOP_BYTES, IngestRefusedError, type IngestedArticleView } from "../src/intake/ingest.ts";
import { showDate, TYPE_LABEL } from "../src/render/format.ts";
import { escapeText, LIMITS, truncate } from "../src/render/limits.ts";
import { embedUrl } from "../src/render/links.ts";
import { COLORS, type EmbedModel, type ReplyModel } from "../src/render/reply.ts";

/** Quotes attributed with less confidence than this are flagged for review. */
export const LOW_CONFIDENCE = 0.7;

const input = z
  .object({
    file: z.string().url().optional(),
    file_filename: z.string().max(300).optional(),
    file_size: z.coerce.number().int().min(0).optional(),
    file_content_type: z.string().max(200).optional(),
    url: z.string().trim().max(2000, "That link is too long.").optional(),
  })
  .refine((v) => (v.file ? 1 : 0) + (v.url ? 1 : 0) === 1, { message: "Give either a file or a link (url), not both and not neither." });

type Input = z.infer<typeof input>;

export interface IngestCommandOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

function percent(c: number): string {
  return `${Math.round(c * 100)}%`;
}

function articleReply(view: IngestedArticleView, outcome: string | undefined): ReplyModel {
  const outcomeText =
    outcome === "unchanged" ? "Already in the store with this exact text — nothing changed." : outcome === "replaced" ? "Updated: this replaced the earlier version of the article." : "Added to the store.";
  const fields: EmbedModel["fields"] = [];
  const newNames = view.candidates.map((c) => `🆕 ${escapeText(c.text)}${c.kind !== "unknown" ? ` (${c.kind}?)` : ""}${c.occurrences > 1 ? ` ×${c.occurrences}` : ""}`);
  const known = view.entities.map((e) => `${escapeText(e.name)} (${e.kind}${e.mentions > 1 ? ` ×${e.mentions}` : ""})`);
  fields.push({ name: `Entities (${view.entities.length} known, ${view.candidates.length} new)`, value: truncate([...known, ...newNames].join(" · ") || "none found", LIMITS.fieldValue) });
  if (view.quotes.length) {
    const lines = view.quotes.map((q) => {
      const who = q.speaker ?? (q.speakerText ? `“${q.speakerText}” (unresolved)` : "speaker unknown");
      const flag = q.confidence < LOW_CONFIDENCE ? " ⚠️ check" : "";
      return `• “${escapeText(truncate(q.text, 90))}” — ${escapeText(who)}, ${percent(q.confidence)}${flag}`;
    });
    fields.push({ name: `Quotes (${view.quotes.length})`, value: truncate(lines.join("\n"), LIMITS.fieldValue) });
  }
  if (view.events.length) {
    const lines = view.events.map((e) => `• ${showDate(e.occurredOn, e.precision)} · ${TYPE_LABEL[e.type] ?? e.type}${e.place ? ` · ${escapeText(e.place)}` : ""} — ${escapeText(truncate(e.summary, 80))}`);
    fields.push({ name: `Events (${view.events.length})`, value: truncate(lines.join("\n"), LIMITS.fieldValue) });
  }
  const waiting = view.candidates.length + view.quotes.filter((q) => q.confidence < LOW_CONFIDENCE).length;
  const meta = [view.publishedOn ? `Published ${showDate(view.publishedOn, view.publishedPrecision)}` : "No publication date found", view.outlet ? escapeText(view.outlet) : undefined, `id \`${view.slug}\``]
    .filter(Boolean)
    .join(" · ");
  return {
    embeds: [
      {
        title: truncate(escapeText(view.title), LIMITS.title),
        ...(embedUrl(view.url) ? { url: embedUrl(view.url) } : {}),
        description: `${outcomeText}\n${meta}`,
        color: COLORS.brand,
        fields,
        footer: waiting
          ? `${waiting} item${waiting === 1 ? "" : "s"} to review — run /review to promote or dismiss new names and correct speakers.`
          : "Nothing waiting for review from this article.",
      },
    ],
  };
}

function refuseEarly(kind: DocumentKind | undefined, name: string, contentType: string | undefined): void {
  if (!kind) {
    const what = contentType ? contentType.split(";")[0] : `a “${name.split(".").pop() ?? ""}” file`;
    throw new UserError(`I can't read ${what ?? "that file"}: /ingest takes plain text (.txt), Markdown (.md), HTML (.html) or an ACLED export (.csv).`);
  }
}

async function run(deps: Deps, opts: IngestCommandOptions, v: Input): Promise<ReplyModel> {
  const maxBytes = opts.maxBytes ?? MAX_DOCUMENT_BYTES;
  const fetchOpts = { timeoutMs: opts.timeoutMs ?? FETCH_TIMEOUT_MS, maxBytes, ...(deps.fetchGuard ? { guard: deps.fetchGuard } : {}) };
  let bytes: Buffer;
  let kind: DocumentKind;
  let fileName: string;
  let sourceUrl: string | undefined;
  if (v.file) {
    fileName = v.file_filename ?? documentFileName(v.file, "text");
    refuseEarly(documentKind(v.file_content_type, fileName), fileName, v.file_content_type);
    if (v.file_size !== undefined && v.file_size > maxBytes) {
      throw new UserError(`${escapeText(fileName)} is ${(v.file_size / 1024 / 1024).toFixed(1)} MB; /ingest takes files up to ${maxBytes / 1024 / 1024} MB.`);
    }
    const doc = await fetchDocument(v.file, { ...fetchOpts, fileName });
    bytes = doc.bytes;
    kind = doc.kind;
  } else {
    const link = v.url ?? "";
    const doc = await fetchDocument(link, fetchOpts);
    bytes = doc.bytes;
    kind = doc.kind;
    sourceUrl = doc.url;
    fileName = documentFileName(doc.url, kind);
  }
  let result;
  try {
    // A large document is ingested in the bot's worker pool, off the loop that answers everyone else.
    result =
      deps.ingester && bytes.length > INGEST_OFF_LOOP_BYTES
        ? await deps.ingester.ingest({ bytes, kind, fileName, url: sourceUrl, now: deps.now().toISOString() })
        : await ingestDocument(deps.db, bytes, kind, { fileName, url: sourceUrl, logger: deps.logger, now: deps.now() });
  } catch (err) {
    if (err instanceof AcledHeaderError || err instanceof AcledImportError || err instanceof IngestRefusedError) throw new UserError(`${escapeText(fileName)}: ${err.message}`);
    throw err;
  }
  if (result.kind === "acled") {
    return { embeds: [{ title: `ACLED import: ${truncate(fileName, 200)}`, description: truncate(escapeText(describeAcledImport(result.report)), 4000), color: COLORS.incident }] };
  }
  const report = result.report;
  if (!report.ok || !report.article) throw new UserError(`Could not ingest ${escapeText(fileName)}: ${report.error ?? "unknown problem"}. Nothing was stored.`);
  const view = describeArticle(deps.db, report.article.id);
  if (!view) throw new Error(`article ${report.article.id} vanished after ingest`);
  return articleReply(view, report.outcome);
}

/** /ingest with its fetch settings; tests make one with a short timeout. Which addresses may be fetched is `deps.fetchGuard`. */
export function createIngestCommand(opts: IngestCommandOptions = {}): CommandModule<Input> {
  return {
    data: {
      name: "ingest",
      description: "Add an article (.txt, .md, .html) or an ACLED export (.csv) to the store",
      options: [
        { type: ApplicationCommandOptionType.Attachment, name: "file", description: "The article or ACLED CSV (up to 5 MB)", required: false },
        { type: ApplicationCommandOptionType.String, name: "url", description: "A link to the article (or to an ACLED CSV)", required: false, max_length: 2000 },
      ],
    },
    input,
    editorOnly: true,
    slow: true,
    run: (deps, v) => run(deps, opts, v),
  };
}

export const ingest = createIngestCommand();
