import { afterAll, describe, expect, it } from "vitest";
import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { closeDb, openDb } from "../../src/db/client.ts";
import { backupDatabase, checkIntegrity, checkStoreOnStart, listBackups, pruneBackups, restoreDatabase, runNightlyBackup, StoreCorruptError } from "../../src/ops/backup.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "bd-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A writer in another process: each transaction adds one article and its three paragraphs, then prints
 * the article's id once committed. It runs until killed.
 */
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("busy_timeout = 5000");
const art = db.prepare("INSERT INTO articles (slug, title, ingested_at, content_hash) VALUES (?, ?, ?, ?)");
const par = db.prepare("INSERT INTO paragraphs (article_id, idx, role, text) VALUES (?, ?, 'body', ?)");
let i = 0;
const write = db.transaction(() => {
  i++;
  const id = Number(art.run("w-" + i, "Written " + i, new Date().toISOString(), "hash-" + i).lastInsertRowid);
  for (let p = 0; p < 3; p++) par.run(id, p, "Paragraph " + p + " of article " + i + " ".repeat(200));
  return id;
});
function loop() { for (let k = 0; k < 20; k++) process.stdout.write(write() + "\\n"); setImmediate(loop); }
loop();
`;

function storeWithBulk(file: string, articles: number): void {
  const db = openDb(file);
  const art = db.$client.prepare("INSERT INTO articles (slug, title, ingested_at, content_hash) VALUES (?, ?, ?, ?)");
  const par = db.$client.prepare("INSERT INTO paragraphs (article_id, idx, role, text) VALUES (?, ?, 'body', ?)");
  db.$client.transaction(() => {
    for (let i = 0; i < articles; i++) {
      const id = Number(art.run(`bulk-${i}`, `Bulk ${i}`, new Date().toISOString(), `bulk-hash-${i}`).lastInsertRowid);
      for (let p = 0; p < 3; p++) par.run(id, p, `Bulk paragraph ${p} of ${i} ${"x".repeat(300)}`);
    }
  })();
  closeDb(db);
}

describe("backups", () => {
  it("a backup taken while another process inserts restores to a consistent store with every committed row", async () => {
    const live = path.join(dir, "live.sqlite");
    storeWithBulk(live, 3000); // ~4 MB: the copy takes several steps, so the writer lands in the middle of it
    const writer = spawn(process.execPath, ["-e", WRITER, live], { stdio: ["ignore", "pipe", "inherit"], cwd: process.cwd() });
    const committed: number[] = [];
    let lastCommitted = 0;
    let buf = "";
    writer.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const l of lines) {
        committed.push(Number(l));
        lastCommitted = Math.max(lastCommitted, Number(l));
      }
    });
    const probe = new Database(live, { readonly: true });
    probe.pragma("busy_timeout = 5000");
    const written = (): number => (probe.prepare("SELECT count(*) AS n FROM articles WHERE slug LIKE 'w-%'").get() as { n: number }).n;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    try {
      // The writer's first rows, by what it reports committed (no timing).
      while (committed.length < 200) await new Promise((r) => setTimeout(r, 10));
      const source = new Database(live, { readonly: true });
      source.pragma("busy_timeout = 5000");
      const committedBefore = [...committed];
      const inStoreBefore = written();
      // The copy itself waits, part-way through, until the writer has committed another row, so the writer
      // writes during the copy however the machine schedules the two processes. backupDatabase's own progress
      // handler still runs after each step; this only holds the copy between two steps. (Once a restart has been
      // seen the rest is copied in one step and the handler is not called again: then nothing is held.)
      const realBackup = source.backup.bind(source);
      let held = false;
      source.backup = (file, options) => realBackup(file, {
        ...options,
        progress: (p) => {
          // Three steps (60 pages) into this pass, so the restart that follows shows as more pages remaining.
          if (!held && p.totalPages - p.remainingPages >= 60) {
            held = true;
            const at = written();
            const t0 = Date.now();
            while (written() <= at) {
              if (Date.now() - t0 > 30_000) throw new Error("the writer committed nothing in 30 s");
              Atomics.wait(pause, 0, 0, 5);
            }
          }
          return options?.progress ? options.progress(p) : 100;
        },
      });
      // Small steps, so the copy spans many turns of the event loop.
      const result = await backupDatabase(source, path.join(dir, "during-writes.sqlite"), { pagesPerStep: 20 });
      const inStoreAfter = written();
      source.close();
      expect(inStoreAfter).toBeGreaterThan(inStoreBefore); // the writer really was writing during the copy
      expect(result.restarts).toBeGreaterThan(0); // and SQLite restarted the copy for it, then it finished in one step

      const restored = path.join(dir, "restored.sqlite");
      await restoreDatabase(result.file, restored);
      expect(checkIntegrity(restored).ok).toBe(true);
      const copy = new Database(restored, { readonly: true });
      const ids = new Set((copy.prepare("SELECT id FROM articles WHERE slug LIKE 'w-%'").all() as { id: number }[]).map((r) => r.id));
      // Every row committed before the backup began is in it…
      for (const id of committedBefore) expect(ids.has(id)).toBe(true);
      // …and the copy is one moment of the store: whole transactions only, every article with its three paragraphs.
      const partial = copy.prepare("SELECT count(*) AS n FROM articles a WHERE (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id) <> 3").get() as { n: number };
      expect(partial.n).toBe(0);
      const maxId = Math.max(...ids);
      // The writer reports an id after its commit: wait until it has reported the copy's last one (no timing).
      while (lastCommitted < maxId) await new Promise((r) => setTimeout(r, 10));
      expect(ids.size).toBe([...committed].filter((id) => id <= maxId).length);
      copy.close();
    } finally {
      writer.kill("SIGKILL");
      probe.close();
    }
  }, 60_000);

  it("restore refuses a file that fails integrity_check and leaves the store alone", async () => {
    const good = path.join(dir, "good.sqlite");
    storeWithBulk(good, 2000);
    const bad = path.join(dir, "bad.sqlite");
    copyFileSync(good, bad);
    // Scribble over pages in the middle of the file (past the header and schema).
    const bytes = readFileSync(bad);
    bytes.fill(0x5a, 40 * 4096, 60 * 4096);
    writeFileSync(bad, bytes);
    expect(checkIntegrity(bad).ok).toBe(false);

    const target = path.join(dir, "target.sqlite");
    copyFileSync(good, target);
    await expect(restoreDatabase(bad, target)).rejects.toThrow(/integrity_check/);
    expect(checkIntegrity(target).ok).toBe(true);

    const notADb = path.join(dir, "notes.txt");
    writeFileSync(notADb, "this is not a database at all ".repeat(200));
    await expect(restoreDatabase(notADb, target)).rejects.toThrow(/integrity_check/);
  });

  it("start-up reports a damaged store clearly, naming the newest backup to restore", async () => {
    const store = path.join(dir, "startup.sqlite");
    storeWithBulk(store, 2000);
    const backups = path.join(dir, "nightly");
    const src = new Database(store, { readonly: true });
    const a = await runNightlyBackup(src, backups, 7, new Date("2026-01-10T02:30:00Z"));
    const b = await runNightlyBackup(src, backups, 7, new Date("2026-01-11T02:30:00Z"));
    src.close();
    expect(checkStoreOnStart(store, backups)?.ok).toBe(true);

    const bytes = readFileSync(store);
    bytes.fill(0, 30 * 4096, 50 * 4096);
    writeFileSync(store, bytes);
    expect(() => checkStoreOnStart(store, backups)).toThrow(StoreCorruptError);
    expect(() => checkStoreOnStart(store, backups)).toThrow(new RegExp(`damaged[\\s\\S]*db restore ${b.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect(a.file).not.toBe(b.file);

    // And npm start says so in one message instead of crashing later.
    const r = await run(process.execPath, ["--import", "tsx", "src/main.ts"], { env: { ...process.env, DATABASE_PATH: store, BACKUP_DIR: backups, DISCORD_TOKEN: "" } }).catch((e: { code: number; stderr: string }) => e);
    expect(r).toMatchObject({ code: 1 });
    expect((r as { stderr: string }).stderr).toMatch(/is damaged/);
    expect((r as { stderr: string }).stderr).toContain(`npx borderdesk db restore ${b.file}`);
  }, 30_000);

  it("keeps the newest BACKUP_KEEP nightly backups", async () => {
    const store = path.join(dir, "keep.sqlite");
    storeWithBulk(store, 10);
    const backups = path.join(dir, "keep");
    const src = new Database(store, { readonly: true });
    for (let d = 1; d <= 5; d++) await runNightlyBackup(src, backups, 3, new Date(`2026-01-0${d}T02:30:00Z`));
    src.close();
    const kept = listBackups(backups).map((f) => path.basename(f));
    expect(kept).toEqual(["borderdesk-20260105T023000Z.sqlite", "borderdesk-20260104T023000Z.sqlite", "borderdesk-20260103T023000Z.sqlite"]);
    expect(pruneBackups(backups, 1)).toHaveLength(2);
  });

  it("borderdesk db backup and db restore round-trip through the CLI", async () => {
    const store = path.join(dir, "cli.sqlite");
    storeWithBulk(store, 50);
    const copy = path.join(dir, "cli-copy.sqlite");
    const b = await run(process.execPath, ["bin/borderdesk.js", "db", "backup", copy, "--db", store, "--json"]);
    expect(JSON.parse(b.stdout)).toMatchObject({ ok: true, file: copy });

    // Change the store, then restore the copy over it.
    const db = new Database(store);
    db.prepare("DELETE FROM paragraphs").run();
    db.close();
    const r = await run(process.execPath, ["bin/borderdesk.js", "db", "restore", copy, "--db", store, "--json"]);
    const out = JSON.parse(r.stdout) as { ok: boolean; previous: string };
    expect(out.ok).toBe(true);
    expect(existsSync(out.previous)).toBe(true);
    const after = new Database(store, { readonly: true });
    expect((after.prepare("SELECT count(*) AS n FROM paragraphs").get() as { n: number }).n).toBe(150);
    after.close();

    const bad = path.join(dir, "cli-bad.sqlite");
    writeFileSync(bad, "SQLite format 3\0 but then nonsense".repeat(100));
    const refused = await run(process.execPath, ["bin/borderdesk.js", "db", "restore", bad, "--db", store]).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/Refusing to restore/);
  }, 30_000);
});
