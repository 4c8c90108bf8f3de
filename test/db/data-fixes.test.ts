import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { ingestBytes } from "../../src/ingest/index.ts";
import { candidateChoices } from "../../src/review/decisions.ts";
import { seedAll } from "../../src/store/seed.ts";

const FIRST = `---
title: Traders wait at Torkham
published: 2025-03-02
---
Hajji Rahmat Gul, a trader from Landi Kotal, said the trucks had waited at Torkham for six days.

Mullah Zarif, a commander in Nangarhar, said the crossing would stay shut.
`;

const SECOND = `---
title: Torkham reopens
published: 2025-03-09
---
Rahmat Gul, a trader from Landi Kotal, said the first trucks crossed on Sunday.
`;

const rows = (db: Db): { text: string; norm: string }[] =>
  db.$client.prepare<[], { text: string; norm: string }>("select distinct text, norm from candidates order by text").all();

describe("data repairs run once after migrating (data_fixes)", () => {
  it("re-keys names stored under the old name key, and the store groups them with names keyed since", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "borderdesk-fix-")), "store.sqlite");
    let db = openDb(file);
    // A fresh store runs the repair on empty tables and keeps no row of it.
    expect(db.$client.prepare("select count(*) from data_fixes").pluck().get()).toBe(0);
    seedAll(db, undefined, new Date("2026-01-01T00:00:00Z"));
    expect(ingestBytes(db, "torkham-wait.md", Buffer.from(FIRST)).ok).toBe(true);
    const fresh = rows(db);
    expect(fresh).toContainEqual({ text: "Hajji Rahmat Gul", norm: "rahmat gul" });

    // The store as an older borderdesk left it: keys of the old rule, a dismissal taken under one, the repair pending.
    const c = db.$client;
    c.prepare("update candidates set norm = 'hajji rahmat gul' where text = 'Hajji Rahmat Gul'").run();
    expect(fresh).toContainEqual({ text: "Mullah Zarif", norm: "mullah zarif" });
    c.prepare("update candidates set norm = 'zarif' where text = 'Mullah Zarif'").run();
    c.prepare(
      "insert into editorial_decisions (action, target_norm, target_text, user_id, created_at) values ('dismiss', 'hajji rahmat gul', 'Hajji Rahmat Gul', '1', '2025-03-03')",
    ).run();
    c.prepare("insert into data_fixes (name) values ('name-keys-2')").run();
    closeDb(db);

    db = openDb(file);
    expect(rows(db)).toEqual(fresh);
    expect(db.$client.prepare("select target_norm from editorial_decisions").pluck().get()).toBe("rahmat gul");
    expect(db.$client.prepare("select count(*) from data_fixes").pluck().get()).toBe(0);

    // The next article's "Rahmat Gul" is the dismissed name: the dismissal holds for it under the new key.
    expect(ingestBytes(db, "torkham-reopens.md", Buffer.from(SECOND)).ok).toBe(true);
    expect(candidateChoices(db, "rahmat").map((ch) => ch.norm)).toEqual(["rahmat gul"]);
    expect(db.$client.prepare("select count(*) from candidates where text = 'Rahmat Gul'").pluck().get()).toBe(0);

    // Once done, it is not run again: a key set by hand afterwards stays.
    db.$client.prepare("update candidates set norm = 'hand set' where text = 'Hajji Rahmat Gul'").run();
    closeDb(db);
    db = openDb(file);
    expect(db.$client.prepare("select norm from candidates where text = 'Hajji Rahmat Gul'").pluck().get()).toBe("hand set");
    closeDb(db);
  });
});
