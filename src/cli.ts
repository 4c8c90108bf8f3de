import { parseArgs } from "node:util";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { closeDb, openDb } from "./db/client.ts";
import { DataFileError } from "./gazetteer/load.ts";
import { ingestFiles } from "./ingest/index.ts";
import { createLogger } from "./logger.ts";
import { listCandidates, listEntities } from "./store/entities.ts";
import { openStore } from "./store/open.ts";
import { seedAll } from "./store/seed.ts";
import { REST, Routes } from "discord.js";
import { createRouter } from "./app.ts";
import { commandModules } from "./commands/registry.ts";
import { createConsoleSession, runConsole } from "./console/repl.ts";

const USAGE = `borderdesk — the border desk's article-entity store, slash commands and digests

Usage: npx borderdesk <command> [options]

  ingest <file|dir>… [--json] [--published YYYY-MM-DD] [--title T] [--author A] [--outlet O] [--url U]
                         add articles (.txt, .md with front matter, .html) to the store
  entities [query] [--json]   list what the store knows (people, organisations, places)
  candidates [--json]         names found in articles that the gazetteer does not know yet
  ask "/who name:TTP" [--json]   run one slash command offline; --json prints the exact Discord payload
  console                     the offline console (reads commands from the keyboard or a pipe)
  register [--guild ID]       put the slash command definitions on Discord (guild: instant, for development)
  db migrate                  create or update the database schema
  db seed [--force]           load the gazetteer, timeline and demo articles from data/

Global: --db <path> uses another database file (default: DATABASE_PATH or data/borderdesk.sqlite).`;

function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      db: { type: "string" },
      force: { type: "boolean", default: false },
      published: { type: "string" },
      title: { type: "string" },
      author: { type: "string" },
      outlet: { type: "string" },
      url: { type: "string" },
      guild: { type: "string" },
      date: { type: "string" },
      tz: { type: "string" },
    },
  });
  let config: Config;
  try {
    config = loadConfig(values.db ? { ...process.env, DATABASE_PATH: values.db } : process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const json = values.json ?? false;
  const logger = createLogger(json ? "warn" : config.logLevel);

  switch (command) {
    case "db": {
      const sub = positionals[0];
      if (sub === "migrate") {
        closeDb(openDb(config.databasePath));
        print(json, { ok: true, database: config.databasePath }, () => `Database ready at ${config.databasePath}`);
        return 0;
      }
      if (sub === "seed") {
        const db = openDb(config.databasePath);
        try {
          const s = seedAll(db, undefined, new Date(), values.force ?? false);
          print(json, s, () =>
            [
              `Gazetteer: ${s.gazetteer.entities} entities${s.gazetteer.applied ? "" : " (unchanged)"}`,
              `Timeline: ${s.timeline.events} events${s.timeline.applied ? "" : " (unchanged)"}`,
              `Articles: ${s.articles.length ? s.articles.map((a) => `${a.file}: ${a.ok ? a.outcome : a.error}`).join("; ") : "unchanged"}`,
            ].join("\n"),
          );
          return s.articles.every((a) => a.ok) ? 0 : 1;
        } finally {
          closeDb(db);
        }
      }
      console.error(`Unknown db command "${sub ?? ""}". Use: db migrate | db seed`);
      return 2;
    }
    case "ingest": {
      if (!positionals.length) {
        console.error("Give one or more files or folders to ingest, e.g. npx borderdesk ingest data/articles");
        return 2;
      }
      const { db } = openStore(config);
      try {
        const overrides = { published: values.published, title: values.title, author: values.author, outlet: values.outlet, url: values.url };
        const reports = ingestFiles(db, positionals, { overrides, logger });
        const failed = reports.filter((r) => !r.ok);
        print(json, { ok: failed.length === 0, results: reports }, () =>
          [
            ...reports.map((r) =>
              r.ok && r.article
                ? `✓ ${r.file}: ${r.outcome} "${r.article.title}" — ${r.article.entities} entities, ${r.article.quotes} quotes, ${r.article.events} events, ${r.article.candidates.length} new names`
                : `✗ ${r.file}: ${r.error ?? "failed"}`,
            ),
            failed.length ? `${failed.length} of ${reports.length} files failed; nothing was written for them.` : `${reports.length} file(s) ingested.`,
          ].join("\n"),
        );
        return failed.length ? 1 : 0;
      } finally {
        closeDb(db);
      }
    }
    case "entities": {
      const { db } = openStore(config);
      try {
        const list = listEntities(db, positionals.join(" ") || undefined);
        print(json, list, () =>
          list.length
            ? list.map((e) => `${e.name} (${e.kind}${e.subtype ? `, ${e.subtype}` : ""}) — ${e.mentions} mentions; aka ${e.aliases.filter((a) => a.text !== e.name).map((a) => a.text).join(", ") || "—"}`).join("\n")
            : "No entities match.",
        );
        return 0;
      } finally {
        closeDb(db);
      }
    }
    case "candidates": {
      const { db } = openStore(config);
      try {
        const list = listCandidates(db);
        print(json, list, () => (list.length ? list.map((c) => `${c.text} (${c.kind}) ×${c.occurrences} in ${c.articles.join(", ")}`).join("\n") : "No candidates waiting."));
        return 0;
      } finally {
        closeDb(db);
      }
    }
    case "ask": {
      const line = positionals.join(" ");
      if (!line) {
        console.error('Give the command in quotes, e.g. npx borderdesk ask "/who name:TTP"');
        return 2;
      }
      const { db } = openStore(config);
      try {
        const router = createRouter(db, config, logger);
        const session = createConsoleSession(router);
        const { payload, text } = await session.run(line);
        if (!payload) {
          console.error(text);
          return 2;
        }
        print(json, payload, () => text);
        return payload.flags && payload.content && !payload.embeds ? 1 : 0;
      } finally {
        closeDb(db);
      }
    }
    case "console": {
      const { db } = openStore(config);
      try {
        await runConsole(createRouter(db, config, logger), process.stdin, process.stdout, process.stdin.isTTY);
        return 0;
      } finally {
        closeDb(db);
      }
    }
    case "register": {
      if (!config.discordToken || !config.applicationId) {
        console.error("register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID in the environment (see .env.example).");
        return 2;
      }
      const guild = values.guild ?? config.devGuildId;
      const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken);
      const body = [...commandModules().values()].map((c) => c.data);
      const route = guild ? Routes.applicationGuildCommands(config.applicationId, guild) : Routes.applicationCommands(config.applicationId);
      await rest.put(route, { body });
      print(json, { ok: true, scope: guild ? `guild ${guild}` : "global", commands: body.map((c) => c.name) }, () =>
        `Registered ${body.length} commands ${guild ? `in guild ${guild} (available now)` : "globally (may take up to an hour to appear)"}: ${body.map((c) => `/${c.name}`).join(" ")}`,
      );
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      if (err instanceof DataFileError || err instanceof ConfigError) console.error(err.message);
      else console.error("borderdesk failed:", err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
