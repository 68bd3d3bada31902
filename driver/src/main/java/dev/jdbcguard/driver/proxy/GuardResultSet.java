package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.WarningSink;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A guarded result set: counts the rows read with {@link #next()} for the hook (one increment and
 * compare per row; the hook is called only at the row counts it asked for), reports the close,
 * and returns the statement proxy from {@link #getStatement()}.
 */
public abstract class GuardResultSet extends GuardWrapper<ResultSet> implements ResultSet {

    private final GuardConnection connection;
    private final ConnectionHook hook;
    private final Object verdict;
    private final WarningSink warnings;
    private GuardStatement statement;
    private long rows;
    private long nextReport;
    private boolean closed;
    private boolean reported;

    /**
     * @param statement the statement proxy that produced it, or {@code null} (metadata results)
     * @param verdict   what the hook returned for the statement's execution
     */
    protected GuardResultSet(ResultSet delegate, GuardStatement statement, GuardConnection connection, Object verdict) {
        super(delegate);
        this.statement = statement;
        this.connection = connection;
        this.hook = connection.hook;
        this.verdict = verdict;
        this.warnings = statement != null ? statement : connection;
    }

    /** Tells the hook the result set is open and asks when to report rows first. */
    final void opened() throws SQLException {
        nextReport = hook.rowsRead(verdict, 0, warnings);
    }

    @Override
    public final boolean next() throws SQLException {
        if (!delegate.next()) {
            return false;
        }
        if (++rows >= nextReport) {
            nextReport = hook.rowsRead(verdict, rows, warnings);
        }
        return true;
    }

    @Override
    public final void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delegate.close();
        } finally {
            released();
        }
    }

    /**
     * Closes a target result set the application will never receive (the hook failed the call
     * that produced it), adding a failure to close to {@code cause}.
     */
    static void discard(ResultSet raw, Throwable cause) {
        if (raw == null) {
            return;
        }
        try {
            raw.close();
        } catch (SQLException | RuntimeException closing) {
            cause.addSuppressed(closing);
        }
    }

    /** Reports the close once, whether the application closed it or its statement released it. */
    final void released() {
        if (!reported) {
            reported = true;
            hook.resultClosed(verdict, rows);
        }
    }

    /** The statement proxy; for a metadata result set, a proxy of the target's internal statement (or null). */
    @Override
    public final Statement getStatement() throws SQLException {
        if (statement == null) {
            Statement raw = delegate.getStatement();
            if (raw == null) {
                return null;
            }
            statement = connection.proxies.statement(raw, connection);
        }
        return statement;
    }

    @Override
    protected final Object guardReturned(Object raw) throws SQLException {
        return connection.proxies.guard(raw, connection, statement);
    }
}
