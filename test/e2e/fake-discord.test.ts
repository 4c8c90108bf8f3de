import "../setup/no-network.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  ApplicationCommandOptionType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  REST,
  Routes,
} from "discord.js";
import type { Interaction, RateLimitData, SendableChannels } from "discord.js";
import { guildIdForShard, makeSnowflake, startFakeDiscord } from "../fakes/discord/index.ts";
import type { FakeDiscord, FakeDiscordOptions } from "../fakes/discord/index.ts";
import { takeBlockedConnections } from "../setup/no-network.ts";

const PLACES = ["Torkham", "Chaman", "Peshawar", "Quetta", "Khost", "Jalalabad", "Kandahar", "Spin Boldak"];

/** A bot's interaction handler, small but covering reply, defer+edit, autocomplete, buttons and channel posts. */
function attachBot(client: Client, errors: unknown[]): void {
  const handle = async (interaction: Interaction): Promise<void> => {
    if (interaction.isAutocomplete()) {
      const focused = interaction.options.getFocused().toLowerCase();
      await interaction.respond(
        PLACES.filter((p) => p.toLowerCase().startsWith(focused)).map((p) => ({ name: p, value: p.toLowerCase() })),
      );
      return;
    }
    if (interaction.isButton()) {
      await interaction.update({ content: `acknowledged ${interaction.customId}`, components: [] });
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    switch (interaction.commandName) {
      case "ping":
        await interaction.reply({
          content: `pong from shard ${interaction.guild?.shardId ?? -1}`,
          embeds: [{ title: "Border desk", description: "all quiet", fields: [{ name: "crossings", value: "open" }] }],
        });
        return;
      case "slow":
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await sleep(30);
        await interaction.editReply({ content: "digest ready" });
        return;
      case "big":
        try {
          await interaction.reply({ content: "x".repeat(2001) });
        } catch (error) {
          errors.push(error);
          await interaction.reply({ content: "too long, trimmed", flags: MessageFlags.Ephemeral });
        }
        return;
      case "digest": {
        const channelId = interaction.options.getChannel("channel", true).id;
        const channel = await interaction.client.channels.fetch(channelId);
        if (!channel?.isSendable()) throw new Error("not sendable");
        const nonce = "digest-2025-01-01";
        const first = await channel.send({ content: "Daily digest", nonce, enforceNonce: true });
        const second = await channel.send({ content: "Daily digest", nonce, enforceNonce: true });
        await interaction.reply({ content: `${first.id} ${second.id}` });
        return;
      }
      case "late":
        await sleep(150);
        await interaction.reply({ content: "too late" });
        return;
      default:
        await interaction.reply({ content: `unknown command ${interaction.commandName}` });
    }
  };
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => errors.push(error));
  });
}

function makeClient(fake: FakeDiscord, extra: { shards?: number[]; shardCount?: number } = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl, retries: 0, timeout: 2000 },
    allowedMentions: { parse: [] },
    waitGuildTimeout: 500,
    ...extra,
  });
}

async function login(client: Client): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login("fake-token.not-a-secret");
  await ready;
}

function sendable(client: Client, channelId: string): SendableChannels {
  const channel = client.channels.cache.get(channelId);
  if (!channel?.isSendable()) throw new Error(`channel ${channelId} is not in the cache or not sendable`);
  return channel;
}

describe("no-network guard", () => {
  it("blocks discord.js REST (undici) calls to discord.com", async () => {
    const rest = new REST({ retries: 0, timeout: 2000 }).setToken("fake-token");
    await expect(rest.get(Routes.gatewayBot())).rejects.toThrow(/no-network guard|EBLOCKED/);
    expect(takeBlockedConnections().map((b) => b.host)).toContain("discord.com");
  });

  it("blocks global fetch and ws connections to the real gateway", async () => {
    await expect(fetch("https://discord.com/api/v10/gateway")).rejects.toThrow();
    const ws = new WebSocket("wss://gateway.discord.gg/?v=10&encoding=json");
    const error = await new Promise<Error>((resolve) => ws.once("error", resolve));
    expect(error.message).toMatch(/no-network guard/);
    const hosts = takeBlockedConnections().map((b) => b.host);
    expect(hosts).toContain("discord.com");
    expect(hosts).toContain("gateway.discord.gg");
  });

  it("lets loopback through", async () => {
    const fake = await startFakeDiscord();
    try {
      const res = await fetch(`${fake.apiUrl}/v10/gateway`);
      expect(res.status).toBe(401);
      expect(takeBlockedConnections()).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe("fake Discord with the real discord.js client", () => {
  const guildId = makeSnowflake(Date.now() - 5_000_000);
  const deskId = makeSnowflake(Date.now() - 4_000_000);
  const digestId = makeSnowflake(Date.now() - 3_000_000);
  let fake: FakeDiscord;
  let client: Client;
  let errors: unknown[];

  async function start(opts: FakeDiscordOptions = {}): Promise<void> {
    fake = await startFakeDiscord({
      guilds: [{ id: guildId, name: "Border Desk", channels: [{ id: deskId, name: "desk" }, { id: digestId, name: "digest" }] }],
      ...opts,
    });
    client = makeClient(fake);
    errors = [];
    attachBot(client, errors);
    await login(client);
  }

  beforeEach(async () => {
    await start();
  });

  afterEach(async () => {
    await client.destroy();
    await fake.close();
  });

  it("becomes ready with the guild and its channels cached", () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.botUserId);
    const guild = client.guilds.cache.get(guildId);
    expect(guild?.name).toBe("Border Desk");
    expect(guild?.roles.everyone.id).toBe(guildId);
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(["desk", "digest"]);
    expect(guild?.members.me?.id).toBe(fake.botUserId);
    expect(fake.identifies).toEqual([{ shard: [0, 1], intents: GatewayIntentBits.Guilds }]);
  });

  it("registers commands and delivers a chat command reply", async () => {
    await client.application?.commands.set([{ name: "ping", description: "Check the bot" }]);
    expect(fake.registeredCommands.global.map((c) => c.name)).toEqual(["ping"]);

    const reply = await fake.sendCommand({ name: "ping" });
    expect(reply.type).toBe(4);
    expect(reply.content).toBe("pong from shard 0");
    expect(reply.embeds[0]).toMatchObject({ title: "Border desk", fields: [{ name: "crossings", value: "open" }] });
    expect(reply.ephemeral).toBe(false);
    expect(fake.rejections).toEqual([]);
    expect(fake.unknownRoutes).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("rejects invalid command definitions like Discord", async () => {
    const error: unknown = await client.application?.commands
      .set([{ name: "Bad Name", description: "x".repeat(101) }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
  });

  it("waits for the edit after a deferred reply", async () => {
    const result = await fake.sendCommand({ name: "slow" });
    expect(result.type).toBe(5);
    expect(result.deferred).toBe(true);
    expect(result.ephemeral).toBe(true);
    expect(result.edits).toHaveLength(1);
    expect(result.content).toBe("digest ready");
    expect(fake.webhookMessages.map((r) => `${r.method} ${r.path.replace(/\/webhooks\/\d+\/[^/]+/, "/webhooks/:app/:token")}`)).toEqual([
      "PATCH /webhooks/:app/:token/messages/@original",
    ]);
  });

  it("answers autocomplete with choices", async () => {
    const result = await fake.sendAutocomplete({
      name: "where",
      options: [{ name: "place", type: ApplicationCommandOptionType.String, value: "k" }],
      focused: "place",
    });
    expect(result.type).toBe(8);
    expect(result.choices?.map((c) => c.name)).toEqual(["Khost", "Kandahar"]);
  });

  it("updates the message a button sits on", async () => {
    const result = await fake.sendButton({ customId: "ack:42" });
    expect(result.type).toBe(7);
    expect(result.content).toBe("acknowledged ack:42");
    expect(result.message?.components).toEqual([]);
  });

  it("dedupes channel posts by nonce with enforce_nonce", async () => {
    const result = await fake.sendCommand({
      name: "digest",
      options: [{ name: "channel", type: ApplicationCommandOptionType.Channel, value: digestId }],
    });
    const [first, second] = (result.content ?? "").split(" ");
    expect(first).toMatch(/^\d{17,19}$/);
    expect(second).toBe(first);
    expect(fake.messageCount(digestId)).toBe(1);
    expect(fake.channelMessages.get(digestId)?.[0]).toMatchObject({ content: "Daily digest", nonce: "digest-2025-01-01" });
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${digestId}/messages`)).toHaveLength(2);
  });

  it("rejects oversize payloads with DiscordAPIError 50035", async () => {
    const result = await fake.sendCommand({ name: "big" });
    expect(result.content).toBe("too long, trimmed");
    const [error] = errors;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).message).toContain("data.content[BASE_TYPE_MAX_LENGTH]");
    expect(fake.rejections).toHaveLength(1);
    expect(result.rejectedCallbacks).toHaveLength(1);

    const tooManyEmbeds = sendable(client, deskId).send({ embeds: Array.from({ length: 11 }, (_, i) => ({ title: `e${i}` })) });
    await expect(tooManyEmbeds).rejects.toMatchObject({ code: 50035, status: 400 });
    const bigEmbed = sendable(client, deskId).send({ embeds: [{ title: "t", description: "d".repeat(4000), fields: [{ name: "n", value: "v".repeat(1024) }, { name: "n", value: "v".repeat(1024) }] }] });
    await expect(bigEmbed).rejects.toThrow(/MAX_EMBED_SIZE_EXCEEDED/);
    expect(fake.messageCount(deskId)).toBe(0);
  });

  it("answers a failing channel with 403 Missing Permissions", async () => {
    fake.failChannel(deskId, { status: 403, code: 50013 }, 1);
    const failed: unknown = await sendable(client, deskId).send("hello").catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DiscordAPIError);
    expect((failed as DiscordAPIError).code).toBe(50013);
    expect((failed as DiscordAPIError).status).toBe(403);
    // times = 1: the next post goes through
    await sendable(client, deskId).send("hello again");
    expect(fake.messageCount(deskId)).toBe(1);
  });

  it("answers 5xx with an HTTPError when retries are off", async () => {
    fake.failChannel(deskId, { status: 502 }, 1);
    await expect(sendable(client, deskId).send("hello")).rejects.toMatchObject({ name: "HTTPError", status: 502 });
  });

  it("answers 10062 Unknown interaction when the bot misses the response window", async () => {
    await client.destroy();
    await fake.close();
    await start({ interactionResponseWindowMs: 100 });
    await expect(fake.sendCommand({ name: "late", timeoutMs: 400 })).rejects.toThrow(/timed out/);
    await fake.waitFor(() => (errors.length > 0 ? true : undefined), 1000, "the bot's error");
    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect((errors[0] as DiscordAPIError).code).toBe(10062);
  });

  it("lets discord.js wait out a 429 and retry", async () => {
    const limits: RateLimitData[] = [];
    client.rest.on("rateLimited", (info) => limits.push(info));
    fake.failChannel(deskId, { status: 429, retryAfter: 0.25 }, 1);
    const started = Date.now();
    const message = await sendable(client, deskId).send("after the limit");
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(message.content).toBe("after the limit");
    expect(limits).toHaveLength(1);
    // discord.js adds its `offset` option (default 50 ms) on top of Retry-After
    expect(limits[0]?.retryAfter).toBeGreaterThanOrEqual(250);
    const posts = fake.requests.filter((r) => r.path === `/channels/${deskId}/messages`);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
  });

  it("applies a global rate limit and discord.js waits it out", async () => {
    await client.destroy();
    await fake.close();
    await start({ globalRateLimitPerSecond: 2 });
    const channel = sendable(client, deskId);
    const sent = await Promise.all([channel.send("1"), channel.send("2"), channel.send("3")]);
    expect(sent.map((m) => m.content)).toEqual(["1", "2", "3"]);
    const statuses = fake.requests.filter((r) => r.path === `/channels/${deskId}/messages`).map((r) => r.status);
    expect(statuses).toContain(429);
    expect(fake.messageCount(deskId)).toBe(3);
  });

  it("resumes after the gateway asks for a reconnect", async () => {
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    fake.requestReconnect(0);
    await resumed;
    expect(fake.resumes).toHaveLength(1);
    const reply = await fake.sendCommand({ name: "ping" });
    expect(reply.content).toBe("pong from shard 0");
  });
});

describe("fake Discord with two shards", () => {
  const clients: Client[] = [];
  let fake: FakeDiscord | undefined;

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await fake?.close();
  });

  it("gives each shard its own guilds and routes interactions to the owning shard", async () => {
    const guild0 = guildIdForShard(0, 2);
    const guild1 = guildIdForShard(1, 2);
    fake = await startFakeDiscord({
      shardCount: 2,
      guilds: [
        { id: guild0, name: "Shard zero desk", channels: [{ id: makeSnowflake(), name: "desk" }] },
        { id: guild1, name: "Shard one desk", channels: [{ id: makeSnowflake(), name: "desk" }] },
      ],
    });
    const errors: unknown[] = [];
    const received: { client: number; guildId: string | null }[] = [];
    for (const shard of [0, 1]) {
      const client = makeClient(fake, { shards: [shard], shardCount: 2 });
      client.on(Events.InteractionCreate, (i) => received.push({ client: shard, guildId: i.guildId }));
      attachBot(client, errors);
      clients.push(client);
    }
    await Promise.all(clients.map(login));

    expect([...(clients[0]?.guilds.cache.keys() ?? [])]).toEqual([guild0]);
    expect([...(clients[1]?.guilds.cache.keys() ?? [])]).toEqual([guild1]);
    expect(fake.connectedShards().sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const reply1 = await fake.sendCommand({ name: "ping", guildId: guild1 });
    expect(reply1.shardId).toBe(1);
    expect(reply1.content).toBe("pong from shard 1");
    const reply0 = await fake.sendCommand({ name: "ping", guildId: guild0 });
    expect(reply0.content).toBe("pong from shard 0");
    expect(received).toEqual([
      { client: 1, guildId: guild1 },
      { client: 0, guildId: guild0 },
    ]);
    expect(errors).toEqual([]);
  });

  it("serves both shards from one client with shards: [0, 1]", async () => {
    const guild1 = guildIdForShard(1, 2);
    fake = await startFakeDiscord({ shardCount: 2, guilds: [{ id: guild1, name: "Shard one desk", channels: [{ id: makeSnowflake(), name: "desk" }] }] });
    const errors: unknown[] = [];
    const client = makeClient(fake, { shards: [0, 1], shardCount: 2 });
    attachBot(client, errors);
    clients.push(client);
    await login(client);
    const reply = await fake.sendCommand({ name: "ping", guildId: guild1 });
    expect(reply.content).toBe("pong from shard 1");
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });
});
