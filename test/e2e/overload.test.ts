import "../setup/no-network.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn, execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Events, type Client } from "discord.js";
import { z } from "zod";
import { startFakeDiscord, type FakeDiscord, type InteractionRecord } from "../fakes/discord/index.ts";
import { attachRouter, BUSY_MESSAGE, createClient } from "../../src/discord/client.ts";
import type { ShedReason } from "../../src/discord/gate.ts";
import { silentLogger } from "../../src/logger.ts";
import { Router } from "../../src/router.ts";
import { commandModules, runnable } from "../../src/commands/registry.ts";
import type { CommandModule, Deps } from "../../src/commands/types.ts";
import type { Db } from "../../src/db/client.ts";
import { seededStore } from "../helpers/store.ts";

const BUSY_GUILD = "1300000000000000001";
const BUSY_CHANNEL = "1300000000000000002";
const QUIET_GUILD = "1300000000000000011";
const QUIET_CHANNEL = "1300000000000000012";

/** A command that holds the event loop as a heavy render does (a synchronous 250 ms of work). */
const heavy: CommandModule<Record<string, never>> = {
  data: { name: "heavy", description: "Holds the loop for 250 ms" },
  input: z.object({}),
  run() {
    const until = performance.now() + 250;
    while (performance.now() < until);
    return { content: "done" };
  },
};

let db: Db;
let fake: FakeDiscord;
let client: Client;
let shed: { reason: ShedReason; kind: string }[];

beforeAll(() => {
  db = seededStore();
});
afterAll(() => {
  db.$client.close();
});

async function startBot(): Promise<void> {
  fake = await startFakeDiscord({
    guilds: [
      { id: BUSY_GUILD, name: "Busy desk", channels: [{ id: BUSY_CHANNEL, name: "desk" }] },
      { id: QUIET_GUILD, name: "Quiet desk", channels: [{ id: QUIET_CHANNEL, name: "desk" }] },
    ],
  });
  client = createClient({ apiUrl: fake.apiUrl });
  const deps: Deps = { db, logger: silentLogger, now: () => new Date("2026-01-11T06:00:00Z"), defaultTimezone: "Asia/Karachi" };
  const modules = commandModules();
  modules.set("heavy", runnable(heavy));
  shed = [];
  attachRouter(client, new Router(deps, modules), silentLogger, { onShed: (reason, kind) => shed.push({ reason, kind }) });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login("fake-token.not-a-secret");
  await ready;
}

afterEach(async () => {
  await client.destroy();
  await fake.close();
});

const answered = (r: PromiseSettledResult<InteractionRecord>): InteractionRecord | undefined => (r.status === "fulfilled" ? r.value : undefined);

describe("under more load than it can compute", () => {
  it("answers every interaction of a burst in time: computed while it can be, a short busy reply once it cannot", async () => {
    await startBot();
    // 40 × 250 ms of work arriving at once: 10 s of computing against Discord's 3 s.
    const burst = await Promise.allSettled(Array.from({ length: 40 }, () => fake.sendCommand({ name: "heavy", guildId: BUSY_GUILD, channelId: BUSY_CHANNEL })));
    const records = burst.map(answered);
    expect(records.every((r) => r !== undefined)).toBe(true);
    const computed = records.filter((r) => r?.content === "done");
    const busy = records.filter((r) => r?.content === BUSY_MESSAGE);
    expect(computed.length + busy.length).toBe(40);
    expect(computed.length).toBeGreaterThanOrEqual(3);
    expect(busy.length).toBeGreaterThanOrEqual(10);
    for (const r of busy) expect(r?.ephemeral).toBe(true);
    // Nothing was sent after its deadline (Discord would refuse it), and the shed ones were counted.
    expect(records.flatMap((r) => r?.rejectedCallbacks ?? [])).toEqual([]);
    expect(fake.rejections).toEqual([]);
    expect(shed.filter((s) => s.reason === "late" || s.reason === "backlog")).toHaveLength(busy.length);
  });

  it("tells a command and an autocomplete that arrive behind more work than they can wait for 'busy' at once, not when their turn comes", async () => {
    await startBot();
    const order: string[] = [];
    const heavies = Array.from({ length: 14 }, () => fake.sendCommand({ name: "heavy", guildId: BUSY_GUILD, channelId: BUSY_CHANNEL }).then((r) => (order.push(r.content === "done" ? "done" : "busy"), r)));
    // Two computed: the gate has seen the pace (250 ms a job) with a dozen waiting, some 3 s of work.
    await fake.waitFor(() => (order.filter((o) => o === "done").length >= 2 ? true : undefined), 10_000, "two heavy commands answered");
    const late = fake.sendCommand({ name: "onthisday", options: [{ name: "date", type: 3, value: "01-11" }], guildId: BUSY_GUILD, channelId: BUSY_CHANNEL }).then((r) => (order.push("onthisday"), r));
    const lateChoices = fake
      .sendAutocomplete({ name: "who", options: [{ name: "name", type: 3, value: "Paki", focused: true }], focused: "name", guildId: BUSY_GUILD, channelId: BUSY_CHANNEL })
      .then((r) => (order.push("autocomplete"), r));
    const [told, choices] = await Promise.all([late, lateChoices]);
    expect(told.content).toBe(BUSY_MESSAGE);
    expect(told.ephemeral).toBe(true);
    // Autocomplete has no message to say it with: no choices, answered in time, instead of silence.
    expect(choices.choices).toEqual([]);
    // Both told on arrival (the wait ahead of them was too long), not after waiting their turn.
    expect(shed).toEqual(expect.arrayContaining([{ reason: "backlog", kind: "command" }, { reason: "backlog", kind: "autocomplete" }]));
    // And every command ahead of them was answered too, computed or busy.
    expect((await Promise.allSettled(heavies)).map((r) => r.status)).toEqual(heavies.map(() => "fulfilled"));
    expect(fake.rejections).toEqual([]);
  });

  it("takes the guilds in turn: one server's flood does not starve another's command", async () => {
    await startBot();
    const flood = Array.from({ length: 20 }, () => fake.sendCommand({ name: "heavy", guildId: BUSY_GUILD, channelId: BUSY_CHANNEL }));
    await new Promise((r) => setTimeout(r, 20));
    const quiet = await fake.sendCommand({ name: "onthisday", options: [{ name: "date", type: 3, value: "01-11" }], guildId: QUIET_GUILD, channelId: QUIET_CHANNEL });
    expect(quiet.embeds[0]?.title).toBe("On this day: 11 Jan");
    await Promise.allSettled(flood);
  });
});

describe("shutdown after overload", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "bd-overload-"));
  const dbFile = path.join(dir, "store.sqlite");

  it("exits within 5 s of SIGTERM while a burst of commands is still waiting", async () => {
    await promisify(execFile)(process.execPath, ["bin/borderdesk.js", "db", "seed", "--db", dbFile]);
    fake = await startFakeDiscord({ guilds: [{ id: BUSY_GUILD, name: "Busy desk", channels: [{ id: BUSY_CHANNEL, name: "desk" }] }] });
    client = createClient({ apiUrl: fake.apiUrl }); // (not logged in: afterEach destroys it)
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, DATABASE_PATH: dbFile, LOG_LEVEL: "silent", DISCORD_API_URL: fake.apiUrl, DISCORD_TOKEN: "fake-token.not-a-secret", DISCORD_APPLICATION_ID: fake.applicationId },
      stdio: ["ignore", "ignore", "ignore"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await fake.waitFor(() => (fake.connectedShards().length ? true : undefined), 20_000, "the bot to connect");
      // Pictures and searches, many more than it can answer in time.
      const burst = Array.from({ length: 150 }, (_, i) =>
        i % 3 === 0
          ? fake.sendCommand({ name: "map", guildId: BUSY_GUILD, channelId: BUSY_CHANNEL, skipDeferredWait: true, timeoutMs: 4000 })
          : fake.sendCommand({ name: "search", options: [{ name: "query", type: 3, value: "Pakistan border" }], guildId: BUSY_GUILD, channelId: BUSY_CHANNEL, timeoutMs: 4000 }),
      );
      await new Promise((r) => setTimeout(r, 300));
      const t0 = Date.now();
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(Date.now() - t0).toBeLessThan(5000);
      await Promise.allSettled(burst);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
