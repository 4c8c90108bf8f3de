import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import path from "node:path";
import { checkFetchTarget, DEFAULT_GUARD, PRIVATE_ADDRESS_MESSAGE, type FetchGuard, type ResolvedAddress } from "./address.ts";
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
  /** Which addresses may be fetched and how names are resolved; default: public addresses only, system DNS. */
  guard?: FetchGuard;
  /** File name to fall back on when the server sends a generic type (Discord attachments, octet-stream). */
  fileName?: string;
  headers?: Record<string, string>;
  /** Kinds accepted; others are refused with the reason. */
  accept?: readonly DocumentKind[];
}

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Redirects followed before giving up; each one is checked like the first request. */
export const MAX_REDIRECTS = 5;

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

/** One HTTP exchange's answer: status, headers and the body still to read. */
interface RawResponse {
  status: number;
  statusText: string;
  header(name: string): string | null;
  body: http.IncomingMessage;
}

/**
 * One request to `url`, connecting only to `addresses` (already checked): the socket's lookup answers with them
 * instead of asking DNS again, so the address checked is the address used.
 */
function request(url: URL, addresses: readonly ResolvedAddress[], headers: Record<string, string>, signal: AbortSignal): Promise<RawResponse> {
  const lookup: LookupFunction = (_host, options, callback) => {
    const usable = addresses.filter((a) => !options.family || options.family === a.family);
    const list = usable.length ? usable : addresses;
    const first = list[0];
    if (!first) {
      callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 4);
      return;
    }
    if (options.all) callback(null, list.map((a) => ({ address: a.address, family: a.family })));
    else callback(null, first.address, first.family);
  };
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: "GET", headers, signal, lookup, agent: false }, (res) => {
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? "",
        header: (name) => {
          const v = res.headers[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
        },
        body: res,
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a document over http(s) for ingest: refuses other schemes, refuses hosts that resolve to a private,
 * loopback, link-local or otherwise non-public address (checked again on every redirect, which are followed by
 * hand up to MAX_REDIRECTS), gives up after `timeoutMs` (the whole exchange, body included), refuses bodies over
 * `maxBytes` (by Content-Length, and while reading when the server does not say) and anything that is not text,
 * Markdown, HTML or CSV. Every refusal is a FetchError with a sentence for the editor.
 */
export async function fetchDocument(rawUrl: string, opts: FetchOptions = {}): Promise<FetchedDocument> {
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? MAX_DOCUMENT_BYTES;
  const guard = opts.guard ?? DEFAULT_GUARD;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new FetchError("That is not a link I can open: give a full address starting with https://.");
  }
  const headers = { "user-agent": "borderdesk (newsroom bot)", ...opts.headers };

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timeout")), timeoutMs);
  timer.unref();
  const limitText = `${(maxBytes / 1024 / 1024).toFixed(0)} MB`;
  try {
    let res: RawResponse | undefined;
    for (let hop = 0; ; hop++) {
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new FetchError(hop ? "That link redirects to something that is not an http or https page." : "Only http and https links can be fetched.");
      if (url.username || url.password) throw new FetchError("Links with a user name or password in them are not fetched.");
      const target = await checkFetchTarget(url, guard);
      if (!target.ok) {
        if (target.reason === "private") throw new FetchError(PRIVATE_ADDRESS_MESSAGE);
        throw new FetchError(`Could not reach ${url.host}: ${target.detail}.`);
      }
      try {
        res = await request(url, target.addresses, headers, controller.signal);
      } catch (err) {
        throw controller.signal.aborted ? timeoutError(timeoutMs) : new FetchError(`Could not reach ${url.host}: ${reason(err)}.`);
      }
      const location = res.header("location");
      if (!REDIRECT_STATUSES.has(res.status) || !location) break;
      res.body.resume();
      if (hop >= MAX_REDIRECTS) throw new FetchError(`That link redirects more than ${MAX_REDIRECTS} times; give the final address instead.`);
      try {
        url = new URL(location, url);
      } catch {
        throw new FetchError("That link redirects to an address I cannot read.");
      }
    }
    const finalUrl = url.href;
    if (res.status === 304) {
      res.body.resume();
      return { bytes: Buffer.alloc(0), kind: "text", contentType: "", url: finalUrl, etag: res.header("etag"), lastModified: res.header("last-modified"), notModified: true };
    }
    if (res.status < 200 || res.status > 299) {
      res.body.resume();
      throw new FetchError(`The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""} for that link.`, res.status);
    }
    const contentType = res.header("content-type") ?? "";
    const kind = documentKind(contentType, opts.fileName ?? url.pathname);
    const accepted = opts.accept ?? (["html", "markdown", "text", "csv"] as const);
    if (!kind || !accepted.includes(kind)) {
      res.body.destroy();
      const media = contentType.split(";")[0]?.trim() || "of no stated type";
      throw new FetchError(`That link is ${media}; I can only read ${opts.accept ? opts.accept.join(", ") : KIND_LIST}.`);
    }
    const declared = Number(res.header("content-length") ?? "");
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.body.destroy();
      throw new FetchError(`That document is ${(declared / 1024 / 1024).toFixed(1)} MB; the limit is ${limitText}.`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of res.body) {
        const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        total += piece.byteLength;
        if (total > maxBytes) {
          res.body.destroy();
          throw new FetchError(`That document is larger than ${limitText}, the limit.`);
        }
        chunks.push(piece);
      }
    } catch (err) {
      if (err instanceof FetchError) throw err;
      throw controller.signal.aborted ? timeoutError(timeoutMs) : new FetchError(`The download broke off: ${reason(err)}.`);
    }
    return { bytes: Buffer.concat(chunks, total), kind, contentType, url: finalUrl, etag: res.header("etag"), lastModified: res.header("last-modified"), notModified: false };
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
