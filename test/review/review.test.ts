import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { closeDb, type Db } from "../../src/db/client.ts";
import { ingestBytes } from "../../src/ingest/index.ts";
import type { Router } from "../../src/router.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import { routerFor, seededStore } from "../helpers/store.ts";

const ARTICLE = readFileSync(path.join(import.meta.dirname, "fixtures", "bajaur-jirga.md"), "utf8");
const EDITOR: CommandContext = { guildId: "1100000000000000001", channelId: "1100000000000000002", userId: "1100000000000000077", permissions: 32n };
const READER: CommandContext = { ...EDITOR, userId: "1100000000000000078", permissions: 0n };

/** A second piece naming the same elder: what the next ingest makes of the name. */
const FOLLOW_UP = `---
title: Elders return from Peshawar
published: 2025-02-10
---
Malik Sherzad Khan said the elders would meet the governor in Peshawar again after the talks.
`;

let db: Db;
let router: Router;

beforeEach(() => {
  if (db?.$client.open) closeDb(db);
  db = seededStore();
  router = routerFor(db);
  expect(ingestBytes(db, "bajaur-jirga.md", Buffer.from(ARTICLE)).ok).toBe(true);
});

async function review(options: Record<string, string>, ctx: CommandContext = EDITOR): Promise<string> {
  const { reply } = await router.handleCommand({ name: "review", options, ctx });
  return JSON.stringify(reply);
}

function quoteRow(text: string): { speaker: string | null; confidence: number } | undefined {
  return db.$client
    .prepare<[string], { speaker: string | null; confidence: number }>("select e.name as speaker, q.confidence from quotes q left join entities e on e.id = q.speaker_id where q.text like ?")
    .get(`%${text}%`);
}

function quoteId(text: string): string {
  return String(db.$client.prepare<[string], { id: number }>("select id from quotes where text like ?").get(`%${text}%`)?.id);
}

describe("/review", () => {
  it("lists the names and uncertain attributions waiting, for editors only", async () => {
    const list = await review({ subcommand: "list" });
    expect(list).toContain("Malik Sherzad Khan");
    expect(list).toContain("×2");
    expect(list).toContain("The operation will continue");
    expect(await review({ subcommand: "list" }, READER)).toContain("for editors");
  });

  it("promoting a candidate changes the next ingest: the name is an entity, not a new name", async () => {
    const before = ingestBytes(db, "follow-up-before.md", Buffer.from(FOLLOW_UP));
    expect(before.article?.candidates).toContain("Malik Sherzad Khan");

    const ac = await router.handleAutocomplete({ name: "review", options: { subcommand: "promote" }, ctx: EDITOR, focused: { name: "candidate", value: "sherz" } });
    expect(ac.map((c) => c.value)).toContain("Malik Sherzad Khan");
    const reply = await review({ subcommand: "promote", candidate: "Malik Sherzad Khan", kind: "person", name: "Sherzad Khan" });
    expect(reply).toContain("Promoted **Sherzad Khan** to a person");
    // The quote the article attributed to him by name now has him as speaker.
    expect(quoteRow("roads open")?.speaker).toBe("Sherzad Khan");

    const after = ingestBytes(db, "follow-up-after.md", Buffer.from(FOLLOW_UP.replace("again after the talks", "once more")));
    expect(after.article?.candidates).not.toContain("Malik Sherzad Khan");
    const entity = db.$client.prepare("select kind, origin from entities where name = 'Sherzad Khan'").get();
    expect(entity).toEqual({ kind: "person", origin: "review" });
    const mentioned = db.$client
      .prepare("select count(*) as n from mentions m join entities e on e.id = m.entity_id join articles a on a.id = m.article_id where e.name = 'Sherzad Khan' and a.slug = 'follow-up-after'")
      .get();
    expect(mentioned).toEqual({ n: 1 });

    const decision = db.$client.prepare("select action, target_text, user_id, created_at from editorial_decisions").get();
    expect(decision).toEqual({ action: "promote", target_text: "Malik Sherzad Khan", user_id: EDITOR.userId, created_at: "2026-01-11T06:00:00.000Z" });
  });

  it("/who for a name still waiting says where the articles use it and how it gets in; once promoted, /who finds it", async () => {
    const ask = async (name: string) => (await router.handleCommand({ name: "who", options: { name }, ctx: READER })).reply;
    const waiting = await ask("malik sherzad khan");
    expect(waiting.ephemeral).toBe(true);
    expect(waiting.content).toMatch(/^“Malik Sherzad Khan” \(person\) is a new name, not in the gazetteer yet: seen 2 times in “[^”]+”\. An editor can add it with \/review promote; until then \/search finds the articles\.$/);
    expect((await ask("Nobody Of That Name")).content).toMatch(/^I don't know “Nobody Of That Name”/);
    // /quote shows what the articles quote them saying, and says the name is still waiting.
    const quotes = (await router.handleCommand({ name: "quote", options: { speaker: "Malik Sherzad Khan" }, ctx: READER })).reply.embeds?.[0];
    expect(quotes?.title).toBe("Quotes by Malik Sherzad Khan");
    expect(quotes?.description).toContain("roads open");
    expect(quotes?.footer).toContain("Malik Sherzad Khan is not in the gazetteer yet (/review promote)");
    const his = db.$client.prepare("select count(*) from quotes where speaker_id is null and speaker_text = 'Malik Sherzad Khan'").pluck().get() as number;
    const all = db.$client.prepare("select count(*) from quotes").pluck().get() as number;
    expect(his).toBeGreaterThan(0);
    expect(his).toBeLessThan(all);
    expect(quotes?.footer).toMatch(new RegExp(`^${his} quotes? ·`));
    await review({ subcommand: "promote", candidate: "Malik Sherzad Khan", kind: "person" });
    expect((await ask("Malik Sherzad Khan")).embeds?.[0]?.title).toMatch(/Malik Sherzad Khan/i);
  });

  it("finds a waiting speaker's quotes however the articles spell the name, and shows the name as written, not as a dateline", async () => {
    const spelled = `---
title: Chaman traders count losses
published: 2025-10-14
---
CHAMAN — Haji Ahmad Gul, who heads a traders' union, said: “We lose money every hour the gate stays shut.”

Later Gul added: “Nobody in Islamabad answers our calls.”

AHMAD GUL also met customs officials in Quetta on Monday.
`;
    expect(ingestBytes(db, "chaman-traders.md", Buffer.from(spelled)).ok).toBe(true);
    // (The honorific is written as part of the name, and the name is one however it is spelled: its key leaves the
    // honorific out, so both spellings wait as one name, shown as the article writes it.)
    const spellings = db.$client.prepare("select distinct text from candidates where norm = 'ahmad gul' order by text").pluck().all();
    expect(spellings).toEqual(["AHMAD GUL", "Haji Ahmad Gul"]);
    const who = (await router.handleCommand({ name: "who", options: { name: "ahmad gul" }, ctx: READER })).reply;
    expect(who.content).toMatch(/^“Haji Ahmad Gul” \(person\) is a new name/);
    for (const speaker of ["AHMAD GUL", "Ahmad Gul", "Haji Ahmad Gul"]) {
      const quotes = (await router.handleCommand({ name: "quote", options: { speaker }, ctx: READER })).reply.embeds?.[0];
      expect(quotes?.title).toBe("Quotes by Haji Ahmad Gul");
      expect(quotes?.footer).toMatch(/^2 quotes · /);
    }
    // Dismissed by either spelling, both go, and stay gone when the article is ingested again.
    expect(await review({ subcommand: "dismiss", candidate: "Haji Ahmad Gul" })).toContain("Dismissed");
    expect(ingestBytes(db, "chaman-traders.md", Buffer.from(spelled.replace("every hour", "each hour"))).ok).toBe(true);
    expect(db.$client.prepare("select count(*) from candidates where norm = 'ahmad gul'").pluck().get()).toBe(0);
  });

  it("merges a candidate into a known entity as an alias", async () => {
    await review({ subcommand: "promote", candidate: "Malik Sherzad Khan", kind: "person" });
    const id = String(db.$client.prepare<[], { id: number }>("select id from entities where name = 'Malik Sherzad Khan'").get()?.id);
    const reply = await review({ subcommand: "merge", candidate: "Sherzad Khan", into: id });
    expect(reply).toContain("is now a name of **Malik Sherzad Khan**");
    expect(db.$client.prepare("select count(*) as n from candidates where norm like '%sherzad%'").get()).toEqual({ n: 0 });
    const next = ingestBytes(db, "short-name.md", Buffer.from("---\ntitle: Short name\npublished: 2025-02-12\n---\nSherzad Khan said the talks would resume in Khar.\n"));
    expect(next.article?.candidates).toEqual([]);
  });

  it("a corrected speaker and a dismissed name survive re-ingest of the same article", async () => {
    const army = String(db.$client.prepare<[], { id: number }>("select id from entities where name = 'Pakistan Army'").get()?.id);
    expect(await review({ subcommand: "speaker", quote: quoteId("operation will continue"), speaker: army })).toContain("now attributed to **Pakistan Army**");
    expect(await review({ subcommand: "dismiss", candidate: "Sherzad Khan" })).toContain("Dismissed");

    // The same article, edited: ingest replaces its rows (new quote ids), the decisions apply again.
    const edited = ARTICLE.replace("next week", "on Thursday");
    const r = ingestBytes(db, "bajaur-jirga.md", Buffer.from(edited));
    expect(r.outcome).toBe("replaced");
    expect(quoteRow("operation will continue")).toEqual({ speaker: "Pakistan Army", confidence: 1 });
    const waiting = db.$client.prepare<[], { text: string }>("select distinct c.text from candidates c join articles a on a.id = c.article_id where a.slug = 'bajaur-jirga'").all().map((c) => c.text);
    expect(waiting).toEqual(["Malik Sherzad Khan"]);
    expect(await review({ subcommand: "list" })).not.toContain("operation will continue");
    expect(await review({ subcommand: "history" })).toMatch(/corrected the speaker of.*dismissed|dismissed.*corrected the speaker of/);
  });

  it("explains politely when the name is not waiting", async () => {
    expect(await review({ subcommand: "dismiss", candidate: "Nobody Atall" })).toContain("is not waiting for review");
  });
});
