import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { ingestFiles } from "../../src/ingest/index.ts";
import { mergeCandidate, promoteCandidate } from "../../src/review/decisions.ts";
import { getEntityProfile, listQuotes, searchText } from "../../src/store/queries.ts";
import { fixture, freshStore, seedArticle, tempDir } from "../ingest/helpers.ts";

/** What /who used to compute by grouping every mention: the figures the kept ones must equal. */
function recount(db: Db): Map<number, { mentions: number; articles: number; first: string | null; last: string | null }> {
  const rows = db.$client
    .prepare<[], { id: number; mentions: number; articles: number; first: string | null; last: string | null }>(
      `select e.id, (select count(*) from mentions m where m.entity_id = e.id) as mentions,
              (select count(distinct m.article_id) from mentions m where m.entity_id = e.id) as articles,
              (select min(a.published_on) from mentions m join articles a on a.id = m.article_id where m.entity_id = e.id) as first,
              (select max(a.published_on) from mentions m join articles a on a.id = m.article_id where m.entity_id = e.id) as last
       from entities e`,
    )
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

function kept(db: Db): Map<number, { mentions: number; articles: number; first: string | null; last: string | null }> {
  const rows = db.$client
    .prepare<[], { id: number; mentions: number; articles: number; first: string | null; last: string | null }>(
      `select e.id, e.mention_count as mentions, e.article_count as articles,
              (select min(published_on) from entity_articles ea where ea.entity_id = e.id) as first,
              (select max(published_on) from entity_articles ea where ea.entity_id = e.id) as last
       from entities e`,
    )
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

const articles = [seedArticle, fixture("articles", "unseen-news.md"), fixture("articles", "wire-report.md"), fixture("articles", "police-post.md")];

describe("what /who shows is kept on write and read by index", () => {
  it("keeps every entity's mentions, article count and first and last seen equal to a full recount through ingest and removal", () => {
    const db = freshStore();
    ingestFiles(db, articles);
    const before = recount(db);
    expect([...before.values()].some((r) => r.articles >= 2)).toBe(true);
    expect(kept(db)).toEqual(before);
    // An article removed (as a prune or a re-ingest does) takes its rows and its counts with it.
    const slug = db.$client.prepare("select slug from articles where kind = 'article' order by id limit 1").pluck().get() as string;
    db.$client.prepare("delete from articles where slug = ?").run(slug);
    expect(kept(db)).toEqual(recount(db));
    // Ingested again: back to the first figures.
    ingestFiles(db, articles);
    expect(kept(db)).toEqual(before);
  });

  it("keeps article counts equal to a recount when an editor promotes a waiting name or merges one into a known entity", () => {
    const db = freshStore();
    // Three articles naming two people the gazetteer does not know, beside Pakistan, which it does.
    const dir = tempDir();
    const files = [1, 2, 3].map((n) => {
      const file = path.join(dir, `waiting-${n}.md`);
      writeFileSync(
        file,
        `---\ntitle: "Border talks, day ${n}"\npublished: "2025-03-0${n}"\n---\n\nZarlasht Wardakmal met officials from Pakistan in Torkham on day ${n} of the talks.\n\nOrzala Paindakheli said Pakistan would reopen the crossing.\n`,
      );
      return file;
    });
    ingestFiles(db, files);
    const c = db.$client;
    const waiting = (norm: string): number => c.prepare("select count(distinct article_id) from candidates where text = ?").pluck().get(norm) as number;
    expect([waiting("Zarlasht Wardakmal"), waiting("Orzala Paindakheli")]).toEqual([3, 3]);
    const editor = { userId: "u1", guildId: "g1", now: new Date("2025-03-25T00:00:00Z") };
    promoteCandidate(db, editor, "Zarlasht Wardakmal", "person");
    expect(kept(db)).toEqual(recount(db));
    // Merged into an entity every one of the name's articles already has a row for.
    const pakistan = c.prepare("select id from entities where name = 'Pakistan'").pluck().get() as number;
    mergeCandidate(db, editor, "Orzala Paindakheli", pakistan);
    expect(kept(db).get(pakistan)?.articles).toBe(3);
    expect(kept(db)).toEqual(recount(db));
  });

  it("shows a profile's articles newest first with their mention counts, and its first and last seen", () => {
    const db = freshStore();
    ingestFiles(db, articles);
    const id = db.$client.prepare("select id from entities where name = 'Pakistan'").pluck().get() as number;
    const p = getEntityProfile(db, id);
    const expected = db.$client
      .prepare<[number], { id: number; publishedOn: string | null; mentions: number }>(
        "select a.id, a.published_on as publishedOn, count(*) as mentions from mentions m join articles a on a.id = m.article_id where m.entity_id = ? group by a.id order by a.published_on desc",
      )
      .all(id);
    expect(p?.articles.map((a) => ({ id: a.id, publishedOn: a.publishedOn, mentions: a.mentions }))).toEqual(expected.slice(0, 8));
    expect(p?.articleCount).toBe(expected.length);
    expect(p?.mentions).toBe(expected.reduce((n, a) => n + a.mentions, 0));
    // First and last seen take the articles' dates in (the incidents' too, which are the incident model's).
    const articleDates = expected.map((a) => a.publishedOn).filter((d): d is string => !!d).sort();
    expect(p?.firstSeen && p.firstSeen <= (articleDates[0] ?? "")).toBe(true);
    expect(p?.lastSeen && p.lastSeen >= (articleDates[articleDates.length - 1] ?? "")).toBe(true);
  });

  it("counts quotes up to the cap it is given and says when there are more", () => {
    const db = freshStore();
    ingestFiles(db, [seedArticle]);
    const c = db.$client;
    const speaker = c.prepare("select speaker_id from quotes where speaker_id is not null group by speaker_id order by count(*) desc limit 1").pluck().get() as number;
    const quotes = c.prepare("select count(*) from quotes where speaker_id = ?").pluck().get(speaker) as number;
    expect(listQuotes(db, { speakerId: speaker }, 5, 0)).toMatchObject({ total: quotes, capped: false });
    expect(listQuotes(db, { speakerId: speaker }, 5, 0, 1)).toMatchObject({ total: 1, capped: quotes > 1 });
  });

  it("lists quotes full statements first, then by the date they were said (or published), through the listing index", () => {
    const db = freshStore();
    ingestFiles(db, articles);
    const expected = db.$client
      .prepare("select q.id from quotes q join articles a on a.id = q.article_id order by q.is_fragment, coalesce(q.said_on, a.published_on) desc, q.id")
      .pluck()
      .all() as number[];
    expect(listQuotes(db, {}, 1000, 0).quotes.map((q) => q.id)).toEqual(expected);
    const plan = (db.$client.prepare("explain query plan select id from quotes where speaker_id = 1 order by is_fragment, dated_on desc, id limit 5").all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.join("\n")).toMatch(/quotes_speaker_listed_idx/);
    expect(plan.join("\n")).not.toMatch(/TEMP B-TREE/);
  });

  it("searches whole words as words and unfinished words as prefixes, with a snippet for each hit shown", () => {
    const db = freshStore();
    ingestFiles(db, articles);
    const whole = searchText(db, "Pakistan", 5, 0);
    expect(whole.total).toBeGreaterThan(0);
    for (const h of whole.hits) expect(h.snippet).toMatch(/\*\*Pakistan/i);
    const part = searchText(db, "Pakis", 5, 0);
    expect(part.total).toBe(whole.total);
    expect(searchText(db, "zzzqqq", 5, 0).total).toBe(0);
  });
});
