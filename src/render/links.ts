import { cleanUrl } from "../text/urls.ts";
import { escapeText } from "./limits.ts";

/**
 * The one way the bot writes a Markdown link. The URL is cleaned (http/https only, re-serialised, and every
 * character that could close the link or open another percent-encoded) and the title escaped, so neither can
 * add markup of its own: `https://x/a)[**b**](https://evil)` stays one link to one page. Without a usable URL
 * the title is shown as plain text (or in italics with `{ plain: "italic" }`).
 */
export function markdownLink(title: string, url: string | null | undefined, opts: { plain?: "text" | "italic" } = {}): string {
  // Brackets are dropped rather than escaped: Discord's link text does not honour every escape.
  // Every run of white space becomes one space (a lone plain space is left as it is: no new string for most titles).
  const text = escapeText(title.replace(/[[\]]/g, "").replace(/\s{2,}|[^\S ]/g, " ").trim()) || "link";
  const href = cleanUrl(url);
  if (href) return `[${text}](${href})`;
  return opts.plain === "italic" ? `*${text}*` : text;
}

/** A URL safe for an embed's `url` field (Discord refuses the whole message for a bad one), or undefined. */
export function embedUrl(url: string | null | undefined): string | undefined {
  return cleanUrl(url);
}
