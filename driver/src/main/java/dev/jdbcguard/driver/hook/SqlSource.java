package dev.jdbcguard.driver.hook;

/**
 * Where a SQL text handed to {@link ConnectionHook#beforeSql} came from. The hook sees the text
 * before anything reaches the server on every one of these paths.
 */
public enum SqlSource {
    /** {@code Statement.execute*}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate}. */
    EXECUTE,
    /** {@code Statement.addBatch(String)}: judged when added, executed later by {@code executeBatch}. */
    BATCH_ADD,
    /** {@code Connection.prepareStatement*} and vendor variants such as Connector/J's {@code serverPrepareStatement}. */
    PREPARE,
    /** {@code Connection.prepareCall*}. */
    PREPARE_CALL,
    /** {@code Connection.nativeSQL}: the driver translates escapes; some drivers contact the server. */
    NATIVE_SQL,
    /**
     * Execution of a prepared or callable statement ({@code execute}, {@code executeQuery},
     * {@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch}, {@code executeLargeBatch}).
     * The hook receives the value it returned for {@link #PREPARE}, so it needs no lookup.
     */
    EXECUTE_PREPARED
}
