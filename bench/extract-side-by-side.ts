/**
 * Extraction's cost beside another checkout's: `npx tsx bench/extract-side-by-side.ts <other root> [rounds]
 * [--one-process]` runs this tree's and the other tree's extractor (each with its own gazetteer index) over the same
 * articles (the ingest bench's 1,000 generated seed-sized articles and the dev set) on the same core, and prints CPU
 * ms per article (each tree's fastest and median round) and the ratio this/other.
 *
 * Each tree runs in child processes of its own, in blocks of four children — other, this, this, other — each of
 * which warms up two rounds and then measures two; `rounds` per tree makes rounds/4 blocks. A host whose speed drifts
 * over minutes then weighs on both trees alike (one long child per tree did not: the same tree's rounds differed by
 * 1.5× between its two children on a quiet machine), and neither tree's run shapes the other's. With --one-process both run in this process, round by round in alternation, as the bench did first:
 * there the tree warmed up first measured 8–14% faster in every round, whichever it was (a tree beside an identical
 * copy of itself: ratio of mins 1.14 and 1.18 with this tree warmed second, 0.92 with it first; a loop of each tree's
 * own did not help; 4 December 2026), so the in-process ratio holds a bias of that size against this tree.
 * Make the other tree with `git worktree add /tmp/base <commit>` (or `git archive <commit> | tar -x -C /tmp/base`
 * and a node_modules link).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../src/db/client.ts";
import { alternate, inChildBlocks, runChild, summary } from "./side-by-side.ts";

/**
 * The last held-out round already scored (test/fixtures/devset/README.md). A later round's texts are blind: nothing
 * runs the extractor on them before the one score that tests the rules, so the bench leaves them out.
 */
export const LAST_SCORED_ROUND = 21;

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

const CHILD_FLAG = "--extract-child";

/** A child's work: one tree, two rounds of warm-up, then `rounds` rounds measured, printed as a JSON line. */
async function child(root: string, rounds: number): Promise<void> {
  const tree = await loadTree(root);
  for (let w = 0; w < 2; w++) cpuMsPerArticle(tree);
  const figures: number[] = [];
  for (let r = 0; r < rounds; r++) figures.push(cpuMsPerArticle(tree));
  console.log(JSON.stringify({ articles: tree.articles, figures }));
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === CHILD_FLAG) return child(argv[1] ?? "", Number(argv[2]));
  const onePass = argv.includes("--one-process");
  const [otherRoot, roundsArg = "12"] = argv.filter((a) => a !== "--one-process");
  if (!otherRoot) throw new Error("usage: tsx bench/extract-side-by-side.ts <other root> [rounds] [--one-process]");
  if (!onePass) {
    let articles = 0;
    const { other, self } = inChildBlocks(path.resolve(otherRoot), projectRoot, Number(roundsArg), (root) => {
      const run = runChild<{ articles: number; figures: number[] }>(fileURLToPath(import.meta.url), [CHILD_FLAG, root, "2"]);
      articles = run.articles;
      return run.figures;
    });
    console.log(summary(articles, other, self));
    return;
  }
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
