import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb, type Db } from "../../src/db/client.ts";
import { createConsoleSession, CONSOLE_CONTEXT } from "../../src/console/repl.ts";
import { parseCommandLine } from "../../src/console/parse.ts";
import { commandModules } from "../../src/commands/registry.ts";
import { routerFor, seededStore } from "../helpers/store.ts";

let db: Db;
beforeAll(() => {
  db = seededStore();
});
afterAll(() => closeDb(db));

describe("console command lines", () => {
  const commands = commandModules();
  it("parses options the way Discord sends them", () => {
    expect(parseCommandLine("/who name:Asim Munir", commands)).toEqual({ name: "who", options: { name: "Asim Munir" } });
    expect(parseCommandLine('/quote speaker:Asim Munir about:"state: the end" random:true', commands)).toEqual({
      name: "quote",
      options: { speaker: "Asim Munir", about: "state: the end", random: true },
    });
    expect(parseCommandLine("/timeline subject:TTP from:2024 to:2025-03", commands).options).toEqual({ subject: "TTP", from: "2024", to: "2025-03" });
  });

  it("explains mistakes instead of failing", () => {
    expect(() => parseCommandLine("who name:TTP", commands)).toThrow(/start with a slash/);
    expect(() => parseCommandLine("/whois name:TTP", commands)).toThrow(/no \/whois command/);
    expect(() => parseCommandLine("/who nam:TTP", commands)).toThrow(/no option “nam”/);
    expect(() => parseCommandLine("/who", commands)).toThrow(/needs name:/);
  });
});

describe("console session", () => {
  it("renders the same payload as Discord as readable text, and turns pages", async () => {
    const session = createConsoleSession(routerFor(db), CONSOLE_CONTEXT);
    const first = await session.run("/timeline subject:Khyber Pakhtunkhwa");
    expect(first.text).toMatch(/┌─+┐/);
    expect(first.text).toMatch(/TIMELINE: KHYBER PAKHTUNKHWA/);
    expect(first.text).toMatch(/page 1 of (\d+)/);
    const second = await session.run("page 2");
    expect(second.text).toMatch(/page 2 of \d+/);
    const nope = await session.run("page 999");
    expect(nope.text).toMatch(/no such page/);
  });
});

describe("borderdesk CLI", () => {
  const dbFile = path.join(mkdtempSync(path.join(tmpdir(), "bd-cli-")), "store.sqlite");
  const cli = (...args: string[]): string => execFileSync(process.execPath, ["bin/borderdesk.js", ...args, "--db", dbFile], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });

  it("ask --json prints the exact Discord payload", () => {
    const payload = JSON.parse(cli("ask", "/who name:TTP", "--json")) as { allowed_mentions: unknown; embeds: { title: string }[] };
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(payload.embeds[0]?.title).toBe("Tehreek-e-Taliban Pakistan");
  }, 90_000); // the first run creates and seeds the store in a child process: 24 s on a loaded machine

  it("console runs piped lines and exits", () => {
    const out = execFileSync(process.execPath, ["bin/borderdesk.js", "console", "--db", dbFile], {
      encoding: "utf8",
      input: "/onthisday date:11 Jan\n/search query:Wakhan\n",
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    expect(out).toContain("borderdesk> /onthisday date:11 Jan");
    expect(out).toContain("ON THIS DAY: 11 JAN");
    expect(out).toContain("SEARCH: WAKHAN");
  }, 90_000);
});
