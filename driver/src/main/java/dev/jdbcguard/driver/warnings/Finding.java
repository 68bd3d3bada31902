package dev.jdbcguard.driver.warnings;

import java.util.List;
import java.util.Objects;

/**
 * One rule firing, in the words the user reads: what happened, why it matters, how to fix it.
 *
 * <p>Built by the rule that fired, only when it fires. It carries the statement's
 * <em>fingerprint</em> (literals already replaced by {@code ?}), never the raw SQL, and no field
 * may be built from a raw JDBC URL or connection properties: that is how passwords stay out of
 * every line, warning and exception. {@link Redaction} is a second line of defence, not the first.
 *
 * <p>The detector fills in what it knows (tables, evidence); the connection's funnel adds the target
 * ({@link #at}) before the finding reaches the {@link WarningReporter}, which hands it on to the
 * {@link dev.jdbcguard.FindingListener}s as a {@link dev.jdbcguard.Finding}.
 *
 * @param ruleId      the dotted rule id, e.g. {@code dml.no-where}; also names the logger
 * @param what        what happened, e.g. {@code DELETE without WHERE on orders}
 * @param why         why it matters, e.g. {@code deletes every row}
 * @param fix         how to fix it, e.g. {@code add a WHERE clause or /* guard:allow dml.no-where *}{@code /}
 * @param fingerprint the statement's fingerprint, or {@code null} for connection-level rules
 * @param tables      the tables the finding is about, possibly empty
 * @param evidence    what the rule measured
 * @param target      the redacted target ({@code user@host:port/database}), or {@code null} until the
 *                    connection's funnel sets it
 */
public record Finding(String ruleId, String what, String why, String fix, String fingerprint, List<String> tables,
                      dev.jdbcguard.Finding.Evidence evidence, String target) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
        tables = List.copyOf(tables);
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A finding about a statement, with no tables, evidence or target yet. */
    public Finding(String ruleId, String what, String why, String fix, String fingerprint) {
        this(ruleId, what, why, fix, fingerprint, List.of(), dev.jdbcguard.Finding.Evidence.NONE, null);
    }

    /** A finding about a connection rather than a statement: it has no fingerprint. */
    public static Finding ofConnection(String ruleId, String what, String why, String fix) {
        return new Finding(ruleId, what, why, fix, null);
    }

    /** This finding with the tables it concerns. */
    public Finding about(List<String> tables) {
        return new Finding(ruleId, what, why, fix, fingerprint, tables, evidence, target);
    }

    /** This finding with what the rule measured. */
    public Finding measured(dev.jdbcguard.Finding.Evidence evidence) {
        return new Finding(ruleId, what, why, fix, fingerprint, tables, evidence, target);
    }

    /** This finding on {@code target} (redacted, {@code user@host:port/database}); itself when it names one already. */
    public Finding at(String target) {
        return this.target != null ? this : new Finding(ruleId, what, why, fix, fingerprint, tables, evidence, target);
    }

    /** This finding with {@code what} replaced. */
    public Finding describing(String what) {
        return new Finding(ruleId, what, why, fix, fingerprint, tables, evidence, target);
    }
}
