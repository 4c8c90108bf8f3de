/**
 * Repairs of stored data that need the project's own code, named by a migration's row in data_fixes and run once,
 * right after migrating: each repair and the deletion of its row are one transaction, so a repair interrupted by a
 * crash runs again at the next open, and a repaired store never runs it twice.
 */
import type Database from "better-sqlite3";
import { nameKey } from "../text/normalize.ts";

type Repair = (sqlite: Database.Database) => void;

/**
 * name-keys-2: a new name (candidate) is grouped, looked up and dismissed by its key (nameKey). The key changed:
 * more spellings of the honorifics drop ("Hajji", "Mulla", "Shaikh" …), and before a lone given name an honorific
 * stays ("Mullah Omar" is "mullah omar", no longer "omar", which grouped different people). Keys stored before the
 * change would keep /review, /who and /quote from finding those names under the key they are now looked up by:
 * every stored key is made again from its text. A decision's key is made again from the text it was taken on, so a
 * dismissal of the old group "omar" taken on "Mullah Omar" now holds for "mullah omar".
 */
const nameKeys2: Repair = (sqlite) => {
  const pairs = sqlite.prepare<[], { text: string; norm: string }>("select distinct text, norm from candidates").all();
  const setCandidate = sqlite.prepare<[string, string, string]>("update candidates set norm = ? where text = ? and norm = ?");
  for (const p of pairs) {
    const key = nameKey(p.text);
    if (key !== p.norm) setCandidate.run(key, p.text, p.norm);
  }
  const decisions = sqlite
    .prepare<[], { id: number; text: string; norm: string }>(
      "select id, target_text as text, target_norm as norm from editorial_decisions where target_text is not null and target_norm is not null",
    )
    .all();
  const setDecision = sqlite.prepare<[string, number]>("update editorial_decisions set target_norm = ? where id = ?");
  for (const d of decisions) {
    const key = nameKey(d.text);
    if (key !== d.norm) setDecision.run(key, d.id);
  }
};

const REPAIRS: ReadonlyMap<string, Repair> = new Map([["name-keys-2", nameKeys2]]);

/** Runs the repairs the store's data_fixes table names, each once; returns the names run. Unknown names stay. */
export function runDataFixes(sqlite: Database.Database): string[] {
  const named = sqlite.prepare<[], { name: string }>("select name from data_fixes order by name").all();
  const done: string[] = [];
  const forget = sqlite.prepare<[string]>("delete from data_fixes where name = ?");
  for (const { name } of named) {
    const repair = REPAIRS.get(name);
    if (repair === undefined) continue;
    sqlite.transaction(() => {
      repair(sqlite);
      forget.run(name);
    })();
    done.push(name);
  }
  return done;
}
