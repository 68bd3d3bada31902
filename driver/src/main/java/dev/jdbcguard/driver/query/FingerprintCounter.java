package dev.jdbcguard.driver.query;

import java.util.Arrays;

/**
 * Counts executions per fingerprint for one connection, without allocating per execution: an
 * open-addressing table (linear probing) whose keys are the classifier's cached fingerprint
 * objects, compared by identity first and {@code equals} second, so an evicted-and-rebuilt
 * fingerprint still counts as the same statement.
 *
 * <p>Each key has its own tumbling window: a count older than the window starts again at one.
 * The table grows by doubling up to {@value #MAX_CAPACITY} distinct fingerprints and is then
 * cleared (losing counts, never failing): a connection that runs that many different statements
 * inside one window is not an N+1 pattern.
 *
 * <p>Not thread-safe, like the connection it belongs to: used by one thread at a time. Concurrent
 * use can miscount but cannot fail, because the arrays are swapped as one object on growth.
 */
final class FingerprintCounter {

    static final int MAX_CAPACITY = 4096;
    /**
     * Small: every open connection holds one counter (8 slots cost 176 bytes, 64 would cost 1,072), and one that runs
     * more distinct statements grows it by doubling.
     */
    private static final int INITIAL_CAPACITY = 8;

    private Slots slots = new Slots(INITIAL_CAPACITY);
    private int size;

    /**
     * Records one execution of {@code key} at {@code nowNanos} and returns its count in the
     * current window. {@code windowNanos <= 0} means no window: counts last until {@link #clear()}.
     */
    int increment(Object key, long nowNanos, long windowNanos) {
        Slots s = slots;
        int mask = s.keys.length - 1;
        for (int i = spread(key.hashCode()) & mask; ; i = (i + 1) & mask) {
            Object k = s.keys[i];
            if (k == null) {
                if ((size + 1) * 4 > s.keys.length * 3) {
                    grow();
                    return increment(key, nowNanos, windowNanos);
                }
                s.keys[i] = key;
                s.counts[i] = 1;
                s.since[i] = nowNanos;
                size++;
                return 1;
            }
            if (k == key || k.equals(key)) {
                if (windowNanos > 0 && nowNanos - s.since[i] > windowNanos) {
                    s.counts[i] = 1;
                    s.since[i] = nowNanos;
                    return 1;
                }
                return ++s.counts[i];
            }
        }
    }

    /** Forgets every count, e.g. when a transaction ends; keeps the arrays, so it does not allocate. */
    void clear() {
        if (size > 0) {
            Arrays.fill(slots.keys, null);
            size = 0;
        }
    }

    private void grow() {
        Slots old = slots;
        if (old.keys.length >= MAX_CAPACITY) {
            slots = new Slots(old.keys.length);
            size = 0;
            return;
        }
        Slots bigger = new Slots(old.keys.length * 2);
        int mask = bigger.keys.length - 1;
        for (int j = 0; j < old.keys.length; j++) {
            Object k = old.keys[j];
            if (k != null) {
                int i = spread(k.hashCode()) & mask;
                while (bigger.keys[i] != null) {
                    i = (i + 1) & mask;
                }
                bigger.keys[i] = k;
                bigger.counts[i] = old.counts[j];
                bigger.since[i] = old.since[j];
            }
        }
        slots = bigger;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The three parallel arrays, replaced together so a reader never mixes two generations. */
    private static final class Slots {
        final Object[] keys;
        final int[] counts;
        final long[] since;

        Slots(int capacity) {
            keys = new Object[capacity];
            counts = new int[capacity];
            since = new long[capacity];
        }
    }
}
