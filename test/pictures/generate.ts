import { openDb, type Db } from "../../src/db/client.ts";
import { linkPending } from "../../src/incidents/pending.ts";
import * as t from "../../src/db/schema.ts";
import { prng } from "../helpers/prng.ts";
export { prng };

const PLACES: [string, number | null, number | null, string][] = [
  ["Peshawar", 34.01, 71.58, "city"],
  ["Quetta", 30.18, 67.0, "city"],
  ["Kabul", 34.53, 69.17, "city"],
  ["Jalalabad", 34.43, 70.45, "city"],
  ["Kandahar", 31.61, 65.71, "city"],
  ["Chaman", 30.92, 66.45, "town"],
  ["Torkham", 34.1, 71.09, "crossing"],
  ["Bajaur", 34.78, 71.5, "district"],
  ["Miranshah", 33.0, 70.07, "town"],
  ["Khost", 33.34, 69.92, "city"],
  ["Gwadar", 25.13, 62.32, "city"],
  ["Pakistan", 30.0, 70.0, "country"],
  ["Durand Line", null, null, "border"],
  ["Doha", 25.29, 51.53, "city"],
];
const TYPES = ["airstrike", "shelling", "clash", "attack", "bombing", "statement", "accusation", "meeting", "closure", "reopening"];
const ACTORS = ["Tehreek-e-Taliban Pakistan", "Pakistan Army", "Afghan Taliban", "Islamic State Khorasan", "Baloch Liberation Army"];

/**
 * A store of `n` generated events between 2023-01-01 and 2024-12-31 over a dozen places (two without a
 * usable point: a country and a border), with casualties and actors — the same store for the same seed.
 */
export function generatedStore(n: number, seed = 7): { db: Db; subjectId: number } {
  const db = openDb(":memory:");
  const rnd = prng(seed);
  const placeIds = PLACES.map(([name, lat, lon, subtype]) =>
    db.insert(t.entities).values({ slug: `gen-${name.toLowerCase().replace(/\W+/g, "-")}`, kind: "place", subtype, name, lat, lon, origin: "test" }).returning({ id: t.entities.id }).get().id,
  );
  const actorIds = ACTORS.map(
    (name) => db.insert(t.entities).values({ slug: `gen-${name.toLowerCase().replace(/\W+/g, "-")}`, kind: "organisation", name, origin: "test" }).returning({ id: t.entities.id }).get().id,
  );
  const start = Date.UTC(2023, 0, 1);
  db.transaction((tx) => {
    for (let i = 0; i < n; i++) {
      const day = new Date(start + Math.floor(rnd() * 731) * 86_400_000).toISOString().slice(0, 10);
      const precision = rnd() < 0.9 ? "day" : rnd() < 0.7 ? "month" : "year";
      const occurredOn = precision === "day" ? day : precision === "month" ? day.slice(0, 7) : day.slice(0, 4);
      const type = TYPES[Math.floor(rnd() * rnd() * TYPES.length)] ?? "other";
      const violent = ["airstrike", "shelling", "clash", "attack", "bombing"].includes(type);
      const killed = violent && rnd() < 0.7 ? Math.floor(rnd() * rnd() * 60) : null;
      const ev = tx
        .insert(t.events)
        .values({
          externalId: `gen-${i}`,
          occurredOn,
          precision,
          year: Number(occurredOn.slice(0, 4)),
          monthDay: precision === "day" ? occurredOn.slice(5) : null,
          type,
          summary: `Generated ${type} number ${i}`,
          placeId: placeIds[Math.floor(rnd() * rnd() * placeIds.length)] ?? null,
          killed,
          injured: killed !== null ? Math.floor(rnd() * 30) : null,
          source: i % 5 === 0 ? "acled" : "timeline",
        })
        .returning({ id: t.events.id })
        .get();
      const a = actorIds[Math.floor(rnd() * actorIds.length)];
      const b = actorIds[Math.floor(rnd() * actorIds.length)];
      if (a !== undefined) tx.insert(t.eventActors).values({ eventId: ev.id, entityId: a, role: "perpetrator" }).run();
      if (b !== undefined && b !== a && rnd() < 0.4) tx.insert(t.eventActors).values({ eventId: ev.id, entityId: b, role: "target" }).run();
    }
  });
  linkPending(db.$client, new Date("2025-01-01T00:00:00Z"));
  return { db, subjectId: actorIds[0] ?? 0 };
}

/**
 * Doubles the store's incidents `times` times by copying them (same dates, places and types; casualty figures
 * drawn at random, so the copies are markers of their own sizes): a store with many incidents to draw, made in a
 * moment, for tests of heavy pictures (generating and linking 30,000 events takes minutes).
 */
export function multiplyIncidents(db: Db, times: number): number {
  const cols = "occurred_on, precision, year, month_day, type, place_id, summary, killed_max, injured_max, significance, report_count, outlet_count, has_curated, first_reported_on, first_report_id, status, corrected, created_at";
  const copied = cols.replace("killed_max, injured_max", "abs(random() % 300), abs(random() % 300)");
  for (let i = 0; i < times; i++) db.$client.exec(`insert into incidents (${cols}) select ${copied} from incidents`);
  return db.$client.prepare<[], { n: number }>("select count(*) as n from incidents").get()?.n ?? 0;
}
