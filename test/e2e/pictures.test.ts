import "../setup/no-network.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { FakeDiscord } from "../fakes/discord/index.ts";
import { startBot, type TestBot } from "../helpers/bot.ts";
import { closeDb, type Db } from "../../src/db/client.ts";
import { routerFor, seededStore } from "../helpers/store.ts";

const GUILD = "1100000000000000011";
const CHANNEL = "1100000000000000012";

let bot: TestBot;
let fake: FakeDiscord;
let db: Db;

beforeAll(async () => {
  db = seededStore();
  bot = await startBot(routerFor(db), { id: GUILD, channelId: CHANNEL });
  fake = bot.fake;
});

afterAll(async () => {
  await bot.stop();
  closeDb(db);
});

describe("pictures and exports through the real discord.js client", () => {
  /** The request that carried an interaction's answer: its callback, or the edit of its deferred reply. */
  const uploadOf = (requestPath: string, r: { interactionId: string; token: string }): boolean =>
    requestPath.includes(`/interactions/${r.interactionId}/`) || requestPath.includes(`/webhooks/${fake.applicationId}/${r.token}/messages/@original`);

  it("/chart uploads a PNG and the embed shows it via attachment://", async () => {
    const r = await fake.sendCommand({ name: "chart", options: [{ name: "subject", type: ApplicationCommandOptionType.String, value: "TTP" }], guildId: GUILD, channelId: CHANNEL });
    expect(r.rejectedCallbacks).toEqual([]);
    const image = r.embeds[0]?.image?.url ?? "";
    expect(image).toMatch(/^attachment:\/\/chart-.*\.png$/);
    // (Pictures are acknowledged at once and sent as the edit of the deferred reply.)
    expect(r.deferred).toBe(true);
    const upload = fake.requests.find((q) => uploadOf(q.path, r) && q.files.length > 0);
    expect(upload?.files).toHaveLength(1);
    expect(upload?.files[0]?.filename).toBe(image.slice("attachment://".length));
    expect(upload?.files[0]?.size).toBeGreaterThan(10_000);
    const body = upload?.body as { attachments?: { id: string; description?: string }[]; allowed_mentions?: unknown } | undefined;
    expect(body?.attachments?.[0]?.id).toBe("0");
    expect(body?.attachments?.[0]?.description).toMatch(/^Bar chart\./);
    expect(body?.allowed_mentions).toEqual({ parse: [] });
  });

  it("/map and /export upload their files too", async () => {
    const m = await fake.sendCommand({ name: "map", options: [{ name: "from", type: ApplicationCommandOptionType.String, value: "2025" }], guildId: GUILD, channelId: CHANNEL });
    expect(m.rejectedCallbacks).toEqual([]);
    expect(m.embeds[0]?.image?.url).toBe("attachment://map-2025.png");
    const e = await fake.sendCommand({ name: "export", options: [{ name: "subject", type: ApplicationCommandOptionType.String, value: "Kunar" }], guildId: GUILD, channelId: CHANNEL });
    expect(e.rejectedCallbacks).toEqual([]);
    const upload = fake.requests.find((q) => uploadOf(q.path, e) && q.files.length > 0);
    expect(upload?.files[0]?.filename).toBe("events-kunar.csv");
  });
});
