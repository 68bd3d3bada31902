package dev.jdbcguard.driver.warnings;

import dev.jdbcguard.driver.metrics.GuardMetrics;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSet;
import java.sql.SQLWarning;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one road every finding of an engine takes, whichever detector made it: looks up the rule's action in the
 * rule set in force, counts the finding once in the metrics, logs it with deduplication and hands it to the
 * {@link dev.jdbcguard.FindingListener}s ({@link WarningReporter}), and turns it into the {@code SQLWarning} for the
 * warning chain or the {@link GuardViolationException} that refuses the call.
 *
 * <p>Detectors do not call it directly: a connection's {@link FindingSink} adds what the connection knows (target,
 * tables, warning chain, whether the call can still be refused) and calls {@link #report}. Thread-safe; cold path
 * only (a clean statement never reaches it).
 */
public final class Funnel {

    private final Supplier<RuleSet> rules;
    private final WarningReporter reporter;
    private final GuardMetrics metrics;

    /**
     * @param rules    the rule set in force (read per finding, so a reload applies to the next one)
     * @param reporter logs, deduplicates and publishes
     * @param metrics  counts findings by rule and action
     */
    public Funnel(Supplier<RuleSet> rules, WarningReporter reporter, GuardMetrics metrics) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Reports {@code detection} with its rule's action in the rule set in force.
     *
     * @see #report(Detection, Action, boolean, String)
     */
    public SQLWarning report(Detection detection, boolean canBlock, String calledFrom) throws GuardViolationException {
        return report(detection, rules.get().action(detection.ruleId()), canBlock, calledFrom);
    }

    /**
     * Reports {@code detection} under {@code action}: the statement rules pass the action their judgement found
     * (which may come from another profile, {@code guard.schema-scripts}).
     *
     * @param canBlock   whether the caller's call can still be refused; a {@code block} that cannot is a warning
     * @param calledFrom the application frame the logged line points at, or null for the current thread's
     * @return the warning for the warning chain, or null when the rule is off
     * @throws GuardViolationException when the action is {@code block} and the call can be refused
     */
    public SQLWarning report(Detection detection, Action action, boolean canBlock, String calledFrom)
            throws GuardViolationException {
        if (action == Action.OFF) {
            return null;
        }
        if (action == Action.BLOCK && canBlock) {
            metrics.finding(detection.ruleId(), true);
            throw reporter.block(detection);
        }
        metrics.finding(detection.ruleId(), false);
        return calledFrom == null ? reporter.warn(detection) : reporter.warn(detection, calledFrom);
    }

    /** The application frame of the current thread (a walk of the stack), or null: for findings made later. */
    public String callerFrame() {
        return reporter.callerFrame();
    }

    /** The application frame of {@code stack}, as a logged line shows it, or null. */
    public String applicationFrame(StackTraceElement[] stack) {
        return reporter.applicationFrame(stack);
    }
}
