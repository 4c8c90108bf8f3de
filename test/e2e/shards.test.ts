import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { closeDb, openDb } from "../../src/db/client.ts";
import { upsertSubscription } from "../../src/store/subscriptions.ts";
import { guildIdForShard, makeSnowflake, shardForGuild, startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "bd-shards-"));
const store = path.join(dir, "store.sqlite");
const GUILD_A = guildIdForShard(0, 2);
const GUILD_B = guildIdForShard(1, 2);
const CHANNEL_A = makeSnowflake();
const CHANNEL_B = makeSnowflake();
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({
    shardCount: 2,
    guilds: [
      { id: GUILD_A, name: "Desk A", channels: [{ id: CHANNEL_A, name: "desk-a" }] },
      { id: GUILD_B, name: "Desk B", channels: [{ id: CHANNEL_B, name: "desk-b" }] },
    ],
  });
  await run(process.execPath, ["bin/borderdesk.js", "db", "seed", "--db", store]);
  // A digest due a minute ago in each guild (one per shard).
  const now = new Date();
  const hhmm = new Date(now.getTime() - 60_000).toISOString().slice(11, 16);
  const db = openDb(store);
  for (const [guildId, channelId] of [[GUILD_A, CHANNEL_A], [GUILD_B, CHANNEL_B]] as const) {
    upsertSubscription(db, { guildId, channelId, localTime: hhmm, timezone: "UTC", kinds: ["incidents", "context", "quote"], aboutEntityId: null, createdBy: "1" }, new Date(now.getTime() - 3_600_000));
  }
  closeDb(db);
}, 60_000);

afterAll(async () => {
  await fake.close();
});

describe("npm start with SHARD_COUNT=2", () => {
  it("runs one process per shard: guild commands are answered by their shard, each digest is posted once", async () => {
    expect([shardForGuild(GUILD_A, 2), shardForGuild(GUILD_B, 2)]).toEqual([0, 1]);
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        DATABASE_PATH: store,
        LOG_LEVEL: "silent",
        BACKUP_KEEP: "0",
        SHARD_COUNT: "2",
        DISCORD_TOKEN: "fake-token.not-a-secret",
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    try {
      // discord.js's ShardingManager spaces IDENTIFYs 5.5 s apart, as Discord asks.
      await fake.waitFor(() => (fake.connectedShards().length === 2 ? true : undefined), 45_000, "both shards to connect");
      expect(fake.connectedShards().sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]); // one IDENTIFY per shard: one process each, none connecting twice

      for (const [guildId, channelId, shard] of [[GUILD_A, CHANNEL_A, 0], [GUILD_B, CHANNEL_B, 1]] as const) {
        const r = await fake.sendCommand({ name: "onthisday", options: [{ name: "date", type: 3, value: "01-11" }], guildId, channelId, timeoutMs: 8000 });
        expect(r.shardId).toBe(shard);
        expect(r.embeds[0]?.title).toBe("On this day: 11 Jan");
      }

      // Only the shard-0 process schedules: each digest once, not once per shard.
      await fake.waitFor(() => (fake.messageCount(CHANNEL_A) >= 1 && fake.messageCount(CHANNEL_B) >= 1 ? true : undefined), 20_000, "both digests");
      await new Promise((r) => setTimeout(r, 1500));
      expect(fake.messageCount(CHANNEL_A)).toBe(1);
      expect(fake.messageCount(CHANNEL_B)).toBe(1);
      const posts = fake.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path));
      expect(posts).toHaveLength(2);
      const db = new Database(store, { readonly: true });
      const rows = db.prepare("SELECT status FROM digest_deliveries").all();
      db.close();
      expect(rows).toEqual([{ status: "sent" }, { status: "sent" }]);
      expect(fake.rejections).toEqual([]);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      const code = await exited;
      if (code !== 0) console.error(stderr);
      expect(code).toBe(0);
    }
  }, 90_000);
});
