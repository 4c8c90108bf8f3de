/**
 * What ingest stores, as one hash: `npx tsx bench/ingest-identity.ts [dump.txt] [--expect <sha256>]` ingests the
 * ingest bench's 1,000 generated seed-sized articles into a fresh file database (core gazetteer, fixed clock), then
 * writes edited copies of some of them (two edits of one article in the same commit batch, an edit and then the
 * same text again, unchanged copies, a file that cannot be parsed), and prints a SHA-256 over every stored row of
 * every table in rowid order, the full-text indexes by their logical content (each term's every occurrence, read
 * through fts5vocab, not the segment layout) and every ingest report. A change made for speed alone must leave
 * the hash as it was: run it in this tree and in a tree of the commit before (`git worktree add /tmp/base
 * <commit>`, copy this file there if it is missing), compare; the dump (one row a line) shows where they differ.
 * With --expect, a different hash fails (exit code 1). The FTS5 integrity check must pass too.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, openDb, projectRoot } from "../src/db/client.ts";
import { ingestFiles } from "../src/ingest/index.ts";
import { seedAll } from "../src/store/seed.ts";
import { generateArticles } from "./ingest.bench.ts";

const NOW = new Date("2026-12-01T00:00:00Z");

/** Bookkeeping of which migrations ran, not stored rows: a tree with a migration more holds the same rows. */
const NOT_STORED_ROWS = new Set(["__drizzle_migrations"]);

/** FTS5 shadow tables that hold the index's segments: their bytes depend on when the index was written, not on what it holds. */
const SEGMENT_TABLE = /_(data|idx)$/;

/** Edited copies of some generated articles, in the order they are ingested after the first pass. */
function edits(dir: string, generated: readonly string[]): string[] {
  const out: string[] = [];
  const write = (sub: string, source: string, edit: (text: string) => string): string => {
    mkdirSync(path.join(dir, sub), { recursive: true });
    const file = path.join(dir, sub, path.basename(source));
    writeFileSync(file, edit(readFileSync(source, "utf8")));
    return file;
  };
  // A sentence added to the body's first long paragraph (after the front matter, whose comments are long lines too).
  const addSentence = (n: number) => (text: string) => {
    const body = text.indexOf("\n---\n", 4) + 5;
    return text.slice(0, body) + text.slice(body).replace(/\n([^\n]{80,})\n/, `\n$1 Officials said ${n} more families crossed at Torkham on Monday, the police said.\n`);
  };
  for (let i = 0; i < 120; i++) {
    const source = generated[(i * 7) % generated.length] as string;
    if (i % 4 === 0) {
      // Two edits of one article next to each other (one commit batch): the second replaces the first, which
      // was written moments before in the same transaction.
      out.push(write("edit-a", source, addSentence(i)), write("edit-b", source, addSentence(i + 1000)));
    } else if (i % 4 === 1) {
      out.push(write("edit-a", source, addSentence(i)), source); // an edit, then the original text again
    } else if (i % 4 === 2) {
      out.push(source); // unchanged
    } else {
      out.push(write("edit-a", source, (text) => text.replace(/^title: .*$/m, 'title: "Retitled"'))); // a title edit
    }
    if (i % 25 === 0) out.push(write("bad", source, () => "---\ntitle: [unclosed\n---\n")); // cannot be parsed
  }
  return out;
}

function main(argv: readonly string[]): void {
  const expectAt = argv.indexOf("--expect");
  const expected = expectAt >= 0 ? argv[expectAt + 1] : undefined;
  const [dumpFile] = argv.filter((_, i) => expectAt < 0 || (i !== expectAt && i !== expectAt + 1));
  const dir = mkdtempSync(path.join(os.tmpdir(), "ingest-identity-"));
  try {
    mkdirSync(path.join(dir, "articles"));
    const { files } = generateArticles(path.join(dir, "articles"), 1000);
    const data = path.join(dir, "data");
    mkdirSync(path.join(data, "gazetteer"), { recursive: true });
    copyFileSync(path.join(projectRoot, "data", "gazetteer", "core.yaml"), path.join(data, "gazetteer", "core.yaml"));
    const db = openDb(path.join(dir, "store.sqlite"));
    seedAll(db, data, NOW);
    const reports = [...ingestFiles(db, files, { now: NOW }), ...ingestFiles(db, edits(dir, files), { now: NOW })];

    const sqlite = db.$client;
    const hash = createHash("sha256");
    const lines: string[] = [];
    const emit = (raw: string): void => {
      const line = raw.split(dir).join("<dir>"); // (stored source paths hold the temporary folder's name)
      hash.update(line).update("\n");
      if (dumpFile) lines.push(line);
    };
    for (const r of reports) emit(`report ${JSON.stringify(r)}`);
    const tables = sqlite.prepare("select name, sql from sqlite_master where type = 'table' order by name").all() as { name: string; sql: string }[];
    const ftsTables = tables.filter((t) => /using\s+fts5\s*\(/i.test(t.sql)).map((t) => t.name);
    const counts: Record<string, number> = {};
    for (const { name, sql } of tables) {
      if (NOT_STORED_ROWS.has(name) || ftsTables.includes(name) || (SEGMENT_TABLE.test(name) && ftsTables.includes(name.replace(SEGMENT_TABLE, "")))) continue;
      const order = /without\s+rowid/i.test(sql) ? "1" : "rowid";
      let n = 0;
      for (const row of sqlite.prepare(`select * from "${name}" order by ${order}`).raw().iterate() as IterableIterator<unknown[]>) {
        emit(`${name} ${JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString("hex") : v)))}`);
        n++;
      }
      counts[name] = n;
    }
    for (const fts of ftsTables) {
      sqlite.prepare(`insert into "${fts}"("${fts}", rank) values ('integrity-check', 1)`).run();
      sqlite.exec(`create virtual table temp."${fts}_instances" using fts5vocab(main, "${fts}", instance)`);
      let n = 0;
      for (const row of sqlite.prepare(`select term, doc, col, offset from temp."${fts}_instances" order by term, doc, col, offset`).raw().iterate() as IterableIterator<unknown[]>) {
        emit(`${fts} ${JSON.stringify(row)}`);
        n++;
      }
      counts[`${fts} (term occurrences)`] = n;
    }
    closeDb(db);
    if (dumpFile) writeFileSync(dumpFile, `${lines.join("\n")}\n`);
    const sha256 = hash.digest("hex");
    console.log(JSON.stringify({ reports: reports.length, rows: counts, sha256 }));
    if (expected !== undefined && sha256 !== expected) {
      console.error(`stored rows changed: expected ${expected}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
