package dev.jdbcguard.driver.metrics;

import java.beans.ConstructorProperties;

/**
 * A snapshot of one target's metrics, as JMX shows it (a {@code CompositeData} row per target).
 * Built on each attribute read; never on the hot path.
 */
public final class TargetStats {

    private final String target;
    private final int openConnections;
    private final int waitingConnections;
    private final int maxConnections;
    private final long statementCount;
    private final long statementTotalNanos;
    private final long statementMaxNanos;

    @ConstructorProperties({"target", "openConnections", "waitingConnections", "maxConnections",
            "statementCount", "statementTotalNanos", "statementMaxNanos"})
    public TargetStats(String target, int openConnections, int waitingConnections, int maxConnections,
                       long statementCount, long statementTotalNanos, long statementMaxNanos) {
        this.target = target;
        this.openConnections = openConnections;
        this.waitingConnections = waitingConnections;
        this.maxConnections = maxConnections;
        this.statementCount = statementCount;
        this.statementTotalNanos = statementTotalNanos;
        this.statementMaxNanos = statementMaxNanos;
    }

    static TargetStats of(TargetMetrics metrics) {
        return new TargetStats(metrics.target(), metrics.openConnections(), metrics.waitingConnections(),
                metrics.maxConnections(), metrics.statementCount(), metrics.statementTotalNanos(),
                metrics.statementMaxNanos());
    }

    public String getTarget() {
        return target;
    }

    public int getOpenConnections() {
        return openConnections;
    }

    public int getWaitingConnections() {
        return waitingConnections;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public long getStatementCount() {
        return statementCount;
    }

    public long getStatementTotalNanos() {
        return statementTotalNanos;
    }

    public long getStatementMaxNanos() {
        return statementMaxNanos;
    }
}
