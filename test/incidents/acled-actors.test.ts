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
