-- FTS5 merges a level's segments once it holds `automerge` of them (default 4). Ingest writes a small segment per
-- article (its paragraphs, its quotes), so merging at 16 rewrites the index about half as often; a search then
-- reads a few more segments, which costs nothing noticeable at a desk's volumes.
INSERT INTO `paragraphs_fts`(`paragraphs_fts`, `rank`) VALUES ('automerge', 16);
--> statement-breakpoint
INSERT INTO `quotes_fts`(`quotes_fts`, `rank`) VALUES ('automerge', 16);
