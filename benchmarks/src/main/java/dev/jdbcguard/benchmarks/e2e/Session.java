package dev.jdbcguard.benchmarks.e2e;

import dev.jdbcguard.benchmarks.Cycles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One benchmark thread's two connections to the {@link LoopbackServer}, a raw one and a guarded one (or two raw
 * ones in a control run, see {@link #against}), both open for the whole fork; its {@link Interleaving}, whose
 * totals and medians JMH reports as counters (public methods returning {@code long}, summed over the threads);
 * and the inputs of its cycles. Each thread writes only the rows it owns, so concurrent threads never wait on each
 * other's row locks; its two connections take turns on those rows, never at the same time.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Session {

    /**
     * What the guard's place in each pair gets: {@code GUARD}, or {@code RAW} for a control run that interleaves two
     * raw connections and must find no difference (any it finds is the method's own bias or noise).
     */
    @Param("GUARD")
    Target against;

    private final Interleaving interleaving = new Interleaving();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // The current pair's clock readings. The CPU clock costs a system call: the pair's outer wall readings are
    // taken inside the outer CPU readings, and the one CPU reading between the cycles lands in the second cycle's
    // wall time, which the swapping order gives to each target half of the time.
    private long cpuStart;
    private long wallStart;
    private long wallBetween;
    private long cpuBetween;
    private Connection raw;
    private Connection guard;
    long firstId;
    String lookupSql;
    /** Makes {@link Cycles#executeNewText}'s text new at every cycle. */
    long serial;
    // Inputs live in non-final fields so the JIT cannot fold them into constants.
    String name = "renamed";
    int balance = 7;

    @Setup(Level.Trial)
    public void open(LoopbackServer server, ThreadParams thread) throws SQLException {
        if (thread.getThreadIndex() >= LoopbackServer.MAX_THREADS) {
            throw new IllegalStateException("at most " + LoopbackServer.MAX_THREADS + " threads have rows of their own");
        }
        firstId = 1 + (long) thread.getThreadIndex() * Cycles.ROWS_PER_THREAD;
        lookupSql = Cycles.lookupSql(firstId);
        raw = Target.RAW.connect(server);
        guard = against.connect(server);
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        interleaving.reset();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try {
            raw.close();
        } finally {
            guard.close();
        }
    }

    /** The connection for the first cycle of the next pair. */
    Connection first() {
        return connection(interleaving.first());
    }

    /** The connection for the second cycle of the next pair. */
    Connection second() {
        return connection(interleaving.second());
    }

    /** Takes the clock readings before a pair's first cycle. */
    void startPair() {
        cpuStart = threads.getCurrentThreadCpuTime();
        wallStart = System.nanoTime();
    }

    /** Takes the clock readings between a pair's two cycles. */
    void betweenCycles() {
        wallBetween = System.nanoTime();
        cpuBetween = threads.getCurrentThreadCpuTime();
    }

    /** Takes the clock readings after a pair's second cycle and charges each cycle to its target. */
    void endPair() {
        long wallEnd = System.nanoTime();
        interleaving.cpu(cpuStart, cpuBetween, threads.getCurrentThreadCpuTime());
        interleaving.completed(wallStart, wallBetween, wallEnd);
    }

    private Connection connection(Target target) {
        return target == Target.RAW ? raw : guard;
    }

    /** A JMH counter: nanoseconds in RAW cycles this iteration. */
    public long rawNanos() {
        return interleaving.rawNanos();
    }

    /** A JMH counter: nanoseconds in GUARD cycles this iteration. */
    public long guardNanos() {
        return interleaving.guardNanos();
    }

    /** A JMH counter: this thread's CPU nanoseconds in RAW cycles this iteration. */
    public long rawCpuNanos() {
        return interleaving.rawCpuNanos();
    }

    /** A JMH counter: this thread's CPU nanoseconds in GUARD cycles this iteration. */
    public long guardCpuNanos() {
        return interleaving.guardCpuNanos();
    }

    /** A JMH counter: the median RAW cycle this iteration, in nanoseconds. */
    public long rawMedianNanos() {
        return interleaving.rawMedianNanos();
    }

    /** A JMH counter: the median GUARD cycle this iteration, in nanoseconds. */
    public long guardMedianNanos() {
        return interleaving.guardMedianNanos();
    }

    /** A JMH counter: the median over this iteration's pairs of GUARD minus RAW, in nanoseconds. */
    public long medianDifferenceNanos() {
        return interleaving.medianDifferenceNanos();
    }

    /** A JMH counter: operations (one cycle of each target) this iteration. */
    public long pairs() {
        return interleaving.pairs();
    }
}
