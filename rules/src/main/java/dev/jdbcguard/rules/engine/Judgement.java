package dev.jdbcguard.rules.engine;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.sql.Classification;
import java.util.Objects;

/**
 * What the guard knows about one SQL string before running it: how it was classified and what the statement rules
 * decided under one rule set. Immutable and cached per SQL string by {@link StatementJudge}; the accessors allocate
 * nothing.
 *
 * @param sql            the SQL string judged (the cache's key, kept so a memo can check what it holds in one read)
 * @param classification the classifier's reading (statements, tables, fingerprint, {@code guard:allow} ids)
 * @param verdict        pass, or the findings
 * @param ruleSet        the rule set the verdict was reached under (a cached judgement from an older set is stale)
 * @param schemaChange   the string is one statement that the schema rules judge or that changes a table's definition
 *                       ({@link SchemaRules}): the driver judges it again against the live schema before it runs
 */
public record Judgement(String sql, Classification classification, Verdict verdict, RuleSet ruleSet,
                        boolean schemaChange) {

    public Judgement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(ruleSet, "ruleSet");
    }

    /** The judgement of {@code sql}, with {@link #schemaChange()} read from the classification. */
    public Judgement(String sql, Classification classification, Verdict verdict, RuleSet ruleSet) {
        this(sql, classification, verdict, ruleSet, SchemaRules.concerns(classification));
    }

    /**
     * Nothing to enforce and nothing to judge against the schema: no rule fired and it is no schema change. The
     * engine's fast path; allocates nothing.
     */
    public boolean clean() {
        return verdict == Verdict.PASS && !schemaChange;
    }

    /** Whether some finding blocks the string: nothing of it may reach the server. */
    public boolean blocked() {
        return verdict.worst() == Action.BLOCK;
    }

    /** The fingerprint of the whole string, for grouping warnings and metrics. */
    public String fingerprint() {
        return classification.fingerprint();
    }
}
