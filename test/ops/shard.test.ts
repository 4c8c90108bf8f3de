import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recommendedShardCount, wantsSharding } from "../../src/ops/shard.ts";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.ts";

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ shardCount: 3 });
});
afterAll(async () => {
  await fake.close();
});

describe("SHARD_COUNT=auto", () => {
  it("asks the configured Discord API (GET /gateway/bot) for its recommended count, with the bot token", async () => {
    const count = await recommendedShardCount({ discordToken: "fake-token.not-a-secret", discordApiUrl: fake.apiUrl });
    expect(count).toBe(3);
    const asked = fake.requests.filter((r) => r.method === "GET" && r.path.endsWith("/gateway/bot"));
    expect(asked.map((r) => [r.status, r.authenticated])).toEqual([[200, true]]);
  });

  it("shards only when a token is set and the count is more than one, or auto", () => {
    const base = { discordToken: "t", isShardProcess: false };
    expect(wantsSharding({ ...base, shardCount: "auto" })).toBe(true);
    expect(wantsSharding({ ...base, shardCount: 1 })).toBe(false);
    expect(wantsSharding({ ...base, shardCount: 2 })).toBe(true);
    expect(wantsSharding({ ...base, discordToken: undefined, shardCount: "auto" })).toBe(false);
    expect(wantsSharding({ ...base, isShardProcess: true, shardCount: 2 })).toBe(false);
  });

  it("refuses without a token, naming what is missing", async () => {
    await expect(recommendedShardCount({ discordToken: undefined, discordApiUrl: fake.apiUrl })).rejects.toThrow("SHARD_COUNT=auto needs DISCORD_TOKEN");
  });
});
