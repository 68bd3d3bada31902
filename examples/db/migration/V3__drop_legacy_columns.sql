-- Destructive: the fax column and the legacy table go for good.
-- Release 41 stopped reading both; keep a backup before running this.
ALTER TABLE customers DROP COLUMN fax;
DROP TABLE IF EXISTS legacy_orders;
