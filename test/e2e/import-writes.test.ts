import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { Events, type Client } from "discord.js";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.ts";
import { attachRouter, createClient } from "../../src/discord/client.ts";
import { restPoster } from "../../src/discord/poster.ts";
import { startScheduler, type Scheduler } from "../../src/digest/schedule.ts";
import { BOT_BUSY_TIMEOUT_MS } from "../../src/db/busy.ts";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { silentLogger } from "../../src/logger.ts";
import { generateAcledCsv } from "../../bench/acled-generate.ts";
import { routerFor, seededStore } from "../helpers/store.ts";

const GUILD = "1500000000000000001";
const CHANNEL = "1500000000000000002";
const ROWS = 40_000;

let dir: string;
let dbFile: string;
let csv: string;
let db: Db;
let fake: FakeDiscord;
let client: Client;
let scheduler: Scheduler | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "bd-import-writes-"));
  dbFile = path.join(dir, "store.sqlite");
  csv = path.join(dir, "export.csv");
  const mem = seededStore();
  mem.$client.exec(`vacuum into '${dbFile}'`);
  closeDb(mem);
  await generateAcledCsv(csv, ROWS);
  // The bot's connection, as src/main.ts sets it: a short busy timeout, writes retried off the loop.
  db = openDb(dbFile, { busyTimeoutMs: BOT_BUSY_TIMEOUT_MS });
  fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: "Border Desk", channels: [{ id: CHANNEL, name: "desk" }] }] });
  client = createClient({ apiUrl: fake.apiUrl });
  attachRouter(client, routerFor(db, new Date()), silentLogger);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login("fake-token.not-a-secret");
  await ready;
}, 120_000);

afterAll(async () => {
  child?.kill("SIGKILL");
  await scheduler?.stop();
  await client.destroy();
  await fake.close();
  closeDb(db);
});

const acledEvents = (): number => db.$client.prepare<[], { n: number }>("select count(*) as n from events where source = 'acled'").get()?.n ?? 0;

describe("the bot's writes during a bulk ACLED import in another process", () => {
  it("subscribes a channel to the digest and posts a due digest while the import runs", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "import", "acled", csv, "--db", dbFile, "--json"], { env: { ...process.env, LOG_LEVEL: "silent" }, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    // The import is under way: its first chunks are in the store.
    for (const until = Date.now() + 60_000; acledEvents() === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
    expect(acledEvents()).toBeGreaterThan(0);

    // A minute ago in UTC: the first post is tomorrow at this time, when the scheduler's clock below says it is.
    const due = new Date(Date.now() - 60_000).toISOString().slice(11, 16);
    const reply = await fake.sendCommand({
      name: "digest",
      options: [
        {
          name: "subscribe",
          type: ApplicationCommandOptionType.Subcommand,
          options: [
            { name: "channel", type: ApplicationCommandOptionType.Channel, value: CHANNEL },
            { name: "time", type: ApplicationCommandOptionType.String, value: due },
            { name: "timezone", type: ApplicationCommandOptionType.String, value: "UTC" },
          ],
        },
      ],
      guildId: GUILD,
      channelId: CHANNEL,
      timeoutMs: 30_000,
    });
    expect(reply.content).toMatch(/^Subscribed: /);
    expect(reply.rejectedCallbacks).toEqual([]);

    const tomorrow = (): Date => new Date(Date.now() + 86_400_000);
    scheduler = startScheduler({ db, poster: restPoster(client.rest), logger: silentLogger, catchupHours: 1, tickOnStart: false, now: tomorrow });
    const tick = await scheduler.tick();
    expect(tick).toMatchObject({ due: 1, sent: 1, failed: 0 });
    expect(fake.messageCount(CHANNEL)).toBe(1);
    // All of that happened while the import was still running.
    expect(child.exitCode).toBeNull();

    expect(await exited).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, rows: ROWS });
    const ledger = db.$client.prepare("select status from digest_deliveries").all();
    expect(ledger).toEqual([{ status: "sent" }]);
  }, 180_000);
});
