package dev.jdbcguard.driver.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection gauges and statement timings of one target ({@code host:port/database}).
 *
 * <p>The target name is built from host, port and database only ({@link #describe}): there is no
 * way to put a user or password into a metric tag. Updates are atomic and allocation-free; reads
 * sum the adders and are meant for scrapes, not the hot path.
 */
public final class TargetMetrics implements ConnectionGauges {

    private final String target;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile int capacity;
    private final LongAdder statements = new LongAdder();
    private final LongAdder statementNanos = new LongAdder();
    private final LongAccumulator maxStatementNanos = new LongAccumulator(Math::max, 0);

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

    /** Records one statement execution of {@code nanos} (wall time of the execute call). */
    public void statementExecuted(long nanos) {
        statements.increment();
        statementNanos.add(nanos);
        maxStatementNanos.accumulate(nanos);
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

    public long statementCount() {
        return statements.sum();
    }

    public long statementTotalNanos() {
        return statementNanos.sum();
    }

    /** The longest statement since start. */
    public long statementMaxNanos() {
        return maxStatementNanos.get();
    }
}
