import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";

/**
 * Worker threads that run both ways the project runs: compiled (dist/, bin/build.js makes one entry file per
 * worker) and as TypeScript through tsx (a worker does not inherit tsx's loader, so the boot script registers it).
 */
const BOOT = `
const { workerData } = require("node:worker_threads");
if (workerData.tsxApi) import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });
else import(workerData.entry);
`;

/** Compiled (dist/, npm run build): this module is JavaScript, and so are the workers' entry files. */
const COMPILED = !import.meta.url.endsWith(".ts");

/**
 * dist/<name>.js. This module may be bundled into dist/ itself or into a chunk under dist/chunks/ (code shared by
 * the entry points), so both places are looked at.
 */
function compiledEntry(name: string): string {
  const candidates = [new URL(`./${name}.js`, import.meta.url), new URL(`../${name}.js`, import.meta.url)];
  const found = candidates.find((u) => existsSync(fileURLToPath(u)));
  if (!found) throw new Error(`the worker ${name}.js is missing from dist/ (run npm run build)`);
  return found.href;
}

export interface WorkerSpec {
  /** The worker's TypeScript source (new URL("./x.ts", import.meta.url) in the caller). */
  source: URL;
  /** Its entry name in bin/build.js (dist/<compiled>.js). */
  compiled: string;
  workerData?: Record<string, unknown>;
  resourceLimits?: ResourceLimits;
}

export function startWorker(spec: WorkerSpec): Worker {
  return new Worker(BOOT, {
    eval: true,
    workerData: {
      ...spec.workerData,
      tsxApi: COMPILED ? null : import.meta.resolve("tsx/esm/api"),
      entry: COMPILED ? compiledEntry(spec.compiled) : spec.source.href,
    },
    ...(spec.resourceLimits ? { resourceLimits: spec.resourceLimits } : {}),
  });
}
