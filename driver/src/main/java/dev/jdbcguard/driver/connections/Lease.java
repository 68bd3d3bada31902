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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.LoggerFactory;

/**
 * One connection's places in its gates, from before the target driver connects until the
 * connection is closed, aborted or failed to open. {@link #release()} gives the places back exactly
 * once however often and from whichever threads it is called, so every path (close, double close,
 * abort, failed connect, close after the server died) can simply call it.
 *
 * <p>Obtained from {@link ConnectionGuard#acquire}; call {@link #connected()} once the target
 * connection is open, so the leak and lifetime checks start. Both run as one scheduled task (this lease is the
 * task, as a {@link Callable}, so no adapter object is kept per connection): it runs at the earlier of the two
 * thresholds, measured from acquire as {@link #age()} is, and schedules itself again for the later one.
 */
final class Lease implements Callable<Void> {

    private static final String LEAK_LOGGER = WarningReporter.LOGGER_PREFIX + RuleCatalog.CONN_LEAK;

    private static final int ACQUIRED = 0;
    private static final int CONNECTED = 1;
    private static final int RELEASED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Lease.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConnectionGuard owner;
    private final Target target;
    private final ConnectionLimits limits;
    private final ConnectionGate targetGate;
    private final ConnectionGate jvmGate;
    private final long acquiredAtNanos;
    /** Where the connection was opened, for {@code conn.leak}; null when the rule is off or a pool opened it. */
    private final OpeningSites.Site openedAt;
    private final ConnectionGauges gauges;
    private final FindingSink sink;
    private final boolean borrowed;
    /**
     * {@link #ACQUIRED} -> {@link #CONNECTED} -> {@link #RELEASED}, or straight to released on a failed connect; through
     * {@link #STATE} (an {@code AtomicInteger} would be another object per connection).
     */
    @SuppressWarnings("unused")
    private volatile int state = ACQUIRED;
    /** The leak or lifetime check scheduled next, or null. */
    private volatile ScheduledFuture<?> check;
    /** The age up to which the checks have run: thresholds at or below it are reported. The check's thread only. */
    private long checkedNanos;

    Lease(ConnectionGuard owner, Target target, ConnectionLimits limits, ConnectionGate targetGate,
          ConnectionGate jvmGate, OpeningSites.Site openedAt, ConnectionGauges gauges, FindingSink sink,
          boolean borrowed, long acquiredAtNanos) {
        this.sink = sink;
        this.borrowed = borrowed;
        this.gauges = gauges;
        this.owner = owner;
        this.target = target;
        this.limits = limits;
        this.targetGate = targetGate;
        this.jvmGate = jvmGate;
        this.openedAt = openedAt;
        this.acquiredAtNanos = acquiredAtNanos;
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
        if (!STATE.compareAndSet(this, ACQUIRED, CONNECTED)) {
            return;
        }
        gauges.connectionOpened();
        owner.opened(this);
        scheduleNextCheck(age().toNanos());
    }

    /** Gives the places back and stops the checks; only the first call has an effect. */
    void release() {
        int previous = (int) STATE.getAndSet(this, RELEASED);
        if (previous == RELEASED) {
            return;
        }
        cancel(check);
        if (openedAt != null) {
            owner.closed(openedAt);
        }
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
        return state == RELEASED;
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

    /**
     * The scheduled check, on the scheduler thread: reports each threshold the connection's age has passed since the
     * last run (both when they are equal), then schedules the next.
     */
    @Override
    public Void call() {
        if (isReleased()) {
            return null;
        }
        long age = age().toNanos();
        if (due(leakNanos(), age)) {
            reportLeak();
        }
        if (due(lifetimeNanos(), age)) {
            reportLifetime();
        }
        checkedNanos = age;
        scheduleNextCheck(age);
        return null;
    }

    private boolean due(long thresholdNanos, long age) {
        return thresholdNanos > checkedNanos && thresholdNanos <= age;
    }

    /** Schedules the check for the nearest threshold not yet checked, if any (at once when it has passed). */
    private void scheduleNextCheck(long age) {
        long next = Math.min(after(leakNanos()), after(lifetimeNanos()));
        if (next == Long.MAX_VALUE) {
            return;
        }
        ScheduledFuture<?> scheduled = owner.schedule(this, Math.max(0, next - age));
        check = scheduled;
        if (isReleased()) {
            // Closed while the check was being scheduled: release() may have cancelled the previous one only.
            cancel(scheduled);
        }
    }

    /** {@code thresholdNanos} when it is still to be checked, else {@code Long.MAX_VALUE}. */
    private long after(long thresholdNanos) {
        return thresholdNanos > checkedNanos ? thresholdNanos : Long.MAX_VALUE;
    }

    /** {@code conn.leak}'s threshold, or 0 when this connection is not checked for leaks. */
    private long leakNanos() {
        return openedAt == null ? 0 : limits.leakThreshold().toNanos();
    }

    /** {@code conn.lifetime}'s threshold, or 0 when it is off. */
    private long lifetimeNanos() {
        return limits.lifetime() == null ? 0 : limits.lifetime().toNanos();
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
        Throwable stack = openedAt.stack();
        String frame = AppFrames.defaults().locate(stack.getStackTrace());
        background(Detection.ofConnection(RuleCatalog.CONN_LEAK,
                "connection to " + target + " still open after " + Durations.format(age()) + " (threshold "
                        + Durations.format(limits.leakThreshold()) + ")" + (frame == null ? "" : ", opened at " + frame))
                .hinting("the opening stack trace follows on the logger " + LEAK_LOGGER)
                .measured(new Evidence.Timing(age(), limits.leakThreshold())));
        LoggerFactory.getLogger(LEAK_LOGGER)
                .warn("[jdbc-guard] {}: the connection reported above was opened here", RuleCatalog.CONN_LEAK, stack);
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
