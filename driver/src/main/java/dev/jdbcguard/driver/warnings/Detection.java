package dev.jdbcguard.driver.warnings;

import dev.jdbcguard.Finding.Evidence;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import java.util.List;
import java.util.Objects;

/**
 * What a detector saw when its rule fired: the rule id and the specifics only the detector knows (numbers, tables,
 * frames, the index it would suggest). Why the rule matters and how to fix it are the rule catalog's words
 * ({@link RuleCatalog}, the same text as {@code rules/README.md}), so a runtime message and the reference cannot
 * drift apart. The {@link Funnel} decides what happens to it.
 *
 * <p>Built only when a rule fires. It carries the statement's <em>fingerprint</em> (literals already replaced by
 * {@code ?}), never the raw SQL, and no field may be built from a raw JDBC URL or connection properties: that is how
 * passwords stay out of every line, warning and exception. {@link Redaction} is a second line of defence.
 *
 * @param ruleId      a catalog rule id ({@code RuleCatalog.DML_NO_WHERE}); also names the logger
 * @param what        what happened here, e.g. {@code DELETE without WHERE on orders}
 * @param hint        what the detector adds to the catalog's fix for this occurrence (the index it would add, the
 *                    setting to change), or {@code null}
 * @param fingerprint the statement's fingerprint, or {@code null} for connection-level rules
 * @param tables      the tables the finding is about, possibly empty
 * @param evidence    what the rule measured
 * @param target      the redacted target ({@code user@host:port/database}), or {@code null} until the connection
 *                    that made it names it
 */
public record Detection(String ruleId, String what, String hint, String fingerprint, List<String> tables,
                        Evidence evidence, String target) {

    public Detection {
        RuleCatalog.require(ruleId);
        Objects.requireNonNull(what, "what");
        tables = List.copyOf(tables);
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A detection about a statement, with no hint, tables, evidence or target yet. */
    public static Detection of(String ruleId, String what, String fingerprint) {
        return new Detection(ruleId, what, null, fingerprint, List.of(), Evidence.NONE, null);
    }

    /** A detection about a connection rather than a statement: it has no fingerprint. */
    public static Detection ofConnection(String ruleId, String what) {
        return of(ruleId, what, null);
    }

    /** The catalog's rule. */
    public Rule rule() {
        return RuleCatalog.require(ruleId);
    }

    /** Why it matters: the catalog's words. */
    public String why() {
        return rule().why();
    }

    /** How to fix it: the catalog's words, then this occurrence's {@link #hint}. */
    public String fix() {
        return hint == null ? rule().fix() : WarningText.withHint(rule().fix(), hint);
    }

    /** This detection with the tables it concerns. */
    public Detection about(List<String> tables) {
        return new Detection(ruleId, what, hint, fingerprint, tables, evidence, target);
    }

    /** This detection with what the rule measured. */
    public Detection measured(Evidence evidence) {
        return new Detection(ruleId, what, hint, fingerprint, tables, evidence, target);
    }

    /** This detection with a hint for this occurrence, added to one it has. */
    public Detection hinting(String hint) {
        return new Detection(ruleId, what, this.hint == null ? hint : this.hint + "; " + hint, fingerprint, tables,
                evidence, target);
    }

    /** This detection on {@code target} (redacted, {@code user@host:port/database}); itself when it names one. */
    public Detection at(String target) {
        return this.target != null ? this : new Detection(ruleId, what, hint, fingerprint, tables, evidence, target);
    }

    /** This detection with {@code what} replaced. */
    public Detection describing(String what) {
        return new Detection(ruleId, what, hint, fingerprint, tables, evidence, target);
    }
}
