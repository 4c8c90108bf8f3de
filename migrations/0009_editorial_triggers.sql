-- Editorial decisions survive re-ingest: when an article's rows are written again, a dismissed candidate
-- name is dropped and a corrected quote speaker is put back (see editorial_decisions in src/db/schema.ts).
CREATE TRIGGER `editorial_dismiss_ai` AFTER INSERT ON `candidates`
WHEN EXISTS (SELECT 1 FROM editorial_decisions d WHERE d.action = 'dismiss' AND d.target_norm = new.norm)
BEGIN
  DELETE FROM candidates WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `editorial_speaker_ai` AFTER INSERT ON `quotes`
WHEN EXISTS (SELECT 1 FROM editorial_decisions d WHERE d.action = 'speaker' AND d.quote_text = new.text)
BEGIN
  UPDATE quotes SET
    speaker_id = (SELECT d.entity_id FROM editorial_decisions d JOIN articles a ON a.id = new.article_id
                  WHERE d.action = 'speaker' AND d.quote_text = new.text AND (d.article_slug = a.slug OR (d.article_url IS NOT NULL AND d.article_url = a.url))
                  ORDER BY d.id DESC LIMIT 1),
    confidence = 1.0
  WHERE id = new.id AND EXISTS (SELECT 1 FROM editorial_decisions d JOIN articles a ON a.id = new.article_id
                  WHERE d.action = 'speaker' AND d.quote_text = new.text AND d.entity_id IS NOT NULL AND (d.article_slug = a.slug OR (d.article_url IS NOT NULL AND d.article_url = a.url)));
END;
