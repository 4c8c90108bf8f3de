/**
 * An article's events and their actors are written in multi-row INSERTs and its reports' links in multi-row UPDATEs
 * (c5bfe22, aa8cde1): these hold the ids, actors and links of an article with more rows than one statement takes
 * (2,000 events in ten statements, 6,000 actor rows in thirty), and the article written all or not at all when a row of
 * its last statements fails (second reader, session 18).
 */
import { describe, expect, it } from "vitest";
import type { ParsedArticle } from "../../src/ingest/parse.ts";
import type { Extraction } from "../../src/ingest/extract.ts";
import { writeArticle } from "../../src/ingest/write.ts";
import { tableCounts, freshStore } from "../ingest/helpers.ts";

const TYPES = ["attack", "bombing", "clash", "airstrike"] as const;

function article(slug: string): ParsedArticle {
  return {
    slug,
    title: `Many events (${slug})`,
    author: undefined,
    outlet: "Test Outlet",
    url: undefined,
    published: { value: "2024-06-10", precision: "day" },
    language: "en",
    tags: [],
    paragraphs: [{ role: "body", text: "A long chronicle of the border." }],
    related: [],
  };
}

/** `count` events on different days and places, each with two actors and one repeated (written once). */
function events(slug: string, count: number, people: readonly number[], places: readonly number[], badAt = -1): Extraction {
  return {
    mentions: [],
    candidates: [],
    quotes: [],
    events: Array.from({ length: count }, (_, i) => ({
      paragraph: 0,
      start: 0,
      end: 10,
      date: { value: `2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`, precision: "day" as const },
      cue: { type: TYPES[i % 4] ?? "attack", index: 0, incident: true, statement: false },
      summary: `Event ${i} of ${slug}.`,
      placeId: places[i % places.length] ?? null,
      placeText: "somewhere",
      claimedById: null,
      claimedByText: null,
      actors: [
        { entityId: i === badAt ? 987_654_321 : (people[i % people.length] ?? 0), role: "attacker" },
        { entityId: people[(i + 1) % people.length] ?? 0, role: "target" },
        { entityId: people[i % people.length] ?? 0, role: "attacker" },
      ],
      killed: i % 7,
      injured: null,
      casualtiesText: null,
    })),
  };
}

describe("an article of more events than one statement writes", () => {
  it("gives each event its own id, actors and incident, and fails whole", () => {
    const db = freshStore();
    const sqlite = db.$client;
    const people = sqlite.prepare<[], number>("select id from entities where kind = 'person' order by id limit 3").pluck().all();
    const places = sqlite.prepare<[], number>("select id from entities where kind = 'place' order by id limit 40").pluck().all();
    expect(people.length).toBe(3);
    const now = new Date("2026-01-02T00:00:00Z");
    writeArticle(db, article("many-a"), events("many-a", 2000, people, places), now, null);

    const rows = sqlite
      .prepare<[], { id: number; summary: string; incident: number | null }>(
        "select e.id, e.summary, e.incident_id as incident from events e join articles a on a.id = e.article_id where a.slug = 'many-a' order by e.id",
      )
      .all();
    expect(rows.length).toBe(2000);
    // Ids in the order the events were written, each event its summary.
    expect(rows.every((r, i) => r.summary === `Event ${i} of many-a.`)).toBe(true);
    // Every report linked (to an incident of its own or one it joined).
    expect(rows.filter((r) => r.incident === null).length).toBe(0);
    // Each event's actors as written: its attacker once (the repeat skipped) and its target.
    const actors = sqlite
      .prepare<[], { summary: string; role: string; entity: number }>(
        "select e.summary, ea.role, ea.entity_id as entity from event_actors ea join events e on e.id = ea.event_id join articles a on a.id = e.article_id where a.slug = 'many-a'",
      )
      .all();
    expect(actors.length).toBe(4000);
    const wrong = actors.filter((x) => {
      const i = Number(/^Event (\d+)/.exec(x.summary)?.[1]);
      return x.entity !== people[(x.role === "attacker" ? i : i + 1) % people.length];
    });
    expect(wrong).toEqual([]);

    // An actor of no entity in the 1,900th event (the last statement of events' actors): nothing of the article stays.
    const before = tableCounts(db);
    expect(() => writeArticle(db, article("many-b"), events("many-b", 2000, people, places, 1900), now, null)).toThrow(/FOREIGN KEY/);
    expect(tableCounts(db)).toEqual(before);
  });
});
