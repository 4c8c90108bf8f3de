/**
 * Commands on a grown store: p99 of /who (the most-mentioned entity), /search (a common word, a rare word, a
 * two-word phrase), /quote, /timeline, /onthisday and autocomplete on a generated store of 100,000 articles,
 * 1,000,000 events and 200,000 quotes, printed beside the same command on a 10,000-article store. Each must stay
 * ≤ 100 ms at p99 on the large store: a command's cost is bounded by what it shows, not by the store's size.
 * Stores are generated once (bench/scale-store.ts) and cached on disk between runs (BENCH_CACHE_DIR, default
 * the system's temp directory).
 */
import { closeDb } from "../src/db/client.ts";
import { routerFor } from "../test/helpers/store.ts";
import { CONSOLE_CONTEXT } from "../src/console/repl.ts";
import type { Router } from "../src/router.ts";
import { openScaleStore } from "./scale-store.ts";
import type { BenchResult } from "./types.ts";

interface Probe {
  name: string;
  run: (router: Router, mostMentioned: string) => Promise<unknown>;
}

const cmd = (name: string, options: Record<string, string | number | boolean>) => (router: Router) => router.handleCommand({ name, options, ctx: CONSOLE_CONTEXT });

const PROBES: Probe[] = [
  { name: "/who (most-mentioned entity)", run: (router, top) => router.handleCommand({ name: "who", options: { name: top }, ctx: CONSOLE_CONTEXT }) },
  { name: "/search common word (“border”)", run: cmd("search", { query: "border" }) },
  { name: "/search rare word (“Wakhan”)", run: cmd("search", { query: "Wakhan" }) },
  { name: "/search two words (“border closure”)", run: cmd("search", { query: "border closure" }) },
  { name: "/search common word, page 3", run: cmd("search", { query: "security", page: 2 }) },
  { name: "/quote speaker (most-quoted)", run: (router, top) => router.handleCommand({ name: "quote", options: { speaker: top }, ctx: CONSOLE_CONTEXT }) },
  { name: "/quote about (common word)", run: cmd("quote", { about: "border" }) },
  { name: "/timeline subject:Pakistan", run: cmd("timeline", { subject: "Pakistan" }) },
  { name: "/onthisday date:01-11", run: cmd("onthisday", { date: "01-11" }) },
  {
    name: "autocomplete /who “Pa”",
    run: (router) => router.handleAutocomplete({ name: "who", options: { name: "Pa" }, ctx: CONSOLE_CONTEXT, focused: { name: "name", value: "Pa" } }),
  },
  {
    name: "autocomplete /quote “Zabi”",
    run: (router) => router.handleAutocomplete({ name: "quote", options: { speaker: "Zabi" }, ctx: CONSOLE_CONTEXT, focused: { name: "speaker", value: "Zabi" } }),
  },
];

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

async function measure(articles: number, runs: number): Promise<{ p99: Map<string, number>; p50: Map<string, number>; store: string; generatedIn: number }> {
  const store = openScaleStore({ articles });
  try {
    const router = routerFor(store.db);
    // The most-mentioned entity, and the most-quoted speaker, by name as a person would type them.
    const top = store.db.$client.prepare<[], { name: string }>("select name from entities order by mention_count desc limit 1").get()?.name ?? "Pakistan";
    const speaker =
      store.db.$client.prepare<[], { name: string }>("select e.name from quotes q join entities e on e.id = q.speaker_id group by q.speaker_id order by count(*) desc limit 1").get()?.name ?? top;
    const out = new Map<string, number>();
    const median = new Map<string, number>();
    for (const probe of PROBES) {
      const who = probe.name.startsWith("/quote speaker") ? speaker : top;
      await probe.run(router, who); // warm the page cache and the statement cache
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await probe.run(router, who);
        samples.push(performance.now() - t0);
      }
      out.set(probe.name, percentile(samples, 0.99));
      median.set(probe.name, percentile(samples, 0.5));
    }
    const counts = store.db.$client
      .prepare<[], { a: number; e: number; q: number }>("select (select count(*) from articles) as a, (select count(*) from events) as e, (select count(*) from quotes) as q")
      .get();
    return { p99: out, p50: median, store: `${counts?.a.toLocaleString("en")} articles, ${counts?.e.toLocaleString("en")} events, ${counts?.q.toLocaleString("en")} quotes`, generatedIn: store.generatedIn };
  } finally {
    closeDb(store.db);
  }
}

const ms = (n: number | undefined): string => (n === undefined ? "?" : `${n.toFixed(1)} ms`);

export default async function scaleBench(options?: { size?: "full" | "tiny" }): Promise<BenchResult[]> {
  const tiny = options?.size === "tiny" || process.argv.includes("--tiny");
  const [smallN, largeN] = tiny ? [20, 200] : [10_000, 100_000];
  const runs = tiny ? 3 : Number(process.env.SCALE_RUNS ?? 40);
  const small = await measure(smallN, runs);
  const large = await measure(largeN, runs);
  const results: BenchResult[] = [
    { name: "small store", metric: "rows", value: `${small.store}${small.generatedIn ? ` (generated in ${small.generatedIn.toFixed(0)} s)` : " (cached)"}` },
    { name: "large store", metric: "rows", value: `${large.store}${large.generatedIn ? ` (generated in ${large.generatedIn.toFixed(0)} s)` : " (cached)"}` },
  ];
  for (const probe of PROBES) {
    const big = large.p99.get(probe.name);
    results.push({
      name: probe.name,
      metric: `p99 (p50) of ${runs}: large store · small store`,
      value: `${ms(big)} (${ms(large.p50.get(probe.name))}) · ${ms(small.p99.get(probe.name))} (${ms(small.p50.get(probe.name))})`,
      ...(tiny ? {} : { target: "≤ 100 ms", met: big !== undefined && big <= 100 }),
    });
  }
  return results;
}
