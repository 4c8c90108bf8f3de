import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot, type Db } from "../../src/db/client.ts";
import { importAcledFile } from "../../src/acled/import.ts";
import { getEntityProfile } from "../../src/store/queries.ts";
import { listIncidents } from "../../src/store/incidents.ts";
import { resolveEntity } from "../../src/store/entities.ts";
import { seededStore } from "../helpers/store.ts";

const HEADER = readFileSync(path.join(projectRoot, "test/acled/fixtures/current.csv"), "utf8").split("\n")[0] ?? "";
const COLUMNS = HEADER.split(",");

/** One ACLED row in the current layout, from the columns that matter here. */
function row(values: Record<string, string>): string {
  return COLUMNS.map((c) => {
    const v = values[c] ?? "";
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(",");
}

function acledRow(id: string, date: string, actor1: string, actor2: string, extra: Record<string, string> = {}): string {
  return row({
    event_id_cnty: id, event_date: date, year: date.slice(0, 4), time_precision: "1", disorder_type: "Political violence", event_type: "Battles", sub_event_type: "Armed clash",
    actor1, actor2, country: "Afghanistan", admin1: "Nangarhar", admin2: "Achin", location: "Achin", latitude: "34.1", longitude: "70.7", geo_precision: "1",
    source: "Pajhwok", source_scale: "National", notes: `On ${date}, ${actor1} clashed with ${actor2} in Achin.`, fatalities: "2", timestamp: "1736900000", ...extra,
  });
}

let db: Db;
beforeAll(async () => {
  db = seededStore();
  const dir = mkdtempSync(path.join(os.tmpdir(), "bd-acled-actors-"));
  const file = path.join(dir, "export.csv");
  const rows = [
    acledRow("AFG9001", "2025-04-02", "Islamic State (Afghanistan)", "Military Forces of Afghanistan (2021-)"),
    acledRow("AFG9002", "2025-04-09", "Islamic State (Afghanistan)", "Civilians (Afghanistan)", { event_type: "Violence against civilians", sub_event_type: "Attack" }),
    acledRow("AFG9003", "2025-04-16", "Islamic State (Afghanistan)", "Journalists (Afghanistan)", { event_type: "Violence against civilians", sub_event_type: "Attack" }),
    acledRow("PAK9004", "2025-04-20", "Military Forces of Pakistan (2024-)", "Labour Group (Pakistan)", { country: "Pakistan", admin1: "Khyber Pakhtunkhwa", admin2: "Bajaur", location: "Khar" }),
  ];
  writeFileSync(file, `${HEADER}\n${rows.join("\n")}\n`);
  const report = await importAcledFile(db, file);
  expect(report.skipped, JSON.stringify(report.problems)).toBe(0);
});

describe("ACLED joins the beat through the actor table", () => {
  it("counts ACLED's 'Islamic State (Afghanistan)' events as ISKP's, in /who and /timeline", () => {
    const iskp = resolveEntity(db, "ISKP");
    expect(iskp?.slug).toBe("iskp");
    const timeline = listIncidents(db, { entityId: iskp?.id ?? 0, from: "2025-04", to: "2025-04" }, 10, 0);
    expect(timeline.total).toBe(3);
    const profile = getEntityProfile(db, iskp?.id ?? 0);
    expect(profile?.eventCount).toBeGreaterThanOrEqual(3);
    // No organisation was made of ACLED's name for it.
    expect(db.$client.prepare("select count(*) as n from entities where name like 'Islamic State (Afghanistan)%'").get()).toEqual({ n: 0 });
  });

  it("maps a government's forces by period: the Taliban's since 2021, the Pakistan Army whatever the period", () => {
    const names = db.$client
      .prepare<[], { id: string; name: string }>("select e.external_id as id, en.name from events e join event_actors a on a.event_id = e.id join entities en on en.id = a.entity_id where e.external_id in ('AFG9001', 'PAK9004') order by 1, 2")
      .all();
    expect(names).toEqual([
      { id: "AFG9001", name: "Afghan Taliban" },
      { id: "AFG9001", name: "Islamic State Khorasan Province" },
      { id: "PAK9004", name: "Pakistan Army" },
    ]);
  });

  it("keeps group labels (civilians, journalists, labour groups) as labels on the incident, never as organisations", () => {
    const labels = db.$client.prepare<[], { n: number }>("select count(*) as n from entities where name like 'Civilians%' or name like 'Journalists%' or name like 'Labour Group%'").get();
    expect(labels?.n).toBe(0);
    const iskp = resolveEntity(db, "ISKP");
    const shown = listIncidents(db, { entityId: iskp?.id ?? 0, from: "2025-04-16", to: "2025-04-16" }, 10, 0).incidents[0];
    expect(shown?.actors).toContainEqual({ name: "Journalists (Afghanistan)", role: "target" });
  });
});

describe("a store imported before the actor table is put right by the next import", () => {
  it("turns the old organisations into labels or the gazetteer entity they name, and keeps every event", async () => {
    const old = seededStore();
    const dir = mkdtempSync(path.join(os.tmpdir(), "bd-acled-old-"));
    const first = path.join(dir, "first.csv");
    writeFileSync(
      first,
      `${HEADER}\n${[
        acledRow("AFG9101", "2025-05-02", "Islamic State (Afghanistan)", "Military Forces of Afghanistan (2021-)"),
        acledRow("AFG9102", "2025-05-09", "Islamic State (Afghanistan)", "Journalists (Afghanistan)", { event_type: "Violence against civilians", sub_event_type: "Attack" }),
      ].join("\n")}\n`,
    );
    await importAcledFile(old, first);
    const c = old.$client;
    // What an import before the actor table left: an organisation for the label and one for ACLED's name of ISKP.
    const made = (name: string): number =>
      Number(c.prepare("insert into entities (slug, kind, subtype, name, origin) values (?, 'organisation', 'ACLED actor', ?, 'acled')").run(name.toLowerCase().replace(/\W+/g, "-"), name).lastInsertRowid);
    const journalists = made("Journalists (Afghanistan)");
    const isAfg = made("Islamic State (Afghanistan)");
    c.prepare("insert into aliases (entity_id, text, norm, kind) values (?, 'Islamic State (Afghanistan)', 'islamic state afghanistan', 'name')").run(isAfg);
    const iskp = resolveEntity(old, "ISKP")?.id ?? 0;
    c.prepare("update event_actors set entity_id = ? where entity_id = ? and event_id in (select id from events where source = 'acled')").run(isAfg, iskp);
    c.prepare("update acled_details set actor_labels = null").run();
    c.prepare("insert into event_actors (event_id, entity_id, role) select id, ?, 'target' from events where external_id = 'AFG9102'").run(journalists);
    const before = getEntityProfile(old, iskp)?.eventCount ?? 0;

    const second = path.join(dir, "second.csv");
    writeFileSync(second, `${HEADER}\n${acledRow("AFG9103", "2025-05-16", "Islamic State (Afghanistan)", "Military Forces of Afghanistan (2021-)")}\n`);
    const report = await importAcledFile(old, second);
    expect(report.reconciled).toEqual({ labels: 1, merged: 1 });
    expect(c.prepare("select count(*) as n from entities where id in (?, ?)").get(journalists, isAfg)).toEqual({ n: 0 });
    expect(c.prepare("select count(*) as n from events where external_id like 'AFG91%'").get()).toEqual({ n: 3 });
    // The two events the old organisation held and the new one.
    expect(getEntityProfile(old, iskp)?.eventCount).toBe(before + 3);
    const shown = listIncidents(old, { entityId: iskp, from: "2025-05-09", to: "2025-05-09" }, 10, 0).incidents[0];
    expect(shown?.actors).toContainEqual({ name: "Journalists (Afghanistan)", role: "target" });
    // ACLED's spelling now finds ISKP.
    expect(resolveEntity(old, "Islamic State (Afghanistan)")?.id).toBe(iskp);
  });
});
