/*
 * Backfill orders.status; several statements in one file.
 * A semicolon in a comment does not end a statement; neither does one in a string.
 */
UPDATE orders SET status = 'paid' WHERE paid_at IS NOT NULL;  # paid orders
UPDATE orders SET status = 'open; unpaid' WHERE paid_at IS NULL;

-- The staging table is emptied on purpose; every row was copied above.
/* guard:allow dml.no-where */
DELETE FROM order_import_staging;

-- Forgot the WHERE: lint reports this one.
UPDATE customers SET name = TRIM(name);
