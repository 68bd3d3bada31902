package dev.jdbcguard.driver.query;

import java.sql.SQLException;

/**
 * Where the query checks hand their findings: the rule's action decides what happens next.
 *
 * <p>The sink is called on the thread that runs the statement (stages {@code BEFORE_EXECUTION} and
 * {@code AFTER_EXECUTION}), where it may throw to apply a {@code block} action, or on the guard's
 * EXPLAIN thread (stage {@code BACKGROUND}), where an exception is logged and dropped because no
 * caller is waiting.
 */
@FunctionalInterface
public interface FindingSink {

    /**
     * Acts on one finding: logs it, counts it, or throws to block.
     *
     * @throws SQLException to fail the caller's JDBC call ({@code block})
     */
    void report(Finding finding) throws SQLException;
}
