package dev.jdbcguard.benchmarks.e2e;

import java.util.Arrays;
import java.util.function.LongBinaryOperator;

/**
 * One benchmark thread's schedule and stopwatch for paired cycles: every operation runs one cycle through each
 * {@link Target}, back to back, in an order that swaps from one operation to the next (RAW then GUARD, then GUARD
 * then RAW, ...), and this class charges each cycle's duration to its target. The two targets thus share every
 * moment of the machine's load, the server's state and the JIT's code, microseconds apart; swapping the order
 * cancels whatever the second cycle of a pair pays or saves because of the first.
 *
 * <p>Besides the wall-clock totals (whose ratio is the throughput ratio) it keeps the benchmark thread's CPU time
 * per target, which waiting for a CPU does not inflate (other processes still slow it through the caches): their
 * difference is what the guard costs the client in CPU per cycle, measurable on a busy machine. It also keeps the durations of the first
 * {@link #SAMPLES} pairs of an iteration for medians: a cycle that waited milliseconds for a CPU taken by another
 * process moves a total a lot and a median not at all, so the medians show what a cycle typically costs on a busy
 * machine, the totals what it costs on average, stalls included. Not thread-safe: one per benchmark thread. Costs
 * two array stores, two additions and a flip per operation; the clock reads are the caller's; medians sort a copy
 * and are meant to be read once per iteration, after it.
 */
final class Interleaving {

    /** Pairs per iteration kept for the medians (a 150 us cycle fills this in 80 s; an iteration lasts seconds). */
    static final int SAMPLES = 1 << 19;

    private final long[] rawSamples = new long[SAMPLES];
    private final long[] guardSamples = new long[SAMPLES];
    private boolean rawFirst = true;
    private long rawNanos;
    private long guardNanos;
    private long rawCpuNanos;
    private long guardCpuNanos;
    private long pairs;

    /** The target of the operation's first cycle. */
    Target first() {
        return rawFirst ? Target.RAW : Target.GUARD;
    }

    /** The target of the operation's second cycle. */
    Target second() {
        return rawFirst ? Target.GUARD : Target.RAW;
    }

    /**
     * Records one operation from three clock readings ({@link System#nanoTime()}): before the first cycle, between
     * the cycles, after the second; then swaps the order for the next operation.
     */
    void completed(long start, long between, long end) {
        long raw = rawFirst ? between - start : end - between;
        long guard = rawFirst ? end - between : between - start;
        rawNanos += raw;
        guardNanos += guard;
        if (pairs < SAMPLES) {
            rawSamples[(int) pairs] = raw;
            guardSamples[(int) pairs] = guard;
        }
        pairs++;
        rawFirst = !rawFirst;
    }

    /**
     * Charges the pair about to be {@link #completed} with the calling thread's CPU time from three readings of its
     * CPU clock taken at the same three points: what each cycle cost this JVM in CPU, whoever else was running.
     * Call before {@link #completed}, which swaps the order.
     */
    void cpu(long start, long between, long end) {
        rawCpuNanos += rawFirst ? between - start : end - between;
        guardCpuNanos += rawFirst ? end - between : between - start;
    }

    /** Forgets the iteration's durations (at the start of a JMH iteration); the order carries on. */
    void reset() {
        rawNanos = 0;
        guardNanos = 0;
        rawCpuNanos = 0;
        guardCpuNanos = 0;
        pairs = 0;
    }

    long rawNanos() {
        return rawNanos;
    }

    long guardNanos() {
        return guardNanos;
    }

    long rawCpuNanos() {
        return rawCpuNanos;
    }

    long guardCpuNanos() {
        return guardCpuNanos;
    }

    long pairs() {
        return pairs;
    }

    /** The median duration of this iteration's RAW cycles (0 before the first pair). */
    long rawMedianNanos() {
        return median((raw, guard) -> raw);
    }

    /** The median duration of this iteration's GUARD cycles (0 before the first pair). */
    long guardMedianNanos() {
        return median((raw, guard) -> guard);
    }

    /**
     * The median over this iteration's pairs of GUARD's minus RAW's duration: the paired estimate of what the guard
     * adds to a typical cycle, less disturbed by the machine than the difference of the two medians.
     */
    long medianDifferenceNanos() {
        return median((raw, guard) -> guard - raw);
    }

    private long median(LongBinaryOperator ofPair) {
        int n = (int) Math.min(pairs, SAMPLES);
        if (n == 0) {
            return 0;
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = ofPair.applyAsLong(rawSamples[i], guardSamples[i]);
        }
        Arrays.sort(values);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
