/**
 * Extraction's cost beside another checkout's, in one process: `npx tsx bench/extract-side-by-side.ts <other root>
 * [rounds]` loads this tree's and the other tree's extractor (each with its own gazetteer index), runs both over the
 * same articles (the ingest bench's 1,000 generated seed-sized articles and the dev set) round by round in
 * alternation on the same core, and prints CPU ms per article and the ratio this/other. Alternating in one process
 * lets the machine's load fall on both alike, which two bench runs minutes apart on a shared machine do not.
 * Make the other tree with `git worktree add /tmp/base <commit>` (or `git archive <commit> | tar -x -C /tmp/base`
 * and a node_modules link).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/db/client.ts";
import { alternate, summary } from "./side-by-side.ts";

/**
 * The last held-out round already scored (test/fixtures/devset/README.md). A later round's texts are blind: nothing
 * runs the extractor on them before the one score that tests the rules, so the bench leaves them out.
 */
export const LAST_SCORED_ROUND = 16;

/**
 * Whether a gold belongs to a round not yet scored. Keyed on the round alone: a later round's gold that forgot
 * `"heldOut": true` is still blind.
 */
export function blindGold(gold: { heldOut?: boolean; round?: number }): boolean {
  return (gold.round ?? (gold.heldOut === true ? 1 : 0)) > LAST_SCORED_ROUND;
}

/** Whether an article's gold keeps it aside in a round not yet scored (an article with no gold counts as blind). */
export function blind(article: string): boolean {
  const goldFile = path.join(projectRoot, "test", "gold", "devset", `${article}.gold.json`);
  if (!existsSync(goldFile)) return true;
  return blindGold(JSON.parse(readFileSync(goldFile, "utf8")) as { heldOut?: boolean; round?: number });
}

interface Tree {
  run: () => void;
  articles: number;
}

async function loadTree(root: string): Promise<Tree> {
  const client = (await import(path.join(root, "src/db/client.ts"))) as typeof import("../src/db/client.ts");
  const seed = (await import(path.join(root, "src/store/seed.ts"))) as typeof import("../src/store/seed.ts");
  const aliases = (await import(path.join(root, "src/store/alias-index.ts"))) as typeof import("../src/store/alias-index.ts");
  const parse = (await import(path.join(root, "src/ingest/parse.ts"))) as typeof import("../src/ingest/parse.ts");
  const extract = (await import(path.join(root, "src/ingest/extract.ts"))) as typeof import("../src/ingest/extract.ts");
  const ingestBench = (await import(path.join(root, "bench/ingest.bench.ts"))) as typeof import("./ingest.bench.ts");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "extract-vs-"));
  mkdirSync(path.join(dataDir, "gazetteer"));
  mkdirSync(path.join(dataDir, "articles"));
  copyFileSync(path.join(root, "data", "gazetteer", "core.yaml"), path.join(dataDir, "gazetteer", "core.yaml"));
  const db = client.openDb(":memory:");
  seed.seedAll(db, dataDir, new Date("2025-03-25T00:00:00Z"));
  const index = aliases.loadAliasIndex(db);
  const { files } = ingestBench.generateArticles(mkdtempSync(path.join(os.tmpdir(), "extract-vs-gen-")), 1000);
  const devDir = path.join(projectRoot, "test", "fixtures", "devset");
  const dev = readdirSync(devDir)
    .filter((f) => f.endsWith(".md") && f !== "README.md" && !blind(f.slice(0, -3)))
    .map((f) => path.join(devDir, f));
  const articles = [...files, ...dev].map((f) => parse.parseArticle(path.basename(f), readFileSync(f), {}, new Date("2026-12-01T00:00:00Z")));
  return {
    articles: articles.length,
    run: () => {
      for (const a of articles) extract.extractArticle(a.paragraphs, index, a.published);
    },
  };
}

function cpuMsPerArticle(tree: Tree): number {
  const start = process.cpuUsage();
  tree.run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / tree.articles;
}

async function main(argv: readonly string[]): Promise<void> {
  const [otherRoot, roundsArg = "12"] = argv;
  if (!otherRoot) throw new Error("usage: tsx bench/extract-side-by-side.ts <other root> [rounds]");
  const other = await loadTree(path.resolve(otherRoot));
  const self = await loadTree(projectRoot);
  for (let w = 0; w < 2; w++) {
    cpuMsPerArticle(other);
    cpuMsPerArticle(self);
  }
  const { other: a, self: b } = alternate(other, self, Number(roundsArg), cpuMsPerArticle);
  console.log(summary(self.articles, a, b));
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
