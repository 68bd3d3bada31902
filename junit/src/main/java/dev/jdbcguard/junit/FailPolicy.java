package dev.jdbcguard.junit;

import dev.jdbcguard.Finding;
import dev.jdbcguard.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * Which findings fail a test: every block, the warnings {@link JdbcGuardTest#failOn()} names, minus what
 * {@link AllowFinding} accepts.
 *
 * @param warnings rule ids or prefixes whose warnings fail
 * @param anyWarn  whether every warning fails ({@code "warn"})
 * @param allowed  rule ids or prefixes that never fail
 */
record FailPolicy(List<String> warnings, boolean anyWarn, List<String> allowed) {

    static final List<String> DEFAULT_FAIL_ON = List.of(RuleCatalog.QUERY_N_PLUS_ONE, RuleCatalog.QUERY_UNINDEXED);
    static final String ANY_WARN = "warn";
    static final String BLOCKS_ONLY = "block";

    FailPolicy {
        warnings = List.copyOf(warnings);
        allowed = List.copyOf(allowed);
    }

    /**
     * Reads {@code failOn} entries (see {@link JdbcGuardTest#failOn()}).
     *
     * @param where names the place the entries come from, for the error
     * @throws IllegalArgumentException naming an entry that is neither a rule id, a prefix, {@code warn} nor
     *                                  {@code block}
     */
    static FailPolicy failOn(List<String> entries, String where) {
        List<String> warnings = new ArrayList<>();
        boolean anyWarn = false;
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.equals(ANY_WARN)) {
                anyWarn = true;
            } else if (!entry.equals(BLOCKS_ONLY)) {
                warnings.add(checkRule(entry, where));
            }
        }
        return new FailPolicy(warnings, anyWarn, List.of());
    }

    /** This policy, also accepting {@code allowed} (rule ids or prefixes, checked). */
    FailPolicy allowing(List<String> more, String where) {
        List<String> all = new ArrayList<>(allowed);
        for (String entry : more) {
            all.add(checkRule(entry.trim(), where));
        }
        return new FailPolicy(warnings, anyWarn, all);
    }

    boolean fails(Finding finding) {
        if (allows(finding.ruleId())) {
            return false;
        }
        return finding.action() != Finding.Action.WARN || anyWarn || covers(warnings, finding.ruleId());
    }

    boolean allows(String ruleId) {
        return covers(allowed, ruleId);
    }

    /** For messages: {@code any block; warn of query.n-plus-one, query.unindexed}. */
    String describe() {
        String warn = anyWarn ? "any warn" : warnings.isEmpty() ? "no warn" : "warn of " + String.join(", ", warnings);
        return "any block; " + warn + (allowed.isEmpty() ? "" : "; allowed: " + String.join(", ", allowed));
    }

    private static boolean covers(List<String> idsOrPrefixes, String ruleId) {
        for (String key : idsOrPrefixes) {
            if (under(ruleId, key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code ruleId} is {@code key} or sits under it as a prefix ({@code query} covers {@code query.slow}). */
    static boolean under(String ruleId, String key) {
        return ruleId.equals(key) || ruleId.startsWith(key) && ruleId.charAt(key.length()) == '.';
    }

    /** Returns {@code key} when it names a rule id or prefix of the catalog. */
    static String checkRule(String key, String where) {
        if (!RuleCatalog.isIdOrPrefix(key)) {
            throw new IllegalArgumentException(where + ": " + RuleCatalog.unknownIdMessage(key));
        }
        return key;
    }
}
