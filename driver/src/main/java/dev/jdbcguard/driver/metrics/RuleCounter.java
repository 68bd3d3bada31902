package dev.jdbcguard.driver.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Findings of one rule, by action. Resolve it once per rule ({@link GuardMetrics#counter}) and keep
 * it: counting is then one {@link LongAdder} increment, with no lookup and no allocation.
 */
final class RuleCounter {

    private final String ruleId;
    private final LongAdder warned = new LongAdder();
    private final LongAdder blocked = new LongAdder();
    private final LongAdder wouldBlock = new LongAdder();
    private final LongAdder allowed = new LongAdder();

    RuleCounter(String ruleId) {
        this.ruleId = ruleId;
    }

    String ruleId() {
        return ruleId;
    }

    /** Counts a finding whose action was {@code warn}. */
    void warned() {
        warned.increment();
    }

    /** Counts a finding whose action was {@code block}. */
    void blocked() {
        blocked.increment();
    }

    /** Counts a finding whose action was {@code block} under observe mode: the call went on. */
    void wouldBlock() {
        wouldBlock.increment();
    }

    /** Counts a finding an {@code allow:} entry of the rule file accepted: it was not reported. */
    void allowed() {
        allowed.increment();
    }

    long wouldBlockCount() {
        return wouldBlock.sum();
    }

    long allowedCount() {
        return allowed.sum();
    }

    long warnCount() {
        return warned.sum();
    }

    long blockCount() {
        return blocked.sum();
    }
}
