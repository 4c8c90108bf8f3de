/**
 * The gazetteer's roles (issue 14): a title names a person only through a country and a date, so every role says
 * its country (or the organisation it belongs to), and its periods are its holder's real terms.
 */
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/ingest/extract.ts";
import { titleTable } from "../../src/ingest/extract/titles.ts";
import { DEMONYMS } from "../../src/ingest/extract/lexicon.ts";
import { loadAliasIndex } from "../../src/store/alias-index.ts";
import { tokenize } from "../../src/text/normalize.ts";
import { seededStore } from "../helpers/store.ts";

const index = loadAliasIndex(seededStore());
const slugOf = (id: number): string | undefined => index.entities.get(id)?.slug;
const mentioned = (published: string, ...texts: string[]): (string | undefined)[] =>
  extractArticle(texts.map((text) => ({ role: "body" as const, text })), index, { value: published, precision: "day" }).mentions.map((m) => slugOf(m.entityId));

describe("gazetteer roles", () => {
  it("every role names its country or the organisation it belongs to (“Pakistan's interior minister”, “DG ISI”)", () => {
    const bare: string[] = [];
    for (const a of index.aliasRows) {
      if (a.kind !== "role") continue;
      const tokens = tokenize(a.text);
      const anchored = index.match(tokens, "").some((m) => m.entityId !== a.entityId) || tokens.some((t) => DEMONYMS.has(t.norm));
      const words = tokens.map((t) => t.norm);
      // A title alone ("interior minister", "the army chief") is what the rule forbids; a rank with a name is a name.
      if (!anchored && /(?:minister|chief|president|adviser|secretary|spokes\w+)$/.test(words.join(" ")) && !/^(?:the )?(?:\w+ )?(?:of|for) /.test(words.join(" "))) bare.push(`${slugOf(a.entityId)}: ${a.text}`);
    }
    expect(bare).toEqual([]);
  });

  it("a role held twice keeps both periods: Khawaja Asif, Pakistan's defence minister 2022–2023 and again from March 2024", () => {
    const holders = (date: string): (string | undefined)[] =>
      (titleTable(index).byTitle.get("defence minister") ?? [])
        .filter((h) => h.countryId === index.aliasRows.find((a) => a.norm === "pakistan")?.entityId)
        .filter((h) => (!h.validFrom || date >= h.validFrom) && (!h.validTo || date.slice(0, h.validTo.length) <= h.validTo))
        .map((h) => slugOf(h.entityId));
    expect(holders("2023-01-10")).toContain("khawaja-asif");
    expect(holders("2023-12-01")).toEqual([]);
    expect(holders("2025-10-20")).toContain("khawaja-asif");
  });

  it("in 2025 copy, “Defence Minister Khawaja Asif” is Asif alone and “Afghan forces” are not the fallen republic's", () => {
    const slugs = mentioned("2025-10-20", "Defence Minister Khawaja Asif said Afghan forces had fired first.");
    expect(slugs).toEqual(["khawaja-asif"]);
    expect(mentioned("2019-05-01", "Afghan forces retook the district.")).toContain("afghan-national-security-forces");
  });

  it("a bare title in Afghan copy is the Afghan holder, in Pakistani copy the Pakistani one", () => {
    expect(mentioned("2025-10-20", "KABUL — Afghan officials in Kabul said the defence minister visited Kandahar.")).toContain("mullah-yaqoob");
    expect(mentioned("2025-10-20", "ISLAMABAD — Pakistani officials in Islamabad said the defence minister visited Quetta.")).toContain("khawaja-asif");
  });
});
