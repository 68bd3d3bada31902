package dev.jdbcguard.driver.proxy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A guarded result set: counts the rows read with {@link #next()} for the hook (one increment and
 * compare per row; the hook is called only at the row counts it asked for), reports the close,
 * and returns the statement proxy from {@link #getStatement()}.
 */
public abstract class GuardResultSet extends GuardWrapper<ResultSet> implements ResultSet {

    /**
     * The warning chain the hook's findings go to: the statement that produced it, or the
     * connection for a metadata result set. The connection is reached through it: one field
     * less in an object allocated per result set.
     */
    private final GuardWarningSource<?> owner;
    private final Object token;
    /** The statement proxy; for a metadata result set, made by the first {@link #getStatement()}. */
    private GuardStatement statement;
    private long rows;
    private long nextReport;
    private boolean closed;
    private boolean reported;

    /**
     * @param statement the statement proxy that produced it, or {@code null} (metadata results)
     * @param token   what the hook returned for the statement's execution
     */
    protected GuardResultSet(ResultSet delegate, GuardStatement statement, GuardConnection connection, Object token) {
        super(delegate);
        this.owner = statement != null ? statement : connection;
        this.statement = statement;
        this.token = token;
    }

    private GuardConnection connection() {
        return owner instanceof GuardStatement producer ? producer.connection : (GuardConnection) owner;
    }

    /** Tells the hook the result set is open and asks when to report rows first. */
    final void opened() throws SQLException {
        nextReport = rowsRead(0);
    }

    @Override
    public final boolean next() throws SQLException {
        if (!delegate.next()) {
            return false;
        }
        if (++rows >= nextReport) {
            nextReport = rowsRead(rows);
        }
        return true;
    }

    /** Tells the hook; what it warns of goes on the owner's chain (the statement's, or the connection's), or with its exception. */
    private long rowsRead(long count) throws SQLException {
        GuardConnection connection = connection();
        long next;
        try {
            next = connection.hook.rowsRead(token, count);
        } catch (Throwable refused) {
            connection.pending.attachTo(refused);
            throw refused;
        }
        owner.takeWarnings(connection.pending);
        return next;
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
            connection().hook.resultClosed(token, rows);
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
            GuardConnection connection = connection();
            statement = connection.proxies.statement(raw, connection);
        }
        return statement;
    }

    @Override
    protected final Object guardReturned(Object raw) throws SQLException {
        GuardConnection connection = connection();
        return connection.proxies.guard(raw, connection, statement);
    }
}
