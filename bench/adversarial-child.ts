/**
 * Ingests one hostile input in its own process, so the peak RSS measured is that ingest's
 * (bench/adversarial.bench.ts spawns it). Usage: tsx bench/adversarial-child.ts <kind> <bytes>; prints one JSON line.
 */
import { closeDb, openDb } from "../src/db/client.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import { seedAll } from "../src/store/seed.ts";
import { hostileInput, type HostileKind } from "./adversarial-inputs.ts";

const [kind, size] = process.argv.slice(2);
if (!kind || !size) throw new Error("usage: adversarial-child.ts <kind> <bytes>");
const db = openDb(":memory:");
seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
const { name, bytes } = hostileInput(kind as HostileKind, Number(size));
const baselineKb = process.resourceUsage().maxRSS;
const t0 = performance.now();
const report = ingestBytes(db, name, bytes, { overrides: { published: "2025-10-13" } });
const ms = performance.now() - t0;
closeDb(db);
console.log(JSON.stringify({ ok: report.ok, error: report.error ?? null, bytes: bytes.length, ms, baselineKb, peakKb: process.resourceUsage().maxRSS }));
