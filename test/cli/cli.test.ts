import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/db/client.ts";

const bin = path.join(projectRoot, "bin", "borderdesk.js");
const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), "borderdesk-cli-")), "cli.sqlite");

/** Runs the real CLI the way a user does (`npx borderdesk …` runs this same launcher), against a throwaway database. */
function borderdesk(...args: string[]): { status: number | null; json: unknown; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args, "--db", dbFile, "--json"], {
    cwd: projectRoot,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, LOG_LEVEL: "silent" },
  });
  let json: unknown;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw new Error(`borderdesk ${args.join(" ")} did not print one JSON document:\n${run.stdout}\n${run.stderr}`);
  }
  return { status: run.status, json, stderr: run.stderr };
}

// One database through the commands in the order a new desk would use them; each step depends on the last.
describe("the borderdesk CLI", () => {
  it("db migrate creates the database", () => {
    const r = borderdesk("db", "migrate");
    expect(r.status).toBe(0);
    expect(r.json).toEqual({ ok: true, database: dbFile });
  });

  it("db seed loads the gazetteer, timeline and demo article from data/", () => {
    const r = borderdesk("db", "seed");
    expect(r.status, r.stderr).toBe(0);
    const s = r.json as { gazetteer: { entities: number; applied: boolean }; timeline: { applied: boolean }; articles: { ok: boolean; outcome: string }[] };
    expect(s.gazetteer.applied).toBe(true);
    expect(s.gazetteer.entities).toBeGreaterThan(40);
    expect(s.articles.map((a) => [a.ok, a.outcome])).toEqual([[true, "created"]]);
  });

  it("ingest takes --published for a file without a date, and reports what it found", () => {
    const r = borderdesk("ingest", path.join("test", "fixtures", "articles", "plain-news.txt"), "--published", "2025-03-20");
    expect(r.status, r.stderr).toBe(0);
    const out = r.json as { ok: boolean; results: { ok: boolean; outcome: string; article: { published: string; quotes: number; candidates: string[] } }[] };
    expect(out.ok).toBe(true);
    expect(out.results[0]).toMatchObject({ ok: true, outcome: "created", article: { published: "2025-03-20", quotes: 4 } });
    expect(out.results[0]?.article.candidates).toContain("Rashid Noorzai");
  });

  it("entities TTP finds Tehreek-e-Taliban Pakistan through its abbreviation", () => {
    const r = borderdesk("entities", "TTP");
    expect(r.status).toBe(0);
    const list = r.json as { slug: string; name: string; kind: string; mentions: number; aliases: { text: string; kind: string }[] }[];
    expect(list[0]).toMatchObject({ slug: "ttp", name: "Tehreek-e-Taliban Pakistan", kind: "organisation" });
    expect(list[0]?.mentions).toBeGreaterThan(0);
    expect(list[0]?.aliases).toContainEqual(expect.objectContaining({ text: "TTP", kind: "abbreviation" }));
  });

  it("candidates lists the names the gazetteer does not know, with the articles they came from", () => {
    const r = borderdesk("candidates");
    expect(r.status).toBe(0);
    const list = r.json as { text: string; kind: string; occurrences: number; articles: string[] }[];
    expect(list).toContainEqual({ text: "Rashid Noorzai", kind: "person", occurrences: 2, articles: ["plain-news"] });
  });
});
