package dev.jdbcguard.driver.warnings;

import java.sql.SQLException;

/**
 * Where a detector hands what it saw: every detector of a connection (statement rules, the query checks in
 * {@code plan} and {@code query}, the connection and TLS rules, the transaction sweep) reports through one of
 * these, which adds what the connection knows (its target, the running statement's tables, its warning chain) and
 * passes the detection on to the engine's {@link Funnel}. The rule's action decides what happens next.
 *
 * <p>Called on the thread that runs the statement or the connect (stages {@link Stage#BEFORE} and
 * {@link Stage#AFTER}), where it may throw to apply a {@code block} action, or on one of the guard's own threads
 * ({@link Stage#BACKGROUND}: the EXPLAIN thread, the transaction sweep, the connection scheduler), where nobody waits
 * for an exception: only a warning is possible there.
 */
@FunctionalInterface
public interface FindingSink {

    /**
     * Acts on one detection: warns, or throws to block.
     *
     * @throws SQLException to fail the caller's JDBC call ({@code block}); never at {@link Stage#BACKGROUND}
     */
    void report(Detection detection, Stage stage) throws SQLException;

    /**
     * The sink for detections about the statement running now that will arrive later, on the EXPLAIN thread
     * ({@link Stage#BACKGROUND}), whose own stack names no application frame. Called on the statement's thread, once
     * per new statement shape; a sink that points its lines at the caller remembers the caller here (a stack walk).
     * By default, this sink itself.
     */
    default FindingSink later() {
        return this;
    }

    /** When a detection was made, relative to the statement or connect it concerns. */
    enum Stage {
        /** Before the statement reached the server, or the connection the application: {@code block} refuses it. */
        BEFORE,
        /** After the statement ran: {@code block} can only fail the call; the server already did the work. */
        AFTER,
        /** On one of the guard's own threads, after the call that caused it returned: only a warning is possible. */
        BACKGROUND
    }
}
