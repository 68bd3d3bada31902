-- An online-safe change: a nullable column (INSTANT on MySQL 8.0) and a secondary index
-- (built in place, concurrent DML allowed), so lookups by status stay indexed.
ALTER TABLE orders ADD COLUMN status VARCHAR(20) NULL;
CREATE INDEX idx_orders_status ON orders (status, created_at);
