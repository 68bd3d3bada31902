CREATE TABLE ${t}_archive (id BIGINT NOT NULL PRIMARY KEY);
-- emptied on purpose: a backfill's reset, which the migration profile lets through with a warning
DELETE FROM ${t}_archive;
