import type Database from "better-sqlite3";
import { perConnection } from "./statements.ts";

const statementsFor = perConnection((sqlite: Database.Database) => ({
  active: sqlite.prepare<[], number>("select 1 from fts_deferred").pluck(),
  // Every row there is now is indexed; every row written from here on (AUTOINCREMENT: ids above these) waits.
  start: sqlite.prepare(
    "insert into fts_deferred (id, paragraphs_from, quotes_from) values (1, (select coalesce(max(id), 0) + 1 from paragraphs), (select coalesce(max(id), 0) + 1 from quotes))",
  ),
  indexParagraphs: sqlite.prepare("insert into paragraphs_fts (rowid, text) select id, text from paragraphs where id >= (select paragraphs_from from fts_deferred)"),
  indexQuotes: sqlite.prepare("insert into quotes_fts (rowid, text) select id, text from quotes where id >= (select quotes_from from fts_deferred)"),
  end: sqlite.prepare("delete from fts_deferred"),
}));

function indexDeferred(st: ReturnType<typeof statementsFor>): void {
  st.indexParagraphs.run();
  st.indexQuotes.run();
  st.end.run();
}

/**
 * Runs `write` (inside the caller's transaction) with the full-text indexing of the paragraphs and quotes it
 * writes left to its end, then indexes them in one statement per table, before the caller commits. FTS5 writes its
 * pending terms out as a new segment at the start of every statement that follows an indexed row, so a batch of
 * articles indexed row by row (the triggers of migration 0001) wrote two small segments per article and merged
 * them again and again: 0.6 ms of an article's 8 ms. What is indexed is the same: rows the batch deletes or edits
 * again before its end are indexed as they stand at its end (migration 0028's triggers), and a row it did not
 * write is indexed and unindexed by the triggers as before.
 *
 * Whatever `write` throws, the index is brought up to date before the error goes on, so that even a caller that
 * caught it and committed would commit no row left unindexed. Nested inside another deferral, `write` just runs.
 */
export function withFtsDeferred<T>(sqlite: Database.Database, write: () => T): T {
  if (!sqlite.inTransaction) throw new Error("withFtsDeferred must run inside a transaction");
  const st = statementsFor(sqlite);
  if (st.active.get() !== undefined) return write();
  st.start.run();
  let result: T;
  try {
    result = write();
  } catch (err) {
    try {
      indexDeferred(st);
    } catch {
      // The write's own error is the one to report (and the transaction rolls back with it).
    }
    throw err;
  }
  indexDeferred(st);
  return result;
}
