/**
 * What the extractor outputs, as one hash: `npx tsx bench/extract-identity.ts [dump.json] [--expect <sha256>]` runs this tree's
 * extractArticle over the articles bench/extract-side-by-side.ts measures (the ingest bench's 1,000 generated
 * articles and the dev set), the test fixtures' articles, the seed and the incident fixtures (each dev-set and
 * fixture article also without its publication date), and prints a SHA-256 of the canonical JSON of every
 * extraction. A change made for speed alone must leave the hash as it was; the dump (canonical JSON, one article a
 * line) shows where two trees differ (`diff` two dumps). With --expect, a different hash fails (exit code 1).
 *
 * Blind files: a dev-set article whose gold keeps it aside in a round not yet scored is never run through the
 * extractor (test/fixtures/devset/README.md), nor one without gold yet.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/db/client.ts";
import { extractArticle } from "../src/ingest/extract.ts";
import { parseArticle } from "../src/ingest/parse.ts";
import { blind } from "./extract-side-by-side.ts";
import { coreAliasIndex } from "./score-extract.ts";
import { generateArticles } from "./ingest.bench.ts";

/** JSON with object keys sorted and undefined left out, so that only values (and array order) count. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v: unknown) => (v === undefined ? "null" : canonical(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

function main(argv: readonly string[]): void {
  const expectAt = argv.indexOf("--expect");
  const expected = expectAt >= 0 ? argv[expectAt + 1] : undefined;
  const [dumpFile] = argv.filter((_, i) => expectAt < 0 || (i !== expectAt && i !== expectAt + 1));
  const index = coreAliasIndex();

  const { files: generated } = generateArticles(mkdtempSync(path.join(os.tmpdir(), "extract-identity-gen-")), 1000);
  const devDir = path.join(projectRoot, "test", "fixtures", "devset");
  const dev = readdirSync(devDir)
    .filter((f) => f.endsWith(".md") && f !== "README.md" && !blind(f.slice(0, -3)))
    .sort()
    .map((f) => path.join(devDir, f));
  const fixtureDirs = [path.join(projectRoot, "test", "fixtures", "articles"), path.join(projectRoot, "test", "fixtures", "incidents"), path.join(projectRoot, "data", "articles")];
  const fixtures = fixtureDirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.(md|txt|html)$/.test(f))
      .sort()
      .map((f) => path.join(d, f)),
  );
  const now = new Date("2026-12-01T00:00:00Z");
  const runs: { name: string; file: string; dropDate: boolean }[] = [
    ...generated.map((f) => ({ name: `generated/${path.basename(f)}`, file: f, dropDate: false })),
    ...[...dev, ...fixtures].flatMap((f) => {
      const name = path.relative(projectRoot, f);
      return [
        { name, file: f, dropDate: false },
        { name: `${name} (no date)`, file: f, dropDate: true },
      ];
    }),
  ];
  const hash = createHash("sha256");
  const lines: string[] = [];
  let n = 0;
  for (const run of runs) {
    const article = parseArticle(path.basename(run.file), readFileSync(run.file), {}, now);
    const out = canonical({ name: run.name, extraction: extractArticle(article.paragraphs, index, run.dropDate ? undefined : article.published) });
    hash.update(out).update("\n");
    if (dumpFile) lines.push(out);
    n++;
  }
  if (dumpFile) writeFileSync(dumpFile, `${lines.join("\n")}\n`);
  const sha256 = hash.digest("hex");
  console.log(JSON.stringify({ articles: n, sha256 }));
  if (expected !== undefined && sha256 !== expected) {
    console.error(`extraction output changed: expected ${expected}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
