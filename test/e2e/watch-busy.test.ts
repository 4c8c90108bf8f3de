/**
 * The watch dispatcher's writes under a locked store: the bot's connection waits only BOT_BUSY_TIMEOUT_MS for a
 * lock (src/db/busy.ts), so a pass that finds another connection writing (a bulk import, the CLI) tries again off
 * the event loop instead of giving up until the next pass.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { ApplicationCommandOptionType as T } from "discord-api-types/v10";
import { BOT_BUSY_TIMEOUT_MS } from "../../src/db/busy.ts";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { silentLogger } from "../../src/logger.ts";
import { restPoster } from "../../src/discord/poster.ts";
import { ingestBytes } from "../../src/ingest/index.ts";
import { startWatchDispatcher } from "../../src/watch/dispatch.ts";
import { routerFor, seededStore } from "../helpers/store.ts";
import { startBot, type TestBot } from "../helpers/bot.ts";

const GUILD = "1190000000000000001";
const ALERTS = "1190000000000000002";
const EDITOR = "1190000000000000077";

let dir: string;
let db: Db;
let other: Database.Database;
let bot: TestBot;
const clock = new Date("2026-11-19T09:00:00Z");

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "bd-watch-busy-"));
  const file = path.join(dir, "store.sqlite");
  const mem = seededStore();
  mem.$client.exec(`vacuum into '${file}'`);
  closeDb(mem);
  // The bot's connection as src/main.ts opens it, and another writer (an import, the CLI).
  db = openDb(file, { busyTimeoutMs: BOT_BUSY_TIMEOUT_MS });
  other = new Database(file);
  bot = await startBot(routerFor(db, clock), { id: GUILD, channelId: ALERTS });
});

afterAll(async () => {
  await bot.stop();
  other.close();
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe("the watch dispatcher while another connection holds the write lock", () => {
  it("records and posts the alert once the lock is let go, in the same pass", async () => {
    await bot.fake.sendCommand({ name: "watch", options: [{ name: "add", type: T.Subcommand, options: [{ name: "subject", type: T.String, value: "TTP" }] }], guildId: GUILD, channelId: ALERTS, userId: EDITOR });
    const body = "---\ntitle: bannu-station\noutlet: Frontier Wire\nurl: https://news.example/bannu-station\npublished: 2026-11-19\n---\nTTP militants attacked a police station in Bannu on Thursday, killing two policemen, officials said.\n";
    expect(ingestBytes(db, "bannu-station.md", Buffer.from(body), { now: clock }).ok).toBe(true);
    const dispatcher = startWatchDispatcher({ db, poster: restPoster(bot.client.rest), logger: silentLogger, now: () => clock, intervalMs: 3_600_000, retry: { attempts: 1, baseDelayMs: 1 } });
    try {
      other.exec("begin immediate");
      const released = new Promise<void>((resolve) =>
        setTimeout(() => {
          other.exec("commit");
          resolve();
        }, 300),
      );
      const report = await dispatcher.pass();
      await released;
      expect(report.alerts).toBe(1);
      expect(report.sent).toBe(1);
      expect(bot.fake.channelMessages.get(ALERTS)).toHaveLength(1);
      // Recorded as sent: the next pass posts nothing again.
      const again = await dispatcher.pass();
      expect(again.sent).toBe(0);
      expect(bot.fake.channelMessages.get(ALERTS)).toHaveLength(1);
    } finally {
      if (other.inTransaction) other.exec("rollback");
      await dispatcher.stop();
    }
  });
});
