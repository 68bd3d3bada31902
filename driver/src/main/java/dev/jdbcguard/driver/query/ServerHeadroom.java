package dev.jdbcguard.driver.query;

import dev.jdbcguard.driver.plan.ExplainService;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * {@code conn.server-headroom} for one target: every {@code interval} at most, reads {@code max_connections} and
 * {@code Threads_connected} on the guard's own (EXPLAIN) connection and reports when the server is within
 * {@code percent} of its limit. The server counts every instance's connections, so this one warning sees the whole
 * fleet.
 *
 * <p>Driven by the guard's once-a-second sweeping thread, never by an application thread; the read itself runs on
 * the EXPLAIN thread. Not thread-safe: only the sweeping thread calls {@link #sweep}.
 */
final class ServerHeadroom {

    private final ExplainService connection;
    private boolean probed;
    private long nextProbeNanos;

    ServerHeadroom(ExplainService connection) {
        this.connection = connection;
    }

    /** Queues a read of the server's numbers when the rule is on and {@code interval} has passed since the last. */
    void sweep(long nowNanos, RuleConfig rule, Consumer<Detection> warn) {
        if (!rule.enabled() || probed && nowNanos - nextProbeNanos < 0) {
            return;
        }
        long percent = rule.count("percent");
        if (connection.submit(server -> check(server, percent, rule, warn))) {
            probed = true;
            nextProbeNanos = nowNanos + rule.duration("interval").toNanos();
        }
    }

    private static void check(Connection server, long percent, RuleConfig rule, Consumer<Detection> warn) throws SQLException {
        long max = number(server, "SHOW GLOBAL VARIABLES LIKE 'max_connections'");
        long connected = number(server, "SHOW GLOBAL STATUS LIKE 'Threads_connected'");
        if (max > 0 && connected * 100 >= max * percent) {
            warn.accept(Detection.ofConnection(RuleCatalog.CONN_SERVER_HEADROOM,
                    "the server has " + connected + " connections open of max_connections " + max + " ("
                            + connected * 100 / max + " %, the rule's limit is " + percent + " %), counting every client"));
        }
    }

    /** The value column of a one-row SHOW; -1 when the server shows no such row (a proxy may hide it). */
    private static long number(Connection server, String show) throws SQLException {
        try (Statement statement = server.createStatement(); ResultSet row = statement.executeQuery(show)) {
            return row.next() ? Long.parseLong(row.getString(2).trim()) : -1;
        }
    }
}
