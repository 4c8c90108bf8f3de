/** Outlet keys made (outletKey), by name; past this many they are dropped. */
const keys = new Map<string, string>();
const KEYS_KEPT = 4096;

/**
 * Which outlet a report comes from, as a key for counting independent outlets: "Dawn", "dawn.com" and
 * "https://www.dawn.com/news/1" are one outlet; "World News Asia Monitor (citing TOLOnews)" counts as the outlet
 * it cites. An article with neither outlet nor URL is its own source.
 */
export function outletKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    // Asked for every report each time its incident is counted, of the same few dozen outlets: kept (a handful of
    // regular expressions a call was a few percent of linking, bench/incidents.bench.ts).
    if (keys.size >= KEYS_KEPT) keys.clear();
    keys.set(name, (key = keyOf(name)));
  }
  return key;
}
function keyOf(name: string): string {
  const citing = /\(citing ([^)]+)\)/i.exec(name);
  const base = (citing?.[1] ?? name).toLowerCase().normalize("NFKD");
  return base
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\.(?:com|org|net|tv|pk|af|in|co\.uk|co|gov|news)(?:\.[a-z]{2})?(?:\/.*)?$/, "")
    .replace(/^the\s+/, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

export function reportOutlet(outlet: string | null, url: string | null, slug: string | null): string {
  if (outlet && outlet.trim()) return outletKey(outlet);
  const host = url ? hostOf(url) : undefined;
  if (host) return outletKey(host);
  return `article:${slug ?? "?"}`;
}
