// Runs one of borderdesk's entry points: the compiled dist/<name>.js when it is there and newer than every source
// file (npm install builds it), in this process; otherwise the TypeScript through tsx in a child process, as before.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** dist/<name>.js, when it was built after the last change to src/ and commands/. */
export function compiledEntry(name) {
  const file = path.join(root, "dist", `${name}.js`);
  if (!existsSync(file)) return undefined;
  const built = statSync(file).mtimeMs;
  return newestSource(path.join(root, "src")) <= built && newestSource(path.join(root, "commands")) <= built ? file : undefined;
}

/**
 * `name`: "cli" or "main". Resolves with the compiled module (its exports) when it ran in this process; runs the
 * TypeScript in a child through tsx otherwise and exits with its status.
 */
export async function launch(name, source) {
  const compiled = compiledEntry(name);
  if (compiled) return import(pathToFileURL(compiled).href);
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawn(process.execPath, [tsxCli, path.join(root, source), ...process.argv.slice(2)], { stdio: "inherit" });
  // The child is the program: a stop signal goes to it, and its exit is ours.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.once("exit", (status, signal) => resolve(status ?? (signal ? 128 : 1))));
  process.exit(code);
}
