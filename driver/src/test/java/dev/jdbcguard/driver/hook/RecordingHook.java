package dev.jdbcguard.driver.hook;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
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
    /** Rows interval at which rowsRead asks to be called again. */
    public volatile long rowsInterval = 2;

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
    public Object beforeSql(SqlSource source, String sql, Object prepared, WarningSink warnings) throws SQLException {
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
    public void afterExecute(Object token, long elapsedNanos, Throwable failure, WarningSink warnings) {
        if (elapsedNanos < 0) {
            throw new AssertionError("negative elapsed time");
        }
        if (failure != null) {
            executionFailures.add(failure);
        }
        events.add("AFTER " + token + (failure == null ? "" : " FAILED"));
    }

    @Override
    public void serverStatus(boolean noIndexUsed, boolean noGoodIndexUsed) {
        events.add("FLAGS noIndex=" + noIndexUsed + " noGoodIndex=" + noGoodIndexUsed);
    }

    @Override
    public long rowsRead(Object token, long rows, WarningSink warnings) {
        events.add("ROWS " + token + " " + rows);
        return rows + rowsInterval;
    }

    @Override
    public void resultClosed(Object token, long rows) {
        events.add("RESULT_CLOSED " + token + " " + rows);
    }

    @Override
    public void transaction(TransactionEvent event) {
        events.add("TX " + event);
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
