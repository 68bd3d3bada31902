package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.metrics.ConnectionGauges;
import dev.jdbcguard.Finding.Evidence;
import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.driver.warnings.AppFrames;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.FindingSink;
import dev.jdbcguard.driver.warnings.FindingSink.Stage;
import dev.jdbcguard.driver.warnings.WarningReporter;
import dev.jdbcguard.rules.RuleCatalog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * One connection's places in its gates, from before the target driver connects until the
 * connection is closed, aborted or failed to open. {@link #release()} gives the places back exactly
 * once however often and from whichever threads it is called, so every path (close, double close,
 * abort, failed connect, close after the server died) can simply call it.
 *
 * <p>Obtained from {@link ConnectionGuard#acquire}; call {@link #connected()} once the target
 * connection is open, so the leak and lifetime checks start.
 */
final class Lease {

    private static final String LEAK_LOGGER = WarningReporter.LOGGER_PREFIX + RuleCatalog.CONN_LEAK;

    private static final int ACQUIRED = 0;
    private static final int CONNECTED = 1;
    private static final int RELEASED = 2;

    private final ConnectionGuard owner;
    private final Target target;
    private final ConnectionLimits limits;
    private final ConnectionGate targetGate;
    private final ConnectionGate jvmGate;
    private final long acquiredAtNanos;
    private final Throwable openedAt;
    private final ConnectionGauges gauges;
    private final FindingSink sink;
    private final boolean borrowed;
    /** {@link #ACQUIRED} -> {@link #CONNECTED} -> {@link #RELEASED}, or straight to released on a failed connect. */
    private final AtomicInteger state = new AtomicInteger(ACQUIRED);
    private volatile ScheduledFuture<?> leakCheck;
    private volatile ScheduledFuture<?> lifetimeCheck;

    Lease(ConnectionGuard owner, Target target, ConnectionLimits limits, ConnectionGate targetGate,
          ConnectionGate jvmGate, ConnectionGauges gauges, FindingSink sink, boolean borrowed,
          long acquiredAtNanos) {
        this.sink = sink;
        this.borrowed = borrowed;
        this.gauges = gauges;
        this.owner = owner;
        this.target = target;
        this.limits = limits;
        this.targetGate = targetGate;
        this.jvmGate = jvmGate;
        this.acquiredAtNanos = acquiredAtNanos;
        // Filling in a stack trace costs a few microseconds per connect: paid only when conn.leak is on.
        this.openedAt = limits.leakThreshold() == null ? null : new Throwable("connection to " + target + " opened here");
        if (targetGate != null) {
            targetGate.register(this);
        }
        if (jvmGate != null) {
            jvmGate.register(this);
        }
    }

    /**
     * The target connection is open: counts it (gauges, {@code conn.churn}) and starts the leak and
     * lifetime checks. Only the first call has an effect.
     */
    void connected() throws SQLException {
        if (!state.compareAndSet(ACQUIRED, CONNECTED)) {
            return;
        }
        gauges.connectionOpened();
        owner.opened(this);
        leakCheck = owner.schedule(this, limits.leakThreshold(), this::reportLeak);
        lifetimeCheck = owner.schedule(this, limits.lifetime(), this::reportLifetime);
        if (isReleased()) {
            // Closed while the checks were being scheduled: do not leave them behind.
            cancelChecks();
        }
    }

    /** Gives the places back and stops the checks; only the first call has an effect. */
    void release() {
        int previous = state.getAndSet(RELEASED);
        if (previous == RELEASED) {
            return;
        }
        cancelChecks();
        if (previous == CONNECTED) {
            gauges.connectionClosed();
        }
        if (targetGate != null) {
            targetGate.leave(this);
        }
        if (jvmGate != null) {
            jvmGate.leave(this);
        }
    }

    /** Whether {@link #release()} has run. */
    boolean isReleased() {
        return state.get() == RELEASED;
    }

    Target target() {
        return target;
    }

    /** How long this connection has held its place (from acquire, so connect time counts). */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - acquiredAtNanos);
    }

    long acquiredAtNanos() {
        return acquiredAtNanos;
    }

    FindingSink sink() {
        return sink;
    }

    ConnectionLimits limits() {
        return limits;
    }

    /** Borrowed from a pool the guard wraps: the server connection was opened earlier, by the pool. */
    boolean borrowed() {
        return borrowed;
    }

    private void cancelChecks() {
        cancel(leakCheck);
        cancel(lifetimeCheck);
    }

    private static void cancel(ScheduledFuture<?> check) {
        if (check != null) {
            check.cancel(false);
        }
    }

    /**
     * On the scheduler thread, whose stack says nothing: the line names the first application frame of the opening
     * stack, and the whole opening stack follows on the same logger when it is enabled for WARN.
     */
    private void reportLeak() {
        if (openedByPool()) {
            return;
        }
        String frame = AppFrames.defaults().locate(openedAt.getStackTrace());
        background(Detection.ofConnection(RuleCatalog.CONN_LEAK,
                "connection to " + target + " still open after " + Durations.format(age()) + " (threshold "
                        + Durations.format(limits.leakThreshold()) + ")" + (frame == null ? "" : ", opened at " + frame))
                .hinting("the opening stack trace follows on the logger " + LEAK_LOGGER)
                .measured(new Evidence.Timing(age(), limits.leakThreshold())));
        LoggerFactory.getLogger(LEAK_LOGGER)
                .warn("[jdbc-guard] {}: the connection reported above was opened here", RuleCatalog.CONN_LEAK, openedAt);
    }

    /**
     * A connection a pool opened is held by the pool for its whole life by design; whether the application
     * returns it is the pool's leak detection to judge (HikariCP {@code leakDetectionThreshold}).
     */
    private boolean openedByPool() {
        for (StackTraceElement frame : openedAt.getStackTrace()) {
            if (PoolClasses.isPool(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private void reportLifetime() {
        background(Detection.ofConnection(RuleCatalog.CONN_LIFETIME,
                "connection to " + target + " open for " + Durations.format(age()) + " (threshold "
                        + Durations.format(limits.lifetime()) + ")")
                .measured(new Evidence.Timing(age(), limits.lifetime())));
    }

    /** A report of the scheduler thread: a warning only, nobody waits for an exception there. */
    private void background(Detection detection) {
        try {
            sink.report(detection, Stage.BACKGROUND);
        } catch (SQLException cannotHappen) {
            // a background report only warns
        }
    }
}
