package dev.jdbcguard.driver.connections;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's places in its gates, from before the target driver connects until the
 * connection is closed, aborted or failed to open. {@link #release()} gives the places back exactly
 * once however often and from whichever threads it is called, so every path (close, double close,
 * abort, failed connect, close after the server died) can simply call it.
 *
 * <p>Obtained from {@link ConnectionGuard#acquire}; call {@link #connected()} once the target
 * connection is open, so the leak and lifetime checks start.
 */
public final class Lease {

    private final ConnectionGuard owner;
    private final Target target;
    private final ConnectionLimits limits;
    private final ConnectionGate targetGate;
    private final ConnectionGate jvmGate;
    private final long acquiredAtNanos;
    private final Throwable openedAt;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile ScheduledFuture<?> leakCheck;
    private volatile ScheduledFuture<?> lifetimeCheck;

    Lease(ConnectionGuard owner, Target target, ConnectionLimits limits, ConnectionGate targetGate,
          ConnectionGate jvmGate, long acquiredAtNanos) {
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

    /** The target connection is open: count it for {@code conn.churn}, start leak and lifetime checks. */
    public void connected() {
        owner.opened(this);
        leakCheck = owner.schedule(this, limits.leakThreshold(), this::reportLeak);
        lifetimeCheck = owner.schedule(this, limits.lifetime(), this::reportLifetime);
        if (released.get()) {
            // Closed while the checks were being scheduled: do not leave them behind.
            cancelChecks();
        }
    }

    /** Gives the places back and stops the checks; only the first call has an effect. */
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        cancelChecks();
        if (targetGate != null) {
            targetGate.leave(this);
        }
        if (jvmGate != null) {
            jvmGate.leave(this);
        }
    }

    /** Whether {@link #release()} has run. */
    public boolean isReleased() {
        return released.get();
    }

    public Target target() {
        return target;
    }

    /** How long this connection has held its place (from acquire, so connect time counts). */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - acquiredAtNanos);
    }

    long acquiredAtNanos() {
        return acquiredAtNanos;
    }

    ConnectionLimits limits() {
        return limits;
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

    private void reportLeak() {
        owner.warn(ConnectionGuard.LEAK, "a connection to " + target + " has been open for "
                + Durations.format(age()) + " (conn.leak threshold " + Durations.format(limits.leakThreshold())
                + ") and is still not closed; a leaked connection holds a server thread and a cap place until the"
                + " JVM exits. Close it (try-with-resources) where it was opened: see the attached stack trace", openedAt);
    }

    private void reportLifetime() {
        owner.warn(ConnectionGuard.LIFETIME, "a connection to " + target + " has been open for "
                + Durations.format(age()) + " (conn.lifetime threshold " + Durations.format(limits.lifetime())
                + "); servers and proxies end old sessions (PlanetScale: after 24 h) and the next statement on it"
                + " fails. Let the pool recycle connections sooner (HikariCP maxLifetime below the threshold)", null);
    }
}
