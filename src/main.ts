import { Events, RESTEvents } from "discord.js";
import { ConfigError, loadConfig } from "./config.ts";
import { closeDb } from "./db/client.ts";
import { BOT_BUSY_TIMEOUT_MS } from "./db/busy.ts";
import { DataFileError } from "./gazetteer/load.ts";
import { createLogger } from "./logger.ts";
import { openStore } from "./store/open.ts";
import { createRouter } from "./app.ts";
import { runConsole } from "./console/repl.ts";
import { attachRouter, createClient } from "./discord/client.ts";
import { startScheduler, type Scheduler } from "./digest/index.ts";
import { startFeedPoller, type FeedPoller } from "./feeds/poller.ts";
import { consoleScheduler } from "./console/scheduler.ts";
import { tellGuildAboutPause } from "./discord/notices.ts";
import { restPoster } from "./discord/poster.ts";
import { startWatchDispatcher, type WatchDispatcher } from "./watch/dispatch.ts";
import { checkStoreOnStart, scheduleBackups, StoreCorruptError, type BackupSchedule } from "./ops/backup.ts";
import { startHealthServer, type HealthServer } from "./ops/health.ts";
import { createWorkerPool } from "./pool/pool.ts";
import { createMetrics } from "./ops/metrics.ts";
import { offlineRuntime, type RuntimeInfo } from "./ops/runtime.ts";
import { recommendedShardCount, runShardingManager, wantsSharding } from "./ops/shard.ts";

/**
 * `npm start`: with DISCORD_TOKEN the bot connects to Discord; without it, the offline console opens
 * on the same store and commands, so anyone can try borderdesk. With SHARD_COUNT > 1 (or auto) this
 * process becomes the ShardingManager and runs this file again once per shard.
 */
async function start(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.discordToken ? config.logLevel : "warn");
  const startedAt = new Date();
  // Before anything trusts the store: a damaged file stops here with one clear message.
  if (!config.isShardProcess) checkStoreOnStart(config.databasePath, config.backupDir);

  // SHARD_COUNT=auto: as many shards as Discord recommends; one means no sharding manager at all.
  const shardCount = wantsSharding(config) && config.shardCount === "auto" ? await recommendedShardCount(config) : config.shardCount;
  if (config.shardCount === "auto" && typeof shardCount === "number") logger.info({ shards: shardCount }, "SHARD_COUNT=auto: Discord recommends this many shards");
  if (typeof shardCount === "number" && wantsSharding({ ...config, shardCount })) {
    // Migrate and seed once, here, before the shard processes open the store.
    closeDb(openStore(config).db);
    const shards = runShardingManager({ ...config, shardCount }, logger);
    let stopping = false;
    const stop = async (signal: string): Promise<void> => {
      stopping = true;
      logger.info({ signal }, "stopping shards");
      await shards.stop();
      process.exit(0);
    };
    // Listening before the shards are spawned: a stop signal while they start stops them too, and exits cleanly.
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
    try {
      await shards.spawned;
    } catch (err) {
      // A shard stopped on purpose while it started is no failure to start.
      if (!stopping) throw err;
    }
    return await new Promise<number>(() => undefined);
  }

  const { db, seed } = openStore(config, { seed: !config.isShardProcess });
  if (seed?.gazetteer.applied) {
    process.stderr.write(`Store ready at ${config.databasePath}: ${seed.gazetteer.entities} entities, ${seed.timeline.events} timeline events, ${seed.articles.length} demo article(s) loaded.\n`);
  }

  if (!config.discordToken) {
    process.stderr.write("No DISCORD_TOKEN set: opening the offline console (set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env to connect to Discord).\n\n");
    // Scheduled digests fire in the interactive console too, printed as they would be posted.
    const scheduler = process.stdin.isTTY ? consoleScheduler(db, config, logger, process.stdout) : undefined;
    const router = createRouter(db, config, logger, undefined, { runtime: offlineRuntime("console", startedAt, scheduler) });
    await runConsole(router, process.stdin, process.stdout, process.stdin.isTTY);
    await scheduler?.stop();
    closeDb(db);
    return 0;
  }

  // From here on the bot's writes wait for another process's lock (a bulk import) off the loop, not in SQLite.
  db.$client.pragma(`busy_timeout = ${BOT_BUSY_TIMEOUT_MS}`);
  const client = createClient({ apiUrl: config.discordApiUrl });
  // One process schedules (digests, backups, feeds): delivery goes over REST, which any shard (or none) can use.
  const primary = client.shard ? client.shard.ids.includes(0) : true;
  let scheduler: Scheduler | undefined;
  let backups: BackupSchedule | undefined;
  let feeds: FeedPoller | undefined;
  let watches: WatchDispatcher | undefined;
  const runtime: RuntimeInfo = {
    startedAt,
    mode: "discord",
    gatewayPingMs: () => (client.ws.ping >= 0 ? client.ws.ping : undefined),
    gatewayReady: () => client.isReady(),
    shards: () => (client.shard ? { ids: client.shard.ids, count: client.shard.count } : { ids: [0], count: 1 }),
    lastSchedulerTick: () => scheduler?.lastTickAt(),
    runsScheduler: () => primary,
  };
  const shardLabel = client.shard ? { shard: client.shard.ids.join(",") } : undefined;
  const metrics = createMetrics({ db, runtime, ...(shardLabel ? { defaultLabels: shardLabel } : {}) });
  // /chart and /map are drawn by worker threads reading the store themselves (an in-memory store has no file to share).
  const workers = db.$client.memory ? undefined : createWorkerPool({ dbFile: config.databasePath, logger });
  const router = createRouter(db, config, logger, undefined, { runtime, observer: metrics, ...(workers ? { workers, ingester: workers } : {}) });
  const gate = attachRouter(client, router, logger, { onError: () => metrics.error("interaction"), onShed: (reason, kind) => metrics.shed(reason, kind) });
  client.rest.on(RESTEvents.RateLimited, (info) => {
    metrics.rateLimited(info);
    logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global, scope: info.scope }, "Discord rate limit");
  });
  client.on(Events.ShardError, (err, shardId) => {
    metrics.error("gateway");
    logger.warn({ err, shardId }, "gateway connection error");
  });

  let health: HealthServer | undefined;
  if (config.healthPort !== undefined) {
    // Each shard process gets its own port: HEALTH_PORT + its first shard id.
    health = await startHealthServer({ port: config.healthPort + (client.shard?.ids[0] ?? 0), host: config.healthHost, db, runtime, metrics, logger });
  }

  client.once(Events.ClientReady, (c) => {
    logger.info({ guilds: c.guilds.cache.size, shards: runtime.shards() }, "connected to Discord");
    if (!primary) return;
    // The one way this process posts to channels (digests, pause notices, feed notes): REST, any shard's guilds.
    const poster = restPoster(c.rest);
    scheduler = startScheduler({
      db,
      poster,
      logger,
      catchupHours: config.digestCatchupHours,
      onPaused: (sub, reason) => tellGuildAboutPause({ poster, systemChannelId: c.guilds.cache.get(sub.guildId)?.systemChannelId, logger }, sub, reason),
      onTick: (report) => metrics.digestTick(report),
    });
    feeds = startFeedPoller({
      db,
      logger,
      guard: { allowPrivate: config.fetchAllowPrivate },
      // A large item (a long page behind a link) is ingested in the worker pool, as /ingest's are.
      ...(workers ? { ingester: workers } : {}),
      deliver: async (channelId, payload) => {
        await poster.post(channelId, payload);
      },
    });
    // Watch alerts: new and changed incidents, whichever path wrote them (feeds, /ingest, the CLI, an import, /review).
    watches = startWatchDispatcher({ db, poster, logger });
    if (config.backupKeep > 0) {
      backups = scheduleBackups({ db: db.$client, dir: config.backupDir, keep: config.backupKeep, logger, onBackup: (r) => metrics.backup(r) });
    }
  });
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, dropped: gate.queued }, "shutting down");
    // No more commands computed for an answer nobody will send; and out within a few seconds whatever hangs.
    gate.stop();
    setTimeout(() => {
      logger.warn("shutdown took over 4 s: exiting now");
      process.exit(0);
    }, 4000).unref();
    await scheduler?.stop();
    await backups?.stop();
    feeds?.stop();
    await watches?.stop();
    await health?.close();
    await workers?.close();
    await client.destroy();
    closeDb(db);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // A shard whose manager died must not linger: the manager's replacement would start another.
  if (config.isShardProcess) process.once("disconnect", () => void shutdown("manager gone"));
  await client.login(config.discordToken);
  return await new Promise<number>(() => undefined);
}

start()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    // Start-up failures happen before (or instead of) logging: one plain line on stderr.
    if (err instanceof ConfigError || err instanceof DataFileError || err instanceof StoreCorruptError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`borderdesk could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
