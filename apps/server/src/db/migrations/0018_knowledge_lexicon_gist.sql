-- Knowledge search: the typo lookup asks for the closest lexicon terms (`ORDER BY term <-> q LIMIT 2`).
-- A GIN trigram index cannot order by distance, so at 60,000 terms the planner scanned the whole
-- lexicon (0.5 s a query on a busy machine); a GiST trigram index answers the nearest terms directly.
DROP INDEX IF EXISTS knowledge_lexemes_trgm_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_lexemes_trgm_gist_idx ON knowledge_lexemes USING gist (term gist_trgm_ops);
