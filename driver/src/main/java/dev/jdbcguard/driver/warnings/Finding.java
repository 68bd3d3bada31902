package dev.jdbcguard.driver.warnings;

import java.util.Objects;

/**
 * One rule firing, in the words the user reads: what happened, why it matters, how to fix it.
 *
 * <p>Built by the rule that fired, only when it fires. It carries the statement's
 * <em>fingerprint</em> (literals already replaced by {@code ?}), never the raw SQL, and no field
 * may be built from a raw JDBC URL or connection properties: that is how passwords stay out of
 * every line, warning and exception. {@link Redaction} is a second line of defence, not the first.
 *
 * @param ruleId      the dotted rule id, e.g. {@code dml.no-where}; also names the logger
 * @param what        what happened, e.g. {@code DELETE without WHERE on orders}
 * @param why         why it matters, e.g. {@code deletes every row}
 * @param fix         how to fix it, e.g. {@code add a WHERE clause or /* guard:allow dml.no-where *}{@code /}
 * @param fingerprint the statement's fingerprint, or {@code null} for connection-level rules
 */
public record Finding(String ruleId, String what, String why, String fix, String fingerprint) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
    }

    /** A finding about a connection rather than a statement: it has no fingerprint. */
    public static Finding ofConnection(String ruleId, String what, String why, String fix) {
        return new Finding(ruleId, what, why, fix, null);
    }
}
