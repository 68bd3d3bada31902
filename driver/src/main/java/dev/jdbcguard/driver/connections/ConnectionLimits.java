package dev.jdbcguard.driver.connections;

import java.time.Duration;
import java.util.Objects;

/**
 * The connection rules' settings for one target, read from the rule set at connect time.
 *
 * @param max           {@code conn.cap}: connections open at once to the target; {@code 0} = no cap
 * @param maxWait        {@code conn.cap}: how long a caller at the cap waits (fairly, first come first
 *                      served) before {@code SQLTransientConnectionException}; {@code ZERO} = fail at once
 * @param perJvmMax     {@code conn.cap}: connections open at once through this engine to all targets;
 *                      {@code 0} = no JVM-wide cap. Fixed by the first connect that sets it.
 * @param leakThreshold {@code conn.leak}: warn once, with the opening stack trace, for a connection
 *                      still open after this long; {@code null} = off (and no stack is captured)
 * @param churn         {@code conn.churn}: warn when connections open faster than this; {@code null} = off
 * @param lifetime      {@code conn.lifetime}: warn once for a connection open longer than this
 *                      (PlanetScale may end connections older than 24 h); {@code null} = off
 */
public record ConnectionLimits(int max, Duration maxWait, int perJvmMax, Duration leakThreshold, ChurnLimit churn,
                               Duration lifetime) {

    /** No cap, no checks: what a target gets when every connection rule is off. */
    public static final ConnectionLimits NONE = new ConnectionLimits(0, Duration.ZERO, 0, null, null, null);

    public ConnectionLimits {
        Objects.requireNonNull(maxWait, "maxWait");
        if (max < 0 || perJvmMax < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("max, perJvmMax and maxWait must not be negative: " + max + ", "
                    + perJvmMax + ", " + maxWait);
        }
        requirePositive(leakThreshold, "leakThreshold");
        requirePositive(lifetime, "lifetime");
    }

    private static void requirePositive(Duration d, String name) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(name + " must be positive or null (off): " + d);
        }
    }

    /**
     * {@code conn.churn}'s rate: more than {@code opens} connections opened to one target within any
     * {@code window}. "20 per second sustained over 10 s" is {@code new ChurnLimit(200, 10 s)}: a pool
     * warming up opens its few connections once and stays under it; opening one per request does not.
     */
    public record ChurnLimit(int opens, Duration window) {
        public ChurnLimit {
            Objects.requireNonNull(window, "window");
            if (opens < 1 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("churn needs opens >= 1 and a positive window: " + opens + " per "
                        + window);
            }
        }
    }
}
