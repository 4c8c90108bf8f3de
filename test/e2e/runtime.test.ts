import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.ts";

const run = promisify(execFile);
const GUILD = "1200000000000000001";
const CHANNEL = "1200000000000000002";
const dir = mkdtempSync(path.join(tmpdir(), "bd-runtime-"));
const dbFile = path.join(dir, "store.sqlite");
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: "Desk", channels: [{ id: CHANNEL, name: "desk" }] }] });
  // First run: create, migrate and seed the store once (what npm start does on a fresh clone).
  await run(process.execPath, ["bin/borderdesk.js", "db", "seed", "--db", dbFile]);
});

afterAll(async () => {
  await fake.close();
});

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_PATH: dbFile, LOG_LEVEL: "silent", DISCORD_API_URL: fake.apiUrl, ...extra };
}

describe("npm start", () => {
  it("with a token, connects through discord.js, answers commands and shuts down cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: env({ DISCORD_TOKEN: "fake-token.not-a-secret", DISCORD_APPLICATION_ID: fake.applicationId }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    try {
      await fake.waitFor(() => (fake.connectedShards().length ? true : undefined), 15_000, "the bot to connect");
      const r = await fake.sendCommand({ name: "onthisday", options: [{ name: "date", type: 3, value: "01-11" }], guildId: GUILD, channelId: CHANNEL, timeoutMs: 8000 });
      expect(r.embeds[0]?.title).toBe("On this day: 11 Jan");
      expect(r.embeds[0]?.description).toContain("Kunar");
      expect(stderr).not.toContain("fake-token.not-a-secret");
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  it("without a token, opens the offline console on the same store", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: env({ DISCORD_TOKEN: "" }), stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdin.end("/who name:KP\n/quote speaker:Zabiullah Mujahid\n");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(err).toContain("offline console");
    expect(out).toContain("KHYBER PAKHTUNKHWA");
    expect(out).toContain("The issue of the TTP or the war within Pakistan");
  });

  it("reports a malformed variable by name and stops", async () => {
    const r = await run(process.execPath, ["--import", "tsx", "src/main.ts"], { env: env({ DISCORD_TOKEN: "x", DISCORD_APPLICATION_ID: "not-a-snowflake" }) }).catch((e: { code: number; stderr: string }) => e);
    expect(r).toMatchObject({ code: 1 });
    expect((r as { stderr: string }).stderr).toMatch(/DISCORD_APPLICATION_ID must be a Discord snowflake/);
    expect((r as { stderr: string }).stderr).not.toContain("x (");
  });
});

describe("borderdesk register", () => {
  it("puts every command definition on the guild, accepted by Discord's validation", async () => {
    await run(process.execPath, ["bin/borderdesk.js", "register", "--guild", GUILD, "--db", dbFile], {
      env: env({ DISCORD_TOKEN: "fake-token.not-a-secret", DISCORD_APPLICATION_ID: fake.applicationId }),
    });
    const names = (fake.registeredCommands.guilds.get(GUILD) ?? []).map((c) => c.name).sort();
    expect(names).toEqual(expect.arrayContaining(["article", "help", "onthisday", "quote", "search", "timeline", "who"]));
    expect(fake.rejections).toEqual([]);
  });
});
