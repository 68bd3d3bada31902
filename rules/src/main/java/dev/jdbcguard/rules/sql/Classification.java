package dev.jdbcguard.rules.sql;

import java.util.List;
import java.util.Set;

/**
 * The result of {@link SqlClassifier#classify(String)} for one SQL string. Immutable.
 *
 * @param statements        each statement of the string in order; an empty trailing statement is not one
 * @param fingerprint       fingerprint of the whole text, the statements' fingerprints joined by {@code "; "}
 * @param allowedRules      rule ids and prefixes named by {@code guard:allow} comments anywhere in the text,
 *                          lower-cased
 * @param unparseable       true when some part of the text could not be read
 * @param unparseableReason why, naming the char offset; null when {@code unparseable} is false
 */
public record Classification(
        List<StatementInfo> statements,
        String fingerprint,
        Set<String> allowedRules,
        boolean unparseable,
        String unparseableReason) {

    public Classification {
        statements = List.copyOf(statements);
        allowedRules = Set.copyOf(allowedRules);
    }

    /**
     * True when a {@code guard:allow} comment names {@code ruleId} or one of its dotted prefixes:
     * {@code guard:allow ddl} covers {@code ddl.drop-table}, never {@code ddlx}. Cost: one comparison
     * per allowed id, no allocation.
     */
    public boolean allows(String ruleId) {
        if (ruleId == null) {
            return false;
        }
        for (String allowed : allowedRules) {
            if (ruleId.startsWith(allowed)
                    && (ruleId.length() == allowed.length() || ruleId.charAt(allowed.length()) == '.')) {
                return true;
            }
        }
        return false;
    }
}
