import dns from "node:dns";
import net from "node:net";

/**
 * Which addresses borderdesk may fetch from. Outgoing fetches (/ingest url:, /feeds, feed polls) are made for
 * whoever types a link, so a link must not reach the machine itself, the newsroom's internal network or a cloud
 * metadata service. Only public unicast addresses pass; everything below is refused unless the desk allows it.
 */

/** [first address as a 32-bit number, prefix length] of IPv4 ranges that are not the public internet. */
const IPV4_BLOCKED: readonly (readonly [string, number])[] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

function ipv4Number(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

const IPV4_RANGES = IPV4_BLOCKED.map(([base, bits]) => ({ base: ipv4Number(base), size: 2 ** (32 - bits) }));

function isPublicIpv4(ip: string): boolean {
  const n = ipv4Number(ip);
  return !IPV4_RANGES.some((r) => n >= r.base && n < r.base + r.size);
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail is folded into the last two). */
function ipv6Groups(ip: string): number[] | undefined {
  let text = ip.toLowerCase().split("%")[0] ?? "";
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted?.[1]) {
    const n = ipv4Number(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function embeddedIpv4(hi: number, lo: number): string {
  return [hi >>> 8, hi & 0xff, lo >>> 8, lo & 0xff].join(".");
}

function isPublicIpv6(ip: string): boolean {
  const g = ipv6Groups(ip);
  if (!g) return false;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judged by the IPv4 address inside.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) {
    return g5 === 0xffff ? isPublicIpv4(embeddedIpv4(g6, g7)) : false;
  }
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that a gateway would reach.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPublicIpv4(embeddedIpv4(g6, g7));
  if (g0 === 0x2002) return isPublicIpv4(embeddedIpv4(g1, g2));
  // Only global unicast (2000::/3) is public; loopback, unique-local (fc00::/7), link-local (fe80::/10),
  // multicast (ff00::/8) and the rest fall outside it.
  if ((g0 & 0xe000) !== 0x2000) return false;
  if (g0 === 0x2001 && g1 === 0x0db8) return false; // documentation
  if (g0 === 0x2001 && g1 < 0x200) return false; // IETF protocol assignments (Teredo, ORCHID …)
  return true;
}

/** True when `ip` (an IPv4 or IPv6 literal) is a public unicast address; false for anything else, names included. */
export function isPublicAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "");
  const family = net.isIP(bare.split("%")[0] ?? "");
  if (family === 4) return isPublicIpv4(bare);
  if (family === 6) return isPublicIpv6(bare);
  return false;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Turns a host name into its addresses; tests pass a stub so that no name is ever looked up for real. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * How outgoing fetches treat non-public addresses: `false` refuses them all (the default), `true` allows them
 * all, a list allows only the named hosts (names or address literals, as written in the link).
 */
export type AllowPrivate = boolean | readonly string[];

export interface FetchGuard {
  allowPrivate: AllowPrivate;
  /** Defaults to the system resolver. */
  resolve?: Resolver;
}

export const DEFAULT_GUARD: FetchGuard = { allowPrivate: false };

export const PRIVATE_ADDRESS_MESSAGE = "That address is on a private network; borderdesk only fetches public pages.";

/** The host of a URL without IPv6 brackets, lower-cased. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

function allowedByName(host: string, allow: AllowPrivate): boolean {
  if (allow === true) return true;
  if (allow === false) return false;
  return allow.some((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, "") === host);
}

export type AddressCheck = { ok: true; addresses: ResolvedAddress[] } | { ok: false; reason: "private" | "unresolved"; detail: string };

/**
 * Resolves the host of `url` once and checks every address it gives. The caller must connect to exactly these
 * addresses (not resolve again), so a name cannot answer one address here and another at connect time.
 */
export async function checkFetchTarget(url: URL, guard: FetchGuard = DEFAULT_GUARD): Promise<AddressCheck> {
  const host = bareHost(url);
  const literal = net.isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (guard.resolve ?? systemResolver)(host);
    } catch (err) {
      const code = err instanceof Error && "code" in err && typeof err.code === "string" ? err.code : undefined;
      return { ok: false, reason: "unresolved", detail: code === "ENOTFOUND" || code === "EAI_AGAIN" || code === undefined ? "no such host" : code };
    }
    if (!addresses.length) return { ok: false, reason: "unresolved", detail: "no such host" };
  }
  if (!allowedByName(host, guard.allowPrivate)) {
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return { ok: false, reason: "private", detail: blocked.address };
  }
  return { ok: true, addresses };
}
