import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect, promisify } from "node:util";
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

/** `npm start` with SHARD_COUNT=2 against the fake Discord (through tsx, as the shards then run too); its stderr kept. */
function startManager(): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
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
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

describe("npm start with SHARD_COUNT=2", () => {
  it("runs one process per shard: guild commands are answered by their shard, each digest is posted once", async () => {
    expect([shardForGuild(GUILD_A, 2), shardForGuild(GUILD_B, 2)]).toEqual([0, 1]);
    const manager = startManager();
    // A failure below must not be hidden by the stop's own check (it used to be reported as "exit code null").
    let failure: unknown;
    try {
      // discord.js's ShardingManager spaces IDENTIFYs 5.5 s apart, as Discord asks; three processes starting
      // through tsx take far longer than that on a loaded machine, which is not what this test is about.
      await fake.waitFor(() => (fake.connectedShards().length === 2 ? true : undefined), 150_000, "both shards to connect");
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
      await fake.waitFor(() => (fake.messageCount(CHANNEL_A) >= 1 && fake.messageCount(CHANNEL_B) >= 1 ? true : undefined), 60_000, "both digests");
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
    } catch (err) {
      failure = err;
    }
    manager.child.kill("SIGTERM");
    const code = await manager.exited;
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(inspect(failure));
    if (code !== 0) console.error(manager.stderr());
    expect(code).toBe(0);
  }, 300_000);

  it("a SIGTERM while the shards are still starting stops the ones started and exits cleanly", async () => {
    const before = fake.identifies.length;
    const manager = startManager();
    // The first shard has connected; the second is 5.5 s away (or starting).
    await fake.waitFor(() => (fake.identifies.length > before ? true : undefined), 150_000, "the first shard to connect");
    manager.child.kill("SIGTERM");
    const code = await manager.exited;
    if (code !== 0) console.error(manager.stderr());
    // Exit by the signal itself (code null) was what happened before: the manager listened only once all shards were up.
    expect(code).toBe(0);
    // The manager waited for its shards: none is left connected.
    await fake.waitFor(() => (fake.connectedShards().length === 0 ? true : undefined), 30_000, "the shards to disconnect");
  }, 300_000);
});
