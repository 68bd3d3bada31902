package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.plan.Detect;
import dev.jdbcguard.driver.plan.UnindexedSettings;
import dev.jdbcguard.driver.runtime.Thresholds;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Param;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One rule set translated, once, into the settings records of the checks that run per statement.
 * Built when the engine starts and again on each reload (never per statement), and swapped with
 * one volatile write, so a statement always sees the rule set and its settings from the same file.
 *
 * @param rules      the rule set: statement rules and every rule's action
 * @param thresholds {@code query.slow}, {@code query.large-result}, {@code query.n-plus-one},
 *                   {@code tx.long}; a rule that is {@code off} has a zero limit
 * @param unindexed  {@code query.unindexed} / {@code query.bad-index} detector settings (the
 *                   {@code detect}, {@code min-rows} and {@code ignore-tables} of
 *                   {@code query.unindexed}, {@code ignore-tables} of both), or {@code null} when
 *                   both rules are off
 */
record RuleGeneration(RuleSet rules, Thresholds thresholds, UnindexedSettings unindexed) {

    RuleGeneration {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    static RuleGeneration of(RuleSet rules, Duration explainWait) {
        return new RuleGeneration(rules, thresholds(rules), unindexed(rules, explainWait));
    }

    /** The rule's action; a rule with table exceptions is judged by its default action here. */
    Action action(String ruleId) {
        return rules.action(ruleId);
    }

    private static Thresholds thresholds(RuleSet rules) {
        RuleConfig slow = rules.rule(RuleCatalog.QUERY_SLOW);
        RuleConfig large = rules.rule(RuleCatalog.QUERY_LARGE_RESULT);
        RuleConfig nPlusOne = rules.rule(RuleCatalog.QUERY_N_PLUS_ONE);
        RuleConfig tx = rules.rule(RuleCatalog.TX_LONG);
        boolean repeats = nPlusOne.action() != Action.OFF;
        return new Thresholds(
                slow.action() != Action.OFF ? slow.duration("threshold") : Duration.ZERO,
                large.action() != Action.OFF ? large.count("max-rows") : 0,
                repeats ? Math.toIntExact(nPlusOne.count("max-repeats")) : 0,
                repeats ? nPlusOne.duration("window") : Duration.ZERO,
                tx.action() != Action.OFF ? tx.duration("threshold") : Duration.ZERO);
    }

    private static UnindexedSettings unindexed(RuleSet rules, Duration explainWait) {
        RuleConfig unindexed = rules.rule(RuleCatalog.QUERY_UNINDEXED);
        RuleConfig badIndex = rules.rule(RuleCatalog.QUERY_BAD_INDEX);
        if (!unindexed.enabled() && !badIndex.enabled()) {
            return null;
        }
        Set<String> ignored = new HashSet<>(unindexed.tables(Param.IGNORE_TABLES));
        ignored.addAll(badIndex.tables(Param.IGNORE_TABLES));
        return new UnindexedSettings(Detect.parse(unindexed.choice("detect")), unindexed.count("min-rows"), ignored,
                explainWait);
    }
}
