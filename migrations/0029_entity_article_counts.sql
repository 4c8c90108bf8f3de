-- entities.article_count was kept by a trigger on every entity_articles row an ingest writes: an UPDATE of an
-- entities row per row, some fifty for each article. The writers now add what they write in one statement (ingest:
-- with the mention counts, once per batch, src/ingest/write.ts addEntityCounts; /review promote: a recount of the
-- entity). Counts stand as they are; rows deleted (with their article) still subtract through entity_articles_count_ad.
DROP TRIGGER `entity_articles_count_ai`;
