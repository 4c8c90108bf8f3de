import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/db/client.ts";

const bin = path.join(projectRoot, "bin", "borderdesk.js");
const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), "borderdesk-acled-cli-")), "cli.sqlite");
const CURRENT = path.join(import.meta.dirname, "fixtures", "current.csv");

function borderdesk(...args: string[]): { status: number | null; json: Record<string, unknown>; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args, "--db", dbFile, "--json"], { cwd: projectRoot, encoding: "utf8", timeout: 60_000, env: { ...process.env, LOG_LEVEL: "silent" } });
  return { status: run.status, json: JSON.parse(run.stdout) as Record<string, unknown>, stderr: run.stderr };
}

describe("npx borderdesk import acled", () => {
  it("imports an export, reports skipped rows with their lines, and exits 1 because rows were skipped", () => {
    const r = borderdesk("import", "acled", CURRENT);
    expect(r.status, r.stderr).toBe(1);
    // Two rows were skipped, so the desk does not have everything: ok is false, with the counts.
    expect(r.json).toMatchObject({ ok: false, layout: "current", rows: 6, created: 4, skipped: 2 });
    expect((r.json.problems as { line: number }[]).map((p) => p.line)).toEqual([5, 6]);
  });

  it("says so when the file is missing", () => {
    const r = borderdesk("import", "acled", path.join(projectRoot, "no-such.csv"));
    expect(r.status).toBe(1);
    expect(r.json).toEqual({ ok: false, error: "the file does not exist" });
  });
});
