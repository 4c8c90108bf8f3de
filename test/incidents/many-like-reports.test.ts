/**
 * An article of thousands of like dated sentences (issue 19's hostile inputs: one event sentence repeated to megabytes)
 * is linked as any article is, one incident per day, place and type unless the text says otherwise; each report is
 * scored once against each distinct wording of the incident, not against every report before it.
 */
import { describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/index.ts";
import { freshStore } from "../ingest/helpers.ts";

describe("an article of thousands of like event sentences", () => {
  it("links them as one incident, and a sentence saying 'in a separate attack' as another, each time it recurs", () => {
    const db = freshStore();
    const unit = "The crossing at Torkham shut on Monday after an exchange of fire, officials said. Two soldiers were killed in a separate attack in Bannu on Sunday, police said. ";
    const times = 300;
    const report = ingestBytes(db, "like-sentences.md", Buffer.from(`# Like sentences\n\n${unit.repeat(times)}\n`), { overrides: { published: "2025-10-13" } });
    expect(report.ok).toBe(true);
    const rows = db.$client
      .prepare<[], { incident: number | null; type: string; n: number }>("select incident_id as incident, type, count(*) as n from events where source = 'article' group by incident_id, type order by n desc, min(id)")
      .all();
    // Every sentence is a report; the crossing's form one incident (its closure on Monday: the exchange of fire it shut
    // after is undated, nineteenth session); each 'separate attack' stands alone.
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(2 * times);
    expect(rows.every((r) => r.incident !== null)).toBe(true);
    expect(rows[0]).toMatchObject({ type: "closure", n: times });
    expect(rows.slice(1).every((r) => r.type === "attack" && r.n === 1)).toBe(true);
    expect(rows).toHaveLength(1 + times);
  });
});
