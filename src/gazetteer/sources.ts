import type { TimelineEvent } from "./schema.ts";

/**
 * Hosts a timeline source may not come from: encyclopedias and their mirrors (cite the outlet they cite),
 * and sites that repost other outlets' copy under their own address (cite the original outlet's page).
 * A host matches itself and every subdomain ("en.wikipedia.org" matches "wikipedia.org").
 */
export const refusedSourceHosts: Readonly<Record<string, string>> = {
  "wikipedia.org": "Wikipedia: cite the outlet the article cites",
  "wikimili.com": "a Wikipedia mirror",
  "wikiwand.com": "a Wikipedia mirror",
  "wiki2.org": "a Wikipedia mirror",
  "dbpedia.org": "a Wikipedia mirror",
  "everybodywiki.com": "a Wikipedia mirror",
  "alchetron.com": "a Wikipedia mirror",
  "exbulletin.com": "a reposting aggregator",
  "worldnewsam.com": "a reposting aggregator",
  "newsbreak.com": "a reposting aggregator",
  "headtopics.com": "a reposting aggregator",
  "newsnow.co.uk": "a reposting aggregator",
  "pakistannewspaperlist.com": "a reposting aggregator",
  "peoplentools.com": "a reposting aggregator",
  "newssummedup.com": "a reposting aggregator",
};

/** Headlines an editor left to fill in later; a source must carry the page's real headline. */
const PLACEHOLDER_TITLE = /\[\s*(headline|title)\b[^\]]*\]|^\s*(tbd|todo|untitled|n\/?a|unknown)\s*$/i;

/** A path segment that is a host name ("/story/2444488/ajax.googleapis.com"): a copy-paste accident, not a page. */
const HOST_IN_PATH = /^(?:[a-z0-9-]+\.)+(?:com|net|org|pk|af|in|io|co|uk)$/i;

/** The form of a URL two citations share when they name the same page (scheme, www., trailing slash, fragment). */
export function canonicalUrl(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const pathname = url.pathname.replace(/\/+$/, "");
  return `${host}${pathname}${url.search}`;
}

function refusalFor(host: string): string | undefined {
  const h = host.toLowerCase();
  for (const [refused, why] of Object.entries(refusedSourceHosts)) {
    if (h === refused || h.endsWith(`.${refused}`)) return `${refused} is refused (${why})`;
  }
  return undefined;
}

/** True when partial date `a` (YYYY, YYYY-MM or YYYY-MM-DD) is certainly before `b`, at the precision both share. */
export function certainlyBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}

/**
 * The citation rules of data/timeline/README.md, one message per broken rule, each naming the source.
 * An entry fails when it is dated after every one of its sources (a preview is never the only evidence
 * that something happened), or a source has no real headline, a URL that is not a plain http(s) page,
 * a refused host, or repeats another source's URL in the same entry.
 */
export function sourceProblems(ev: TimelineEvent): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  ev.sources.forEach((s, i) => {
    const which = `source ${i + 1} (${s.outlet})`;
    if (PLACEHOLDER_TITLE.test(s.title)) problems.push(`${which}: "${s.title}" is a placeholder, not the page's headline`);
    let url: URL;
    try {
      url = new URL(s.url);
    } catch {
      problems.push(`${which}: URL "${s.url}" does not parse`);
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      problems.push(`${which}: URL "${s.url}" is not http or https`);
      return;
    }
    if (!url.hostname.includes(".") || url.username || url.password) {
      problems.push(`${which}: URL "${s.url}" has no real host`);
      return;
    }
    const glued = url.pathname.split("/").find((seg) => HOST_IN_PATH.test(seg));
    if (glued) problems.push(`${which}: URL "${s.url}" has a host name ("${glued}") glued into its path`);
    const refused = refusalFor(url.hostname);
    if (refused) problems.push(`${which}: ${refused}`);
    const key = canonicalUrl(url);
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${which}: URL repeats source ${first + 1}`);
    else seen.set(key, i);
  });
  if (ev.sources.length > 0 && ev.sources.every((s) => certainlyBefore(s.date, ev.date))) {
    const latest = ev.sources.map((s) => s.date).sort().at(-1) ?? "";
    problems.push(`dated ${ev.date}, after every source (latest ${latest}): a preview is not evidence that it happened`);
  }
  return problems;
}
