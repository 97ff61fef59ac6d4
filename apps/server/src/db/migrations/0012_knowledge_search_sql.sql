-- Knowledge search: trigram matching of the published lexicon corrects typos in Latin-script queries.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_lexemes_trgm_idx ON knowledge_lexemes USING gin (term gin_trgm_ops);
