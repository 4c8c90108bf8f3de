import crypto, { createHash } from "node:crypto";

/**
 * Node ≥ 20.12 has a one-shot hash that skips the Hash object (a third of a short text's hashing: ingest hashes every
 * article and every event's summary); older 20.x fall back to createHash. The digests are the same.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

export function sha256Hex(text: string): string {
  return oneShot ? oneShot("sha256", text, "hex") : createHash("sha256").update(text).digest("hex");
}

export function sha1Hex(text: string): string {
  return oneShot ? oneShot("sha1", text, "hex") : createHash("sha1").update(text).digest("hex");
}
