package dev.jdbcguard.driver.hook;

/** Transaction boundaries reported to {@link ConnectionHook#transaction}, after the target driver succeeded. */
public enum TransactionEvent {
    /** {@code setAutoCommit(false)}: a transaction starts with the next statement. */
    AUTO_COMMIT_OFF,
    /** {@code setAutoCommit(true)}: JDBC commits any open transaction. */
    AUTO_COMMIT_ON,
    /** {@code commit()}. */
    COMMIT,
    /** {@code rollback()} (a rollback to a savepoint keeps the transaction open and is not reported). */
    ROLLBACK,
    /**
     * {@code clearWarnings()} on the connection. Not a transaction boundary: the end of a unit of work
     * as connection pools mark it, since they clear a connection's warnings when the application
     * returns it (HikariCP on every close, DBCP and Druid when they passivate it).
     */
    WARNINGS_CLEARED
}
