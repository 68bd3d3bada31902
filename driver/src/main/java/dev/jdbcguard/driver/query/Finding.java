package dev.jdbcguard.driver.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rule firing for one statement, transaction or result set: what happened, why it matters
 * and how to fix it, plus the numbers behind it.
 *
 * <p>Findings are built only when a rule fires, never on the path where nothing is wrong.
 *
 * @param ruleId      the rule that fired, e.g. {@code query.slow}
 * @param stage       when it was detected, which decides whether a {@code block} action can still
 *                    stop the statement
 * @param fingerprint the statement's fingerprint (literals replaced), never its parameter values;
 *                    empty when the finding concerns a transaction rather than one statement
 * @param what        what happened, e.g. "query took 212 ms"
 * @param why         why it matters
 * @param fix         how to fix it
 * @param details     the measured numbers (duration, rows, count, table ...), in a stable order
 */
public record Finding(String ruleId, Stage stage, String fingerprint, String what, String why, String fix,
                      Map<String, Object> details) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** "what; why; fix" as one line: the text of the warning after the rule id. */
    public String message() {
        return what + "; " + why + "; " + fix;
    }

    /** When a finding was made, relative to the statement it concerns. */
    public enum Stage {
        /** Before the statement reached the server: {@code block} can refuse it. */
        BEFORE_EXECUTION,
        /** After the statement ran: {@code block} can only fail the call, the server already did the work. */
        AFTER_EXECUTION,
        /** On a background thread (EXPLAIN finished): no caller to fail, only a warning is possible. */
        BACKGROUND
    }
}
