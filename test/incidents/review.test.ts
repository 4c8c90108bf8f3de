import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { openDb, projectRoot, type Db } from "../../src/db/client.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import { loadGazetteer } from "../../src/gazetteer/load.ts";
import { ingestFiles } from "../../src/ingest/index.ts";
import { upsertGazetteer } from "../../src/store/seed.ts";
import { listIncidentsOnDate } from "../../src/store/incidents.ts";
import { routerFor } from "../helpers/store.ts";

const EDITOR: CommandContext = { guildId: "1100000000000000001", channelId: "1100000000000000002", userId: "1100000000000000077", permissions: 32n };
const READER: CommandContext = { ...EDITOR, userId: "1100000000000000078", permissions: 0n };
const FIXTURES = path.join(projectRoot, "test/fixtures/incidents");
const NOW = new Date("2026-03-16T12:00:00Z");

let db: Db;

function ingest(file: string): void {
  const [r] = ingestFiles(db, [path.join(FIXTURES, file)], { now: NOW });
  expect(r?.ok, JSON.stringify(r)).toBe(true);
}

async function review(options: Record<string, string | number>, ctx: CommandContext = EDITOR): Promise<string> {
  const { reply } = await routerFor(db, NOW).handleCommand({ name: "review", options: { subcommand: "incident", ...options }, ctx });
  return reply.content ?? reply.embeds?.[0]?.description ?? "";
}

const attacksOn14 = () => listIncidentsOnDate(db, "2026-03-14", { limit: 10, includeDismissed: true }).incidents.filter((i) => i.type === "attack");

beforeEach(() => {
  db = openDb(":memory:");
  upsertGazetteer(db, loadGazetteer(path.join(projectRoot, "data/gazetteer")));
  ingest("frontier-wire-bannu.md");
  ingest("khyber-ledger-checkpost.md");
});

describe("/review incident: editors stay in charge, and their decisions outlive re-ingest", () => {
  it("is for editors only", async () => {
    const [checkpost] = attacksOn14();
    expect(await review({ incident: checkpost?.id ?? 0, action: "dismiss" }, READER)).toMatch(/editor/i);
    expect(attacksOn14().every((i) => i.status === "active")).toBe(true);
  });

  it("merges two incidents, and the merge holds when an article is ingested again", async () => {
    const [a, b] = attacksOn14();
    expect(a && b).toBeTruthy();
    // The checkpost attack (three reports: both outlets' accounts and the TTP's claim) and the vaccinator's killing.
    expect(a?.reports.map((r) => r.killed)).toEqual([3, 3, 5]);
    expect(b?.reports.map((r) => r.killed)).toEqual([1]);
    const reply = await review({ incident: b?.id ?? 0, action: "merge", into: String(a?.id) });
    expect(reply).toMatch(/^Merged #\d+ into \*\*#\d+\*\*/);
    expect(attacksOn14()).toHaveLength(1);
    // The Frontier Wire article comes in again, edited: its rows are rewritten, the decision applies to them again.
    db.$client.prepare("update articles set content_hash = 'stale-' || id where slug like 'frontier%'").run();
    ingest("frontier-wire-bannu.md");
    expect(attacksOn14()).toHaveLength(1);
    expect(attacksOn14()[0]?.reports.map((r) => r.killed).sort()).toEqual([1, 3, 3, 5]);
  });

  it("splits a report out, corrects the date and type, and dismisses; each survives re-ingest", async () => {
    const checkpost = attacksOn14().find((i) => i.reports.length === 3);
    if (!checkpost) throw new Error("the checkpost attack has three reports");
    // The Khyber Ledger's own account (three dead) is split out; the Frontier Wire's and the TTP's claim (five) stay.
    const report = checkpost.reports[1]?.key ?? "";
    expect(report).toMatch(/^article:khyber-ledger/);
    expect(checkpost.reports[1]?.killed).toBe(3);
    const staying = checkpost.reports.filter((r) => r.key !== report).map((r) => r.key).sort();
    expect(await review({ incident: checkpost.id, action: "split", report })).toMatch(/into an incident of its own/);
    expect(attacksOn14()).toHaveLength(3);

    const alone = attacksOn14().find((i) => i.reports.some((r) => r.key === report));
    expect(await review({ incident: alone?.id ?? 0, action: "correct", date: "2026-03-13", type: "clash" })).toMatch(/^Corrected/);
    expect(listIncidentsOnDate(db, "2026-03-13", { limit: 5 }).incidents.map((i) => i.type)).toEqual(["clash"]);

    const other = attacksOn14()[0];
    expect(other?.reports.map((r) => r.key).sort()).toEqual(staying);
    expect(await review({ incident: other?.id ?? 0, action: "dismiss" })).toMatch(/^Dismissed/);

    // Both articles again, rewritten: the split, the correction and the dismissal hold.
    db.$client.prepare("update articles set content_hash = 'stale-' || id").run();
    ingest("frontier-wire-bannu.md");
    ingest("khyber-ledger-checkpost.md");
    const clash = listIncidentsOnDate(db, "2026-03-13", { limit: 5 }).incidents;
    expect(clash.map((i) => [i.type, i.reports.map((r) => r.key)])).toEqual([["clash", [report]]]);
    const after = attacksOn14();
    // The dismissed incident keeps both its reports (the TTP's claim too); the vaccinator's killing stays active.
    expect(after.filter((i) => i.status === "dismissed").map((i) => i.reports.map((r) => r.key).sort())).toEqual([staying]);
    expect(after.filter((i) => i.status === "active").map((i) => i.reports.map((r) => r.killed))).toEqual([[1]]);
  });

  it("a dismissal holds every report the incident had: one ingested again comes back into the dismissed incident, not as an active one", async () => {
    const checkpost = attacksOn14().find((i) => i.reports.length > 1);
    if (!checkpost) throw new Error("the checkpost attack has more than one report");
    const keys = checkpost.reports.map((r) => r.key).sort();
    expect(await review({ incident: checkpost.id, action: "dismiss" })).toMatch(/^Dismissed/);
    // The Khyber Ledger article alone comes in again, rewritten; the dismissal was made on the Frontier Wire's report.
    expect(checkpost.reports[0]?.key).toMatch(/^article:frontier-wire/);
    db.$client.prepare("update articles set content_hash = 'stale-' || id where slug like 'khyber%'").run();
    ingest("khyber-ledger-checkpost.md");
    const dismissed = attacksOn14().filter((i) => i.status === "dismissed");
    expect(dismissed.map((i) => i.reports.map((r) => r.key).sort())).toEqual([keys]);
    expect(attacksOn14().filter((i) => i.status === "active").flatMap((i) => i.reports.map((r) => r.key)).filter((k) => keys.includes(k))).toEqual([]);
  });

  it("a report that links to a dismissed incident later is dismissed with it", async () => {
    db = openDb(":memory:");
    upsertGazetteer(db, loadGazetteer(path.join(projectRoot, "data/gazetteer")));
    ingest("frontier-wire-bannu.md");
    const checkpost = attacksOn14().find((i) => /checkpost/.test(i.reports[0]?.summary ?? ""));
    if (!checkpost) throw new Error("the Frontier Wire reports the checkpost attack");
    expect(await review({ incident: checkpost.id, action: "dismiss" })).toMatch(/^Dismissed/);
    // Another outlet's article on the same attack comes in after the dismissal.
    ingest("khyber-ledger-checkpost.md");
    const dismissed = attacksOn14().filter((i) => i.status === "dismissed");
    expect(dismissed.map((i) => i.id)).toEqual([checkpost.id]);
    expect(dismissed[0]?.reports.filter((r) => r.key.startsWith("article:khyber")).length).toBeGreaterThan(0);
    expect(attacksOn14().filter((i) => i.status === "active").flatMap((i) => i.reports.map((r) => r.key)).filter((k) => k.startsWith("article:khyber"))).toEqual([]);
  });

  it("a dismissal holds when the report it was made on is gone: the others keep it", async () => {
    const checkpost = attacksOn14().find((i) => i.reports.length > 1);
    if (!checkpost) throw new Error("the checkpost attack has more than one report");
    const others = checkpost.reports.map((r) => r.key).filter((k) => k.startsWith("article:khyber")).sort();
    expect(await review({ incident: checkpost.id, action: "dismiss" })).toMatch(/^Dismissed/);
    // The Frontier Wire takes the checkpost attack out of its article; then the Khyber Ledger's comes in again.
    const dir = mkdtempSync(path.join(os.tmpdir(), "review-"));
    const edited = readFileSync(path.join(FIXTURES, "frontier-wire-bannu.md"), "utf8").replace(/^BANNU — Militants attacked a police checkpost.*\n/m, "");
    expect(edited).not.toMatch(/Domel/);
    writeFileSync(path.join(dir, "frontier-wire-bannu.md"), edited);
    const [r] = ingestFiles(db, [path.join(dir, "frontier-wire-bannu.md")], { now: NOW });
    expect(r?.ok).toBe(true);
    db.$client.prepare("update articles set content_hash = 'stale-' || id where slug like 'khyber%'").run();
    ingest("khyber-ledger-checkpost.md");
    rmSync(dir, { recursive: true, force: true });
    const holding = attacksOn14().filter((i) => i.reports.some((x) => others.includes(x.key)));
    expect(holding.map((i) => [i.status, i.reports.map((x) => x.key).sort()])).toEqual([["dismissed", others]]);
  });

  it("answers a bad number or a missing field politely", async () => {
    expect(await review({ incident: 99999 })).toMatch(/There is no incident #99999/);
    const [a] = attacksOn14();
    expect(await review({ incident: a?.id ?? 0, action: "correct" })).toMatch(/Give what to correct/);
    expect(await review({ incident: a?.id ?? 0, action: "correct", date: "2026-02-30" })).toMatch(/does not exist/);
  });
});
