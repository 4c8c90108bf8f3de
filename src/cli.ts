import { parseArgs } from "node:util";
import { ConfigError, isValidTimeZone, loadConfig, type Config } from "./config.ts";
import { closeDb, openDb, type Db } from "./db/client.ts";
import { DataFileError } from "./gazetteer/load.ts";
import { ingestFiles } from "./ingest/index.ts";
import { loadAliasIndex } from "./store/alias-index.ts";
import { previewExtraction, PreviewError, readArticleFile, type ExtractionPreview } from "./ingest/preview.ts";
import { extractionLines } from "./render/extraction.ts";
import { createLogger } from "./logger.ts";
import { listCandidates, listEntities, resolveEntity } from "./store/entities.ts";
import { listIncidentsOnDate, incidentRecord, loadIncidents } from "./store/incidents.ts";
import { incidentBlock } from "./render/incidents.ts";
import { isCalendarDate } from "./digest/time.ts";
import { openStore } from "./store/open.ts";
import { seedAll } from "./store/seed.ts";
import { Routes } from "discord-api-types/v10";
import { createRouter } from "./app.ts";
import { commandModules } from "./commands/registry.ts";
import { CONSOLE_CONTEXT, createConsoleSession, DEFAULT_OUT_DIR, runConsole } from "./console/repl.ts";
import { payloadToText } from "./console/text.ts";
import { buildDigestModelForDate, localDate, renderDigest } from "./digest/index.ts";
import { renderPayload } from "./render/payload.ts";
import { UserError } from "./errors.ts";
import { backupFile, restoreDatabase, RestoreRefusedError } from "./ops/backup.ts";
import { parseTypes } from "./watch/match.ts";
import { testWatch } from "./watch/preview.ts";
import { AcledHeaderError, AcledImportError, describeAcledImport, importAcledFile } from "./acled/import.ts";

const USAGE = `borderdesk — the border desk's article-entity store, slash commands and digests

Usage: npx borderdesk <command> [options]

  ingest <file|dir>… [--json] [--published YYYY-MM-DD] [--title T] [--author A] [--outlet O] [--url U] [--follow-links]
                         add articles (.txt, .md with front matter, .html) to the store
  extract <file> [--json] [--published YYYY-MM-DD]
                         what ingest would store for an article (entities, new names, quotes, events), without writing
  import acled <file.csv> [--prune] [--exclusive] [--json]
                         import an ACLED export (streamed, committed in chunks so a running bot can still write);
                         --prune removes events the export no longer has; --exclusive holds the store for the whole
                         import (all or nothing, a third faster for a first load; the bot's writes wait)
  incidents --date YYYY-MM-DD [--about X] [--json]
                         the incidents of a day, each once, with its reports, each party's claims and sources
  watch test --subject X --since YYYY-MM-DD [--until YYYY-MM-DD] [--types T] [--min-casualties N] [--max-age-hours H] [--json]
                         the alerts a /watch on X would have posted over the stored data (to tune one before adding it)
  entities [query] [--json]   list what the store knows (people, organisations, places)
  candidates [--json]         names found in articles that the gazetteer does not know yet
  ask "/who name:TTP" [--json]   run one slash command offline; --json prints the exact Discord payload
  digest [--date YYYY-MM-DD] [--tz Asia/Karachi] [--json]
                         the "on this date" digest as it would be posted (default: today in the zone)
                              [--out DIR] attachments (/chart's PNG, /export's CSV) are written to DIR
                              (default: <temp folder>/borderdesk-out) and their paths printed
  console                     the offline console (reads commands from the keyboard or a pipe)
  register [--guild ID]       put the slash command definitions on Discord (guild: instant, for development)
  db migrate                  create or update the database schema
  db seed [--force]           load the gazetteer, timeline and demo articles from data/
  db backup <file>            copy the store with SQLite's online backup API (safe while the bot runs)
  db restore <file>           replace the store with a backup (refused if it fails integrity_check; stop the bot first)

Global: --db <path> uses another database file (default: DATABASE_PATH or data/borderdesk.sqlite).`;

/** Opens the store (migrated; seeded from data/ unless `seed: false`), runs `f` on it and closes it, whatever happens. */
async function withStore<T>(config: Config, f: (db: Db) => T | Promise<T>, opts: { seed?: boolean } = {}): Promise<T> {
  const { db } = openStore(config, opts);
  try {
    return await f(db);
  } finally {
    closeDb(db);
  }
}

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
      out: { type: "string" },
      prune: { type: "boolean", default: false },
      exclusive: { type: "boolean", default: false },
      about: { type: "string" },
      subject: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      types: { type: "string" },
      "min-casualties": { type: "string" },
      "max-age-hours": { type: "string" },
      "follow-links": { type: "boolean", default: false },
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
        return await withStore(
          config,
          (db) => {
            const s = seedAll(db, undefined, new Date(), values.force ?? false);
            print(json, s, () =>
              [
                `Gazetteer: ${s.gazetteer.entities} entities${s.gazetteer.applied ? "" : " (unchanged)"}`,
                `Timeline: ${s.timeline.events} events${s.timeline.applied ? "" : " (unchanged)"}`,
                `Articles: ${s.articles.length ? s.articles.map((a) => `${a.file}: ${a.ok ? a.outcome : a.error}`).join("; ") : "unchanged"}`,
              ].join("\n"),
            );
            return s.articles.every((a) => a.ok) ? 0 : 1;
          },
          { seed: false },
        );
      }
      if (sub === "backup" || sub === "restore") return await dbBackupCommand(sub, positionals[1], config, json);
      console.error(`Unknown db command "${sub ?? ""}". Use: db migrate | db seed | db backup <file> | db restore <file>`);
      return 2;
    }
    case "ingest": {
      if (!positionals.length) {
        console.error("Give one or more files or folders to ingest, e.g. npx borderdesk ingest data/articles");
        return 2;
      }
      return await withStore(config, (db) => {
        const overrides = { published: values.published, title: values.title, author: values.author, outlet: values.outlet, url: values.url };
        const reports = ingestFiles(db, positionals, { overrides, logger, followLinks: values["follow-links"] ?? false });
        const failed = reports.filter((r) => !r.ok);
        print(json, { ok: failed.length === 0, results: reports }, () =>
          [
            ...reports.map((r) =>
              r.ok && r.article
                ? `✓ ${r.file}: ${r.outcome} "${r.article.title}"${r.article.publishedFrom === "url" ? ` (dated ${r.article.published ?? ""} from its URL)` : ""} — ${r.article.entities} entities, ${r.article.quotes} quotes, ${r.article.events} events, ${r.article.candidates.length} new names`
                : `✗ ${r.file}: ${r.error ?? "failed"}`,
            ),
            failed.length ? `${failed.length} of ${reports.length} files failed; nothing was written for them.` : `${reports.length} file(s) ingested.`,
          ].join("\n"),
        );
        return failed.length ? 1 : 0;
      });
    }
    case "extract": {
      const file = positionals[0];
      if (!file || positionals.length > 1) {
        console.error("Give one article file to preview, e.g. npx borderdesk extract data/articles/pak-afghan-ttp-analysis.md --json");
        return 2;
      }
      const overrides = { published: values.published, title: values.title, author: values.author, outlet: values.outlet, url: values.url };
      let article;
      try {
        article = readArticleFile(file, overrides);
      } catch (err) {
        if (err instanceof PreviewError) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
      return await withStore(config, (db) => {
        const preview = previewExtraction(file, article, loadAliasIndex(db));
        print(json, preview, () => describePreview(preview));
        return 0;
      });
    }
    case "import": {
      const [source, file] = positionals;
      if (source !== "acled" || !file || positionals.length > 2) {
        console.error("Usage: npx borderdesk import acled <file.csv> [--prune] [--exclusive] [--json]");
        return 2;
      }
      return await withStore(config, async (db) => {
        try {
          const report = await importAcledFile(db, file, { prune: values.prune ?? false, exclusive: values.exclusive ?? false, logger });
          // ok only when every row was taken: a skipped row is a row the desk does not have.
          print(json, { ok: report.skipped === 0, ...report }, () => describeAcledImport(report));
          return report.skipped ? 1 : 0;
        } catch (err) {
          if (err instanceof AcledHeaderError || err instanceof AcledImportError || (err instanceof Error && "code" in err && err.code === "ENOENT")) {
            const reason = err instanceof Error && "code" in err && err.code === "ENOENT" ? "the file does not exist" : err.message;
            print(json, { ok: false, error: reason }, () => `✗ ${file}: ${reason}`);
            return 1;
          }
          throw err;
        }
      });
    }
    case "incidents": {
      const date = values.date;
      if (!date || !isCalendarDate(date)) {
        const error = date ? `"${date}" is not a calendar date (YYYY-MM-DD)` : "give the day as --date YYYY-MM-DD";
        print(json, { ok: false, error }, () => `${error}, e.g. npx borderdesk incidents --date 2025-10-12 --json`);
        return 2;
      }
      return await withStore(config, (db) => {
        const about = values.about ? resolveEntity(db, values.about) : undefined;
        if (values.about && !about) {
          print(json, { ok: false, error: `"${values.about}" is not a person, group or place the store knows` }, () => `No person, group or place called "${values.about ?? ""}" in the store.`);
          return 1;
        }
        const page = listIncidentsOnDate(db, date, { about: about?.id ?? null, limit: 500 });
        print(json, { ok: true, date, about: about ? { id: about.id, name: about.name } : null, total: page.total, incidents: page.incidents.map(incidentRecord) }, () =>
          page.incidents.length
            ? page.incidents.map((i) => payloadToText(renderPayload({ content: incidentBlock(i, { maxSources: 20, maxClaims: 10 }) }))).join("\n\n")
            : `No incidents on ${date}${about ? ` involving ${about.name}` : ""} in the store.`,
        );
        return 0;
      });
    }
    case "watch": {
      if (positionals[0] !== "test") {
        print(json, { ok: false, error: "unknown watch command; use: watch test --subject X --since YYYY-MM-DD" }, () => "Usage: npx borderdesk watch test --subject X --since YYYY-MM-DD [--json]");
        return 2;
      }
      const problem = watchTestProblem(values);
      if (problem) {
        print(json, { ok: false, error: problem }, () => `${problem}, e.g. npx borderdesk watch test --subject Kurram --since 2026-03-01 --json`);
        return 2;
      }
      return await withStore(config, (db) => {
        const subject = resolveEntity(db, values.subject ?? "");
        if (!subject) {
          print(json, { ok: false, error: `"${values.subject ?? ""}" is not a person, group or place the store knows` }, () => `No person, group or place called "${values.subject ?? ""}" in the store.`);
          return 1;
        }
        let types: string[];
        try {
          types = values.types ? parseTypes(values.types) : [];
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          print(json, { ok: false, error: err.message }, () => err.message);
          return 2;
        }
        const result = testWatch(db, {
          subject: { id: subject.id, name: subject.name, kind: subject.kind },
          since: values.since ?? "",
          until: values.until,
          types,
          minCasualties: values["min-casualties"] ? Number(values["min-casualties"]) : null,
          maxAgeHours: values["max-age-hours"] ? Number(values["max-age-hours"]) : 48,
        });
        print(json, result, () => {
          const out = [`A watch on ${subject.name} since ${result.since}: ${result.alerts.length} alert(s), ${result.bursts.length} burst summar${result.bursts.length === 1 ? "y" : "ies"}.`];
          for (const a of result.alerts) out.push(`— ${a.at.replace("T", " ")} UTC\n${payloadToText(a.message)}`);
          for (const b of result.bursts) out.push(`— ${b.at.replace("T", " ")} UTC: one summary of ${b.count} new incidents (too many at once to alert one by one)`);
          const skipped = Object.entries(result.skipped).map(([why, n]) => `${n} ${why}`);
          if (skipped.length) out.push(`Not alerted: ${skipped.join("; ")}.`);
          if (result.truncated) out.push("Only the first 50,000 incidents of the range were looked at: narrow it with --since/--until.");
          return out.join("\n\n");
        });
        return 0;
      });
    }
    case "entities": {
      return await withStore(config, (db) => {
        const list = listEntities(db, positionals.join(" ") || undefined);
        print(json, list, () =>
          list.length
            ? list.map((e) => `${e.name} (${e.kind}${e.subtype ? `, ${e.subtype}` : ""}) — ${e.mentions} mentions; aka ${e.aliases.filter((a) => a.text !== e.name).map((a) => a.text).join(", ") || "—"}`).join("\n")
            : "No entities match.",
        );
        return 0;
      });
    }
    case "candidates": {
      return await withStore(config, (db) => {
        const list = listCandidates(db);
        print(json, list, () => (list.length ? list.map((c) => `${c.text} (${c.kind}) ×${c.occurrences} in ${c.articles.join(", ")}`).join("\n") : "No candidates waiting."));
        return 0;
      });
    }
    case "ask": {
      const line = positionals.join(" ");
      if (!line) {
        console.error('Give the command in quotes, e.g. npx borderdesk ask "/who name:TTP"');
        return 2;
      }
      return await withStore(config, async (db) => {
        const router = createRouter(db, config, logger);
        const session = createConsoleSession(router, CONSOLE_CONTEXT, values.out ?? DEFAULT_OUT_DIR);
        const { payload, text, files } = await session.run(line);
        if (!payload) {
          console.error(text);
          return 2;
        }
        print(json, payload, () => text);
        // stdout stays the exact JSON body; where the uploaded files went is said on stderr.
        if (json) for (const f of files) console.error(`${f.name} → ${f.path}`);
        return payload.flags && payload.content && !payload.embeds ? 1 : 0;
      });
    }
    case "digest": {
      const tz = values.tz ?? config.defaultTimezone;
      if (!isValidTimeZone(tz)) {
        console.error(`"${tz}" is not an IANA time zone; use a name such as Asia/Karachi.`);
        return 2;
      }
      const date = values.date ?? localDate(new Date(), tz);
      return await withStore(config, (db) => {
        try {
          const model = buildDigestModelForDate(db, { date, timezone: tz });
          const payload = renderPayload(renderDigest(model));
          // The digest reads its context lines as heads; the JSON interface prints them as full incidents, as before.
          const full = (list: readonly { id: number }[]) => loadIncidents(db, list.map((i) => i.id));
          print(json, { date, timezone: tz, digest: { ...model, latest: full(model.latest), thisWeek: full(model.thisWeek) }, payload }, () => payloadToText(payload));
          return 0;
        } catch (err) {
          if (err instanceof UserError) {
            console.error(err.message);
            return 2;
          }
          throw err;
        }
      });
    }
    case "console": {
      return await withStore(config, async (db) => {
        await runConsole(createRouter(db, config, logger), process.stdin, process.stdout, process.stdin.isTTY);
        return 0;
      });
    }
    case "register": {
      if (!config.discordToken || !config.applicationId) {
        console.error("register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID in the environment (see .env.example).");
        return 2;
      }
      const guild = values.guild ?? config.devGuildId;
      // The Discord client is loaded only for the one command that talks to Discord.
      const { discordRest } = await import("./discord/client.ts");
      const rest = discordRest({ token: config.discordToken, apiUrl: config.discordApiUrl });
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

async function dbBackupCommand(sub: "backup" | "restore", file: string | undefined, config: Config, json: boolean): Promise<number> {
  if (!file) {
    console.error(`Give the file: npx borderdesk db ${sub} <file.sqlite>`);
    return 2;
  }
  try {
    if (sub === "backup") {
      const r = await backupFile(config.databasePath, file);
      print(json, { ok: true, ...r }, () => `Backed up ${config.databasePath} to ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok, ${r.ms} ms).`);
      return 0;
    }
    const r = await restoreDatabase(file, config.databasePath);
    closeDb(openDb(config.databasePath)); // a backup from an older version gets this version's migrations
    print(json, { ok: true, ...r }, () =>
      [`Restored ${r.to} from ${r.from} (${r.ms} ms).`, r.previous ? `The store it replaced was saved as ${r.previous}.` : ""].filter(Boolean).join("\n"),
    );
    return 0;
  } catch (err) {
    if (err instanceof RestoreRefusedError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

function describePreview(p: ExtractionPreview): string {
  const lines = extractionLines(p);
  return [
    `"${p.title}"${p.published ? ` (${p.published})` : ""} — nothing was written`,
    `Entities: ${lines.entities.join(", ") || "none"}`,
    `New names: ${lines.newNames.join(", ") || "none"}`,
    `Quotes (${p.quotes.length}):`,
    ...lines.quotes.map((q) => `  ${q}`),
    `Events (${p.events.length}):`,
    ...lines.events.map((e) => `  ${e}`),
  ].join("\n");
}

/** Runs the command line with `argv` and sets the exit code: its one error boundary (bin/borderdesk.js calls it). */
export async function runCli(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (err: unknown) {
    if (err instanceof DataFileError || err instanceof ConfigError) console.error(err.message);
    else console.error("borderdesk failed:", err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}

/** What is wrong with `watch test`'s options, if anything (the CLI's error, said once). */
function watchTestProblem(v: { subject?: string | undefined; since?: string | undefined; until?: string | undefined; "min-casualties"?: string | undefined; "max-age-hours"?: string | undefined }): string | undefined {
  if (!v.subject) return "give the person, group or place as --subject";
  if (!v.since || !isCalendarDate(v.since)) return v.since ? `"${v.since}" is not a calendar date (YYYY-MM-DD)` : "give the first day as --since YYYY-MM-DD";
  if (v.until !== undefined && (!isCalendarDate(v.until) || v.until < v.since)) return `--until must be a calendar date (YYYY-MM-DD) on or after --since`;
  const n = v["min-casualties"];
  if (n !== undefined && !/^\d{1,5}$/.test(n)) return "--min-casualties must be a whole number";
  const h = v["max-age-hours"];
  if (h !== undefined && (!/^\d{1,3}$/.test(h) || Number(h) < 1 || Number(h) > 720)) return "--max-age-hours must be a whole number from 1 to 720";
  return undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) await runCli(process.argv.slice(2));
