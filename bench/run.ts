/**
 * `npm run bench [-- name…]`: runs every bench/<name>.bench.ts (or the named ones), prints one table and
 * rewrites that bench's section of BENCHMARKS.md, leaving the other sections as they were.
 * `npm run bench -- --tiny [name…]`: the same benches at tiny size (what the smoke test runs); prints, writes nothing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Bench, BenchResult, BenchSize } from "./types.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const outFile = path.join(here, "..", "BENCHMARKS.md");

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1) ?? "?"} at the start`;
}

function table(rows: readonly BenchResult[]): string {
  const lines = ["| What | Metric | Value | Baseline (same run) | Ratio | Target |", "|---|---|---|---|---|---|"];
  for (const r of rows) lines.push(`| ${r.name} | ${r.metric} | ${r.value} | ${r.baseline ?? ""} | ${r.ratio ?? ""} | ${r.target ? `${r.target} ${r.met ? "✅" : "❌"}` : ""} |`);
  return lines.join("\n");
}

function section(name: string, rows: readonly BenchResult[], when: Date): string {
  return [
    `<!-- bench:${name} -->`,
    `## ${name}`,
    "",
    `Measured ${when.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}.`,
    `Reproduce: \`npm run bench -- ${name}\` (all benches: \`npm run bench\`).`,
    "",
    table(rows),
    `<!-- /bench:${name} -->`,
  ].join("\n");
}

const HEADER = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts), which runs every \`bench/<name>.bench.ts\`. Each section below is
replaced when its bench runs again; sections of benches not run are kept as they were. A throughput target is a
ratio to a baseline measured in the same run on the same machine (the plainest way to do the same work), printed
beside the absolute figure: absolute figures move with the host, the ratio should not. \`npm test\` runs every
bench at a tiny size (test/bench/smoke.test.ts), so a bench that no longer runs fails the build.
`;

function writeReport(sections: Map<string, string>): void {
  const existing = existsSync(outFile) ? readFileSync(outFile, "utf8") : "";
  const kept = new Map<string, string>();
  for (const m of existing.matchAll(/<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g)) if (m[1]) kept.set(m[1], m[0]);
  for (const [name, text] of sections) kept.set(name, text);
  const body = [...kept.keys()].sort().map((k) => kept.get(k) ?? "");
  // What stands before the first section (the header, and any note a person added about the runs) is kept.
  const first = existing.indexOf("<!-- bench:");
  const head = first > 0 ? existing.slice(0, first).trimEnd() + "\n" : HEADER;
  writeFileSync(outFile, `${head}\n${body.join("\n\n")}\n`);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const size: BenchSize = process.argv.includes("--tiny") ? "tiny" : "full";
  const files = readdirSync(here)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort()
    .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, "")));
  if (files.length === 0) {
    console.error(`No bench matches ${wanted.join(", ")}. Available: ${readdirSync(here).filter((f) => f.endsWith(".bench.ts")).join(", ")}`);
    process.exitCode = 2;
    return;
  }
  const sections = new Map<string, string>();
  const all: BenchResult[] = [];
  let missed = false;
  for (const f of files) {
    const name = f.replace(/\.bench\.ts$/, "");
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: Bench };
    console.log(`running ${name}${size === "tiny" ? " (tiny)" : ""}…`);
    const results = await mod.default({ size });
    all.push(...results);
    if (results.some((r) => r.met === false)) missed = true;
    sections.set(name, section(name, results, new Date()));
  }
  console.log(`\n${machine()}\n\n${table(all)}\n`);
  if (size === "tiny") return; // tiny figures mean nothing: printed, never written
  writeReport(sections);
  console.log(`written to ${path.relative(process.cwd(), outFile)}`);
  if (missed) process.exitCode = 1;
}

await main();
