package dev.jdbcguard.driver.query;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits behind the runtime rules. A zero (or zero duration) switches that check off, so a
 * rule whose action is {@code off} costs nothing.
 *
 * @param slow           {@code query.slow}: a statement taking longer than this (execution until the
 *                       driver returned, result rows not included)
 * @param maxRows        {@code query.large-result}: more rows than this read from one result set
 *                       (PlanetScale refuses results over 100,000 rows)
 * @param nPlusOneCount  {@code query.n-plus-one}: the same fingerprint executed more than this many
 *                       times in one transaction, or in one {@code nPlusOneWindow} on one connection
 *                       outside transactions
 * @param nPlusOneWindow the window for autocommit statements; zero counts only inside transactions
 * @param txMax          {@code tx.long}: a transaction open longer than this (PlanetScale kills at 20 s)
 */
record Thresholds(Duration slow, long maxRows, int nPlusOneCount, Duration nPlusOneWindow, Duration txMax) {

    Thresholds {
        requireNotNegative(slow, "slow");
        requireNotNegative(nPlusOneWindow, "nPlusOneWindow");
        requireNotNegative(txMax, "txMax");
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0 (0 = off), was " + maxRows);
        }
        if (nPlusOneCount < 0) {
            throw new IllegalArgumentException("nPlusOneCount must be >= 0 (0 = off), was " + nPlusOneCount);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0 (0 = off), was " + value);
        }
    }
}
