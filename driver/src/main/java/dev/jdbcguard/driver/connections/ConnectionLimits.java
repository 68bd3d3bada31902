package dev.jdbcguard.driver.connections;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;
import java.time.Duration;
import java.util.Objects;

/**
 * The connection rules' settings, read from the rule set at connect time.
 *
 * @param cap           {@code conn.cap}'s action: {@code block} waits and then refuses, {@code warn}
 *                      reports a connect over the cap and lets it through, {@code off} counts nothing
 * @param max           {@code conn.cap}: connections open at once per target; {@code 0} = no cap
 * @param maxWait       {@code conn.cap wait}: how long a caller at the cap waits (fairly, first come
 *                      first served) before {@code SQLTransientConnectionException}; {@code ZERO} = not at all
 * @param perJvmMax     {@code conn.cap max-total}: connections open at once through this engine to all
 *                      targets; {@code 0} = no JVM-wide cap
 * @param leakThreshold {@code conn.leak}: warn once, with the opening stack trace, for a connection
 *                      still open after this long, unless a connection pool opened it (the pool holds
 *                      it by design); {@code null} = off (and no stack is captured)
 * @param churn         {@code conn.churn}: warn when connections open faster than this; {@code null} = off
 * @param lifetime      {@code conn.lifetime}: warn once for a connection open longer than this; {@code null} = off
 */
record ConnectionLimits(Action cap, int max, Duration maxWait, int perJvmMax, Duration leakThreshold,
                               ChurnLimit churn, Duration lifetime) {

    /** No cap, no checks: what a connect gets when every connection rule is off. */
    static final ConnectionLimits NONE = new ConnectionLimits(Action.OFF, 0, Duration.ZERO, 0, null, null, null);

    ConnectionLimits {
        Objects.requireNonNull(cap, "cap");
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

    /** {@code conn.cap}, {@code conn.leak}, {@code conn.churn} and {@code conn.lifetime} as the rule set has them. */
    static ConnectionLimits from(RuleSet rules) {
        RuleConfig cap = rules.rule(RuleCatalog.CONN_CAP);
        RuleConfig leak = rules.rule(RuleCatalog.CONN_LEAK);
        RuleConfig churn = rules.rule(RuleCatalog.CONN_CHURN);
        RuleConfig lifetime = rules.rule(RuleCatalog.CONN_LIFETIME);
        boolean capped = cap.action() != Action.OFF;
        return new ConnectionLimits(cap.action(), capped ? Math.toIntExact(cap.count("max")) : 0,
                capped ? cap.duration("wait") : Duration.ZERO, capped ? Math.toIntExact(cap.count("max-total")) : 0,
                leak.action() != Action.OFF ? leak.duration("threshold") : null,
                churn.action() != Action.OFF ? new ChurnLimit(Math.toIntExact(churn.count("max-opens")), churn.duration("window")) : null,
                lifetime.action() != Action.OFF ? lifetime.duration("threshold") : null);
    }

    /**
     * {@code conn.churn}'s rate: more than {@code opens} connections opened to one target within any
     * {@code window}. "20 per second sustained over 10 s" is {@code new ChurnLimit(200, 10 s)}: a pool
     * warming up opens its few connections once and stays under it; opening one per request does not.
     */
    record ChurnLimit(int opens, Duration window) {
        public ChurnLimit {
            Objects.requireNonNull(window, "window");
            if (opens < 1 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("churn needs opens >= 1 and a positive window: " + opens + " per "
                        + window);
            }
        }
    }
}
