package dev.jdbcguard.junit;

import dev.jdbcguard.GuardListeners;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a test's end waits for the plans its statements asked for. The first execution of a statement shape
 * runs while the guard EXPLAINs it in the background (unless {@code query.unindexed} blocks, where it waits up to
 * 2 s before running); the finding of a full scan then comes from the EXPLAIN thread, and waiting for it is what
 * fails the test that ran the scan on that first execution. The wait ends as soon as no plan is pending: a test
 * whose statements' plans are all known waits not at all.
 */
final class PlanWait {

    /** Configuration parameter: the longest wait, e.g. {@code 5s} or {@code 500ms}; {@code 0s} does not wait. */
    static final String PARAMETER = "jdbcguard.junit.plan-wait";
    static final Duration DEFAULT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(JdbcGuardExtension.LOGGER);

    private PlanWait() {
    }

    /** {@code 5s}, {@code 500ms}. @throws IllegalArgumentException naming the parameter */
    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1).trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("configuration parameter " + PARAMETER + ": '" + text
                + "' is not a duration such as 5s or 500ms");
    }

    /** Waits up to {@code limit} for the pending plans; says so when some are still pending then. */
    static void await(Duration limit, String test) {
        try {
            if (!limit.isZero() && !GuardListeners.awaitBackgroundChecks(limit)) {
                LOG.info("[jdbc-guard] {}: a statement's plan was still pending after {} ms ({}); a full scan it"
                        + " shows is not judged for this test", test, limit.toMillis(), PARAMETER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
