/**
 * Scores extraction against the hand-annotated development set (test/gold/devset, texts in test/fixtures/devset):
 * the same preview `borderdesk extract --json` prints, compared with what a reader wrote down before the
 * extractor ran. `npm run score:extract` scores the development part; `-- --held-out` the part kept aside in the
 * first round (seen once since, so no longer blind); `-- --held-out-2` the second round's (scored blind once, then
 * moved into the development part); `-- --held-out-3` the third round's, `-- --held-out-4` the fourth's and so on (gold
 * committed before each was ever scored); `-- --all` every article; `-- --verbose` lists every miss; `-- --json` prints the figures as JSON.
 *
 * Categories (issue 14's targets in brackets):
 * - speaker right: gold quotes found with the gold speaker, over all gold quotes (a missed quote counts wrong) [≥ 85%]
 * - quotes credited to an outlet or wire service that only reported them [0]
 * - junk among new names: distinct candidate names that name no person, organisation or place of the text [≤ 3%];
 *   an outlet the gold lists under `outlets` is a name of the text, no junk (from the tenth round on)
 * - new names found: the gold's new names (id null) among the candidates, over all of them (recall; no target, but
 *   a rule that lowers junk by dropping real new names shows here). JSON: names.newGold, names.newFound, names.newMissed
 * - day-precision event dates right: stored day-precision events whose date is a gold event's date [≥ 85%],
 *   and how many gold events were found at all
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, projectRoot } from "../src/db/client.ts";
import { previewExtraction, readArticleFile, type ExtractionPreview } from "../src/ingest/preview.ts";
import type { AliasIndex } from "../src/ingest/matcher.ts";
import { loadAliasIndex } from "../src/store/alias-index.ts";
import { seedAll } from "../src/store/seed.ts";
import { blindGold } from "./extract-side-by-side.ts";
import { normalizeName } from "../src/text/normalize.ts";

interface DevGold {
  article: string;
  source: "real" | "written";
  heldOut: boolean;
  /** Which held-out round the article was kept aside in (1 when absent on a held-out article); kept when a later round moves it into the development part. */
  round?: number;
  published: string;
  names: { text: string; kind: string; id: string | null; also?: string[] }[];
  outlets: string[];
  quotes: { text: string; speaker: string | null | (string | null)[]; fragment: boolean }[];
  events: { date: string; type: string }[];
}

/** Outlets and wire services a quote must never be credited to, besides those each article names. */
const WIRES = ["Reuters", "AFP", "Agence France-Presse", "AP", "Associated Press", "The Associated Press", "VOA", "Voice of America", "Dawn", "Dawn.com", "BBC", "Tolo News", "TOLOnews", "Al Jazeera", "Geo News", "Radio Pakistan", "Express Tribune", "Xinhua", "Anadolu"];

const quoteKey = (s: string): string => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').trim().replace(/[\s,.;:]+$/u, "");

export interface Score {
  articles: number;
  quotes: { gold: number; found: number; speakerRight: number; fragmentRight: number; toOutlet: number };
  /**
   * total/junk: distinct candidate names, and those naming nothing of the text. newGold/newFound: the gold's new
   * names (id null), and how many of them are among the candidates (recall of new names); newMissed lists the rest.
   */
  names: { total: number; junk: number; junkNames: string[]; newGold: number; newFound: number; newMissed: string[] };
  events: { storedDay: number; dayRight: number; gold: number; goldFound: number };
  misses: string[];
}

export function scoreArticle(gold: DevGold, p: ExtractionPreview, score: Score): void {
  const tag = gold.article;
  score.articles++;
  const nameVariants = new Map<string, string>();
  // (The gazetteer id of each gold name that has one, by its text.)
  const nameIds = new Map<string, string>();
  for (const n of gold.names) {
    for (const v of [n.text, ...(n.also ?? [])]) nameVariants.set(normalizeName(v), n.text);
    if (n.id) nameIds.set(n.text, n.id);
  }
  const outlets = new Set([...WIRES, ...gold.outlets].map(normalizeName));
  const goldOutlets = new Set(gold.outlets.map(normalizeName));

  for (const g of gold.quotes) {
    score.quotes.gold++;
    const q = p.quotes.find((x) => quoteKey(x.text) === quoteKey(g.text));
    if (!q) {
      score.misses.push(`${tag}: quote not found “${g.text.slice(0, 50)}”`);
      continue;
    }
    score.quotes.found++;
    if (q.fragment === g.fragment) score.quotes.fragmentRight++;
    else score.misses.push(`${tag}: fragment flag of “${g.text.slice(0, 40)}” is ${q.fragment}`);
    const accepted = Array.isArray(g.speaker) ? g.speaker : [g.speaker];
    const right = accepted.some((s) => {
      if (s === null) return q.speaker === null;
      if (s.startsWith("id:")) return q.speaker?.slug === s.slice(3);
      // (A gold speaker's name is one of the gold's names; an unknown name on both sides is no match.)
      const goldName = nameVariants.get(normalizeName(s));
      // (A gold speaker written as the name of a gold name the gazetteer holds, "Donald Trump" for id donald-trump, is
      // that entity: the extractor's link to it is right.)
      const id = goldName === undefined ? undefined : nameIds.get(goldName);
      if (id !== undefined && q.speaker?.slug === id) return true;
      return goldName !== undefined && q.speaker !== null && q.speaker.slug === null && nameVariants.get(normalizeName(q.speaker.name)) === goldName;
    });
    if (right) score.quotes.speakerRight++;
    else score.misses.push(`${tag}: speaker of “${g.text.slice(0, 40)}” is ${q.speaker ? `${q.speaker.name}${q.speaker.slug ? ` [${q.speaker.slug}]` : ""}` : "none"}, gold ${JSON.stringify(g.speaker)}`);
  }
  for (const q of p.quotes) {
    if (q.speaker && outlets.has(normalizeName(q.speaker.name))) {
      score.quotes.toOutlet++;
      score.misses.push(`${tag}: “${q.text.slice(0, 40)}” credited to the outlet ${q.speaker.name}`);
    }
  }

  const candidateNorms = new Set(p.candidates.map((c) => normalizeName(c.text)));
  const goldNew = new Set<string>();
  for (const n of gold.names) {
    if (n.id !== null || goldNew.has(normalizeName(n.text))) continue;
    goldNew.add(normalizeName(n.text));
    score.names.newGold++;
    if ([n.text, ...(n.also ?? [])].some((v) => candidateNorms.has(normalizeName(v)))) score.names.newFound++;
    else score.names.newMissed.push(`${tag}: ${n.text} (${n.kind})`);
  }

  const seen = new Set<string>();
  for (const c of p.candidates) {
    const norm = normalizeName(c.text);
    if (seen.has(norm)) continue;
    seen.add(norm);
    score.names.total++;
    // An outlet or agency the gold lists under `outlets` (a credit line's "AFP, AP and Reuters") is a real name of the
    // text, an organisation, so it is no junk; before the tenth round it was counted as junk (round 9's 5 of 73).
    if (!nameVariants.has(norm) && !goldOutlets.has(norm)) {
      score.names.junk++;
      score.names.junkNames.push(`${tag}: ${c.text} (${c.kind})`);
    }
  }

  const goldDates = new Set(gold.events.map((e) => e.date));
  for (const e of p.events) {
    if (e.precision !== "day") continue;
    score.events.storedDay++;
    if (goldDates.has(e.date)) score.events.dayRight++;
    else score.misses.push(`${tag}: event ${e.date} ${e.type} is no gold event (“${e.summary.slice(0, 60)}”)`);
  }
  for (const g of gold.events) {
    score.events.gold++;
    if (p.events.some((e) => e.precision === "day" && e.date === g.date)) score.events.goldFound++;
    else score.misses.push(`${tag}: gold event ${g.date} ${g.type} not stored`);
  }
}

const pct = (a: number, b: number): string => (b === 0 ? "—" : `${((100 * a) / b).toFixed(1)}%`);

export function describeScore(label: string, s: Score): string {
  return [
    `${label}: ${s.articles} articles`,
    `  speaker right            ${pct(s.quotes.speakerRight, s.quotes.gold)}  (${s.quotes.speakerRight} of ${s.quotes.gold} gold quotes; ${s.quotes.found} found)   target ≥ 85%`,
    `  quotes credited to outlet ${s.quotes.toOutlet}                                                        target 0`,
    `  junk among new names     ${pct(s.names.junk, s.names.total)}  (${s.names.junk} of ${s.names.total})                                   target ≤ 3%`,
    `  new names found          ${pct(s.names.newFound, s.names.newGold)}  (${s.names.newFound} of ${s.names.newGold} gold new names among the candidates)`,
    `  day event dates right    ${pct(s.events.dayRight, s.events.storedDay)}  (${s.events.dayRight} of ${s.events.storedDay} stored; ${s.events.goldFound} of ${s.events.gold} gold events found)   target ≥ 85%`,
    `  fragment flag right      ${pct(s.quotes.fragmentRight, s.quotes.found)}  (of quotes found)`,
  ].join("\n");
}

/**
 * The alias index of a store seeded from the core gazetteer only, as the gold tests use (the timeline files are edited
 * by others): what the scorer and bench/extract-identity.ts extract against.
 */
export function coreAliasIndex(): AliasIndex {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "borderdesk-score-"));
  mkdirSync(path.join(dataDir, "gazetteer"));
  mkdirSync(path.join(dataDir, "articles"));
  copyFileSync(path.join(projectRoot, "data", "gazetteer", "core.yaml"), path.join(dataDir, "gazetteer", "core.yaml"));
  const db = openDb(":memory:");
  seedAll(db, dataDir, new Date("2025-03-25T00:00:00Z"));
  return loadAliasIndex(db);
}

function main(argv: readonly string[]): void {
  // `--held-out-N` scores the articles kept aside in round N (`--held-out`: round 1), also after a later session
  // moved them into the development part; `--dev` (the default) scores what is not held out now.
  const roundArg = argv.find((a) => /^--held-out(?:-\d+)?$/.test(a));
  const round = roundArg === undefined ? undefined : Number(roundArg.replace(/^--held-out-?/, "") || "1");
  const which = argv.includes("--all") ? "all" : round === undefined ? "dev" : round === 1 ? "held-out" : `held-out-${round}`;
  const roundOf = (g: DevGold): number | undefined => g.round ?? (g.heldOut ? 1 : undefined);
  // The development part never takes a gold of a round not yet scored, even one that forgot `"heldOut": true`.
  const inPart = (g: DevGold): boolean =>
    which === "all" || (round === undefined ? !g.heldOut && !blindGold(g) : roundOf(g) === round);
  const goldDir = path.join(projectRoot, "test", "gold", "devset");
  const golds = readdirSync(goldDir)
    .filter((f) => f.endsWith(".gold.json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(goldDir, f), "utf8")) as DevGold)
    .filter(inPart);
  const index = coreAliasIndex();
  const empty = (): Score => ({ articles: 0, quotes: { gold: 0, found: 0, speakerRight: 0, fragmentRight: 0, toOutlet: 0 }, names: { total: 0, junk: 0, junkNames: [], newGold: 0, newFound: 0, newMissed: [] }, events: { storedDay: 0, dayRight: 0, gold: 0, goldFound: 0 }, misses: [] });
  const scores = { all: empty(), real: empty(), written: empty() };
  for (const g of golds) {
    const file = path.join(projectRoot, "test", "fixtures", "devset", `${g.article}.md`);
    const preview = previewExtraction(file, readArticleFile(file), index);
    scoreArticle(g, preview, scores.all);
    scoreArticle(g, preview, scores[g.source]);
  }
  if (argv.includes("--json")) {
    console.log(JSON.stringify({ part: which, ...scores }, null, 2));
    return;
  }
  console.log(describeScore(`${which} part, all`, scores.all));
  console.log(describeScore(`${which} part, real copy`, scores.real));
  console.log(describeScore(`${which} part, written here`, scores.written));
  if (argv.includes("--verbose")) {
    console.log("\nJunk names:\n" + scores.all.names.junkNames.map((n) => `  ${n}`).join("\n"));
    console.log("\nNew names not found:\n" + scores.all.names.newMissed.map((n) => `  ${n}`).join("\n"));
    console.log("\nMisses:\n" + scores.all.misses.map((m) => `  ${m}`).join("\n"));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
