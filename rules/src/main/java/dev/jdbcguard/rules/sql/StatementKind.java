package dev.jdbcguard.rules.sql;

/**
 * What one SQL statement does, as far as the guard's rules care.
 *
 * <p>DDL kinds are kept apart so a rule can tell a drop from a create; {@link #isDdl()} groups them.
 * {@link #UNPARSEABLE} marks text the classifier could not read (unterminated quote or comment,
 * unbalanced parentheses, an unknown first word, a client-only command such as {@code DELIMITER}):
 * nothing about such a statement is vouched for.
 */
public enum StatementKind {
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    REPLACE,
    CREATE_TABLE(true, false),
    ALTER_TABLE(true, false),
    DROP_TABLE(true, true),
    TRUNCATE(true, true),
    RENAME_TABLE(true, false),
    CREATE_INDEX(true, false),
    DROP_INDEX(true, false),
    CREATE_DATABASE(true, false),
    DROP_DATABASE(true, true),
    CREATE_VIEW(true, false),
    DROP_VIEW(true, false),
    /** CREATE or ALTER of a procedure, function, trigger or event. */
    CREATE_ROUTINE(true, false),
    /** DROP of a procedure, function, trigger or event. */
    DROP_ROUTINE(true, false),
    /** Any other schema change: ALTER DATABASE/VIEW, CREATE TABLESPACE/SEQUENCE/SERVER, ... */
    OTHER_DDL(true, false),
    /** SET of variables, SET TRANSACTION, SET NAMES. */
    SET,
    SHOW,
    USE,
    /**
     * CREATE or DROP TEMPORARY TABLE: a table of the session only, gone when it ends. Not a schema
     * change, so no DDL rule applies to it.
     */
    TEMPORARY_TABLE,
    /** BEGIN, START TRANSACTION, XA START. */
    TRANSACTION_BEGIN,
    /** COMMIT, ROLLBACK (without TO SAVEPOINT), XA COMMIT/ROLLBACK. */
    TRANSACTION_END,
    /** SAVEPOINT, RELEASE SAVEPOINT, ROLLBACK TO SAVEPOINT. */
    SAVEPOINT,
    /** LOAD DATA and LOAD XML. */
    LOAD_DATA,
    LOCK_TABLES,
    UNLOCK_TABLES,
    CALL,
    /** EXPLAIN of a statement, which does not run it (EXPLAIN ANALYZE runs it and is classified as that statement). */
    EXPLAIN,
    /** DESCRIBE/DESC/EXPLAIN of a table. */
    DESCRIBE,
    /** ANALYZE, OPTIMIZE, CHECK, CHECKSUM, REPAIR TABLE. */
    TABLE_MAINTENANCE,
    /** GRANT, REVOKE, CREATE/ALTER/DROP/RENAME USER, CREATE/DROP ROLE, SET PASSWORD. */
    PRIVILEGES,
    /** Server administration: FLUSH, KILL, RESET, PURGE, SHUTDOWN, INSTALL PLUGIN, replication control. */
    ADMIN,
    /**
     * EXECUTE of a prepared statement, DEALLOCATE/DROP PREPARE. A {@code PREPARE ... FROM '...'} or
     * {@code EXECUTE IMMEDIATE '...'} is classified as the statement its literal text holds.
     */
    PREPARED,
    /**
     * PREPARE or EXECUTE IMMEDIATE of SQL text the statement does not spell out (a user variable, {@code CONCAT(...)},
     * any other expression): what the server will run cannot be read.
     */
    DYNAMIC_SQL,
    /** A recognised statement no rule cares about: DO, HANDLER, HELP, XA END/PREPARE/RECOVER. */
    OTHER,
    UNPARSEABLE;

    private final boolean ddl;
    private final boolean destructive;

    StatementKind() {
        this(false, false);
    }

    StatementKind(boolean ddl, boolean destructive) {
        this.ddl = ddl;
        this.destructive = destructive;
    }

    /** True for every schema-changing kind, CREATE_TABLE through OTHER_DDL. */
    public boolean isDdl() {
        return ddl;
    }

    /**
     * True when the statement itself loses data: DROP TABLE, DROP DATABASE, TRUNCATE. Destructive
     * ALTER TABLE operations are reported per operation by {@link DdlOperation#destructive()}.
     */
    public boolean destructive() {
        return destructive;
    }

    /** True for SELECT, INSERT, UPDATE, DELETE and REPLACE. */
    public boolean isDml() {
        return ordinal() <= REPLACE.ordinal();
    }
}
