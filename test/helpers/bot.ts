import { Events, type Client } from "discord.js";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/index.ts";
import { attachRouter, createClient } from "../../src/discord/client.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Router } from "../../src/router.ts";

export interface TestBot {
  fake: FakeDiscord;
  client: Client;
  stop(): Promise<void>;
}

/** The real discord.js client, logged in to a fresh local fake Discord with one guild and channel, answering through `router`. */
export async function startBot(router: Router, guild: { id: string; channelId: string }): Promise<TestBot> {
  const fake = await startFakeDiscord({ guilds: [{ id: guild.id, name: "Border Desk", channels: [{ id: guild.channelId, name: "desk" }] }] });
  const client = createClient({ apiUrl: fake.apiUrl });
  attachRouter(client, router, silentLogger);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login("fake-token.not-a-secret");
  await ready;
  return {
    fake,
    client,
    async stop() {
      await client.destroy();
      await fake.close();
    },
  };
}
