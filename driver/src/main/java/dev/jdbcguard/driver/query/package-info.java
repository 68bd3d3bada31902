/**
 * The query checks as the driver runs them: {@link dev.jdbcguard.driver.query.QueryChecks} is the
 * {@link dev.jdbcguard.driver.hook.ConnectionHookFactory} of a guard (one EXPLAIN service per target,
 * settings read once per rule set), {@link dev.jdbcguard.driver.query.QueryCheckHook} the hook of one
 * connection, and {@link dev.jdbcguard.driver.query.FindingSink} the one way findings of
 * {@code dev.jdbcguard.driver.plan} and {@code dev.jdbcguard.driver.runtime} leave them, tagged with
 * the stage that decides whether a {@code block} can still stop the statement.
 */
package dev.jdbcguard.driver.query;
