import { Events } from "discord.js";
import { ConfigError, loadConfig } from "./config.ts";
import { closeDb } from "./db/client.ts";
import { DataFileError } from "./gazetteer/load.ts";
import { createLogger } from "./logger.ts";
import { openStore } from "./store/open.ts";
import { createRouter } from "./app.ts";
import { runConsole } from "./console/repl.ts";
import { attachRouter, createClient } from "./discord/client.ts";

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
    await runConsole(router, process.stdin, process.stdout, process.stdin.isTTY);
    closeDb(db);
    return 0;
  }

  const client = createClient({ apiUrl: config.discordApiUrl });
  attachRouter(client, router, logger);
  client.once(Events.ClientReady, (c) => logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, "connected to Discord"));
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
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
