package dev.jdbcguard.driver.hook;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the guard tells about one connection: the single place where enforcement plugs in.
 *
 * <p>One instance per guarded connection, made by a {@link ConnectionHookFactory}. JDBC objects
 * are used by one thread at a time, so a hook is too; the only exception is {@link #closed}
 * when {@code Connection.abort} runs on another thread. Every method has a no-op default.
 *
 * <p>Cost contract: the proxies call these methods directly, allocate nothing to do so, and pass
 * only values they already hold, never a proxy: a proxy handed to a hook the JIT does not inline
 * escapes, and then the JIT can never remove the statement and result set proxies an application
 * drops after one use.
 *
 * <p>Warnings: a hook adds its warnings to the one {@link WarningSink} it gets in {@link #connected},
 * on the thread running one of its methods; when that method returns or throws, they are appended
 * to the {@code getWarnings()} chain of the JDBC object whose call it was: the statement for
 * {@link #beforeSql} of an execution or {@code addBatch}, {@link #afterExecute} and {@link #rowsRead}
 * (the connection for metadata result sets), the connection for {@link #connected}, a prepare,
 * {@code nativeSQL} and {@link #transaction}. When the call fails (the hook threw, or the target
 * driver did), the warnings of that call are added to the exception the application gets, as
 * suppressed exceptions, instead. Other threads (a scheduler, a background EXPLAIN) must
 * not add to it. The value a hook returns from {@link #beforeSql} is opaque to the
 * proxies: it is kept (in a field of the statement proxy, never in a map) and handed back to
 * {@link #afterExecute}, {@link #rowsRead} and {@link #resultClosed}, and for prepared statements
 * to every later {@code beforeSql(EXECUTE_PREPARED, ...)}, so a hook that caches a verdict per
 * prepared SQL pays no lookup per execution.
 *
 * <p>Order of events for one execution: {@link #beforeSql}, then (Connector/J only) zero or more
 * {@link #serverStatus} while the target driver reads the results, then {@link #afterExecute};
 * {@link #rowsRead} and {@link #resultClosed} follow while the application reads the results.
 */
public interface ConnectionHook {

    /** The hook that does nothing. */
    ConnectionHook NONE = new ConnectionHook() {
    };

    /**
     * The target driver connected. Throwing refuses the connection: the guard closes the target
     * connection, calls {@link #connectFailed} with the exception and throws it to the caller.
     *
     * @param target   the target driver's connection (e.g. to ask Connector/J whether TLS is on)
     * @param warnings where this hook's warnings go for the whole connection (see the class comment)
     */
    default void connected(Connection target, WarningSink warnings) throws SQLException {
    }

    /** The connect failed (in the target driver or in {@link #connected}); called at most once, and never with {@link #closed}. */
    default void connectFailed(Throwable failure) {
    }

    /**
     * The guarded connection was closed ({@code aborted == false}) or aborted; called exactly once
     * however many times and on whichever threads {@code close}/{@code abort} are called.
     */
    default void closed(boolean aborted) {
    }

    /**
     * A SQL text is about to reach the target driver. Throwing blocks it: nothing is sent to the
     * server, and the exception reaches the application unchanged.
     *
     * @param source   which JDBC path the text came from
     * @param sql      the SQL text exactly as the application gave it
     * @param prepared for {@link SqlSource#EXECUTE_PREPARED}, what this hook returned for the
     *                 statement's {@link SqlSource#PREPARE} or {@link SqlSource#PREPARE_CALL};
     *                 otherwise {@code null}
     * @param target   the target driver's statement the text runs on, e.g. to read its bound values;
     *                 {@code null} for a prepare and {@code nativeSQL}
     * @param startNanos for an execution ({@link SqlSource#EXECUTE}, {@link SqlSource#EXECUTE_PREPARED}),
     *                 {@link System#nanoTime()} read just before this call: the execution's start, from
     *                 which {@link #afterExecute}'s elapsed time is measured, so a hook that needs the
     *                 time reads no clock of its own (a clock read costs ~25 ns on a virtual machine);
     *                 0 for the other sources
     * @return a value kept by the statement proxy for the later events of this SQL (may be null)
     */
    default Object beforeSql(SqlSource source, String sql, Object prepared, Statement target, long startNanos)
            throws SQLException {
        return null;
    }

    /**
     * An execution finished: called once the target driver's execute method returned or threw. For
     * {@code Statement.executeBatch} the token is {@code null}: each text was already seen at
     * {@link SqlSource#BATCH_ADD}.
     *
     * <p>Throwing fails the call, it does not prevent the statement: the server has already run
     * it, and its effects stand (rows written stay written, and are committed in auto-commit
     * mode). This is how rules whose evidence exists only afterwards (the server's status flags,
     * the elapsed time) act on {@code block}, e.g. to fail a test on any full table scan. What the
     * application sees depends on the outcome:
     * <ul>
     *   <li>the execution succeeded: whatever the hook throws is thrown to the application from the
     *       execute method, unchanged. The result set the execution produced is closed first
     *       (the one {@code executeQuery} returns; for {@code execute}, the statement's current
     *       result), so nothing leaks; other results of a multi-result {@code execute} are left
     *       to the target driver, which closes them with the statement or its next execution, and
     *       {@code getGeneratedKeys()} still answers. The statement stays usable.</li>
     *   <li>the execution failed: the target driver's exception is the one thrown, and whatever
     *       the hook throws is added to it as a suppressed exception (unless it is that same
     *       exception).</li>
     * </ul>
     * A hook that does not throw costs the proxies nothing beyond the call.
     *
     * @param token        what {@link #beforeSql} returned for this execution
     * @param elapsedNanos wall time from {@code startNanos} until the target driver returned: the driver's
     *                     time plus this hook's own {@code beforeSql}, which a hook that can wait there
     *                     (e.g. for a plan) subtracts itself
     * @param failure      the exception the target driver threw, or {@code null} on success
     * @throws SQLException to fail a successful execution (see above)
     */
    default void afterExecute(Object token, long elapsedNanos, Throwable failure) throws SQLException {
    }

    /**
     * An {@code executeBatch} or {@code executeLargeBatch} is about to reach the target driver, after its
     * {@link #beforeSql} (prepared statements) and before its {@link #afterExecute}: how many statements
     * {@code addBatch} put in it. Not called for other executions, so the single-statement path pays nothing.
     */
    default void batchExecuting(int statements) {
    }

    /**
     * The server's status flags for a statement, from Connector/J's final OK/EOF packet (no extra
     * round trip; only when the target is mysql-connector-j). Arrives between {@link #beforeSql}
     * and {@link #afterExecute} of the statement it belongs to, except with streaming results;
     * flags arriving outside such a pair belong to statements the target driver ran on its own
     * (e.g. for {@code DatabaseMetaData}) and are best ignored.
     */
    default void serverStatus(boolean noIndexUsed, boolean noGoodIndexUsed) {
    }

    /**
     * Rows read from a result set with {@code next()}. Called once with {@code rows == 0} when the
     * result set is opened, then whenever {@code rows} reaches the value the previous call returned.
     *
     * @param token what {@link #beforeSql} returned for the statement that produced the result set
     *              ({@code null} for metadata result sets)
     * @return the row count at which to be called next; {@code Long.MAX_VALUE} for never
     * @throws SQLException to stop the application reading (it surfaces from {@code next()})
     */
    default long rowsRead(Object token, long rows) throws SQLException {
        return Long.MAX_VALUE;
    }

    /** A result set was closed (once) after {@code rows} rows were read with {@code next()}. */
    default void resultClosed(Object token, long rows) {
    }

    /**
     * A transaction boundary, reported after the target driver succeeded. It cannot throw: the
     * boundary has already happened at the server and a commit cannot be undone, so failing the
     * call would only tell the application that something it cannot take back went wrong.
     */
    default void transaction(TransactionEvent event) {
    }
}
