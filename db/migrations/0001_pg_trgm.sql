-- Trigram indexes make the Users search (a substring of name or email) use an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
