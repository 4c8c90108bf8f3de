/**
 * Ingest's cost beside another checkout's, in one process: `npx tsx bench/ingest-side-by-side.ts <other root>
 * [rounds] [articles]` loads this tree's and the other tree's ingest (each with its own schema, seed and code),
 * and round by round, in alternation, ingests the ingest bench's generated seed-sized articles (1,000 unless told)
 * into a fresh file database seeded by that tree (not timed), exactly as the bench does (ingestFiles). Prints CPU
 * ms per article for each round with the load average beside it, and the ratio this/other. Alternating in one
 * process lets the machine's load fall on both alike, which two bench runs minutes apart on a shared machine do
 * not. The bench runs on one core: run this one so too (`taskset -c 0 npx tsx …`). Make the other tree with
 * `git worktree add /tmp/base <commit>` (or `git archive <commit> | tar -x -C /tmp/base` and a node_modules link).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/db/client.ts";
import { alternate, summary } from "./side-by-side.ts";

interface Tree {
  name: string;
  /** Ingests the articles into a fresh store; CPU ms per article. */
  round: () => number;
}

async function loadTree(name: string, root: string, files: readonly string[], dir: string): Promise<Tree> {
  const client = (await import(path.join(root, "src/db/client.ts"))) as typeof import("../src/db/client.ts");
  const seed = (await import(path.join(root, "src/store/seed.ts"))) as typeof import("../src/store/seed.ts");
  const ingest = (await import(path.join(root, "src/ingest/index.ts"))) as typeof import("../src/ingest/index.ts");
  const data = path.join(dir, `${name}-data`);
  mkdirSync(path.join(data, "gazetteer"), { recursive: true });
  copyFileSync(path.join(root, "data", "gazetteer", "core.yaml"), path.join(data, "gazetteer", "core.yaml"));
  let n = 0;
  return {
    name,
    round: () => {
      const file = path.join(dir, `${name}-${++n}.sqlite`);
      const db = client.openDb(file);
      try {
        seed.seedAll(db, data);
        const start = process.cpuUsage();
        const reports = ingest.ingestFiles(db, files);
        const used = process.cpuUsage(start);
        const failed = reports.filter((r) => !r.ok || r.outcome !== "created").length;
        if (failed) throw new Error(`${name}: ${failed} articles did not ingest as new`);
        return (used.user + used.system) / 1000 / files.length;
      } finally {
        client.closeDb(db);
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
      }
    },
  };
}

const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" ");

async function main(argv: readonly string[]): Promise<void> {
  const [otherRoot, roundsArg = "4", articlesArg = "1000"] = argv;
  if (!otherRoot) throw new Error("usage: tsx bench/ingest-side-by-side.ts <other root> [rounds] [articles]");
  const dir = mkdtempSync(path.join(os.tmpdir(), "ingest-side-"));
  try {
    // One set of articles for both (this tree's generator).
    const { generateArticles } = await import("./ingest.bench.ts");
    mkdirSync(path.join(dir, "articles"));
    const { files } = generateArticles(path.join(dir, "articles"), Number(articlesArg));
    const other = await loadTree("other", path.resolve(otherRoot), files, dir);
    const self = await loadTree("this", projectRoot, files, dir);
    const { other: a, self: b } = alternate(other, self, Number(roundsArg), (tree, r) => {
      const ms = tree.round();
      console.log(`round ${r + 1} ${tree.name}: ${ms.toFixed(3)} CPU ms/article (load ${load()})`);
      return ms;
    });
    console.log(summary(files.length, a, b));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
