package dev.jdbcguard.driver.query;

import dev.jdbcguard.driver.plan.Detect;
import dev.jdbcguard.driver.plan.UnindexedSettings;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Param;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the query checks need from one {@link RuleSet}, read once per rule set (not per statement).
 *
 * @param thresholds       limits of query.slow, query.large-result, query.n-plus-one and tx.long; zero where
 *                         the rule is off
 * @param unindexed        parameters of query.unindexed (its {@code detect} also serves query.bad-index)
 * @param unindexedEnabled whether query.unindexed or query.bad-index is on at all
 */
record QueryCheckSettings(Thresholds thresholds, UnindexedSettings unindexed, boolean unindexedEnabled) {

    /**
     * How long the first execution of a new fingerprint waits for its EXPLAIN when query.unindexed
     * blocks: long enough for a loopback or same-region EXPLAIN, short enough not to hang a request.
     */
    static final Duration PLAN_WAIT_WHEN_BLOCKING = Duration.ofSeconds(2);

    static QueryCheckSettings from(RuleSet rules) {
        RuleConfig slow = rules.rule(RuleCatalog.QUERY_SLOW);
        RuleConfig largeResult = rules.rule(RuleCatalog.QUERY_LARGE_RESULT);
        RuleConfig nPlusOne = rules.rule(RuleCatalog.QUERY_N_PLUS_ONE);
        RuleConfig txLong = rules.rule(RuleCatalog.TX_LONG);
        boolean nPlusOneOn = nPlusOne.action() != Action.OFF;
        Thresholds thresholds = new Thresholds(
                slow.action() == Action.OFF ? Duration.ZERO : slow.duration("threshold"),
                largeResult.action() == Action.OFF ? 0 : largeResult.count("max-rows"),
                nPlusOneOn ? (int) Math.min(Integer.MAX_VALUE - 1, nPlusOne.count("max-repeats")) : 0,
                nPlusOneOn ? nPlusOne.duration("window") : Duration.ZERO,
                txLong.action() == Action.OFF ? Duration.ZERO : txLong.duration("threshold"));

        RuleConfig unindexed = rules.rule(RuleCatalog.QUERY_UNINDEXED);
        RuleConfig badIndex = rules.rule(RuleCatalog.QUERY_BAD_INDEX);
        UnindexedSettings settings = new UnindexedSettings(
                Detect.parse(unindexed.choice("detect")),
                unindexed.count("min-rows"),
                ignoredTables(unindexed),
                unindexed.action() == Action.BLOCK ? PLAN_WAIT_WHEN_BLOCKING : Duration.ZERO);
        return new QueryCheckSettings(thresholds, settings, unindexed.enabled() || badIndex.enabled());
    }

    /** {@code ignore-tables} plus the tables whose {@code tables:} entry turns the rule off. */
    private static Set<String> ignoredTables(RuleConfig rule) {
        Set<String> ignored = new HashSet<>(rule.tables(Param.IGNORE_TABLES));
        for (Map.Entry<String, Action> entry : rule.tableOverrides().entrySet()) {
            if (entry.getValue() == Action.OFF) {
                ignored.add(entry.getKey());
            }
        }
        return ignored;
    }
}
