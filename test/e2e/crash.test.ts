import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { PermissionFlagsBits } from "discord-api-types/v10";
import { generateArticles } from "../../bench/ingest.bench.ts";
import { closeDb, openDb } from "../../src/db/client.ts";
import { upsertSubscription } from "../../src/store/subscriptions.ts";
import { checkIntegrity } from "../../src/ops/backup.ts";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.ts";

/**
 * The promise: a crash is boring. SIGKILL (no shutdown handlers run) in the middle of an ingest batch and
 * in the middle of a digest delivery, restart, and the store is intact, no article is half-written, and
 * every digest reaches its channel exactly once.
 */

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "bd-crash-"));
const seeded = path.join(dir, "seeded.sqlite");

beforeAll(async () => {
  await run(process.execPath, ["bin/borderdesk.js", "db", "seed", "--db", seeded]);
}, 60_000);

function freshStore(name: string): string {
  const file = path.join(dir, `${name}.sqlite`);
  copyFileSync(seeded, file);
  return file;
}

function readOnly<T>(file: string, f: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    db.pragma("busy_timeout = 5000");
    return f(db);
  } finally {
    db.close();
  }
}

const articleCount = (file: string): number => readOnly(file, (db) => (db.prepare("SELECT count(*) AS n FROM articles WHERE kind = 'article'").get() as { n: number }).n);

/** Articles with full text but no paragraphs: what a half-written ingest would leave. */
const articlesWithoutParagraphs = (file: string): number =>
  readOnly(file, (db) => (db.prepare("SELECT count(*) AS n FROM articles a WHERE a.kind = 'article' AND NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)").get() as { n: number }).n);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
}

describe("SIGKILL in the middle of an ingest batch", () => {
  it("leaves whole articles only, and a rerun finishes the batch without duplicates", async () => {
    const store = freshStore("ingest");
    const batch = path.join(dir, "batch");
    mkdirSync(batch);
    const N = 250;
    generateArticles(batch, N);
    const before = articleCount(store);

    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "ingest", batch, "--db", store], { env: { ...process.env, LOG_LEVEL: "silent" }, stdio: "ignore" });
    // Kill once the first commit of the batch is visible: the process is then inside a later one.
    await until(() => articleCount(store) > before, 60_000, "the first committed chunk");
    child.kill("SIGKILL");
    expect(await exited(child)).toBe("SIGKILL");

    const afterKill = articleCount(store) - before;
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(N);
    expect(checkIntegrity(store).ok).toBe(true);
    expect(articlesWithoutParagraphs(store)).toBe(0);

    await run(process.execPath, ["--import", "tsx", "src/cli.ts", "ingest", batch, "--db", store, "--json"], { env: { ...process.env, LOG_LEVEL: "silent" }, maxBuffer: 64 * 1024 * 1024 });
    expect(articleCount(store) - before).toBe(N);
    expect(checkIntegrity(store).ok).toBe(true);
    expect(articlesWithoutParagraphs(store)).toBe(0);
    // The full-text index is in step with its table (its triggers ran in the same transactions): FTS5's check throws if not.
    const rw = new Database(store);
    try {
      expect(() => rw.prepare("INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    } finally {
      rw.close();
    }
  }, 120_000);
});

/**
 * A REST proxy in front of the fake Discord that stalls one channel's posts: "after" forwards the post
 * (Discord creates the message) and never answers the bot; "before" never forwards it.
 */
async function stallingProxy(target: string, stall: Map<string, "after" | "before">): Promise<{ url: string; seen: Map<string, number>; close(): Promise<void> }> {
  const upstream = new URL(target);
  const seen = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const m = /\/channels\/(\d+)\/messages$/.exec(req.url ?? "");
      const mode = req.method === "POST" && m?.[1] ? stall.get(m[1]) : undefined;
      if (m?.[1] && mode) seen.set(m[1], (seen.get(m[1]) ?? 0) + 1);
      if (mode === "before") return; // the request hangs: Discord never hears of it
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (up) => {
        const body: Buffer[] = [];
        up.on("data", (c: Buffer) => body.push(c));
        up.on("end", () => {
          if (mode === "after") return; // Discord made the message; the bot never learns its id
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(body));
        });
      });
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe("SIGKILL in the middle of a digest delivery", () => {
  const GUILD = "1200000000000000101";
  const POSTED = "1200000000000000102"; // Discord made the message, the bot died before hearing back
  const UNSENT = "1200000000000000103"; // the bot died before Discord heard of it
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: "Desk", channels: [{ id: POSTED, name: "digest-a" }, { id: UNSENT, name: "digest-b" }] }] });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("restarts and posts every due digest exactly once", async () => {
    const store = freshStore("digest");
    // Both subscriptions are due a minute ago (UTC), and existed before that.
    const now = new Date();
    const due = new Date(now.getTime() - 60_000);
    const hhmm = due.toISOString().slice(11, 16);
    const db = openDb(store);
    for (const channelId of [POSTED, UNSENT]) {
      upsertSubscription(db, { guildId: GUILD, channelId, localTime: hhmm, timezone: "UTC", kinds: ["incidents", "context", "quote"], aboutEntityId: null, createdBy: "1" }, new Date(now.getTime() - 3_600_000));
    }
    closeDb(db);

    const proxy = await stallingProxy(fake.apiUrl, new Map([[POSTED, "after"], [UNSENT, "before"]]));
    const env = (api: string): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_PATH: store,
      LOG_LEVEL: "silent",
      BACKUP_KEEP: "0",
      DISCORD_TOKEN: "fake-token.not-a-secret",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: api,
    });
    const first = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: env(proxy.url), stdio: "ignore" });
    try {
      await fake.waitFor(() => (fake.messageCount(POSTED) === 1 && proxy.seen.get(UNSENT) ? true : undefined), 60_000, "both posts in flight");
      first.kill("SIGKILL");
      expect(await exited(first)).toBe("SIGKILL");
    } finally {
      if (first.exitCode === null && first.signalCode === null) first.kill("SIGKILL");
      await proxy.close();
    }
    // Killed mid-delivery: both rows recorded as pending with their nonces, nothing marked sent.
    const ledger = (): { channel: string; status: string }[] =>
      readOnly(store, (d) => d.prepare("SELECT s.channel_id AS channel, d.status FROM digest_deliveries d JOIN digest_subscriptions s ON s.id = d.subscription_id ORDER BY s.channel_id").all() as { channel: string; status: string }[]);
    expect(ledger()).toEqual([
      { channel: POSTED, status: "pending" },
      { channel: UNSENT, status: "pending" },
    ]);
    expect(checkIntegrity(store).ok).toBe(true);

    const second = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: env(fake.apiUrl), stdio: "ignore" });
    try {
      await until(() => ledger().every((r) => r.status === "sent"), 60_000, "both deliveries marked sent");
      await sleep(300);
      expect(fake.messageCount(POSTED)).toBe(1);
      expect(fake.messageCount(UNSENT)).toBe(1);
      expect(checkIntegrity(store).ok).toBe(true);
    } finally {
      second.kill("SIGTERM");
      expect(await exited(second)).toBe(0);
    }
    expect(fake.rejections).toEqual([]);
  }, 180_000);
});

describe("SIGKILL after Discord accepted a digest, restart after the nonce window", () => {
  const GUILD = "1200000000000000201";
  const READABLE = "1200000000000000202"; // the bot may read the channel's history
  const NO_HISTORY = "1200000000000000203"; // an overwrite denies the bot Read Message History here
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await startFakeDiscord({
      guilds: [{ id: GUILD, name: "Desk", channels: [{ id: READABLE, name: "digest-a" }, { id: NO_HISTORY, name: "digest-b", botDeny: PermissionFlagsBits.ReadMessageHistory.toString() }] }],
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("finds its first post in the channel and posts nothing more; without Read Message History it resends once and /status says why", async () => {
    const store = freshStore("outage");
    const now = new Date();
    const hhmm = new Date(now.getTime() - 60_000).toISOString().slice(11, 16);
    const db = openDb(store);
    for (const channelId of [READABLE, NO_HISTORY]) {
      upsertSubscription(db, { guildId: GUILD, channelId, localTime: hhmm, timezone: "UTC", kinds: ["incidents", "context", "quote"], aboutEntityId: null, createdBy: "1" }, new Date(now.getTime() - 3_600_000));
    }
    closeDb(db);
    const env = (api: string): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_PATH: store,
      LOG_LEVEL: "silent",
      BACKUP_KEEP: "0",
      DISCORD_TOKEN: "fake-token.not-a-secret",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: api,
    });

    // Discord makes both messages; the bot is killed before it hears back, so both stay pending in its ledger.
    const proxy = await stallingProxy(fake.apiUrl, new Map([[READABLE, "after"], [NO_HISTORY, "after"]]));
    const first = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: env(proxy.url), stdio: "ignore" });
    try {
      await fake.waitFor(() => (fake.messageCount(READABLE) === 1 && fake.messageCount(NO_HISTORY) === 1 ? true : undefined), 20_000, "both posts made");
      first.kill("SIGKILL");
      expect(await exited(first)).toBe("SIGKILL");
    } finally {
      if (first.exitCode === null && first.signalCode === null) first.kill("SIGKILL");
      await proxy.close();
    }
    const ledger = (): { channel: string; status: string; check: string | null; messageId: string | null }[] =>
      readOnly(
        store,
        (d) =>
          d.prepare("SELECT s.channel_id AS channel, d.status, d.resend_check AS \"check\", d.message_id AS messageId FROM digest_deliveries d JOIN digest_subscriptions s ON s.id = d.subscription_id ORDER BY s.channel_id").all() as {
            channel: string;
            status: string;
            check: string | null;
            messageId: string | null;
          }[],
      );
    expect(ledger().map((r) => r.status)).toEqual(["pending", "pending"]);

    // The outage outlasts Discord's nonce window: it no longer drops the repeat, and the ledger's first send is old.
    fake.expireNonces();
    const rw = new Database(store);
    try {
      rw.prepare("UPDATE digest_deliveries SET created_at = ?").run(new Date(now.getTime() - 30 * 60_000).toISOString());
    } finally {
      rw.close();
    }

    const second = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: env(fake.apiUrl), stdio: "ignore" });
    try {
      await until(() => ledger().every((r) => r.status === "sent"), 20_000, "both deliveries marked sent");
      await sleep(300);
      const [readable, noHistory] = ledger();
      // Found in the channel by its marker: recorded with the first message's id, nothing posted again.
      expect(fake.messageCount(READABLE)).toBe(1);
      expect(readable).toMatchObject({ check: "found", messageId: fake.channelMessages.get(READABLE)?.[0]?.id });
      // Could not look: posted once more, and /status says a duplicate cannot be ruled out and why.
      expect(fake.messageCount(NO_HISTORY)).toBe(2);
      expect(noHistory).toMatchObject({ check: "unreadable", messageId: fake.channelMessages.get(NO_HISTORY)?.[1]?.id });

      const status = await fake.sendCommand({ name: "status", guildId: GUILD, channelId: READABLE });
      const today = status.embeds[0]?.fields?.find((f) => f.name === "Today's digests")?.value ?? "";
      expect(today).toMatch(new RegExp(`<#${READABLE}>[^\\n]*sent[^\\n]*found in the channel after a restart`));
      expect(today).toMatch(new RegExp(`<#${NO_HISTORY}>[^\\n]*sent[^\\n]*duplicate post cannot be ruled out[^\\n]*Read Message History`));
    } finally {
      second.kill("SIGTERM");
      expect(await exited(second)).toBe(0);
    }
    expect(fake.rejections).toEqual([]);
  }, 90_000);
});
