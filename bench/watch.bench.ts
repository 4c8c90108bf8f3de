/**
 * Watches (issue 18): what matching costs per new incident against 10,000 watches (target ≤ 1 ms), and a burst of
 * 1,000 new incidents across 500 watches delivered through discord.js's REST client to the fake Discord, which
 * answers 429 past a global limit of 50 requests a second as Discord does (target: every alert delivered, none
 * twice). The figures are this machine's, shared with other work: read them as orders of magnitude.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REST } from "discord.js";
import { closeDb, openDb, projectRoot, type Db } from "../src/db/client.ts";
import { loadGazetteer } from "../src/gazetteer/load.ts";
import { linkPending } from "../src/incidents/pending.ts";
import { silentLogger } from "../src/logger.ts";
import { restPoster } from "../src/discord/poster.ts";
import { upsertGazetteer } from "../src/store/seed.ts";
import { listActiveWatches } from "../src/store/watches.ts";
import { recordWatchAlerts, sendWatchAlerts } from "../src/watch/dispatch.ts";
import { Ancestry, filterOut, incidentFacts, incidentSubjects, watchesBySubject, watchesFor } from "../src/watch/match.ts";
import { startFakeDiscord } from "../test/fakes/discord/index.ts";
import { prng } from "../test/helpers/prng.ts";
import type { BenchResult } from "./types.ts";

const NOW = new Date("2026-11-20T08:00:00Z");
const TYPES = ["attack", "clash", "bombing", "airstrike", "shelling", "closure"];

function store(dir: string): Db {
  const db = openDb(path.join(dir, "store.sqlite"));
  upsertGazetteer(db, loadGazetteer(path.join(projectRoot, "data/gazetteer")));
  return db;
}

/** New incidents (ACLED-like reports, one incident each) at these places, some with a group as actor. */
function addIncidents(db: Db, count: number, places: readonly number[], groups: readonly number[], seed: number): number[] {
  const c = db.$client;
  const rand = prng(seed);
  const before = c.prepare<[], number>("select coalesce(max(id), 0) from incidents").pluck().get() ?? 0;
  const ins = c.prepare("insert into events (external_id, occurred_on, precision, year, month_day, type, summary, place_id, killed, source) values (?, ?, 'day', 2026, ?, ?, ?, ?, ?, 'acled')");
  const actor = c.prepare("insert into event_actors (event_id, entity_id, role) values (?, ?, 'actor')");
  c.transaction(() => {
    for (let i = 0; i < count; i++) {
      const day = rand() < 0.5 ? "2026-11-19" : "2026-11-20";
      const type = TYPES[Math.floor(rand() * TYPES.length)] ?? "attack";
      const id = Number(ins.run(`W${seed}-${i}`, day, day.slice(5), type, `Generated ${type} ${i}`, places[i % places.length] ?? null, Math.floor(rand() * 9)).lastInsertRowid);
      if (groups.length && rand() < 0.3) actor.run(id, groups[Math.floor(rand() * groups.length)] ?? 0);
    }
  })();
  linkPending(c, NOW);
  return c.prepare<[number], number>("select id from incidents where id > ? order by id").pluck().all(before);
}

function matching(tiny: boolean): BenchResult {
  const WATCHES = tiny ? 200 : 10_000;
  const INCIDENTS = tiny ? 50 : 2_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), "bd-watch-bench-"));
  const db = store(dir);
  try {
    const c = db.$client;
    const entities = c.prepare<[], number>("select id from entities").pluck().all();
    const places = c.prepare<[], number>("select id from entities where kind = 'place'").pluck().all();
    const groups = c.prepare<[], number>("select id from entities where kind = 'organisation'").pluck().all();
    const rand = prng(18);
    const ins = c.prepare("insert or ignore into watches (guild_id, channel_id, subject_id, types, timezone, created_by, created_at) values ('1', ?, ?, ?, 'UTC', 'bench', '2026-11-01T00:00:00.000Z')");
    c.transaction(() => {
      for (let i = 0; i < WATCHES; i++) ins.run(String(100_000 + (i % 2_000)), entities[Math.floor(rand() * entities.length)] ?? 0, rand() < 0.3 ? '["attack","bombing"]' : "[]");
    })();
    const watches = listActiveWatches(db);
    const ids = addIncidents(db, INCIDENTS, places, groups, 1);
    // The record step's matching, as it runs in a pass: the watches by subject once, then each incident.
    const t0 = performance.now();
    const bySubject = watchesBySubject(watches);
    const facts = incidentFacts(db, ids);
    const subjects = incidentSubjects(db, ids, new Ancestry(db));
    let matches = 0;
    for (const id of ids) {
      const f = facts.get(id);
      if (!f) continue;
      for (const w of watchesFor(subjects.get(id), bySubject)) if (filterOut(w, f, NOW) === undefined) matches++;
    }
    const perIncident = (performance.now() - t0) / Math.max(1, ids.length);
    return {
      name: `matching new incidents against ${watches.length.toLocaleString("en")} watches (${ids.length.toLocaleString("en")} incidents, ${matches.toLocaleString("en")} matches)`,
      metric: "ms per new incident (subjects read, watches looked up, filters applied)",
      value: `${perIncident.toFixed(4)} ms`,
      target: "≤ 1 ms per incident",
      met: perIncident <= 1,
    };
  } finally {
    closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function burst(tiny: boolean): Promise<BenchResult> {
  const WATCHES = tiny ? 10 : 500;
  const PER_WATCH = 2;
  const LIMIT = 50;
  const dir = mkdtempSync(path.join(os.tmpdir(), "bd-watch-burst-"));
  const db = store(dir);
  const channels = Array.from({ length: WATCHES }, (_, i) => ({ id: String(1_200_000_000_000_000_000n + BigInt(i)), name: `w${i}` }));
  const fake = await startFakeDiscord({ guilds: [{ id: "1200000000000000000", name: "Bench", channels }], globalRateLimitPerSecond: LIMIT });
  const rest = new REST({ api: fake.apiUrl, retries: 3, timeout: 15_000 }).setToken("bench-token.not-a-secret");
  try {
    const c = db.$client;
    // One place of its own per watch, so that each watch gets its two incidents and no other's.
    const places: number[] = [];
    const addPlace = c.prepare("insert into entities (slug, kind, name) values (?, 'place', ?)");
    const addWatch = c.prepare("insert into watches (guild_id, channel_id, subject_id, timezone, created_by, created_at) values ('1200000000000000000', ?, ?, 'UTC', 'bench', '2026-11-01T00:00:00.000Z')");
    c.transaction(() => {
      channels.forEach((ch, i) => {
        const id = Number(addPlace.run(`bench-place-${i}`, `Bench place ${i}`).lastInsertRowid);
        places.push(id);
        addWatch.run(ch.id, id);
      });
    })();
    recordWatchAlerts(db, NOW); // the cursor starts here
    addIncidents(db, WATCHES * PER_WATCH, places, [], 2);
    const t0 = performance.now();
    const recorded = recordWatchAlerts(db, NOW);
    const sent = await sendWatchAlerts(db, restPoster(rest), () => NOW, { logger: silentLogger, concurrency: 16, retry: { attempts: 3, baseDelayMs: 100 } });
    const ms = performance.now() - t0;
    const posts = [...fake.channelMessages.values()].flat();
    const perChannel = [...fake.channelMessages.values()].map((l) => l.length);
    const nonces = new Set(posts.map((m) => String(m.nonce)));
    const twice = posts.length - nonces.size + perChannel.filter((n) => n > PER_WATCH).length;
    const limited = fake.requests.filter((r) => r.status === 429).length;
    const expected = WATCHES * PER_WATCH;
    return {
      name: `a burst of ${expected.toLocaleString("en")} new incidents across ${WATCHES} watches, to a fake Discord allowing ${LIMIT} requests/s (${limited} answered 429 and waited out)`,
      metric: "alerts delivered / posted twice, and how long",
      value: `${sent.sent} of ${recorded.alerts} delivered, ${twice} twice, in ${(ms / 1000).toFixed(1)} s (${((sent.sent / ms) * 1000).toFixed(1)} posts/s)`,
      target: "all delivered, none twice",
      met: sent.sent === expected && posts.length === expected && twice === 0,
    };
  } finally {
    await fake.close();
    closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `size: "tiny"` (the smoke test) runs a few hundred watches and a handful of channels; the targets are judged only at full size. */
const bench = async (options?: { size?: "full" | "tiny" }): Promise<BenchResult[]> => {
  const tiny = options?.size === "tiny";
  return [matching(tiny), await burst(tiny)];
};

export default bench;
