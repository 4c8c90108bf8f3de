/**
 * Incidents (issue 13): what linking costs an ingested article on a store of 200,000 incidents (target ≤ 1 ms
 * added per article), and the digest build's p99 at that size (target ≤ 10 ms). The store is generated straight
 * into SQL (ACLED-like rows, one incident each, spread over 2019–2026 and the gazetteer's places), then seed-sized
 * articles are ingested into it; each article's reports are then unlinked and linked again under the clock, so
 * the figure is linking alone, beside the article's whole ingest. Before the clock starts, the incidents they were in
 * are refreshed without them (those they made are removed), so the store is as the ingest found it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, openDb, projectRoot } from "../src/db/client.ts";
import { buildDigest } from "../src/digest/build.ts";
import { loadGazetteer } from "../src/gazetteer/load.ts";
import { linkReports } from "../src/incidents/link.ts";
import { refreshIncidents } from "../src/incidents/refresh.ts";
import { linkPending } from "../src/incidents/pending.ts";
import { ingestFiles } from "../src/ingest/index.ts";
import { upsertGazetteer } from "../src/store/seed.ts";
import { prng } from "../test/helpers/prng.ts";
import { generateArticles } from "./ingest.bench.ts";
import type { BenchResult } from "./types.ts";

const TYPES = ["attack", "clash", "bombing", "airstrike", "shelling", "statement", "closure"];

/** Outlets that cover the beat, and the address each article of theirs has (no date in it: the article keeps its own). */
const OUTLETS: readonly [string, string][] = [
  ["Dawn", "https://www.dawn.com/news/"],
  ["The Express Tribune", "https://tribune.com.pk/story/"],
  ["Voice of America", "https://www.voanews.com/a/"],
  ["Reuters", "https://www.reuters.com/world/asia-pacific/"],
  ["Al Jazeera", "https://www.aljazeera.com/news/"],
  ["TOLOnews", "https://tolonews.com/afghanistan-"],
  ["Geo News", "https://www.geo.tv/latest/"],
  ["The News International", "https://www.thenews.com.pk/print/"],
  ["Pajhwok Afghan News", "https://pajhwok.com/"],
  ["Khaama Press", "https://www.khaama.com/"],
  ["BBC News", "https://www.bbc.com/news/world-asia-"],
  ["Arab News", "https://www.arabnews.com/node/"],
];

/**
 * Each generated article is given an outlet and an address of its own, as real ones have (the seed article they are
 * made from names neither). Without one, every article counts as an outlet of its own ("article:<slug>"), so an
 * incident that every article mentions (the Doha agreement, the Barmal strikes) held 200 outlets in its tally, which
 * real coverage from a dozen outlets never does.
 */
export function giveOutlets(files: readonly string[]): void {
  files.forEach((file, n) => {
    const [outlet, base] = OUTLETS[n % OUTLETS.length] ?? OUTLETS[0] ?? ["Dawn", "https://www.dawn.com/news/"];
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace(/^---\n/, `---\noutlet: "${outlet}"\nurl: "${base}${1_900_000 + n}"\n`));
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** CPU time (user + system) this process spent since `since`, in ms. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

function measure(tiny: boolean): BenchResult[] {
  const INCIDENTS = tiny ? 2_000 : 200_000;
  const ARTICLES = tiny ? 5 : 200;
  const DIGESTS = tiny ? 10 : 300;
  const dir = mkdtempSync(path.join(os.tmpdir(), "bd-incidents-bench-"));
  const db = openDb(path.join(dir, "store.sqlite"));
  try {
    upsertGazetteer(db, loadGazetteer(path.join(projectRoot, "data/gazetteer")));
    const c = db.$client;
    const places = c.prepare<[], number>("select id from entities where kind = 'place'").pluck().all();
    const rand = prng(13);
    const start = Date.UTC(2019, 0, 1);
    const days = Math.floor((Date.UTC(2026, 10, 30) - start) / 86_400_000);
    const ins = c.prepare(
      "insert into events (external_id, occurred_on, precision, year, month_day, type, summary, place_id, killed, source) values (?, ?, 'day', ?, ?, ?, ?, ?, ?, 'acled')",
    );
    c.transaction(() => {
      for (let i = 0; i < INCIDENTS; i++) {
        const d = new Date(start + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10);
        const type = TYPES[Math.floor(rand() * TYPES.length)] ?? "attack";
        ins.run(`GEN${i}`, d, Number(d.slice(0, 4)), d.slice(5), type, `Generated ${type} ${i} near somewhere`, places[Math.floor(rand() * places.length)] ?? null, Math.floor(rand() * 12));
      }
    })();
    linkPending(c, new Date());
    c.exec("analyze");
    const incidents = c.prepare<[], number>("select count(*) from incidents").pluck().get() ?? 0;

    // Articles into the big store: the whole ingest, then linking alone (reports unlinked and linked again).
    mkdirSync(path.join(dir, "articles"));
    const { files } = generateArticles(path.join(dir, "articles"), ARTICLES);
    giveOutlets(files);
    const ingestMs: number[] = [];
    const linkMs: number[] = [];
    const linkCpuMs: number[] = [];
    let reports = 0;
    for (const file of files) {
      const t0 = performance.now();
      const [r] = ingestFiles(db, [file], { now: new Date("2026-11-30T00:00:00Z") });
      ingestMs.push(performance.now() - t0);
      const articleId = r?.ok ? r.article?.id : undefined;
      if (articleId === undefined) continue;
      const ids = c.prepare<[number], number>("select id from events where article_id = ?").pluck().all(articleId);
      reports += ids.length;
      c.transaction(() => {
        // As the store was before this article's reports were linked: its incidents without them (those the
        // reports made are removed), so the linking measured is the ingest's own.
        const incidentsOf = c.prepare<[], number>(`select distinct incident_id from events where id in (${ids.join(",") || "0"}) and incident_id is not null`).pluck().all();
        c.prepare(`update events set incident_id = null where id in (${ids.join(",") || "0"})`).run();
        refreshIncidents(c, incidentsOf);
        const t1 = performance.now();
        const cpu = process.cpuUsage();
        linkReports(c, ids, new Date("2026-11-30T00:00:00Z"));
        linkMs.push(performance.now() - t1);
        linkCpuMs.push(cpuMs(cpu));
      })();
    }
    ingestMs.sort((a, b) => a - b);
    linkMs.sort((a, b) => a - b);
    const meanLink = linkMs.reduce((n, x) => n + x, 0) / Math.max(1, linkMs.length);
    const meanIngest = ingestMs.reduce((n, x) => n + x, 0) / Math.max(1, ingestMs.length);

    // Digest builds over many dates.
    const digestMs: number[] = [];
    const digestCpuMs: number[] = [];
    for (let i = 0; i < DIGESTS; i++) {
      const d = new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
      const t0 = performance.now();
      const cpu = process.cpuUsage();
      buildDigest(db, { date: d, kinds: ["incidents", "context"] });
      digestMs.push(performance.now() - t0);
      digestCpuMs.push(cpuMs(cpu));
    }
    digestMs.sort((a, b) => a - b);
    digestCpuMs.sort((a, b) => a - b);
    linkCpuMs.sort((a, b) => a - b);
    const meanLinkCpu = linkCpuMs.reduce((n, x) => n + x, 0) / Math.max(1, linkCpuMs.length);
    const p99 = percentile(digestMs, 99);
    const store = `${incidents.toLocaleString("en")} incidents`;
    return [
      {
        name: `linking an ingested article's reports (${store}; ${ARTICLES} seed-sized articles, ${reports} reports)`,
        metric: "mean / p99 ms per article (beside the article's whole ingest, same run)",
        value: `${meanLink.toFixed(3)} / ${percentile(linkMs, 99).toFixed(3)} ms — ${((meanLink / meanIngest) * 100).toFixed(1)}% of a ${meanIngest.toFixed(2)} ms ingest`,
        target: "≤ 1 ms added per article",
        met: meanLink <= 1,
      },
      {
        name: `the same linking in CPU time (what the process itself spent: steady when other work shares the machine)`,
        metric: "mean / p99 CPU ms per article",
        value: `${meanLinkCpu.toFixed(3)} / ${percentile(linkCpuMs, 99).toFixed(3)} ms`,
      },
      {
        name: `digest build, incidents and context (${store}; ${DIGESTS} dates)`,
        metric: "p50 / p99 ms",
        value: `${percentile(digestMs, 50).toFixed(2)} / ${p99.toFixed(2)} ms`,
        target: "p99 ≤ 10 ms",
        met: p99 <= 10,
      },
      {
        name: `the same digest builds in CPU time`,
        metric: "p50 / p99 CPU ms",
        value: `${percentile(digestCpuMs, 50).toFixed(2)} / ${percentile(digestCpuMs, 99).toFixed(2)} ms`,
      },
    ];
  } finally {
    closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `size: "tiny"` (the smoke test) runs a few thousand incidents; the targets are judged only at full size. */
const bench = (options?: { size?: "full" | "tiny" }): Promise<BenchResult[]> => Promise.resolve(measure(options?.size === "tiny"));

export default bench;
