/**
 * Sharding for large deployments: with SHARD_COUNT > 1 (or "auto"), `npm start` becomes discord.js's
 * ShardingManager, which runs src/main.ts once per shard in its own process. Each of those processes
 * answers the interactions of its own guilds; only the one holding shard 0 runs the digest scheduler,
 * the nightly backups and (when present) feed polling, because those go over REST and the shared store,
 * not the gateway, and must happen exactly once.
 */
import { Routes, ShardingManager } from "discord.js";
import { discordRest } from "../discord/client.ts";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";

/** Discord requires sharding from 2,500 guilds per connection. */
export const GUILDS_PER_SHARD = 2500;

/** The process entry point each shard runs: the one this process was started with (src/main.ts, or dist/main.js when compiled). */
const entry = process.argv[1] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "main.ts");

export function wantsSharding(config: Pick<Config, "discordToken" | "shardCount" | "isShardProcess">): boolean {
  return Boolean(config.discordToken) && !config.isShardProcess && (config.shardCount === "auto" || config.shardCount > 1);
}

/** Guild → shard, as Discord routes it: (guild_id >> 22) % shard_count. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * SHARD_COUNT=auto: the shard count Discord recommends for the bot (GET /gateway/bot), asked through
 * DISCORD_API_URL when it is set, like every other call (discord.js's own "auto" always asks discord.com).
 */
export async function recommendedShardCount(config: Pick<Config, "discordToken" | "discordApiUrl">): Promise<number> {
  if (!config.discordToken) throw new Error("SHARD_COUNT=auto needs DISCORD_TOKEN to ask Discord for the shard count");
  const rest = discordRest({ token: config.discordToken, apiUrl: config.discordApiUrl });
  const body = (await rest.get(Routes.gatewayBot())) as { shards?: unknown };
  const shards = body.shards;
  if (typeof shards !== "number" || !Number.isInteger(shards) || shards < 1) throw new Error("Discord's GET /gateway/bot answered without a shard count");
  return shards;
}

export interface RunningShards {
  manager: ShardingManager;
  /** Settles when every shard has been spawned and is ready (rejects if one could not be). */
  spawned: Promise<void>;
  /** Stops the shards started so far, also while the others are still being spawned. */
  stop(): Promise<void>;
}

/**
 * Spawns the shards and keeps them running (a shard process that dies is respawned by the manager). The
 * count is a number: resolve "auto" with recommendedShardCount first. Returns at once, so that the caller can
 * stop on a signal that comes while the shards start: spawning takes 5.5 s a shard, and a SIGTERM then used to
 * kill the manager outright (exit by signal, its shards left to notice the manager gone).
 */
export function runShardingManager(config: Config & { shardCount: number }, logger: Logger, opts: { spawnDelayMs?: number } = {}): RunningShards {
  const manager = new ShardingManager(entry, {
    totalShards: config.shardCount,
    ...(config.discordToken ? { token: config.discordToken } : {}),
    mode: "process",
    respawn: true,
    // The shards run TypeScript the same way this process does (tsx's loader flags).
    execArgv: process.execArgv,
  });
  manager.on("shardCreate", (shard) => {
    logger.info({ shard: shard.id, total: manager.totalShards }, "shard process starting");
    shard.on("death", (p) => logger.warn({ shard: shard.id, exitCode: "exitCode" in p ? p.exitCode : undefined }, "shard process exited; respawning"));
  });
  // Discord allows one IDENTIFY per 5 s per bucket unless the bot's max_concurrency is higher.
  const spawned = manager.spawn({ delay: opts.spawnDelayMs ?? 5500, timeout: 60_000 }).then(() => {
    logger.info({ shards: manager.totalShards }, "all shards spawned");
  });
  return {
    manager,
    spawned,
    async stop() {
      await Promise.all(
        manager.shards.map(
          (shard) =>
            new Promise<void>((resolve) => {
              const child = shard.process;
              if (!child || child.exitCode !== null) return resolve();
              child.once("exit", () => resolve());
              // shard.kill(): SIGTERM without a respawn; each shard stops its scheduler and closes the store itself.
              shard.kill();
            }),
        ),
      );
    },
  };
}
