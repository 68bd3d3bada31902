package dev.jdbcguard.rules.sql;

/**
 * One operation of an {@code ALTER TABLE} (each clause separately), or the index operation of a
 * {@code CREATE INDEX} / {@code DROP INDEX}, or a foreign key / partitioning clause of a
 * {@code CREATE TABLE}.
 *
 * <p>The three flags follow MySQL 8.0 online DDL (InnoDB): {@link #rebuildsTable()} is true when the
 * operation copies or rebuilds the table in the default algorithm, where the server may take long
 * and a replica lags; {@link #destructive()} when the operation itself loses stored data;
 * {@link #breaksRunningCode()} when code written against the old schema can fail afterwards because
 * a name it uses disappears. They are conservative where the server's choice depends on options the
 * text does not show (e.g. a charset change is assumed to convert the data).
 */
public enum DdlOperation {
    /** ADD [COLUMN]: INSTANT since 8.0.12. */
    ADD_COLUMN(false, false, false),
    /** DROP [COLUMN]: loses the column's data; rebuilds unless INSTANT (8.0.29+). */
    DROP_COLUMN(true, true, true),
    /** MODIFY, or CHANGE keeping the name: a type change copies the table. */
    MODIFY_COLUMN(false, true, false),
    /** RENAME COLUMN, or CHANGE with a new name. */
    RENAME_COLUMN(false, false, true),
    /** ADD INDEX/KEY/FULLTEXT/SPATIAL, CREATE INDEX: built in place, no rebuild. */
    ADD_INDEX(false, false, false),
    /** ADD UNIQUE, ADD CONSTRAINT .. UNIQUE, CREATE UNIQUE INDEX: fails on existing duplicates. */
    ADD_UNIQUE_INDEX(false, false, false),
    /**
     * ADD [CONSTRAINT c] CHECK (...), ALTER CHECK/CONSTRAINT c ENFORCED: validates every existing row (the table is
     * copied for it) and then rejects writes the running code may still make; NOT ENFORCED is {@link #OTHER}.
     */
    ADD_CHECK(false, true, false),
    /** DROP INDEX/KEY: queries naming it in an index hint fail (not when the same ALTER adds it back). */
    DROP_INDEX(false, false, true),
    /** RENAME INDEX/KEY: queries naming it in an index hint fail. */
    RENAME_INDEX(false, false, true),
    ADD_PRIMARY_KEY(false, true, false),
    DROP_PRIMARY_KEY(false, true, false),
    /** ADD FOREIGN KEY, or REFERENCES in CREATE TABLE: copies the table unless foreign_key_checks=0. */
    ADD_FOREIGN_KEY(false, true, false),
    DROP_FOREIGN_KEY(false, false, false),
    /** ALTER TABLE .. RENAME [TO|AS]. */
    RENAME_TABLE(false, false, true),
    /** ENGINE=. */
    CHANGE_ENGINE(false, true, false),
    /** CONVERT TO CHARACTER SET, [DEFAULT] CHARACTER SET/CHARSET/COLLATE. */
    CHANGE_CHARSET(false, true, false),
    /** PARTITION BY, REMOVE PARTITIONING, ADD/REORGANIZE/COALESCE/EXCHANGE/REBUILD PARTITION. */
    PARTITIONING(false, true, false),
    /** DROP PARTITION, TRUNCATE PARTITION: deletes the partition's rows. */
    DROP_PARTITION(true, false, false),
    /** ALTER [COLUMN] .. SET DEFAULT / DROP DEFAULT: metadata only. */
    ALTER_COLUMN_DEFAULT(false, false, false),
    /** FORCE, ROW_FORMAT=, KEY_BLOCK_SIZE=: an explicit rebuild. */
    REBUILD(false, true, false),
    /** Any other clause (COMMENT=, AUTO_INCREMENT=, DROP CHECK, ALTER INDEX .. VISIBLE, ...). */
    OTHER(false, false, false);

    private final boolean destructive;
    private final boolean rebuildsTable;
    private final boolean breaksRunningCode;

    DdlOperation(boolean destructive, boolean rebuildsTable, boolean breaksRunningCode) {
        this.destructive = destructive;
        this.rebuildsTable = rebuildsTable;
        this.breaksRunningCode = breaksRunningCode;
    }

    /** True when the operation deletes stored data. */
    public boolean destructive() {
        return destructive;
    }

    /** True when MySQL 8.0 rebuilds or copies the table for it by default. */
    public boolean rebuildsTable() {
        return rebuildsTable;
    }

    /** True when code using the old schema can fail afterwards (a name it uses is dropped or renamed). */
    public boolean breaksRunningCode() {
        return breaksRunningCode;
    }
}
