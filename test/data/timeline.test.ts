import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DataFileError, loadGazetteer, loadTimeline } from "../../src/gazetteer/load.ts";
import { defaultDataDir } from "../../src/store/seed.ts";
import { routerFor, seededStore } from "../helpers/store.ts";
import { CONSOLE_CONTEXT } from "../../src/console/repl.ts";
import { buildDigestForDate } from "../../src/digest/index.ts";
import { renderPayload } from "../../src/render/payload.ts";

const gazDir = path.join(defaultDataDir, "gazetteer");
const tlDir = path.join(defaultDataDir, "timeline");

describe("the curated border timeline (data/timeline)", () => {
  const gazetteer = loadGazetteer(gazDir);
  const ids = new Set(gazetteer.map((e) => e.value.id));
  const events = loadTimeline(tlDir, ids);

  it("validates: schema, real calendar dates, a source URL on every event, every actor and place in the gazetteer", () => {
    // loadTimeline throws a DataFileError naming file:line and entry on any violation.
    expect(events.length).toBeGreaterThanOrEqual(250);
    for (const { value: e, file, line } of events) {
      expect(e.sources.length, `${file}:${line} ${e.id}`).toBeGreaterThan(0);
      for (const s of e.sources) expect(s.url, `${file}:${line} ${e.id}`).toMatch(/^https?:\/\//);
    }
  });

  it("covers the Doha Agreement to the end of 2025", () => {
    const dates = events.map((e) => e.value.date).sort();
    expect(dates[0]).toBe("2020-02-29");
    expect(dates[dates.length - 1]?.slice(0, 4)).toBe("2025");
  });

  it("names places with coordinates where the gazetteer knows them", () => {
    const places = gazetteer.filter((e) => e.value.kind === "place");
    const withCoords = places.filter((e) => e.value.coordinates);
    expect(withCoords.length / places.length).toBeGreaterThan(0.9);
  });

  it("fails with the file, line and entry when an entry is wrong", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bd-tl-"));
    mkdirSync(path.join(dir, "timeline"));
    writeFileSync(
      path.join(dir, "timeline", "bad.yaml"),
      [
        "- id: 2025-02-30-made-up",
        '  date: "2025-02-30"',
        "  precision: day",
        "  type: clash",
        "  summary: A clash on a day that does not exist.",
        "  places: [torkham]",
        "  sources: [{ outlet: X, title: Y, date: '2025-03-01', url: 'https://example.org/a' }]",
        "- id: 2025-03-01-unknown-place",
        '  date: "2025-03-01"',
        "  precision: day",
        "  type: clash",
        "  summary: A clash at a place nobody has heard of.",
        "  places: [atlantis]",
        "  sources: [{ outlet: X, title: Y, date: '2025-03-01', url: 'https://example.org/b' }]",
      ].join("\n"),
    );
    let error: unknown;
    try {
      loadTimeline(path.join(dir, "timeline"), ids);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFileError);
    const problems = (error as DataFileError).problems.join("\n");
    expect(problems).toMatch(/bad\.yaml:1: entry "2025-02-30-made-up": date not a real calendar date/);
    expect(problems).toMatch(/bad\.yaml:8: event "2025-03-01-unknown-place": place "atlantis" is not in the gazetteer/);
  });
});

describe("the default database knows its beat", () => {
  it("answers /onthisday with an incident or the this-week fallback on at least 60% of the 366 days", async () => {
    const db = seededStore();
    const router = routerFor(db);
    let answered = 0;
    let exact = 0;
    for (let i = 0; i < 366; i++) {
      const d = new Date(Date.UTC(2024, 0, 1 + i));
      const md = `${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
      const { reply } = await router.handleCommand({ name: "onthisday", options: { date: md }, ctx: CONSOLE_CONTEXT });
      const embed = reply.embeds?.[0];
      const hasIncident = !!embed?.description && !embed.description.startsWith("No dated incidents");
      const hasWeek = !!embed?.fields?.some((f) => f.name === "This week in past years");
      if (hasIncident) exact++;
      if (hasIncident || hasWeek) answered++;
    }
    console.log(`onthisday coverage: ${exact}/366 days with an incident on the day, ${answered}/366 with the day or its week`);
    expect(answered / 366).toBeGreaterThanOrEqual(0.6);
  });

  it("the digest for a date with a known incident shows that incident's source", () => {
    const db = seededStore();
    const known = loadTimeline(tlDir, new Set(loadGazetteer(gazDir).map((e) => e.value.id))).find(
      (e) => e.value.precision === "day" && e.value.date.startsWith("2023-09-06"),
    );
    expect(known, "the 6 Sep 2023 Chitral attack is in the timeline").toBeDefined();
    const payload = renderPayload(buildDigestForDate(db, { date: "2026-09-06", timezone: "Asia/Karachi" }));
    const text = JSON.stringify(payload);
    const source = known?.value.sources[0];
    expect(text).toContain(source?.url ?? "missing");
  });
});
