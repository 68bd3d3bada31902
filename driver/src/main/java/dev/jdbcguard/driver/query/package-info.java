/**
 * The query checks as the driver runs them: {@link dev.jdbcguard.driver.query.QueryChecks} is the
 * {@link dev.jdbcguard.driver.hook.ConnectionHookFactory} of a guard (one EXPLAIN service per target,
 * settings read once per rule set), {@link dev.jdbcguard.driver.query.QueryCheckHook} the hook of one
 * connection: the {@link dev.jdbcguard.driver.warnings.FindingSink} that findings of
 * {@code dev.jdbcguard.driver.plan} and {@code dev.jdbcguard.driver.runtime} go through, tagged with
 * the stage that decides whether a {@code block} can still stop the statement, to the engine's
 * {@link dev.jdbcguard.driver.warnings.Funnel}.
 */
package dev.jdbcguard.driver.query;
