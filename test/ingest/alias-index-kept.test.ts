/**
 * The alias index is kept per connection between ingest calls (src/store/alias-index.ts) and read again only when an
 * entity or alias may have changed. These tests change the store in every way names change (an alias added, an entity
 * renamed or its kind changed, an alias removed, a write rolled back, a commit by another connection) and hold what
 * the kept index finds to what the store holds: ingest must never match a name the store no longer has, nor miss one it
 * was given.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import path from "node:path";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { loadAliasIndex } from "../../src/store/alias-index.ts";
import { normalizeName, tokenize } from "../../src/text/normalize.ts";
import { freshStore, tempDir } from "./helpers.ts";

let dir: string;
let db: Db;
let other: Db;
let entity: number;

/** The entity ids the index matches in this text. */
function matched(on: Db, text: string): number[] {
  return loadAliasIndex(on)
    .match(tokenize(text), "2025-06-01")
    .map((m) => m.entityId);
}

beforeAll(() => {
  dir = tempDir("bd-alias-kept-");
  db = freshStore(path.join(dir, "store.sqlite"));
  other = openDb(path.join(dir, "store.sqlite"));
  entity = Number(db.$client.prepare("insert into entities (slug, kind, name, origin) values ('qarluq-front', 'organisation', 'Qarluq Front', 'review')").run().lastInsertRowid);
});

afterAll(() => {
  closeDb(other);
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const addAlias = (on: Db, text: string): void => {
  on.$client.prepare("insert into aliases (entity_id, text, norm, kind) values (?, ?, ?, 'name')").run(entity, text, normalizeName(text));
};

describe("the alias index kept between ingest calls", () => {
  it("is the same index while nothing about names changed, and unchanged by other writes", () => {
    const first = loadAliasIndex(db);
    db.$client.prepare("update entities set mention_count = mention_count + 1 where id = ?").run(entity);
    expect(loadAliasIndex(db)).toBe(first);
  });

  it("sees an alias added, changed and removed on this connection", () => {
    expect(matched(db, "Fighters of the Qarluq Front attacked.")).toEqual([]);
    addAlias(db, "Qarluq Front");
    expect(matched(db, "Fighters of the Qarluq Front attacked.")).toEqual([entity]);
    db.$client.prepare("update aliases set text = 'Qarluq Brigade', norm = ? where entity_id = ?").run(normalizeName("Qarluq Brigade"), entity);
    expect(matched(db, "Fighters of the Qarluq Front attacked.")).toEqual([]);
    expect(matched(db, "Fighters of the Qarluq Brigade attacked.")).toEqual([entity]);
    db.$client.prepare("delete from aliases where entity_id = ?").run(entity);
    expect(matched(db, "Fighters of the Qarluq Brigade attacked.")).toEqual([]);
  });

  it("sees an entity's name and kind changed", () => {
    addAlias(db, "Qarluq Front");
    expect(loadAliasIndex(db).entities.get(entity)?.kind).toBe("organisation");
    db.$client.prepare("update entities set kind = 'person', name = 'Qarluq' where id = ?").run(entity);
    expect(loadAliasIndex(db).entities.get(entity)).toMatchObject({ kind: "person", name: "Qarluq" });
    db.$client.prepare("update entities set kind = 'organisation', name = 'Qarluq Front' where id = ?").run(entity);
    expect(loadAliasIndex(db).entities.get(entity)).toMatchObject({ kind: "organisation", name: "Qarluq Front" });
  });

  it("forgets an alias whose write was rolled back, whether read inside it or before", () => {
    const c = db.$client;
    const before = loadAliasIndex(db);
    c.exec("begin");
    addAlias(db, "Qarluq Legion");
    expect(matched(db, "The Qarluq Legion said so.")).toEqual([entity]);
    c.exec("rollback");
    expect(matched(db, "The Qarluq Legion said so.")).toEqual([]);
    expect(loadAliasIndex(db)).toBe(before);
  });

  it("sees what another connection committed", () => {
    expect(matched(db, "A Qarluq Column moved in.")).toEqual([]);
    addAlias(other, "Qarluq Column");
    expect(matched(db, "A Qarluq Column moved in.")).toEqual([entity]);
    // And the other connection, which read its own index before, sees what this one writes.
    expect(matched(other, "Men of the Qarluq Guard.")).toEqual([]);
    addAlias(db, "Qarluq Guard");
    expect(matched(other, "Men of the Qarluq Guard.")).toEqual([entity]);
  });

  it("keeps no index read inside a transaction", () => {
    const c = db.$client;
    addAlias(db, "Qarluq Band");
    c.exec("begin");
    const inside = loadAliasIndex(db);
    c.exec("commit");
    const after = loadAliasIndex(db);
    expect(after).not.toBe(inside);
    expect(loadAliasIndex(db)).toBe(after);
  });
});
