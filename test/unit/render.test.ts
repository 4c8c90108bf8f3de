import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { renderPayload } from "../../src/render/payload.ts";
import { escapeText, fitBlocks, LIMITS } from "../../src/render/limits.ts";
import type { ReplyModel } from "../../src/render/reply.ts";
import { claimLine } from "../../src/render/format.ts";

const text = (max: number) => fc.string({ maxLength: max, unit: fc.constantFrom("a", "é", "@", "*", "\n", " ", "😀", "ب", "<", "[", "]") });

const replyModel: fc.Arbitrary<ReplyModel> = fc.record(
  {
    content: text(5000),
    embeds: fc.array(
      fc.record(
        {
          title: text(600),
          description: text(9000),
          url: fc.constantFrom("https://example.org/a", "not a url", "javascript:alert(1)"),
          fields: fc.array(fc.record({ name: text(400), value: text(2500), inline: fc.boolean() }), { maxLength: 40 }),
          footer: text(3000),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 14 },
    ),
    buttons: fc.array(fc.record({ customId: text(150), label: text(120) }), { maxLength: 30 }),
    ephemeral: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe("renderPayload", () => {
  it("fits every Discord limit whatever the reply model holds", () => {
    fc.assert(
      fc.property(replyModel, (model) => {
        const p = renderPayload(model);
        expect(p.allowed_mentions).toEqual({ parse: [] });
        expect((p.content ?? "").length).toBeLessThanOrEqual(LIMITS.content);
        expect(p.content || p.embeds?.length).toBeTruthy();
        const embeds = p.embeds ?? [];
        expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
        let total = 0;
        for (const e of embeds) {
          expect((e.title ?? "").length).toBeLessThanOrEqual(LIMITS.title);
          expect((e.description ?? "").length).toBeLessThanOrEqual(LIMITS.description);
          expect((e.footer?.text ?? "").length).toBeLessThanOrEqual(LIMITS.footer);
          expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
          for (const f of e.fields ?? []) {
            expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
            expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
            expect(f.name.trim().length).toBeGreaterThan(0);
            expect(f.value.trim().length).toBeGreaterThan(0);
          }
          if (e.url) expect(e.url).toMatch(/^https?:\/\//);
          total += (e.title ?? "").length + (e.description ?? "").length + (e.footer?.text ?? "").length + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
        }
        expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
        const rows = p.components ?? [];
        expect(rows.length).toBeLessThanOrEqual(LIMITS.rows);
        for (const row of rows) {
          expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
          for (const b of row.components) {
            expect(b.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
            expect((b.custom_id ?? "").length).toBeLessThanOrEqual(LIMITS.customId);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never splits a surrogate pair when truncating", () => {
    const p = renderPayload({ content: "😀".repeat(1500) });
    expect(p.content).toBeDefined();
    expect(p.content).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("escapeText", () => {
  it("defuses mentions and Markdown in quoted text", () => {
    const out = escapeText("@everyone @here <@123> <#456> **bold** _it_ `code`");
    expect(out).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(out).toContain("<\u200b@123>");
    expect(out).toContain("\\*\\*bold\\*\\*");
  });
});

describe("fitBlocks", () => {
  it("keeps whole blocks and says how many were left out", () => {
    const blocks = Array.from({ length: 10 }, (_, i) => `[link ${i}](https://example.org/${i}) ${"x".repeat(150)}`);
    const out = fitBlocks(blocks, 1024);
    expect(out.length).toBeLessThanOrEqual(1024);
    expect(out).toMatch(/…and \d+ more\.$/);
    for (const line of out.split("\n\n").slice(0, -1)) expect(line).toMatch(/^\[link \d\]\(https:\/\/example\.org\/\d\) x+$/);
  });
});

describe("claimLine", () => {
  it("makes a claim that starts with its reporting verb one sentence with its claimant, and keeps others attributed", () => {
    expect(claimLine("Zabihullah Mujahid", "Said ISKP leaders are in Pakistan.", 140)).toBe("Zabihullah Mujahid said ISKP leaders are in Pakistan.");
    expect(claimLine("ISPR", "Says troops repulsed an attack.", 140, true)).toBe("**ISPR** says troops repulsed an attack.");
    // An action, not a statement, stays the claimant's word: "ISPR repulsed an attack" would read as fact.
    expect(claimLine("ISPR", "Repulsed an attack", 140, true)).toBe("**ISPR says:** Repulsed an attack");
    expect(claimLine("Pakistan", "The strikes hit *hideouts* @everyone", 140)).toBe("Pakistan says: The strikes hit \\*hideouts\\* @\u200beveryone");
    // Words that open a claim as nouns are not taken for its verb.
    expect(claimLine("ISPR", "Claims of civilian casualties are baseless", 140)).toBe("ISPR says: Claims of civilian casualties are baseless");
    expect(claimLine("Kabul", "Reports of strikes were fabricated", 140)).toBe("Kabul says: Reports of strikes were fabricated");
  });
});
