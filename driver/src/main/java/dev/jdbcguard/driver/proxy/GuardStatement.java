package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.SqlSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A guarded statement: every method that sends SQL reports it to the connection's
 * {@link ConnectionHook} before the target driver sees it and reports the outcome after. The
 * execute methods themselves (all overloads of {@code execute}, {@code executeQuery},
 * {@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch},
 * {@code executeLargeBatch}) are generated: a direct call on the delegate with {@link #begin} or
 * {@link #beginOwnSql} inlined before it and {@link #end} after it (see {@link ExecutionAdvice}).
 * Every other method the guard does not act on is generated as a direct call on the delegate.
 *
 * <p>The state of the running execution (the hook's value, the start time) lives in fields, not
 * in objects: a statement is used by one thread at a time and the hot path allocates nothing. A
 * proxy is allocated per statement, so it holds only what cannot be reached from elsewhere: the
 * hook is the connection's, the start time is kept by the connection (one execution runs at a
 * time per connection), and the target's current result set is its proxy's delegate.
 */
public abstract class GuardStatement extends GuardWarningSource<Statement> implements Statement {

    final GuardConnection connection;
    /** What the hook returned for the running or last execution. */
    private Object token;
    /** Statements added since the last {@code executeBatch} or {@code clearBatch}: the size the hook is told. */
    int batched;
    /** The proxy of the last result set the target handed out. */
    private GuardResultSet result;
    private boolean closed;

    protected GuardStatement(Statement delegate, GuardConnection connection) {
        super(delegate);
        this.connection = connection;
    }

    @Override
    public final void addBatch(String sql) throws SQLException {
        try {
            connection.hook.beforeSql(SqlSource.BATCH_ADD, sql, null, delegate, 0);
        } catch (Throwable refused) {
            connection.pending.attachTo(refused);
            throw refused;
        }
        takeWarnings(connection.pending);
        delegate.addBatch(sql);
        batched++;
    }

    @Override
    public final void clearBatch() throws SQLException {
        delegate.clearBatch();
        batched = 0;
    }

    /**
     * Starts an {@code executeBatch}: as {@link #beginOwnSql}, then tells the hook how many statements the batch
     * holds (JDBC empties the batch whatever the outcome).
     */
    protected final void beginBatch() throws SQLException {
        int statements = batched;
        batched = 0;
        beginOwnSql();
        connection.hook.batchExecuting(statements);
    }

    /**
     * Starts an execution of the statement's own SQL: for a plain statement its batch, whose texts
     * were each judged when added, so only the outcome is reported.
     */
    protected void beginOwnSql() throws SQLException {
        releaseResult();
        token = null;
        connection.executionStart = System.nanoTime();
    }

    /**
     * Starts an execution of {@code sql}: the hook may refuse it. Generated code calls it first in
     * every execute method. The guard's warnings of the previous execution are cleared first, as JDBC
     * clears a statement's chain at each execution (and Connector/J its own): a statement re-executed
     * in a loop must not collect one warning per run.
     */
    protected final void begin(SqlSource source, String sql, Object prepared) throws SQLException {
        clearGuardWarnings();
        releaseResult();
        long start = System.nanoTime(); // one clock read for the hook and the elapsed time
        GuardConnection connection = this.connection;
        connection.executionStart = start;
        try {
            token = connection.hook.beforeSql(source, sql, prepared, delegate, start);
        } catch (Throwable refused) {
            connection.pending.attachTo(refused);
            throw refused;
        }
        takeWarnings(connection.pending);
    }

    /**
     * Ends the running execution of an execute method that returns no result set object; generated
     * code calls it last, whatever happened. If the hook fails a successful execution, the
     * statement's current result (what {@code execute} produced, if a result set) is closed before
     * the hook's exception is thrown.
     */
    protected final void end(Throwable failure) throws SQLException {
        try {
            report(failure);
        } catch (Throwable hookFailure) {
            try {
                GuardResultSet.discard(delegate.getResultSet(), hookFailure);
            } catch (SQLException | RuntimeException unreadable) {
                hookFailure.addSuppressed(unreadable);
            }
            throw hookFailure;
        }
    }

    /**
     * Ends the running execution of {@code executeQuery}; generated code calls it last, whatever
     * happened. Returns the proxy of {@code raw} on success; if the hook fails the execution,
     * {@code raw} is closed before the hook's exception is thrown.
     */
    protected final ResultSet endQuery(Throwable failure, ResultSet raw) throws SQLException {
        try {
            report(failure);
        } catch (Throwable hookFailure) {
            GuardResultSet.discard(raw, hookFailure);
            throw hookFailure;
        }
        return failure == null ? result(raw) : null;
    }

    /**
     * Tells the hook the outcome. After a failed execution, what the hook throws is added to the
     * target driver's exception, which stays the one the application gets; after a successful one,
     * it propagates. The hook's warnings go on this statement, or with the exception when there is one.
     */
    private void report(Throwable failure) throws SQLException {
        GuardConnection connection = this.connection;
        long elapsedNanos = System.nanoTime() - connection.executionStart;
        if (failure != null) {
            reportFailure(connection, elapsedNanos, failure);
            return;
        }
        try {
            connection.hook.afterExecute(token, elapsedNanos, null);
        } catch (Throwable hookFailure) {
            connection.pending.attachTo(hookFailure);
            throw hookFailure;
        }
        takeWarnings(connection.pending);
    }

    /** Out of line: the rare path stays out of the code compiled into every generated execute method. */
    private void reportFailure(GuardConnection connection, long elapsedNanos, Throwable failure) {
        try {
            connection.hook.afterExecute(token, elapsedNanos, failure);
        } catch (Throwable hookFailure) {
            if (hookFailure != failure) {
                failure.addSuppressed(hookFailure);
            }
        }
        connection.pending.attachTo(failure);
    }

    @Override
    public final ResultSet getResultSet() throws SQLException {
        return result(delegate.getResultSet());
    }

    @Override
    public final ResultSet getGeneratedKeys() throws SQLException {
        return result(delegate.getGeneratedKeys());
    }

    /**
     * An execution closes the statement's current result set (JDBC), so its proxy is reported closed
     * and forgotten: a target driver that recycles one result set object for every execution (as a
     * pooling or stub driver may) still gets a new proxy, and the hook hears each result open and close.
     */
    private void releaseResult() {
        if (result != null) {
            result.released();
            result = null;
        }
    }

    /** The same proxy while the target driver hands back the same result set; the one it replaces is reported closed. */
    protected final GuardResultSet result(ResultSet raw) throws SQLException {
        if (raw == null) {
            return null;
        }
        if (result != null) {
            if (result.delegate == raw) {
                return result;
            }
            result.released();
        }
        GuardResultSet opened = connection.proxies.resultSet(raw, this, connection, token);
        result = opened;
        return opened;
    }

    @Override
    public final Connection getConnection() {
        return connection;
    }

    /** Closes the target statement once; its last result set is reported closed. */
    @Override
    public final void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delegate.close();
        } finally {
            if (result != null) {
                result.released();
            }
        }
    }

    @Override
    protected final Object guardReturned(Object raw) throws SQLException {
        return connection.proxies.guard(raw, connection, this);
    }
}
