package dev.jdbcguard.rules.engine;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Rule;
import java.util.Objects;

/**
 * One rule that fired on one statement. Immutable; built on a cache miss only, so its message is formatted once.
 *
 * @param rule           the catalog rule (its {@code what}/{@code why}/{@code fix} texts)
 * @param action         {@link Action#WARN} or {@link Action#BLOCK}, after table exceptions
 * @param detail         what happened in this statement, e.g. {@code ALTER TABLE DROP COLUMN on orders}
 * @param table          the table whose action decided, or {@code null} when the statement names none
 * @param fingerprint    the statement's fingerprint (literals as {@code ?}): the key to deduplicate warnings by
 * @param statementIndex which statement of a multi-statement string, from 0
 * @param startOffset    char offset of the statement's first token in the SQL string
 * @param message        {@code [jdbc-guard] <rule-id>: <detail>. <why> Fix: <fix>}
 */
public record Finding(Rule rule, Action action, String detail, String table, String fingerprint, int statementIndex,
                      int startOffset, String message) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
    }

    static Finding of(Rule rule, Action action, String detail, String table, String fingerprint, int statementIndex,
                      int startOffset) {
        String message = "[jdbc-guard] " + rule.id() + ": " + detail + ". " + rule.why() + " Fix: " + rule.fix();
        return new Finding(rule, action, detail, table, fingerprint, statementIndex, startOffset, message);
    }

    public String ruleId() {
        return rule.id();
    }
}
