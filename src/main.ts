import { Events } from "discord.js";
import { ConfigError, loadConfig } from "./config.ts";
import { closeDb } from "./db/client.ts";
import { DataFileError } from "./gazetteer/load.ts";
import { createLogger } from "./logger.ts";
import { openStore } from "./store/open.ts";
import { createRouter } from "./app.ts";
import { runConsole } from "./console/repl.ts";
import { attachRouter, createClient } from "./discord/client.ts";
import { startScheduler, type Scheduler } from "./digest/index.ts";
import { consoleScheduler } from "./console/scheduler.ts";
import { tellGuildAboutPause } from "./discord/notices.ts";

/**
 * `npm start`: with DISCORD_TOKEN the bot connects to Discord; without it, the offline console opens
 * on the same store and commands, so anyone can try borderdesk.
 */
async function start(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.discordToken ? config.logLevel : "warn");
  const { db, seed } = openStore(config);
  if (seed?.gazetteer.applied) {
    process.stderr.write(`Store ready at ${config.databasePath}: ${seed.gazetteer.entities} entities, ${seed.timeline.events} timeline events, ${seed.articles.length} demo article(s) loaded.\n`);
  }
  const router = createRouter(db, config, logger);

  if (!config.discordToken) {
    process.stderr.write("No DISCORD_TOKEN set: opening the offline console (set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env to connect to Discord).\n\n");
    // Scheduled digests fire in the interactive console too, printed as they would be posted.
    const scheduler = process.stdin.isTTY ? consoleScheduler(db, config, logger, process.stdout) : undefined;
    await runConsole(router, process.stdin, process.stdout, process.stdin.isTTY);
    await scheduler?.stop();
    closeDb(db);
    return 0;
  }

  const client = createClient({ apiUrl: config.discordApiUrl });
  attachRouter(client, router, logger);
  let scheduler: Scheduler | undefined;
  client.once(Events.ClientReady, (c) => {
    logger.info({ guilds: c.guilds.cache.size }, "connected to Discord");
    // One process schedules: delivery goes over REST, which any shard (or none) can use.
    const shards = c.shard?.ids ?? [0];
    if (shards.includes(0)) {
      scheduler = startScheduler({
        db,
        rest: c.rest,
        logger,
        catchupHours: config.digestCatchupHours,
        onPaused: (sub, reason) => tellGuildAboutPause(c, sub, reason, logger),
      });
    }
  });
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await scheduler?.stop();
    await client.destroy();
    closeDb(db);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await client.login(config.discordToken);
  return await new Promise<number>(() => undefined);
}

start()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof DataFileError) console.error(err.message);
    else console.error("borderdesk could not start:", err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
