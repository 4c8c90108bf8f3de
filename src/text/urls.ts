/**
 * URLs as the store keeps them. Every URL that comes in (front matter, og:url, canonical links, feed item links,
 * --url, timeline sources) goes through `cleanUrl`: parsed, http(s) only, re-serialised, with every character
 * that could end a Markdown link or open another one percent-encoded — so a stored URL can never carry markup.
 */

/** Characters kept as they are in a stored URL: RFC 3986's unreserved and delimiter characters, minus those Markdown reads ( ) [ ] * ' and the % of an existing escape. */
const KEEP = /[A-Za-z0-9\-._~:/?#@!$&+,;=%]/;

/** A URL holding only characters KEEP keeps and no stray %: as it is. */
const ALL_KEPT = /^(?:[A-Za-z0-9\-._~:/?#@!$&+,;=]|%[0-9A-Fa-f]{2})*$/;

function encodeUnsafe(href: string): string {
  if (ALL_KEPT.test(href)) return href;
  let out = "";
  for (const ch of href) {
    if (KEEP.test(ch)) out += ch;
    else out += [...Buffer.from(ch, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  }
  // A % that does not start an escape would be read as one by the next parser: make it a literal percent.
  return out.replace(/%(?![0-9A-Fa-f]{2})/g, "%25");
}

/**
 * The URL as the store keeps it, or undefined when it is not an http(s) URL. A relative URL is resolved against
 * `base` when one is given; a protocol-relative one ("//host/path") gets https. Credentials are dropped.
 */
export function cleanUrl(raw: string | null | undefined, base?: string): string | undefined {
  const text = raw?.trim();
  if (!text || text.length > 4000) return undefined;
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text.startsWith("//") ? `https:${text}` : text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  url.username = "";
  url.password = "";
  return encodeUnsafe(url.href);
}
