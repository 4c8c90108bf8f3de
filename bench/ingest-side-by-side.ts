/**
 * Ingest's cost beside another checkout's: `npx tsx bench/ingest-side-by-side.ts <other root> [rounds] [articles]
 * [--one-process]` ingests, with this tree's code and with the other tree's (each with its own schema, seed and
 * code), the ingest bench's generated seed-sized articles (1,000 unless told) into a fresh file database seeded by
 * that tree (not timed), exactly as the bench does (ingestFiles). Prints CPU ms per article with the load average
 * beside it, and the ratio this/other. Each tree runs in child processes of its own, in blocks of four children —
 * other, this, this, other — each warming up one round and measuring two (`rounds` per tree makes rounds/4 blocks),
 * so a host whose speed drifts weighs on both alike. With --one-process both trees run in this process, round by
 * round in alternation, as the bench did first; there a tree beside a copy of itself measured 0.87× and 0.96× (4
 * December 2026), and bench/extract-side-by-side.ts's one-process runs favoured the tree warmed up first by 8–14%. The bench runs on one core: run this one so too (`taskset -c 0 npx tsx …`). Make the other tree with
 * `git worktree add /tmp/base <commit>` (or `git archive <commit> | tar -x -C /tmp/base` and a node_modules link).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../src/db/client.ts";
import { alternate, inChildBlocks, runChild, summary } from "./side-by-side.ts";

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

const CHILD_FLAG = "--ingest-child";

/** A child's work: one tree, one round of warm-up, then `rounds` rounds measured, printed as a JSON line. */
async function child(root: string, rounds: number, listFile: string): Promise<void> {
  const files = JSON.parse(readFileSync(listFile, "utf8")) as string[];
  const dir = mkdtempSync(path.join(os.tmpdir(), "ingest-side-child-"));
  try {
    const tree = await loadTree("tree", root, files, dir);
    tree.round();
    const figures: number[] = [];
    for (let r = 0; r < rounds; r++) figures.push(tree.round());
    console.log(JSON.stringify({ figures }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === CHILD_FLAG) return child(argv[1] ?? "", Number(argv[2]), argv[3] ?? "");
  const onePass = argv.includes("--one-process");
  const [otherRoot, roundsArg = "4", articlesArg = "1000"] = argv.filter((a) => a !== "--one-process");
  if (!otherRoot) throw new Error("usage: tsx bench/ingest-side-by-side.ts <other root> [rounds] [articles] [--one-process]");
  const dir = mkdtempSync(path.join(os.tmpdir(), "ingest-side-"));
  try {
    // One set of articles for both (this tree's generator).
    const { generateArticles } = await import("./ingest.bench.ts");
    mkdirSync(path.join(dir, "articles"));
    const { files } = generateArticles(path.join(dir, "articles"), Number(articlesArg));
    if (!onePass) {
      const listFile = path.join(dir, "files.json");
      writeFileSync(listFile, JSON.stringify(files));
      const { other: others, self: selves } = inChildBlocks(path.resolve(otherRoot), projectRoot, Number(roundsArg), (root, tree, b) => {
        const { figures } = runChild<{ figures: number[] }>(fileURLToPath(import.meta.url), [CHILD_FLAG, root, "2", listFile]);
        console.log(`block ${b + 1} ${tree}: ${figures.map((ms) => ms.toFixed(3)).join(", ")} CPU ms/article (load ${load()})`);
        return figures;
      });
      console.log(summary(files.length, others, selves));
      return;
    }
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
