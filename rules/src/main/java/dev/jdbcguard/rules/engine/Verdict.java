package dev.jdbcguard.rules.engine;

import dev.jdbcguard.rules.Action;
import java.util.List;

/** What the statement rules decided about one SQL string: nothing fired, or the findings. */
public sealed interface Verdict permits Verdict.Pass, Verdict.Findings {

    /** The one {@link Pass}. */
    Pass PASS = new Pass();

    /** The most severe action among the findings; {@link Action#OFF} for a pass. */
    Action worst();

    /** The findings in statement order; empty for a pass. */
    List<Finding> findings();

    /** No rule fired. */
    record Pass() implements Verdict {

        @Override
        public Action worst() {
            return Action.OFF;
        }

        @Override
        public List<Finding> findings() {
            return List.of();
        }
    }

    /**
     * At least one rule fired.
     *
     * @param findings in statement order, never empty
     * @param worst    the most severe of their actions
     */
    record Findings(List<Finding> findings, Action worst) implements Verdict {

        public Findings {
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a Findings verdict needs a finding; use Verdict.PASS");
            }
            findings = List.copyOf(findings);
        }

        static Findings of(List<Finding> findings) {
            Action worst = Action.OFF;
            for (Finding finding : findings) {
                if (finding.action().compareTo(worst) > 0) {
                    worst = finding.action();
                }
            }
            return new Findings(findings, worst);
        }
    }
}
