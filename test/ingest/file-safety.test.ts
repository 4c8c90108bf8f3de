import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestFile, ingestFiles } from "../../src/ingest/index.ts";
import { fixture, freshStore, repo, tableCounts, tempDir } from "./helpers.ts";

/** A stand-in for /etc/passwd: a system file with no extension that must never reach the store. */
function secretFile(dir: string): string {
  const file = path.join(dir, "passwd");
  writeFileSync(file, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n");
  return file;
}

describe("ingest reads only regular article files", () => {
  it("refuses a symbolic link, given directly or found in a folder, and stores nothing from it", () => {
    const outside = tempDir();
    const secret = secretFile(outside);
    const drop = tempDir();
    copyFileSync(fixture("articles", "unseen-news.md"), path.join(drop, "a-unseen.md"));
    symlinkSync(secret, path.join(drop, "b-notes.txt"));
    symlinkSync(outside, path.join(drop, "c-folder"));
    const db = freshStore();
    const before = tableCounts(db);

    const direct = ingestFile(db, path.join(drop, "b-notes.txt"));
    expect(direct).toMatchObject({ ok: false, error: "is a symbolic link; it was not followed (pass --follow-links to read what links point to)" });
    expect(tableCounts(db)).toEqual(before);

    const reports = ingestFiles(db, [drop]);
    expect(reports.map((r) => [path.basename(r.file), r.ok, r.error?.slice(0, 20)])).toEqual([
      ["a-unseen.md", true, undefined],
      ["b-notes.txt", false, "is a symbolic link; "],
      ["c-folder", false, "is a symbolic link; "],
    ]);
    expect(db.$client.prepare("select count(*) from paragraphs where text like '%nologin%'").pluck().get()).toBe(0);
  });

  it("follows links only when asked, and a link loop does not hang it", () => {
    const articles = tempDir();
    copyFileSync(fixture("articles", "unseen-news.md"), path.join(articles, "unseen.md"));
    const drop = tempDir();
    symlinkSync(articles, path.join(drop, "linked"));
    symlinkSync(drop, path.join(drop, "loop"));
    const db = freshStore();
    const reports = ingestFiles(db, [drop], { followLinks: true });
    expect(reports.map((r) => [path.relative(drop, r.file), r.ok])).toEqual([["linked/unseen.md", true]]);
  });

  it("refuses a file without an extension instead of reading it as text", () => {
    const dir = tempDir();
    const secret = secretFile(dir);
    const readme = path.join(dir, "README");
    writeFileSync(readme, "Torkham reopened on Monday after a week, officials said, and traders crossed in both directions.\n");
    const db = freshStore();
    const before = tableCounts(db);
    for (const file of [secret, readme]) {
      expect(ingestFile(db, file)).toMatchObject({ ok: false, error: "the file has no extension, so it was not read: name it .txt, .md or .html" });
    }
    expect(tableCounts(db)).toEqual(before);
    // A folder skips what it cannot read; only files named on the command line are reported.
    mkdirSync(path.join(dir, "sub"));
    copyFileSync(fixture("articles", "unseen-news.md"), path.join(dir, "sub", "unseen.md"));
    expect(ingestFiles(db, [dir]).map((r) => path.basename(r.file))).toEqual(["unseen.md"]);
  });

  it("the command line refuses a link and an extensionless file by name, and --follow-links reads the link", { timeout: 180_000 }, () => {
    const dir = tempDir();
    const secret = secretFile(dir);
    const real = path.join(dir, "real.md");
    copyFileSync(fixture("articles", "unseen-news.md"), real);
    const link = path.join(dir, "link.md");
    symlinkSync(real, link);
    const dbFile = path.join(tempDir(), "cli.sqlite");
    const run = (...args: string[]): { status: number | null; out: { ok: boolean; results: { file: string; ok: boolean; error?: string }[] } } => {
      const cli = spawnSync(process.execPath, [repo("bin", "borderdesk.js"), "ingest", ...args, "--json", "--db", dbFile], { encoding: "utf8", timeout: 60_000 });
      return { status: cli.status, out: JSON.parse(cli.stdout) as { ok: boolean; results: { file: string; ok: boolean; error?: string }[] } };
    };
    const refused = run(secret, link);
    expect(refused.status).toBe(1);
    expect(refused.out.results.map((r) => [path.basename(r.file), r.ok, r.error])).toEqual([
      ["passwd", false, "the file has no extension, so it was not read: name it .txt, .md or .html"],
      ["link.md", false, "is a symbolic link; it was not followed (pass --follow-links to read what links point to)"],
    ]);
    const followed = run(link, "--follow-links");
    expect(followed.status).toBe(0);
    expect(followed.out.results.map((r) => [path.basename(r.file), r.ok])).toEqual([["link.md", true]]);
  });
});
