/**
 * An incident that a report joins is updated from its tally (src/incidents/tally.ts) instead of every report being
 * read again. These tests hold that to the full read: whatever order and mix of reports joins, with whatever actors,
 * claims and sources, and whatever of those is added to a report already in the incident, the incident shows exactly
 * what refreshIncident, reading them all, shows; and whatever takes a report out leaves no tally behind.
 */
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb, projectRoot, type Db } from "../../src/db/client.ts";
import { ingestFiles } from "../../src/ingest/index.ts";
import { seedAll } from "../../src/store/seed.ts";
import { addReports, refreshIncident, REPORT_FACTS_COLUMNS, withExtras } from "../../src/incidents/refresh.ts";
import { PlaceChains } from "../../src/incidents/places.ts";
import { decideIncident } from "../../src/incidents/decisions.ts";

const COLUMNS = `occurred_on, precision, year, month_day, type, place_id, summary, killed_max, injured_max, significance, report_count, outlet_count,
  has_curated, first_reported_on, tally`;

function incidentRows(db: Db): Record<string, unknown>[] {
  return db.$client.prepare(`select id, ${COLUMNS} from incidents order by id`).all() as Record<string, unknown>[];
}

function refreshAll(db: Db): void {
  for (const id of db.$client.prepare<[], number>("select id from incidents").pluck().all()) refreshIncident(db.$client, id);
}

describe("an incident kept from its tally", () => {
  let db: Db;
  beforeAll(() => {
    // The timeline (curated entries), the demo article and the multi-outlet corpus, ingested one by one: most of
    // its incidents gain reports through the tally.
    db = openDb(":memory:");
    seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
    const dir = path.join(projectRoot, "test/fixtures/incidents");
    for (const file of ["frontier-wire-bannu.md", "khyber-ledger-checkpost.md", "khyber-ledger-vaccinators.md", "border-monitor-analysis.md", "khyber-ledger-barmal.md"]) {
      ingestFiles(db, [path.join(dir, file)], { now: new Date("2026-03-16T12:00:00Z") });
    }
  });

  it("shows what reading all its reports shows, for every incident of the seeded store and the corpus", () => {
    const kept = incidentRows(db);
    // The test means something only if reports joined incidents through their tally.
    expect(kept.filter((r) => r["tally"] !== null && Number(r["report_count"]) > 1).length).toBeGreaterThan(0);
    refreshAll(db);
    expect(incidentRows(db)).toEqual(kept);
  });

  it("is dropped when an editor moves a report out, and counted again by the refresh that follows", () => {
    // An incident of three reports or more, so that two are left to keep a tally (an incident of one keeps none).
    const joined = db.$client
      .prepare<[], { id: number; key: string }>(
        `select i.id, coalesce(e.report_key, e.source || ':' || e.external_id) as key from incidents i join events e on e.incident_id = i.id
         where i.report_count > 2 and i.tally is not null order by i.id, e.id desc limit 1`,
      )
      .get();
    expect(joined).toBeDefined();
    decideIncident(db.$client, { action: "split", reportKey: joined?.key ?? "", userId: "1" }, new Date("2026-03-17T00:00:00Z"));
    const after = incidentRows(db);
    refreshAll(db);
    expect(incidentRows(db)).toEqual(after);
    expect(after.find((r) => r["id"] === joined?.id)?.["tally"]).not.toBeNull();
  });
});

describe("a report joining an incident, in any order and mix", () => {
  let db: Db;
  let places: number[];
  let articles: number[];
  let entities: number[];
  beforeAll(() => {
    db = openDb(":memory:");
    seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
    // A chain of places (a district, its province, its country) and two places apart.
    const slug = (s: string): number => db.$client.prepare<[string], number>("select id from entities where slug = ?").pluck().get(s) ?? 0;
    const kunar = slug("kunar");
    const chain = db.$client.prepare<[number], number>("select id from entities where parent_id = ? limit 1").pluck().get(kunar) ?? kunar;
    places = [chain, kunar, slug("afghanistan"), slug("bannu"), slug("pakistan")];
    expect(places.every((p) => p > 0)).toBe(true);
    // Parties a report can name as actors or claimants.
    entities = db.$client.prepare<[], number>("select id from entities where kind = 'organisation' order by id limit 3").pluck().all();
    expect(entities.length).toBe(3);
    const insert = db.$client.prepare<[string, string, string | null, string | null]>(
      "insert into articles (slug, title, outlet, published_on, published_precision, kind, ingested_at) values (?, ?, ?, ?, 'day', 'article', 'test')",
    );
    articles = ["Dawn", "dawn.com", "The Express Tribune", null].map((outlet, i) =>
      Number(insert.run(`tally-${i}`, `Tally ${i}`, outlet, `2025-0${i + 1}-1${i}`).lastInsertRowid),
    );
  });

  /** An actor, a claim or a cited source of a report. */
  const extra = fc.oneof(
    fc.record({ kind: fc.constant("actor" as const), entity: fc.integer({ min: 0, max: 2 }), role: fc.constantFrom("actor", "target", "place") }),
    fc.record({ kind: fc.constant("claim" as const), entity: fc.option(fc.integer({ min: 0, max: 2 })), killed: fc.option(fc.integer({ min: 0, max: 40 })), injured: fc.option(fc.integer({ min: 0, max: 40 })) }),
    fc.record({ kind: fc.constant("source" as const), outlet: fc.constantFrom("Dawn", "VOA", "UNAMA", "Geo News"), date: fc.option(fc.constantFrom("2024-05-02", "2024-05-05", "2023-12-30")) }),
  );

  const report = fc.record({
    source: fc.constantFrom("article", "article", "acled", "timeline"),
    date: fc.constantFrom("2024-05-03", "2024-05-04", "2024-05", "2024"),
    type: fc.constantFrom("attack", "clash", "attack", "bombing"),
    place: fc.integer({ min: -1, max: 4 }),
    killed: fc.option(fc.integer({ min: 0, max: 30 })),
    injured: fc.option(fc.integer({ min: 0, max: 30 })),
    article: fc.integer({ min: 0, max: 3 }),
    words: fc.constantFrom("Gunmen stormed a checkpost", "A roadside blast hit a convoy", "Border forces exchanged fire"),
    /** Written with the report, before it is linked. */
    extras: fc.array(extra, { maxLength: 2 }),
    /** Written, before this report joins, to a report already in the incident (an import adding a row's actors, …). */
    later: fc.option(fc.record({ target: fc.nat(), extra })),
  });

  it("gives the incident the full read's date, place, type, summary, figures, outlets and tally", () => {
    const c = db.$client;
    const addEvent = c.prepare(
      `insert into events (occurred_on, precision, year, month_day, type, summary, place_id, killed, injured, source, article_id, external_id)
       values (@date, @precision, @year, @monthDay, @type, @summary, @place, @killed, @injured, @source, @article, @externalId)`,
    );
    const addActor = c.prepare<[number, number, string]>("insert into event_actors (event_id, entity_id, role) values (?, ?, ?) on conflict do nothing");
    const addClaim = c.prepare<[number, number | null, number | null, number | null]>("insert into event_claims (event_id, claimant_id, killed, injured) values (?, ?, ?, ?)");
    const addSource = c.prepare<[number, string, string | null]>("insert into event_sources (event_id, outlet, title, published_on, url) values (?, ?, 'A report', ?, 'https://example.org/r')");
    const write = (eventId: number, x: typeof extra extends fc.Arbitrary<infer T> ? T : never): void => {
      if (x.kind === "actor") addActor.run(eventId, entities[x.entity] ?? 0, x.role);
      else if (x.kind === "claim") addClaim.run(eventId, x.entity === null ? null : (entities[x.entity] ?? null), x.killed, x.injured);
      else addSource.run(eventId, x.outlet, x.date);
    };
    const read = c.prepare<[number], Parameters<typeof withExtras>[0][number]>(`select ${REPORT_FACTS_COLUMNS} from events e left join articles a on a.id = e.article_id where e.id = ?`);
    const actorsOf = c.prepare<[number], Parameters<typeof withExtras>[1][number]>("select event_id as eventId, entity_id as entityId from event_actors where event_id = ? and role <> 'place'");
    const claimsOf = c.prepare<[number], Parameters<typeof withExtras>[2][number]>("select event_id as eventId, claimant_id as claimantId, killed, injured from event_claims where event_id = ?");
    const sourcesOf = c.prepare<[number], Parameters<typeof withExtras>[3][number]>("select event_id as eventId, outlet, published_on as publishedOn from event_sources where event_id = ?");
    let n = 0;
    let laterWritten = 0;
    fc.assert(
      fc.property(fc.array(report, { minLength: 2, maxLength: 9 }), (list) => {
        c.exec("savepoint prop");
        try {
          let incident = 0;
          const linked: number[] = [];
          const chains = new PlaceChains(c);
          for (const r of list) {
            const precision = r.date.length === 10 ? "day" : r.date.length === 7 ? "month" : "year";
            const id = Number(
              addEvent.run({
                date: r.date,
                precision,
                year: 2024,
                monthDay: precision === "day" ? r.date.slice(5) : null,
                type: r.type,
                summary: `${r.words} (${n++})`,
                place: r.place < 0 ? null : (places[r.place] ?? null),
                killed: r.killed,
                injured: r.injured,
                source: r.source,
                article: r.source === "article" ? (articles[r.article] ?? null) : null,
                externalId: r.source === "article" ? null : `T${n}`,
              }).lastInsertRowid,
            );
            for (const x of r.extras) write(id, x);
            if (!incident) {
              incident = Number(c.prepare("insert into incidents (occurred_on, precision, year, type, summary, created_at) values ('2024', 'year', 2024, 'attack', '', 'x')").run().lastInsertRowid);
              c.prepare("update events set incident_id = ? where id = ?").run(incident, id);
              refreshIncident(c, incident, chains);
              linked.push(id);
              continue;
            }
            if (r.later) {
              write(linked[r.later.target % linked.length] ?? 0, r.later.extra);
              laterWritten++;
            }
            c.prepare("update events set incident_id = ? where id = ?").run(incident, id);
            const row = read.get(id);
            if (!row) throw new Error("report not written");
            addReports(c, incident, withExtras([row], actorsOf.all(id), claimsOf.all(id), sourcesOf.all(id)), chains);
            linked.push(id);
          }
          const kept = c.prepare(`select ${COLUMNS} from incidents where id = ?`).get(incident);
          refreshIncident(c, incident, chains);
          expect(c.prepare(`select ${COLUMNS} from incidents where id = ?`).get(incident)).toEqual(kept);
        } finally {
          c.exec("rollback to prop; release prop");
        }
      }),
      { numRuns: 300, seed: 13 },
    );
    // Actors, claims and sources were added to reports already in the incident.
    expect(laterWritten).toBeGreaterThan(100);
  });
});

describe("an incident of many outlets, kept from its tally", () => {
  it("counts each outlet once however many have reported it, as reading all its reports does", () => {
    const db = openDb(":memory:");
    seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
    const c = db.$client;
    // Forty outlets (more than a tally's list is looked through as it is), then ten of them again: five counted
    // while the list was short, five after.
    const outlets = Array.from({ length: 40 }, (_, i) => `Outlet ${i}`);
    const addArticle = c.prepare<[string, string, string]>(
      "insert into articles (slug, title, outlet, published_on, published_precision, kind, ingested_at) values (?, ?, ?, '2024-06-01', 'day', 'article', 'test')",
    );
    const addEvent = c.prepare<[string, number]>("insert into events (occurred_on, precision, year, type, summary, source, article_id) values ('2024', 'year', 2024, 'attack', ?, 'article', ?)");
    const read = c.prepare<[number], Parameters<typeof withExtras>[0][number]>(`select ${REPORT_FACTS_COLUMNS} from events e left join articles a on a.id = e.article_id where e.id = ?`);
    const incident = Number(c.prepare("insert into incidents (occurred_on, precision, year, type, summary, created_at) values ('2024', 'year', 2024, 'attack', '', 'x')").run().lastInsertRowid);
    const chains = new PlaceChains(c);
    let parsed: ReturnType<typeof addReports>;
    [...outlets, ...outlets.slice(5, 10), ...outlets.slice(25, 30)].forEach((outlet, i) => {
      const article = Number(addArticle.run(`many-${i}`, `Many ${i}`, outlet).lastInsertRowid);
      const id = Number(addEvent.run(`Gunmen stormed a checkpost (${i})`, article).lastInsertRowid);
      c.prepare("update events set incident_id = ? where id = ?").run(incident, id);
      const row = read.get(id);
      if (!row) throw new Error("report not written");
      if (i === 0) refreshIncident(c, incident, chains);
      // As a linking pass does: the tally it wrote last time is handed back, parsed, to the next report's.
      else parsed = addReports(c, incident, withExtras([row], [], [], []), chains, parsed ?? undefined) ?? parsed;
    });
    const kept = c.prepare<[number], { reports: number; outlets: number; tally: string }>("select report_count as reports, outlet_count as outlets, tally from incidents where id = ?").get(incident);
    expect(kept).toMatchObject({ reports: 50, outlets: 40 });
    expect((JSON.parse(kept?.tally ?? "{}") as { outlets: string[] }).outlets).toHaveLength(40);
    refreshIncident(c, incident, chains);
    expect(c.prepare("select report_count as reports, outlet_count as outlets, tally from incidents where id = ?").get(incident)).toEqual(kept);
  });
});
