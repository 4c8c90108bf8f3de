import { z } from "zod";
import path from "node:path";
import { projectRoot } from "./db/client.ts";
import type { AllowPrivate } from "./intake/address.ts";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(z.string().regex(/^\d{17,20}$/, "must be a Discord snowflake (17–20 digits)").optional()),
  DISCORD_DEV_GUILD_ID: optionalText.pipe(z.string().regex(/^\d{17,20}$/, "must be a Discord snowflake (17–20 digits)").optional()),
  /** Base URL of Discord's REST API; only tests and local fakes change it. */
  DISCORD_API_URL: optionalText.pipe(z.string().url().optional()),
  DATABASE_PATH: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEFAULT_TIMEZONE: optionalText,
  DIGEST_CATCHUP_HOURS: z.coerce.number().min(0).max(24).default(6),
  /** Port for /healthz, /readyz and /metrics; unset = no HTTP server. */
  HEALTH_PORT: optionalText.pipe(z.coerce.number<string>().int().min(1).max(65535).optional()),
  /** Address the health server binds to: loopback unless a scraper elsewhere needs it (0.0.0.0 = every interface). */
  HEALTH_HOST: optionalText.pipe(z.union([z.ipv4(), z.ipv6(), z.literal("localhost")], { error: "must be an IP address such as 127.0.0.1 or 0.0.0.0" }).optional()),
  BACKUP_DIR: optionalText,
  BACKUP_KEEP: z.coerce.number().int().min(0).max(365).default(7),
  SHARD_COUNT: optionalText.pipe(z.union([z.literal("auto"), z.coerce.number<string>().int().min(1).max(1000)], { error: "must be a number of shards or auto" }).optional()),
  /**
   * Outgoing fetches (/ingest url:, /feeds) refuse private, loopback and link-local addresses unless this is
   * "true" (all allowed) or a comma-separated list of hosts allowed (a newsroom's own feed server).
   */
  FETCH_ALLOW_PRIVATE: optionalText.pipe(
    z
      .string()
      .regex(/^(true|false|[A-Za-z0-9.:[\]_-]+(\s*,\s*[A-Za-z0-9.:[\]_-]+)*)$/, "must be true, false or a comma-separated list of host names")
      .optional(),
  ),
  /** Set by discord.js's ShardingManager in the processes it spawns. */
  SHARDING_MANAGER: optionalText,
});

export interface Config {
  discordToken: string | undefined;
  applicationId: string | undefined;
  devGuildId: string | undefined;
  discordApiUrl: string | undefined;
  databasePath: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  defaultTimezone: string;
  digestCatchupHours: number;
  healthPort: number | undefined;
  /** Where the health server listens (default 127.0.0.1). */
  healthHost: string;
  /** Where nightly backups go (default data/backups beside the store). */
  backupDir: string;
  /** Nightly backups kept; 0 turns nightly backups off. */
  backupKeep: number;
  /** 1 = one process (default); more, or "auto", = discord.js's ShardingManager. */
  shardCount: number | "auto";
  /** True in a process spawned by the ShardingManager. */
  isShardProcess: boolean;
  /** Private addresses outgoing fetches may reach: none (false, the default), all (true) or these hosts. */
  fetchAllowPrivate: AllowPrivate;
}

export class ConfigError extends Error {}

/** Parses the environment once; a bad variable stops start-up with one line naming it (never its value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join(".") ?? "environment";
    throw new ConfigError(`Configuration error: ${name} ${issue?.message ?? "is invalid"} (see .env.example).`);
  }
  const e = parsed.data;
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) {
    throw new ConfigError("Configuration error: DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set (see .env.example).");
  }
  const tz = e.DEFAULT_TIMEZONE ?? "UTC";
  if (!isValidTimeZone(tz)) throw new ConfigError(`Configuration error: DEFAULT_TIMEZONE "${tz}" is not an IANA time zone such as Asia/Karachi.`);
  return {
    discordToken: e.DISCORD_TOKEN,
    applicationId: e.DISCORD_APPLICATION_ID,
    devGuildId: e.DISCORD_DEV_GUILD_ID,
    discordApiUrl: e.DISCORD_API_URL,
    databasePath: path.resolve(projectRoot, e.DATABASE_PATH ?? path.join("data", "borderdesk.sqlite")),
    logLevel: e.LOG_LEVEL,
    defaultTimezone: tz,
    digestCatchupHours: e.DIGEST_CATCHUP_HOURS,
    healthPort: e.HEALTH_PORT,
    healthHost: e.HEALTH_HOST ?? "127.0.0.1",
    backupDir: path.resolve(projectRoot, e.BACKUP_DIR ?? path.join("data", "backups")),
    backupKeep: e.BACKUP_KEEP,
    shardCount: e.SHARD_COUNT ?? 1,
    isShardProcess: e.SHARDING_MANAGER === "true",
    fetchAllowPrivate: allowPrivate(e.FETCH_ALLOW_PRIVATE),
  };
}

function allowPrivate(value: string | undefined): AllowPrivate {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  return value.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone.includes("/") && zone !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
