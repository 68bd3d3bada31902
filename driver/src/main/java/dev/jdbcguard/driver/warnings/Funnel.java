package dev.jdbcguard.driver.warnings;

import dev.jdbcguard.driver.metrics.GuardMetrics;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.RuleSet;
import java.sql.SQLWarning;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one road every finding of an engine takes, whichever detector made it: looks up the rule's action in the
 * rule set in force, drops what an {@code allow:} entry accepts (counted as allowed), turns a {@code block} into a
 * {@code WOULD_BLOCK} warning under observe mode, counts the finding once in the metrics, logs it with deduplication
 * and hands it to the
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
    /** {@code guard.mode} or {@code JDBC_GUARD_MODE}, which outrank the rule file's {@code mode:}; null when unset. */
    private final Mode mode;

    /**
     * @param rules    the rule set in force (read per finding, so a reload applies to the next one)
     * @param mode     the mode the connect settings or the environment chose, or null for the rule file's
     * @param reporter logs, deduplicates and publishes
     * @param metrics  counts findings by rule and action
     */
    public Funnel(Supplier<RuleSet> rules, Mode mode, WarningReporter reporter, GuardMetrics metrics) {
        this.mode = mode;
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
        RuleSet ruleSet = rules.get();
        return report(ruleSet, detection, ruleSet.action(detection.ruleId()), canBlock, calledFrom);
    }

    /**
     * Reports {@code detection} under {@code action}: the statement rules pass the action their judgement found
     * (which may come from another profile, {@code guard.schema-scripts}).
     *
     * @param canBlock   whether the caller's call can still be refused; a {@code block} that cannot is a warning
     * @param calledFrom the application frame the logged line points at, or null for the current thread's
     * @return the warning for the warning chain, or null when the rule is off or an {@code allow:} entry accepts it
     * @throws GuardViolationException when the action is {@code block}, the call can be refused and the mode enforces
     */
    public SQLWarning report(Detection detection, Action action, boolean canBlock, String calledFrom)
            throws GuardViolationException {
        return report(rules.get(), detection, action, canBlock, calledFrom);
    }

    private SQLWarning report(RuleSet ruleSet, Detection detection, Action action, boolean canBlock, String calledFrom)
            throws GuardViolationException {
        if (action == Action.OFF) {
            return null;
        }
        if (ruleSet.allowed(detection.ruleId(), detection.fingerprint(), detection.tables()) != null) {
            metrics.allowed(detection.ruleId());
            return null;
        }
        if (action == Action.BLOCK && canBlock) {
            if (mode(ruleSet) == Mode.OBSERVE) {
                metrics.wouldBlock(detection.ruleId());
                return reporter.wouldBlock(detection, calledFrom);
            }
            metrics.finding(detection.ruleId(), true);
            throw reporter.block(detection);
        }
        metrics.finding(detection.ruleId(), false);
        return calledFrom == null ? reporter.warn(detection) : reporter.warn(detection, calledFrom);
    }

    /** Whether blocks only report what they would have refused: the setting's mode, else the rule file's. */
    public boolean observing() {
        return mode(rules.get()) == Mode.OBSERVE;
    }

    private Mode mode(RuleSet ruleSet) {
        return mode != null ? mode : ruleSet.mode();
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
