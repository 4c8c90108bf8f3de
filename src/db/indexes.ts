import type Database from "better-sqlite3";

/**
 * Drops the plain secondary indexes of these tables for a bulk load and returns the statements that build them
 * again (run them before the load's commit, so no reader ever sees the store without them). Unique indexes stay
 * (they decide "new or update"), partial ones too (a bulk load's rows are usually outside them), and so do those
 * named in `keep` (ones the load itself reads through).
 */
export function dropSecondaryIndexes(sqlite: Database.Database, tables: readonly string[], keep: readonly string[] = []): string[] {
  const indexes = sqlite
    .prepare<[string, string], { name: string; sql: string }>(
      `select name, sql from sqlite_master where type = 'index' and tbl_name in (select value from json_each(?)) and sql is not null
         and sql not like 'CREATE UNIQUE%' and sql not like '% WHERE %' and name not in (select value from json_each(?))`,
    )
    .all(JSON.stringify(tables), JSON.stringify(keep));
  for (const ix of indexes) sqlite.exec(`drop index "${ix.name.replace(/"/g, '""')}"`);
  return indexes.map((ix) => ix.sql);
}
