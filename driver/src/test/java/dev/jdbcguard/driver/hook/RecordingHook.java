package dev.jdbcguard.driver.hook;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test hook (not a database mock): records every event as one line, can block SQL and add
 * warnings, so tests can prove which paths reach the hook and in which order.
 */
public final class RecordingHook implements ConnectionHook, ConnectionHookFactory {

    public final List<String> events = new CopyOnWriteArrayList<>();
    public final List<ConnectRequest> requests = new CopyOnWriteArrayList<>();
    public final List<Throwable> executionFailures = new CopyOnWriteArrayList<>();
    /** SQL texts containing this are refused in {@link #beforeSql}. */
    public volatile String blockContaining = "GUARD_BLOCK_ME";
    /** SQL texts containing this get a guard warning on their statement or connection. */
    public volatile String warnContaining = "GUARD_WARN_ME";
    /** Called with each request before the target connect; may change it or throw. */
    public volatile RequestCheck onOpen = request -> { };
    /** Called after the target connected; may throw to refuse. */
    public volatile Predicate<Connection> acceptConnected = connection -> true;
    /**
     * When set, afterExecute throws {@code failed by test hook after <token>} after every execution;
     * after a successful one it first keeps the target statement's current result set in
     * {@link #resultsFailedAfter} (to prove the guard closed it).
     */
    public volatile boolean failAfterExecute;
    /** When set, afterExecute throws back the target driver's own SQLException it was given. */
    public volatile boolean rethrowFailure;
    /** When set, rowsRead refuses every result set as it opens, first keeping it as {@link #failAfterExecute} does. */
    public volatile boolean refuseResults;
    public final List<ResultSet> resultsFailedAfter = new CopyOnWriteArrayList<>();
    /** When set, afterExecute, rowsRead and transaction each add a warning naming the event. */
    public volatile boolean warnOnEveryEvent;
    /** Rows interval at which rowsRead asks to be called again. */
    public volatile long rowsInterval = 2;
    /** The sink the guard handed over at connect. */
    private volatile WarningSink warnings;
    /** The target statement of the latest execution or addBatch, whose current result set the failing modes keep. */
    private volatile Statement executing;

    @FunctionalInterface
    public interface RequestCheck {
        void check(ConnectRequest request) throws SQLException;
    }

    @Override
    public ConnectionHook open(ConnectRequest request) throws SQLException {
        requests.add(request);
        onOpen.check(request);
        events.add("OPEN");
        return this;
    }

    @Override
    public void connected(Connection target, WarningSink warnings) throws SQLException {
        this.warnings = warnings;
        events.add("CONNECTED");
        if (!acceptConnected.test(target)) {
            throw new SQLException("refused by test hook after connect");
        }
    }

    @Override
    public void connectFailed(Throwable failure) {
        events.add("CONNECT_FAILED " + failure.getMessage());
    }

    @Override
    public void closed(boolean aborted) {
        events.add(aborted ? "ABORTED" : "CLOSED");
    }

    @Override
    public Object beforeSql(SqlSource source, String sql, Object prepared, Statement target, long startNanos)
            throws SQLException {
        if (target != null) {
            executing = target;
        }
        events.add(source + " " + sql + (prepared == null ? "" : " [" + prepared + "]"));
        if (sql != null && sql.contains(blockContaining)) {
            throw new SQLException("blocked by test hook: " + sql);
        }
        if (sql != null && sql.contains(warnContaining)) {
            warnings.addWarning(new SQLWarning("guard warning for " + source));
        }
        return source == SqlSource.PREPARE || source == SqlSource.PREPARE_CALL ? "verdict:" + sql : prepared == null ? sql : prepared;
    }

    @Override
    public void afterExecute(Object token, long elapsedNanos, Throwable failure) throws SQLException {
        if (elapsedNanos < 0) {
            throw new AssertionError("negative elapsed time");
        }
        if (failure != null) {
            executionFailures.add(failure);
        }
        events.add("AFTER " + token + (failure == null ? "" : " FAILED"));
        warnIfAsked("AFTER " + token);
        if (rethrowFailure && failure instanceof SQLException given) {
            throw given;
        }
        if (failAfterExecute) {
            if (failure == null) {
                keepCurrentResult();
            }
            throw new SQLException("failed by test hook after " + token);
        }
    }

    private void warnIfAsked(String event) {
        if (warnOnEveryEvent) {
            warnings.addWarning(new SQLWarning("guard warning for " + event));
        }
    }

    private void keepCurrentResult() throws SQLException {
        ResultSet current = executing.getResultSet();
        if (current != null) {
            resultsFailedAfter.add(current);
        }
    }

    @Override
    public void serverStatus(boolean noIndexUsed, boolean noGoodIndexUsed) {
        events.add("FLAGS noIndex=" + noIndexUsed + " noGoodIndex=" + noGoodIndexUsed);
    }

    @Override
    public long rowsRead(Object token, long rows) throws SQLException {
        events.add("ROWS " + token + " " + rows);
        warnIfAsked("ROWS " + rows);
        if (refuseResults && rows == 0) {
            keepCurrentResult();
            throw new SQLException("result refused by test hook: " + token);
        }
        return rows + rowsInterval;
    }

    @Override
    public void resultClosed(Object token, long rows) {
        events.add("RESULT_CLOSED " + token + " " + rows);
    }

    @Override
    public void transaction(TransactionEvent event) {
        events.add("TX " + event);
        warnIfAsked("TX " + event);
    }

    /** The events recorded since {@code mark} (a size of {@link #events} taken earlier). */
    public List<String> since(int mark) {
        return new ArrayList<>(events.subList(mark, events.size()));
    }

    /** Events of one kind (their first word), in order. */
    public List<String> only(String kind) {
        return events.stream().filter(event -> event.startsWith(kind + " ") || event.equals(kind)).toList();
    }
}
