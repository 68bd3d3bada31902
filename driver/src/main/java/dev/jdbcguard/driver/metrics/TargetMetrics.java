package dev.jdbcguard.driver.metrics;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection gauges and statement timings of one target ({@code host:port/database}).
 *
 * <p>The target name is built from host, port and database only ({@link #describe}): there is no
 * way to put a user or password into a metric tag. Updates are allocation-free: connection gauges
 * are atomic, statement timings are kept per connection ({@link StatementTimings}) and summed by
 * the reads, which are meant for scrapes, not the hot path.
 */
public final class TargetMetrics implements ConnectionGauges {

    private final String target;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile int capacity;
    // Statement timings: each open connection keeps its own (no shared atomic on the hot path); a
    // closed connection's are folded into the totals below. Guarded by this, so that a scrape and
    // a fold never overlap and the sums never go backwards (Micrometer counters must not).
    private final Set<StatementTimings> openTimings = new HashSet<>();
    private long closedCount;
    private long closedNanos;
    private long closedMaxNanos;

    TargetMetrics(String target) {
        this.target = target;
    }

    /**
     * The target's name in metrics and JMX: {@code host:port/database}, an IPv6 literal in brackets,
     * without {@code :port} when it is 0 (unknown: a host list, an opaque URL, a data source) and
     * without {@code /database} when there is none. Anything before an {@code @} in {@code host}
     * (user info a caller should not have passed) is dropped.
     */
    public static String describe(String host, int port, String database) {
        String bareHost = host.substring(host.lastIndexOf('@') + 1);
        if (isIpv6Literal(bareHost)) {
            bareHost = "[" + bareHost + "]";
        }
        String hostPort = port == 0 ? bareHost : bareHost + ":" + port;
        return database == null || database.isEmpty() ? hostPort : hostPort + "/" + database;
    }

    /** {@code ::1}, {@code fe80::1}, {@code ::ffff:10.0.0.1}; not {@code h1:3306,h2:3306} or {@code jdbc:x:y}. */
    private static boolean isIpv6Literal(String host) {
        return host.indexOf(':') >= 0
                && host.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
    }

    public String target() {
        return target;
    }

    /** Statement timings for a connection that opens now; {@link #closeTimings} them when it closes. */
    public synchronized StatementTimings openTimings() {
        StatementTimings timings = new StatementTimings();
        openTimings.add(timings);
        return timings;
    }

    /** Folds a closing connection's timings into the target's totals (once; later calls do nothing). */
    public synchronized void closeTimings(StatementTimings timings) {
        if (openTimings.remove(timings)) {
            closedCount += timings.count();
            closedNanos += timings.totalNanos();
            closedMaxNanos = Math.max(closedMaxNanos, timings.maxNanos());
        }
    }

    @Override
    public void connectionOpened() {
        open.incrementAndGet();
    }

    @Override
    public void connectionClosed() {
        open.decrementAndGet();
    }

    @Override
    public void waitStarted() {
        waiting.incrementAndGet();
    }

    @Override
    public void waitEnded() {
        waiting.decrementAndGet();
    }

    @Override
    public void capacity(int maxConnections) {
        capacity = maxConnections;
    }

    public int openConnections() {
        return open.get();
    }

    public int waitingConnections() {
        return waiting.get();
    }

    public int maxConnections() {
        return capacity;
    }

    public synchronized long statementCount() {
        long count = closedCount;
        for (StatementTimings timings : openTimings) {
            count += timings.count();
        }
        return count;
    }

    public synchronized long statementTotalNanos() {
        long total = closedNanos;
        for (StatementTimings timings : openTimings) {
            total += timings.totalNanos();
        }
        return total;
    }

    /** The longest statement since start. */
    public synchronized long statementMaxNanos() {
        long max = closedMaxNanos;
        for (StatementTimings timings : openTimings) {
            max = Math.max(max, timings.maxNanos());
        }
        return max;
    }
}
