package dev.jdbcguard.driver.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One connection's statement count, total and longest time, for its target's
 * {@link TargetMetrics}. Written only by the connection's thread, with plain arithmetic and
 * opaque stores (a plain {@code mov} on x86: no atomic instruction, no shared cache line between
 * connections); read by metric scrapes with opaque loads, which see each value whole and never
 * going backwards. Made by {@link TargetMetrics#openTimings()}, handed back with
 * {@link TargetMetrics#closeTimings} when the connection closes.
 *
 * <p>Cost of {@link #record}: three field updates, no allocation. A connection used by two threads
 * at once, against JDBC practice, can lose counts; it cannot corrupt them.
 */
public final class StatementTimings {

    private static final VarHandle COUNT;
    private static final VarHandle TOTAL;
    private static final VarHandle MAX;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNT = lookup.findVarHandle(StatementTimings.class, "count", long.class);
            TOTAL = lookup.findVarHandle(StatementTimings.class, "totalNanos", long.class);
            MAX = lookup.findVarHandle(StatementTimings.class, "maxNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through COUNT
    private long count;
    @SuppressWarnings("unused") // through TOTAL
    private long totalNanos;
    @SuppressWarnings("unused") // through MAX
    private long maxNanos;

    StatementTimings() {
    }

    /** One statement execution of {@code nanos} (wall time of the execute call). */
    public void record(long nanos) {
        COUNT.setOpaque(this, (long) COUNT.getOpaque(this) + 1);
        TOTAL.setOpaque(this, (long) TOTAL.getOpaque(this) + nanos);
        if (nanos > (long) MAX.getOpaque(this)) {
            MAX.setOpaque(this, nanos);
        }
    }

    long count() {
        return (long) COUNT.getOpaque(this);
    }

    long totalNanos() {
        return (long) TOTAL.getOpaque(this);
    }

    long maxNanos() {
        return (long) MAX.getOpaque(this);
    }
}
