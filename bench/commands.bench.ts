/**
 * Autocomplete and /who latency on a generated store of 20,000 entities with 100,000 aliases, each
 * compared in the same run with the same lookup as one raw better-sqlite3 prepared statement.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb, openDb, type Db } from "../src/db/client.ts";
import { normalizeName } from "../src/text/normalize.ts";
import { DENSITY_SQL, findEntities, lookupStatement, LOOKUP_SQL, SHORT_LOOKUP_SQL } from "../src/store/entities.ts";
import { routerFor } from "../test/helpers/store.ts";
import { CONSOLE_CONTEXT } from "../src/console/repl.ts";
import { costVsBaseline, type Bench, type BenchResult, type BenchSize } from "./types.ts";
import { prng as rng } from "../test/helpers/prng.ts";

const SIZES: Record<BenchSize, { entities: number; queries: number; profiles: number }> = {
  full: { entities: 20_000, queries: 2000, profiles: 500 },
  tiny: { entities: 300, queries: 60, profiles: 20 },
};
const ALIASES_PER_ENTITY = 5;
const SYLLABLES = ["ka", "bul", "zar", "mir", "sha", "gul", "dar", "khan", "ta", "lib", "pa", "kis", "waz", "ir", "bal", "och", "kur", "ram", "naz", "ar", "man", "sur", "qa", "dir", "hab", "ib", "ul", "lah", "mu", "jah"];

function word(r: () => number): string {
  const n = 2 + Math.floor(r() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  return w[0]?.toUpperCase() + w.slice(1);
}

function generate(db: Db, entities: number): string[] {
  const r = rng(42);
  const sqlite = db.$client;
  const insEntity = sqlite.prepare("insert into entities (slug, kind, name, origin) values (?, ?, ?, 'bench')");
  const insAlias = sqlite.prepare("insert into aliases (entity_id, text, norm, kind) values (?, ?, ?, ?)");
  const insMention = sqlite.prepare("insert into mentions (entity_id, article_id, paragraph_id, start, end) values (?, ?, ?, 0, 1)");
  const names: string[] = [];
  sqlite.transaction(() => {
    const art = sqlite.prepare("insert into articles (slug, title, content_hash, ingested_at) values ('bench', 'Bench', 'h', '2025-01-01')").run().lastInsertRowid;
    const paras: number[] = [];
    for (let i = 0; i < 200; i++) paras.push(Number(sqlite.prepare("insert into paragraphs (article_id, idx, role, text) values (?, ?, 'body', 'x')").run(art, i).lastInsertRowid));
    const kinds = ["person", "organisation", "place"] as const;
    for (let i = 0; i < entities; i++) {
      const name = `${word(r)} ${word(r)}`;
      names.push(name);
      const id = Number(insEntity.run(`bench-${i}`, kinds[i % 3], name).lastInsertRowid);
      const aliasTexts = [name, `${word(r)} ${name.split(" ")[1] ?? ""}`, word(r), `${name.split(" ")[0] ?? ""} ${word(r)}`, word(r).toUpperCase().slice(0, 4)];
      aliasTexts.slice(0, ALIASES_PER_ENTITY).forEach((t, k) => insAlias.run(id, t, normalizeName(t), k === 0 ? "name" : k === 4 ? "abbreviation" : "transliteration"));
      // Skewed mention counts: a few entities are everywhere, most are rare.
      const m = Math.floor(1 / (r() + 0.02));
      for (let k = 0; k < m; k++) insMention.run(id, art, paras[k % paras.length]);
    }
  })();
  sqlite.pragma("optimize");
  return names;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function time(samples: string[], fn: (s: string) => unknown): Promise<{ p50: number; p99: number }> {
  for (const s of samples.slice(0, Math.min(50, samples.length / 2))) await fn(s); // warm-up
  const out: number[] = [];
  for (const s of samples) {
    const t0 = performance.now();
    await fn(s);
    out.push(performance.now() - t0);
  }
  out.sort((a, b) => a - b);
  return { p50: percentile(out, 50), p99: percentile(out, 99) };
}

const ms = (n: number): string => `${n.toFixed(3)} ms`;

const bench: Bench = async ({ size }) => {
  const { entities, queries: queryCount, profiles } = SIZES[size];
  const dir = mkdtempSync(path.join(tmpdir(), "bd-bench-"));
  const db = openDb(path.join(dir, "bench.sqlite"));
  try {
    const names = generate(db, entities);
    const r = rng(7);
    const queries = Array.from({ length: queryCount }, () => {
      const n = names[Math.floor(r() * names.length)] ?? "Ka";
      const cut = 1 + Math.floor(r() * 7);
      return n.slice(0, cut);
    });
    const router = routerFor(db);
    const auto = await time(queries, (q) => router.handleAutocomplete({ name: "who", options: { name: q }, ctx: CONSOLE_CONTEXT, focused: { name: "name", value: q } }));
    const lookup = await time(queries, (q) => findEntities(db, q, 25));
    // The same lookup as one raw prepared statement: the SQL findEntities runs, without our layers around it.
    const raw = { lookup: db.$client.prepare(LOOKUP_SQL), short: db.$client.prepare(SHORT_LOOKUP_SQL), density: db.$client.prepare(DENSITY_SQL) };
    const rawT = await time(queries, (q) => {
      const n = normalizeName(q);
      const dense = n.length <= 2 ? 400 : (raw.density.get(n, `${n}\uffff`) as { n: number }).n;
      const st = lookupStatement(q, 25, dense);
      return raw[st.key].all(st.params);
    });
    const ids = Array.from({ length: profiles }, () => String(1 + Math.floor(r() * entities)));
    const who = await time(ids, (id) => router.handleCommand({ name: "who", options: { name: id }, ctx: CONSOLE_CONTEXT }));
    const rawWho = db.$client.prepare(
      `select e.*, (select group_concat(text, '|') from aliases where entity_id = e.id) as aliases, (select count(*) from mentions where entity_id = e.id) as mentions from entities e where e.id = ?`,
    );
    const rawWhoT = await time(ids, (id) => rawWho.get(Number(id)));
    const results: BenchResult[] = [
      { name: `store: ${entities.toLocaleString("en")} entities, ${(entities * ALIASES_PER_ENTITY).toLocaleString("en")} aliases`, metric: "queries", value: `${queries.length} prefixes of 1–7 characters of stored names` },
      costVsBaseline({
        name: "autocomplete (router → findEntities)",
        metric: "p99",
        value: auto.p99,
        baseline: rawT.p99,
        baselineWhat: "the same lookup as one raw prepared statement",
        format: ms,
        maxRatio: 1.5,
      }),
      { name: "autocomplete (router → findEntities)", metric: "p50 / p99", value: `${ms(auto.p50)} / ${ms(auto.p99)}`, target: "p99 ≤ 5 ms", met: auto.p99 <= 5 },
      { name: "findEntities alone", metric: "p50 / p99", value: `${ms(lookup.p50)} / ${ms(lookup.p99)}` },
      { name: "same lookup, raw prepared statement", metric: "p50 / p99", value: `${ms(rawT.p50)} / ${ms(rawT.p99)}` },
      { name: "/who (router, full profile)", metric: "p50 / p99", value: `${ms(who.p50)} / ${ms(who.p99)}` },
      { name: "raw entity + aliases + count statement", metric: "p50 / p99", value: `${ms(rawWhoT.p50)} / ${ms(rawWhoT.p99)}` },
    ];
    return results;
  } finally {
    closeDb(db);
    if (!process.env.KEEP_BENCH_DB) rmSync(dir, { recursive: true, force: true });
    else console.log("kept", dir);
  }
};

export default bench;
