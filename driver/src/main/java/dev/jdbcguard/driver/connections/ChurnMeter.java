package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.connections.ConnectionLimits.ChurnLimit;

/**
 * Counts connection opens to one target in a sliding window: the last {@code opens + 1} open times
 * in a ring, so "more than {@code opens} within {@code window}" is one subtraction. Reports at most
 * once per window, so a storm of opens yields one warning per window, not one per open.
 *
 * <p>Cost: a lock and a few array writes per connect; memory {@code 8 * (opens + 1)} bytes per target.
 */
final class ChurnMeter {

    private final ChurnLimit limit;
    private final long windowNanos;
    private final long[] openTimes;
    private int next;
    private int count;
    private boolean reported;
    private long quietUntil;

    ChurnMeter(ChurnLimit limit) {
        this.limit = limit;
        this.windowNanos = limit.window().toNanos();
        this.openTimes = new long[limit.opens() + 1];
    }

    ChurnLimit limit() {
        return limit;
    }

    /**
     * Records an open at {@code now}; returns the span in nanoseconds in which more than
     * {@code opens} connections were opened when that is within the window and this window has not
     * reported yet, else {@code -1}.
     */
    synchronized long record(long now) {
        openTimes[next] = now;
        next = (next + 1) % openTimes.length;
        if (count < openTimes.length) {
            count++;
            if (count < openTimes.length) {
                return -1;
            }
        }
        long span = now - openTimes[next];
        if (span > windowNanos || (reported && now - quietUntil < 0)) {
            return -1;
        }
        reported = true;
        quietUntil = now + windowNanos;
        return span;
    }
}
