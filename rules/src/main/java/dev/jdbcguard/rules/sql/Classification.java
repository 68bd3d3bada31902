package dev.jdbcguard.rules.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The result of {@link SqlClassifier#classify(String)} for one SQL string. Immutable.
 *
 * @param statements        each statement of the string in order; an empty trailing statement is not one
 * @param fingerprint       fingerprint of the whole text, the statements' fingerprints joined by {@code "; "}
 * @param allowedRules      rule ids and prefixes named by {@code guard:allow} comments anywhere in the text,
 *                          lower-cased
 * @param statementAllows   per statement (same index as {@code statements}), the ids of the comments that belong to
 *                          it: those it sits in or precedes; empty when the text has no such comment
 * @param unparseable       true when some part of the text could not be read
 * @param unparseableReason why, naming the char offset; null when {@code unparseable} is false
 */
public record Classification(
        List<StatementInfo> statements,
        String fingerprint,
        Set<String> allowedRules,
        List<Set<String>> statementAllows,
        boolean unparseable,
        String unparseableReason) {

    public Classification {
        statements = List.copyOf(statements);
        allowedRules = Set.copyOf(allowedRules);
        statementAllows = copyEach(statementAllows);
    }

    /** Each set copied, in a loop: a stream here cost a tenth of a new text's classification, end to end. */
    private static List<Set<String>> copyEach(List<Set<String>> sets) {
        List<Set<String>> copies = new ArrayList<>(sets.size());
        for (Set<String> set : sets) {
            copies.add(Set.copyOf(set));
        }
        return Collections.unmodifiableList(copies);
    }

    /**
     * True when a {@code guard:allow} comment anywhere in the text names {@code ruleId} or one of its dotted
     * prefixes: {@code guard:allow ddl} covers {@code ddl.drop-table}, never {@code ddlx}. For findings about the
     * execution as a whole (a slow or unindexed query); a statement's own findings use
     * {@link #allows(int, String)}. Cost: one comparison per allowed id, no allocation.
     */
    public boolean allows(String ruleId) {
        return names(allowedRules, ruleId);
    }

    /**
     * True when a {@code guard:allow} comment that belongs to statement {@code statementIndex} names {@code ruleId}
     * or one of its prefixes. A comment in one statement of a multi-statement string never covers another.
     */
    public boolean allows(int statementIndex, String ruleId) {
        return statementIndex < statementAllows.size() && names(statementAllows.get(statementIndex), ruleId);
    }

    private static boolean names(Set<String> ids, String ruleId) {
        if (ruleId == null) {
            return false;
        }
        for (String allowed : ids) {
            if (ruleId.startsWith(allowed)
                    && (ruleId.length() == allowed.length() || ruleId.charAt(allowed.length()) == '.')) {
                return true;
            }
        }
        return false;
    }
}
