#!/usr/bin/env node
// `npm run build` (and npm install, through "prepare"): compiles src/cli.ts, src/main.ts and the worker threads (ACLED parse, pictures) to
// plain JavaScript in dist/ with esbuild, so `npx borderdesk` and `npm start` start without transpiling TypeScript
// on every run. Optional: when dist/ is missing or older than the sources, the launchers run the TypeScript through
// tsx as before. A failed build says so in one line and leaves install alone.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Builds into `outdir` (default dist/); returns true when it did. `extra`: more entry points built the same way
 * beside the product's (name → source file), e.g. the load bench's bot, so a bench measures the compiled product.
 */
export async function build(outdir = path.join(root, "dist"), extra = {}) {
  const esbuild = await import("esbuild");
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: {
      cli: path.join(root, "src", "cli.ts"),
      main: path.join(root, "src", "main.ts"),
      "parse-worker": path.join(root, "src", "acled", "parse-worker.ts"),
      "pool-worker": path.join(root, "src", "pool", "worker.ts"),
      ...extra,
    },
    outdir,
    bundle: true,
    // A dynamic import() (the Discord client in `borderdesk register`) becomes its own chunk, loaded only when used.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    // node_modules stay where they are: loaded by Node as usual (and lazily where the code asks for it).
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
  });
  return true;
}

// `node bin/build.js [outdir] [name=source.ts …]`: the extra entries are built beside the product's.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outdir = args[0] && !args[0].includes("=") ? path.resolve(args.shift()) : undefined;
  const extra = Object.fromEntries(args.map((a) => [a.slice(0, a.indexOf("=")), path.resolve(a.slice(a.indexOf("=") + 1))]));
  build(outdir, extra).catch((err) => {
    process.stderr.write(`borderdesk: could not compile to dist/ (${err instanceof Error ? err.message.split("\n")[0] : String(err)}); the TypeScript will run through tsx instead.\n`);
  });
}
