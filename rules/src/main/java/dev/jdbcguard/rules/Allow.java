package dev.jdbcguard.rules;

import dev.jdbcguard.rules.sql.Fingerprinter;
import java.util.List;
import java.util.Objects;

/**
 * One {@code allow:} entry of a rule file: a known finding the team accepted, so it is no longer reported (counted
 * as allowed instead), without a {@code guard:allow} comment in the SQL. It names a rule id or prefix and either one
 * statement shape (its fingerprint) or one table.
 *
 * @param rule        a rule id or prefix ({@code ddl} covers every {@code ddl.*} rule)
 * @param fingerprint the statement's fingerprint (literals as {@code ?}), as the log line shows it, or null
 * @param table       a table name, compared as {@link ParamType#normalizeTable}, or null
 * @param reason      why the finding is accepted: required, so the next reader knows
 * @param where       {@code file:line:column} of the entry, for the logs that name it
 */
public record Allow(String rule, String fingerprint, String table, String reason, String where) {

    public Allow {
        Objects.requireNonNull(rule, "rule");
        if (!RuleCatalog.isIdOrPrefix(rule)) {
            throw new IllegalArgumentException(RuleCatalog.unknownIdMessage(rule));
        }
        if ((fingerprint == null) == (table == null)) {
            throw new IllegalArgumentException("an allow entry names a fingerprint or a table, exactly one of them");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an allow entry needs a reason");
        }
        // written as the log shows it or as the SQL itself: both come down to the same fingerprint
        fingerprint = fingerprint == null ? null : Fingerprinter.fingerprint(fingerprint);
        table = table == null ? null : ParamType.normalizeTable(table);
    }

    /**
     * Whether this entry accepts a finding of {@code ruleId} on a statement with {@code fingerprint} (null for a
     * connection finding) naming {@code tables}. A table entry matches a schema-qualified name by its last part too.
     */
    public boolean matches(String ruleId, String fingerprint, List<String> tables) {
        if (!RuleCatalog.require(ruleId).isUnder(rule)) {
            return false;
        }
        if (this.fingerprint != null) {
            return this.fingerprint.equals(fingerprint);
        }
        for (String named : tables) {
            String normalized = ParamType.normalizeTable(named);
            if (normalized.equals(table) || normalized.endsWith("." + table)) {
                return true;
            }
        }
        return false;
    }

    /** The first of {@code allows} that accepts the finding, or null. */
    public static Allow first(List<Allow> allows, String ruleId, String fingerprint, List<String> tables) {
        for (Allow allow : allows) {
            if (allow.matches(ruleId, fingerprint, tables)) {
                return allow;
            }
        }
        return null;
    }
}
