import path from "node:path";
import { UserError } from "../errors.ts";

/** What a fetched document is, decided by its content type (and, when that says nothing useful, its name). */
export type DocumentKind = "html" | "markdown" | "text" | "csv" | "feed";

export interface FetchedDocument {
  bytes: Buffer;
  kind: DocumentKind;
  contentType: string;
  /** The URL after redirects. */
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** The server answered 304 to a conditional request: no body, nothing changed. */
  notModified: boolean;
}

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Defaults to the global fetch; tests and the feed poller may pass their own. */
  fetch?: typeof fetch;
  /** File name to fall back on when the server sends a generic type (Discord attachments, octet-stream). */
  fileName?: string;
  headers?: Record<string, string>;
  /** Kinds accepted; others are refused with the reason. */
  accept?: readonly DocumentKind[];
}

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** A fetch that failed for a reason the editor can act on; the message is shown as is. */
export class FetchError extends UserError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const BY_TYPE: Record<string, DocumentKind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "text",
  "text/csv": "csv",
  "application/csv": "csv",
  "application/rss+xml": "feed",
  "application/atom+xml": "feed",
  "application/rdf+xml": "feed",
  "application/xml": "feed",
  "text/xml": "feed",
};

const BY_EXTENSION: Record<string, DocumentKind> = {
  ".html": "html",
  ".htm": "html",
  ".md": "markdown",
  ".markdown": "markdown",
  ".txt": "text",
  ".csv": "csv",
  ".xml": "feed",
  ".rss": "feed",
  ".atom": "feed",
};

/** The kind of a document from its media type and name; undefined when it is not one we read. */
export function documentKind(contentType: string | null | undefined, name: string | undefined): DocumentKind | undefined {
  const media = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const ext = name ? path.extname(name.split(/[?#]/)[0] ?? "").toLowerCase() : "";
  const byExt = BY_EXTENSION[ext];
  // Servers often send Markdown and CSV as text/plain; the name says more then.
  if (media === "text/plain" && byExt) return byExt;
  if (media === "" || media === "application/octet-stream") return byExt;
  return BY_TYPE[media];
}

const KIND_LIST = "plain text, Markdown, HTML or an ACLED CSV";

/**
 * Fetches a document over http(s) for ingest: refuses other schemes, gives up after `timeoutMs` (the whole
 * exchange, body included), refuses bodies over `maxBytes` (by Content-Length, and while reading when the server
 * does not say) and anything that is not text, Markdown, HTML or CSV. Every refusal is a FetchError with a
 * sentence for the editor.
 */
export async function fetchDocument(rawUrl: string, opts: FetchOptions = {}): Promise<FetchedDocument> {
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? MAX_DOCUMENT_BYTES;
  const doFetch = opts.fetch ?? fetch;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new FetchError("That is not a link I can open: give a full address starting with https://.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new FetchError("Only http and https links can be fetched.");

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timeout")), timeoutMs);
  timer.unref();
  const limitText = `${(maxBytes / 1024 / 1024).toFixed(0)} MB`;
  try {
    let res: Response;
    try {
      res = await doFetch(url, { signal: controller.signal, redirect: "follow", headers: { "user-agent": "borderdesk (newsroom bot)", ...opts.headers } });
    } catch (err) {
      throw controller.signal.aborted ? timeoutError(timeoutMs) : new FetchError(`Could not reach ${url.host}: ${reason(err)}.`);
    }
    if (res.status === 304) {
      await res.body?.cancel();
      return { bytes: Buffer.alloc(0), kind: "text", contentType: "", url: res.url || url.href, etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified"), notModified: true };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FetchError(`The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""} for that link.`, res.status);
    }
    const contentType = res.headers.get("content-type") ?? "";
    const finalUrl = res.url || url.href;
    const kind = documentKind(contentType, opts.fileName ?? new URL(finalUrl).pathname);
    const accepted = opts.accept ?? (["html", "markdown", "text", "csv"] as const);
    if (!kind || !accepted.includes(kind)) {
      await res.body?.cancel();
      const media = contentType.split(";")[0]?.trim() || "of no stated type";
      throw new FetchError(`That link is ${media}; I can only read ${opts.accept ? opts.accept.join(", ") : KIND_LIST}.`);
    }
    const declared = Number(res.headers.get("content-length") ?? "");
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel();
      throw new FetchError(`That document is ${(declared / 1024 / 1024).toFixed(1)} MB; the limit is ${limitText}.`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    if (res.body) {
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          if (total > maxBytes) {
            await reader.cancel();
            throw new FetchError(`That document is larger than ${limitText}, the limit.`);
          }
          chunks.push(Buffer.from(value));
        }
      } catch (err) {
        if (err instanceof FetchError) throw err;
        throw controller.signal.aborted ? timeoutError(timeoutMs) : new FetchError(`The download broke off: ${reason(err)}.`);
      }
    }
    return { bytes: Buffer.concat(chunks, total), kind, contentType, url: finalUrl, etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified"), notModified: false };
  } finally {
    clearTimeout(timer);
  }
}

function timeoutError(ms: number): FetchError {
  return new FetchError(`The server did not send the document within ${Math.round(ms / 1000)} s; try again later or upload the file instead.`);
}

function reason(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof Error && "code" in cause && typeof cause.code === "string") {
    if (cause.code === "ENOTFOUND") return "no such host";
    if (cause.code === "ECONNREFUSED") return "connection refused";
    return cause.code;
  }
  return cause instanceof Error ? cause.message.slice(0, 120) : "unknown error";
}

/** The file name ingest sees for a document: it picks the parser (by extension) and the article's slug. */
export function documentFileName(url: string, kind: DocumentKind): string {
  const ext = kind === "html" ? ".html" : kind === "markdown" ? ".md" : kind === "csv" ? ".csv" : kind === "feed" ? ".xml" : ".txt";
  let base: string;
  try {
    const u = new URL(url);
    const segments = u.pathname.split("/").filter(Boolean);
    base = decodeURIComponent(segments.at(-1) ?? "").replace(/\.[a-z0-9]{1,8}$/i, "");
    if (!base || /^(index|default|article|story)$/i.test(base)) base = [u.hostname.replace(/^www\./, ""), ...segments.slice(-2, -1)].join("-");
  } catch {
    base = "document";
  }
  return `${base.slice(0, 80) || "document"}${ext}`;
}
