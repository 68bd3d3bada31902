package dev.jdbcguard.driver.query;

import dev.jdbcguard.driver.warnings.Finding;

import java.sql.SQLException;

/**
 * Where the query checks ({@code dev.jdbcguard.driver.plan}, {@code dev.jdbcguard.driver.runtime})
 * hand their findings; the rule's action decides what happens next.
 *
 * <p>Called on the thread that runs the statement (stages {@link Stage#BEFORE_EXECUTION} and
 * {@link Stage#AFTER_EXECUTION}), where it may throw to apply a {@code block} action, or on the
 * guard's EXPLAIN thread ({@link Stage#BACKGROUND}), where nobody waits for an exception: a sink
 * should only warn there, and whatever it throws is dropped.
 */
@FunctionalInterface
public interface FindingSink {

    /**
     * Acts on one finding: warns, counts, or throws to block.
     *
     * @throws SQLException to fail the caller's JDBC call ({@code block})
     */
    void report(Finding finding, Stage stage) throws SQLException;

    /**
     * The sink for findings about the statement running now that will arrive later, on the EXPLAIN
     * thread ({@link Stage#BACKGROUND}), whose own stack names no application frame. Called on the
     * statement's thread, once per new statement shape; a sink that points its lines at the caller
     * remembers the caller here (a stack walk). By default, this sink itself.
     */
    default FindingSink later() {
        return this;
    }

    /** When a finding was made, relative to the statement it concerns. */
    enum Stage {
        /** Before the statement reached the server: {@code block} refuses it and nothing runs. */
        BEFORE_EXECUTION,
        /** After the statement ran: {@code block} can only fail the call; the server already did the work. */
        AFTER_EXECUTION,
        /** On the EXPLAIN thread, after the execution that asked for the plan: only a warning is possible. */
        BACKGROUND
    }
}
