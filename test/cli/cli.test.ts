import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { projectRoot } from "../../src/db/client.ts";
import type { ExtractionPreview } from "../../src/ingest/preview.ts";

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

  it("extract previews exactly what ingest then stores, and writes nothing", () => {
    const file = path.join("test", "fixtures", "articles", "wire-report.md");
    const r = borderdesk("extract", file);
    expect(r.status, r.stderr).toBe(0);
    const p = r.json as ExtractionPreview;
    expect(p.quotes.length).toBeGreaterThan(0);
    expect(p.events.length).toBeGreaterThan(0);
    // Nothing was written: the store still has no article by that name.
    const db = new Database(dbFile, { readonly: true });
    try {
      const count = (): number => db.prepare("select count(*) from articles where source_path = ?").pluck().get(file) as number;
      expect(count()).toBe(0);
      expect(borderdesk("ingest", file).status).toBe(0);
      expect(count()).toBe(1);
      const quotes = db
        .prepare("select q.text, q.speaker_text as name, e.slug, q.is_fragment as fragment from quotes q join articles a on a.id = q.article_id left join entities e on e.id = q.speaker_id where a.source_path = ? order by q.id")
        .all(file) as { text: string; name: string | null; slug: string | null; fragment: number }[];
      expect(p.quotes.map((q) => ({ text: q.text, name: q.speaker?.name ?? null, slug: q.speaker?.slug ?? null, fragment: q.fragment ? 1 : 0 }))).toEqual(quotes);
      const events = db
        .prepare("select ev.occurred_on as date, ev.precision, ev.type, p.slug as place, ev.killed, ev.injured from events ev join articles a on a.id = ev.article_id left join entities p on p.id = ev.place_id where a.source_path = ? order by ev.id")
        .all(file);
      expect(p.events.map((e) => ({ date: e.date, precision: e.precision, type: e.type, place: e.place?.slug ?? null, killed: e.killed, injured: e.injured }))).toEqual(events);
      const candidates = db.prepare("select count(*) from candidates c join articles a on a.id = c.article_id where a.source_path = ?").pluck().get(file) as number;
      expect(p.candidates.reduce((n, c) => n + c.count, 0)).toBe(candidates);
    } finally {
      db.close();
    }
    }, 120_000); // three runs of the CLI, each seconds long on a loaded machine

  it("extract refuses a file ingest would refuse, politely", () => {
    const run = spawnSync(process.execPath, [bin, "extract", path.join("test", "fixtures", "bad", "empty.txt"), "--db", dbFile, "--json"], { cwd: projectRoot, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/empty\.txt: .*empty/);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  }, 60_000);

  it("incidents --date prints the day's incidents once each, with their reports, claims and sources", () => {
    const r = borderdesk("incidents", "--date", "2025-01-11");
    expect(r.status, r.stderr).toBe(0);
    const out = r.json as { ok: boolean; date: string; total: number; incidents: { type: string; report_count: number; outlet_count: number; reports: { source: string }[]; claims: { by: string | null }[]; sources: { title: string }[] }[] };
    expect(out).toMatchObject({ ok: true, date: "2025-01-11" });
    // The seed article and the curated timeline report the Kunar accusation: one incident, two reports.
    const kunar = out.incidents.filter((i) => i.type === "accusation");
    expect(kunar).toHaveLength(1);
    expect(kunar[0]?.reports.map((x) => x.source).sort()).toEqual(["article", "timeline"]);
    expect(kunar[0]?.outlet_count).toBe(2);
    expect(kunar[0]?.claims.map((c) => c.by)).toContain("Zabihullah Mujahid");
    expect(kunar[0]?.sources.map((x) => x.title)).toContain("Pak-Afghan Tensions and the TTP");
    const bad = borderdesk("incidents", "--date", "2025-02-30");
    expect(bad.status).toBe(2);
    expect(bad.json).toEqual({ ok: false, error: '"2025-02-30" is not a calendar date (YYYY-MM-DD)' });
  }, 120_000);

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
