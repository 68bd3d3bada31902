package dev.jdbcguard.driver.hook;

import java.sql.SQLException;
import java.util.List;

/**
 * A prepared statement whose bound parameter values the guard can read, for the rare occasion it
 * needs them: the first EXPLAIN of a fingerprint with {@code ?} placeholders. The guard's prepared
 * statement proxies implement it, so a hook finds it on the {@link WarningSink} it is handed for
 * {@link SqlSource#EXECUTE_PREPARED}; the values are read from the target driver only when asked
 * (nothing is recorded per {@code setXxx} call).
 */
@FunctionalInterface
public interface BoundValues {

    /**
     * The values bound to the placeholders, in order ({@code null} elements for SQL NULL), or null
     * when the target driver does not tell them or some placeholder has no value. The values may be
     * personal data: they go to the server's EXPLAIN only, never to a log or a message.
     *
     * @throws SQLException when the target driver fails to answer
     */
    List<Object> boundValues() throws SQLException;
}
