package dev.jdbcguard.rules.report;

/**
 * Durations in log-scale buckets, four per doubling from 1 µs (so a percentile read from it is within 19% of the
 * true value, and never above the largest duration seen): 161 ints whatever the number of calls. Not thread-safe.
 */
final class LatencyHistogram {

    private static final int PER_DOUBLING = 4;
    private static final int DOUBLINGS = 40; // 1 µs to ~12 days
    private final int[] counts = new int[1 + DOUBLINGS * PER_DOUBLING];
    private long total;
    private long max;

    void record(long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        counts[index(micros)]++;
        total++;
        max = Math.max(max, nanos);
    }

    private static int index(long micros) {
        if (micros == 0) {
            return 0;
        }
        int doubling = 63 - Long.numberOfLeadingZeros(micros);
        if (doubling >= DOUBLINGS) {
            return DOUBLINGS * PER_DOUBLING;
        }
        int quarter = (int) (((micros - (1L << doubling)) * PER_DOUBLING) >> doubling);
        return 1 + doubling * PER_DOUBLING + quarter;
    }

    /** The upper edge of bucket {@code index}, in nanoseconds. */
    private static long upperNanos(int index) {
        if (index == 0) {
            return 1_000;
        }
        int doubling = (index - 1) / PER_DOUBLING;
        int quarter = (index - 1) % PER_DOUBLING;
        return (1L << doubling) * (PER_DOUBLING + quarter + 1) * 1_000 / PER_DOUBLING;
    }

    /** The {@code fraction} (0..1) percentile, in nanoseconds; 0 when nothing was recorded. */
    long percentile(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperNanos(i), max);
            }
        }
        return max;
    }
}
