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
import { outletName, timelineCoverage } from "../../src/gazetteer/coverage.ts";
import type { TimelineEvent } from "../../src/gazetteer/schema.ts";

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

  it("covers the Doha Agreement through the 2026 war: the 27 February strikes and \"open war\" are there", () => {
    const dates = events.map((e) => e.value.date).sort();
    expect(dates[0]?.slice(0, 4)).toBe("2020");
    expect(events.some((e) => e.value.date === "2020-02-29" && e.value.type === "agreement")).toBe(true);
    expect(dates[dates.length - 1]?.slice(0, 4)).toBe("2026");
    const openWar = events.find((e) => e.value.date === "2026-02-27" && e.value.type === "airstrike" && e.value.places.includes("kabul"));
    expect(openWar?.value.claims.some((c) => c.by === "khawaja-asif" && /open war/.test(c.claim))).toBe(true);
  });

  it("follows the citation rules: real headlines, no refused hosts, two outlets for every 2026 casualty figure", () => {
    for (const { value: e, file, line } of events) {
      for (const s of e.sources) expect(s.title, `${file}:${line} ${e.id}`).not.toMatch(/not captured/i);
      if (e.date >= "2026" && e.casualties.length > 0) {
        const outlets = new Set(e.sources.map((s) => outletName(s.outlet)));
        expect(outlets.size, `${file}:${line} ${e.id}`).toBeGreaterThanOrEqual(2);
      }
    }
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

describe("the loader refuses sources a desk cannot cite", () => {
  const ids = new Set(loadGazetteer(gazDir).map((e) => e.value.id));
  const good = { outlet: "Dawn", title: "Torkham reopens after talks", date: "2025-03-02", url: "https://www.dawn.com/news/1" };

  /** Loads one entry dated 2025-03-02 with these sources and returns the loader's problems ("" when it loads). */
  function problemsFor(sources: Record<string, string>[], date = "2025-03-02"): string {
    const dir = mkdtempSync(path.join(tmpdir(), "bd-src-"));
    const entry = { id: "2025-03-02-torkham-reopens", date, precision: "day", type: "reopening", summary: "Torkham reopens to trade after talks.", places: ["torkham"], sources };
    writeFileSync(path.join(dir, "one.yaml"), JSON.stringify([entry]));
    try {
      loadTimeline(dir, ids);
      return "";
    } catch (e) {
      if (!(e instanceof DataFileError)) throw e;
      return e.problems.join("\n");
    }
  }

  it("loads an entry whose sources follow the rules", () => {
    expect(problemsFor([good, { ...good, outlet: "The News", url: "https://www.thenews.com.pk/latest/2" }])).toBe("");
  });

  it("refuses an entry dated after every one of its sources: a preview is not evidence", () => {
    const preview = { ...good, title: "Torkham set to reopen on Sunday", date: "2025-02-28", url: "https://www.dawn.com/news/0" };
    expect(problemsFor([preview], "2025-03-02")).toMatch(/one\.yaml:1: event "2025-03-02-torkham-reopens": dated 2025-03-02, after every source \(latest 2025-02-28\)/);
    // A month-only source from the same month may report it; one report on or after the day is enough.
    expect(problemsFor([{ ...preview, date: "2025-03" }])).toBe("");
    expect(problemsFor([preview, good])).toBe("");
  });

  it("refuses a source without a real headline", () => {
    expect(problemsFor([{ ...good, title: "[headline not captured] Torkham reopening" }])).toMatch(/source 1 \(Dawn\): "\[headline not captured\] Torkham reopening" is a placeholder/);
    expect(problemsFor([{ ...good, title: "" }])).toMatch(/sources\.0\.title/);
  });

  it("refuses the same page cited twice in one entry, however the URL is written", () => {
    expect(problemsFor([good, { ...good, outlet: "Dawn.com", url: "http://dawn.com/news/1/" }])).toMatch(/source 2 \(Dawn\.com\): URL repeats source 1/);
  });

  it("refuses one page cited with two different headlines by two entries", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bd-src-"));
    const base = { date: "2025-03-02", precision: "day", type: "reopening", summary: "Torkham reopens to trade after talks.", places: ["torkham"] };
    writeFileSync(
      path.join(dir, "two.yaml"),
      JSON.stringify([
        { ...base, id: "2025-03-02-a", sources: [good] },
        { ...base, id: "2025-03-02-b", sources: [{ ...good, title: "Something else" }] },
      ]),
    );
    expect(() => loadTimeline(dir, ids)).toThrow(/"2025-03-02-b": https:\/\/www\.dawn\.com\/news\/1 is cited by "2025-03-02-a" as "Torkham reopens after talks"/);
  });

  it("refuses Wikipedia, its mirrors and reposting aggregators", () => {
    expect(problemsFor([{ ...good, outlet: "Wikipedia", url: "https://en.wikipedia.org/wiki/Torkham" }])).toMatch(/source 1 \(Wikipedia\): wikipedia\.org is refused/);
    expect(problemsFor([{ ...good, outlet: "WikiMili", url: "https://wikimili.com/en/Torkham" }])).toMatch(/wikimili\.com is refused \(a Wikipedia mirror\)/);
    expect(problemsFor([{ ...good, outlet: "AP via ExBulletin", url: "https://exbulletin.com/politics/1/" }])).toMatch(/exbulletin\.com is refused \(a reposting aggregator\)/);
  });

  it("refuses a URL that is not a plain http(s) page", () => {
    expect(problemsFor([{ ...good, url: "ftp://dawn.com/news/1" }])).toMatch(/URL "ftp:\/\/dawn\.com\/news\/1" is not http or https/);
    expect(problemsFor([{ ...good, url: "https://localhost/news/1" }])).toMatch(/has no real host/);
    expect(problemsFor([{ ...good, url: "https://tribune.com.pk/story/2444488/ajax.googleapis.com" }])).toMatch(/host name \("ajax\.googleapis\.com"\) glued into its path/);
    expect(problemsFor([{ ...good, url: "not a url" }])).toMatch(/sources\.0\.url/);
  });
});

describe("timeline coverage (npm run timeline:coverage)", () => {
  const src = (outlet: string, n: number) => ({ outlet, title: "T", date: "2025-03-02", url: `https://example.org/${n}` });
  const ev = (date: string, precision: TimelineEvent["precision"], type: TimelineEvent["type"], sources: TimelineEvent["sources"], killed?: number): TimelineEvent => ({
    id: `e-${date}`, date, precision, type, summary: "An event on the border.", places: ["torkham"], actors: [], claims: [],
    casualties: killed === undefined ? [] : [{ reportedBy: "ispr", killed }], sources,
  });

  it("counts years, precisions, month-days on the day, sources and single-outlet casualty entries", () => {
    const c = timelineCoverage([
      ev("2024-02-29", "day", "clash", [src("Dawn", 1), src("Dawn (APP)", 2)], 3),
      ev("2025-02-28", "day", "statement", [src("Dawn", 3), src("The News", 4)]),
      ev("2025-03", "month", "attack", [src("Geo News", 5)], 1),
      ev("2026-02-28", "day", "airstrike", [src("Dawn", 6), src("Al Jazeera", 7)], 2),
    ]);
    expect(c.byYear).toEqual({ "2024": { events: 1, violent: 1 }, "2025": { events: 2, violent: 1 }, "2026": { events: 1, violent: 1 } });
    expect(c.byPrecision).toEqual({ day: 3, month: 1, year: 0 });
    expect(c.monthDaysCovered).toBe(2); // 02-29 and 02-28; the month-only event is on no day
    expect(c.monthDaysMissing).toHaveLength(364);
    expect(c.sourcesPerEvent).toEqual({ 1: 1, 2: 3 });
    // "Dawn" and "Dawn (APP)" are one outlet, so the 2024 clash has a single outlet, as does the month-only attack.
    expect(c.casualtyEventsWithOneOutlet).toBe(2);
    expect(c.outlets[0]).toEqual({ outlet: "Dawn", sources: 4 });
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
