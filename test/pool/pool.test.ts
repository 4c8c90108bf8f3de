import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { drawPicture } from "../../src/pictures/draw.ts";
import { createWorkerPool, EXPORTS_BUSY, PICTURES_BUSY, type WorkerPool } from "../../src/pool/pool.ts";
import { generatedStore } from "../pictures/generate.ts";

let db: Db;
let dbFile: string;
let subject: { id: number; name: string; slug: string };

beforeAll(() => {
  const made = generatedStore(3000);
  dbFile = path.join(mkdtempSync(path.join(tmpdir(), "bd-pool-")), "store.sqlite");
  made.db.$client.exec(`vacuum into '${dbFile}'`);
  closeDb(made.db);
  db = openDb(dbFile);
  const row = db.$client.prepare<[number], { id: number; name: string; slug: string }>("select id, name, slug from entities where id = ?").get(made.subjectId);
  if (!row) throw new Error("no subject");
  subject = row;
});
afterAll(() => closeDb(db));

describe("the worker pool: pictures drawn, exports made and documents ingested by worker threads", () => {
  let pool: WorkerPool;
  afterAll(async () => {
    await pool.close();
  });

  it("draws the same map and chart as the main thread would, from the worker's own connection", async () => {
    pool = createWorkerPool({ dbFile, size: 2 });
    const [map, chart] = await Promise.all([pool.draw({ kind: "map", from: "2024" }), pool.draw({ kind: "chart", entity: subject, by: "actor" })]);
    const inlineMap = drawPicture(db, { kind: "map", from: "2024" });
    expect(map.name).toBe("map-2024.png");
    expect(map.summary).toBe(inlineMap.summary);
    expect(map.alt).toBe(inlineMap.alt);
    expect(Buffer.from(map.png).equals(Buffer.from(inlineMap.png))).toBe(true);
    const inlineChart = drawPicture(db, { kind: "chart", entity: subject, by: "actor" });
    expect(chart.summary).toBe(inlineChart.summary);
    expect(Buffer.from(chart.png).equals(Buffer.from(inlineChart.png))).toBe(true);
    expect(pool.pending).toBe(0);
  }, 60_000);

  it("keeps the main thread free while a worker draws: timers keep firing during a map of every event", async () => {
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      ticks++;
    }, 5);
    const drawing = pool.draw({ kind: "map" });
    const started = performance.now();
    await drawing;
    const took = performance.now() - started;
    clearInterval(timer);
    // The timer ran all along: many ticks, and no gap as long as the drawing itself.
    expect(ticks).toBeGreaterThan(3);
    expect(longest).toBeLessThan(Math.max(took * 0.8, 50));
  }, 60_000);

  it("lets an ingest under way finish when it closes, then closes the worker's connections, the write one too", async () => {
    // A store of its own, which only the pool's worker opens.
    const file = path.join(mkdtempSync(path.join(tmpdir(), "bd-pool-close-")), "store.sqlite");
    db.$client.exec(`vacuum into '${file}'`);
    const own = createWorkerPool({ dbFile: file, size: 1, stopGraceMs: 30_000 });
    const text = "Peshawar, 3 March 2025 — Officials said the Torkham border crossing reopened on Monday after a week-long closure.";
    // Closed at once: the worker gets the ingest before the request to stop (a port keeps its messages' order).
    const ingest = own.ingest({ bytes: Buffer.from(text), kind: "text", fileName: "torkham.txt", now: "2025-03-03T12:00:00.000Z" });
    await own.close();
    const done = await ingest;
    const id = done.kind === "article" ? done.report.article?.id : undefined;
    expect(id).toBeTypeOf("number");
    const check = openDb(file);
    try {
      expect(check.$client.prepare<[number], { n: number }>("select count(*) as n from articles where id = ?").get(id ?? 0)?.n).toBe(1);
    } finally {
      closeDb(check);
    }
    // SQLite checkpoints the write-ahead log into the store and removes it when the last connection closes: the
    // worker's were closed, the writer last.
    expect(existsSync(`${file}-wal`)).toBe(false);
  }, 60_000);

  it("refuses politely past its queue, and fails what waits when closed", async () => {
    const small = createWorkerPool({ dbFile, size: 1, maxWaiting: 1 });
    const first = small.draw({ kind: "map" });
    const second = small.draw({ kind: "map" });
    await expect(small.draw({ kind: "map" })).rejects.toThrow(PICTURES_BUSY);
    // An export waits in the same queue, and is refused in its own words.
    const exportRefused = small.exportEvents({ entityId: 1, subject: "TTP", format: "csv", exportedAt: "2026-01-01T00:00:00.000Z" });
    await expect(exportRefused).rejects.toThrow(EXPORTS_BUSY);
    await expect(exportRefused).rejects.not.toThrow(/pictures are being drawn/);
    const settled = Promise.allSettled([first, second]);
    await first;
    await settled;
    const third = Promise.allSettled([small.draw({ kind: "map" })]);
    const fourth = Promise.allSettled([small.draw({ kind: "map" })]);
    await small.close();
    const [waited] = await fourth;
    expect(waited?.status).toBe("rejected");
    expect(waited?.status === "rejected" ? String(waited.reason) : "").toMatch(/shutting down/);
    await third;
    await expect(small.draw({ kind: "map" })).rejects.toThrow(/shutting down/);
  }, 60_000);
});
