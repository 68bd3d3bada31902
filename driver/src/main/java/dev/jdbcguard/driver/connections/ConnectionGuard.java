package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.metrics.ConnectionGauges;
import dev.jdbcguard.Finding.Evidence;
import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.FindingSink;
import dev.jdbcguard.driver.warnings.FindingSink.Stage;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleCatalog;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The connection rules of one driver instance: {@code conn.cap} (a fair gate per {@link Target}
 * and optionally one for all targets), {@code conn.churn}, {@code conn.leak} and
 * {@code conn.lifetime}. Holds no static state: each engine owns its gates and its one scheduler.
 *
 * <p>Use: {@link #acquire} before the target driver connects (it may wait, or throw
 * {@link SQLTransientConnectionException}); on success {@link Lease#connected()}; on a failed
 * connect, close or abort {@link Lease#release()}.
 *
 * <p>Threads: leak and lifetime checks run on a single daemon thread, {@code jdbc-guard-connections},
 * started on first use; each open connection has at most one scheduled task at a time (its {@link Lease}), cancelled
 * (and removed from the queue) when it closes. {@link #close()} stops the thread.
 */
final class ConnectionGuard implements AutoCloseable {

    /** SQLState class 08 "connection exception", 08001 "client unable to establish connection". */
    static final String SQL_STATE = "08001";
    private static final String JVM_SCOPE = "all targets through jdbc-guard in this JVM";

    private final ConcurrentMap<Target, ConnectionGate> gates = new ConcurrentHashMap<>();
    private final ConcurrentMap<Target, ChurnMeter> churn = new ConcurrentHashMap<>();
    private final OpeningSites sites = new OpeningSites();
    private final ScheduledThreadPoolExecutor scheduler;
    private volatile ConnectionGate jvmGate;

    ConnectionGuard() {
        this.scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "jdbc-guard-connections");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Takes a place for one connection to {@code target}: waits fairly up to {@code limits.maxWait()}
     * when the target's cap (or the JVM-wide cap) is reached.
     *
     * @param borrowed  the connection is borrowed from a pool the guard wraps, so {@code conn.churn} does not count it
     * @param observing observe mode: a full gate under {@code block} lets the connect through at once, as {@code warn}
     *                  does, and the finding says it would have waited and been refused
     * @throws SQLTransientConnectionException when no place freed up in time (SQLState 08001),
     *         naming the cap, the holders' count and the longest-held connection's age; or when the
     *         waiting thread was interrupted (its interrupt flag is kept)
     */
    Lease acquire(Target target, ConnectionLimits limits, ConnectionGauges gauges, FindingSink sink,
                         boolean borrowed, boolean observing)
            throws SQLException {
        long start = System.nanoTime();
        long deadline = start + limits.maxWait().toNanos();
        boolean capped = limits.cap() != Action.OFF;
        gauges.capacity(capped ? limits.max() : 0);
        ConnectionGate targetGate = capped && limits.max() > 0 ? gateFor(target, limits.max()) : null;
        ConnectionGate jvm = capped && limits.perJvmMax() > 0 ? jvmGate(limits.perJvmMax()) : null;
        try {
            targetGate = enter(targetGate, deadline, start, limits, observing, gauges, sink);
            try {
                jvm = enter(jvm, deadline, start, limits, observing, gauges, sink);
            } catch (SQLException | RuntimeException | InterruptedException e) {
                if (targetGate != null) {
                    targetGate.leave(null);
                }
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("[jdbc-guard] " + RuleCatalog.CONN_CAP
                    + ": interrupted while waiting to connect to " + target, SQL_STATE, e);
        }
        // Walking the stack costs a few microseconds per connect: paid only when conn.leak is on.
        OpeningSites.Site openedAt = limits.leakThreshold() == null ? null : sites.opening(target);
        return new Lease(this, target, limits, targetGate, jvm, openedAt, gauges, sink, borrowed, System.nanoTime());
    }

    /**
     * Enters {@code gate}, waiting under {@code block}; returns the gate entered, or {@code null} when
     * there is none or {@code warn} lets this connect past a full gate (it then holds no place in it), as does
     * a {@code block} the funnel does not apply (the rules were reloaded while this connect waited).
     */
    private ConnectionGate enter(ConnectionGate gate, long deadline, long start, ConnectionLimits limits, boolean observing,
                                 ConnectionGauges gauges, FindingSink sink)
            throws InterruptedException, SQLException {
        if (gate == null || gate.tryEnter(0)) {
            return gate;
        }
        if (limits.cap() == Action.WARN || observing) {
            sink.report(capFinding(gate, observing ? "; this one is let through at once because of observe mode"
                    : "; this one is let through because conn.cap is warn"), Stage.BEFORE);
            return null;
        }
        boolean entered;
        gauges.waitStarted();
        try {
            entered = gate.tryEnter(deadline - System.nanoTime());
        } finally {
            gauges.waitEnded();
        }
        if (!entered) {
            try {
                sink.report(capFinding(gate, ", none closed within the "
                        + Durations.format(Duration.ofNanos(System.nanoTime() - start)) + " waited"), Stage.BEFORE);
            } catch (GuardViolationException refusal) {
                throw new SQLTransientConnectionException(refusal.getMessage(), SQL_STATE); // a connect, not a statement
            }
            return null;
        }
        return gate;
    }

    private static Detection capFinding(ConnectionGate gate, String outcome) {
        return Detection.ofConnection(RuleCatalog.CONN_CAP,
                gate.holders() + " connections open to " + gate.scope() + " (cap " + gate.max() + ")" + outcome
                        + "; the longest has been open "
                        + Durations.format(Duration.ofNanos(gate.longestHeldNanos(System.nanoTime()))))
                .hinting("conn.leak finds the connections that are never closed")
                .measured(new Evidence.Connections(gate.holders(), gate.max()));
    }

    private ConnectionGate gateFor(Target target, int max) {
        ConnectionGate gate = gates.computeIfAbsent(target, t -> new ConnectionGate(t.toString(), max));
        if (gate.max() != max) {
            gate.resize(max);
        }
        return gate;
    }

    private ConnectionGate jvmGate(int max) {
        ConnectionGate gate = jvmGate;
        if (gate == null) {
            synchronized (this) {
                gate = jvmGate;
                if (gate == null) {
                    gate = new ConnectionGate(JVM_SCOPE, max);
                    jvmGate = gate;
                }
            }
        }
        if (gate.max() != max) {
            gate.resize(max);
        }
        return gate;
    }

    /** Connections to {@code target} holding a place under its cap (0 when it has no cap). */
    int open(Target target) {
        ConnectionGate gate = gates.get(target);
        return gate == null ? 0 : gate.holders();
    }

    /** Callers waiting at {@code target}'s cap (an estimate). */
    int waiting(Target target) {
        ConnectionGate gate = gates.get(target);
        return gate == null ? 0 : gate.waiting();
    }

    /** Counts a successful open for {@code conn.churn}; warns when the target's rate is exceeded (never blocks). */
    void opened(Lease lease) throws SQLException {
        ConnectionLimits.ChurnLimit limit = lease.limits().churn();
        if (limit == null || lease.borrowed()) {
            return;
        }
        ChurnMeter meter = churn.compute(lease.target(),
                (t, current) -> current != null && current.limit().equals(limit) ? current : new ChurnMeter(limit));
        long span = meter.record(System.nanoTime());
        if (span >= 0) {
            lease.sink().report(Detection.ofConnection(RuleCatalog.CONN_CHURN,
                    (limit.opens() + 1) + " connections to " + lease.target() + " opened within "
                            + Durations.format(Duration.ofNanos(span)) + " (allowed: " + limit.opens() + " per "
                            + Durations.format(limit.window()) + ")")
                    .measured(new Evidence.Repeats(limit.opens() + 1, Duration.ofNanos(span))),
                    Stage.BACKGROUND); // a warning only: refusing an open connection would only open another
        }
    }

    /** Runs {@code lease}'s checks after {@code delayNanos}; null once the engine is closed. */
    ScheduledFuture<?> schedule(Lease lease, long delayNanos) {
        try {
            return scheduler.schedule(lease, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            return null; // the engine is closed: its driver is going away, no checks wanted
        }
    }

    /** A connection opened at {@code site} closed. */
    void closed(OpeningSites.Site site) {
        sites.closed(site);
    }

    /** Opening stacks shared by open connections now. */
    int sharedSites() {
        return sites.size();
    }

    /** Stops the checks' thread; open leases still release normally. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
