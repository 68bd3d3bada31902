package dev.jdbcguard.rules.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One occurrence of a finding as the report receives it, from the running guard, a test run or {@code lint}.
 *
 * @param ruleId      the dotted rule id
 * @param action      {@code WARN}, {@code BLOCK} or {@code WOULD_BLOCK}
 * @param fingerprint the statement with literals as {@code ?}, or null for a connection finding
 * @param tables      the tables the statement names
 * @param target      the redacted target {@code user@host:port/database}, or null (lint)
 * @param caller      where it came from: the application frame, or {@code file:line:column} for lint; or null
 * @param at          when it happened
 * @param evidence    what the rule measured, one line ({@code plan: orders ALL ~2000 rows}), or empty
 * @param fix         how to fix it
 */
public record Occurrence(String ruleId, String action, String fingerprint, List<String> tables, String target,
                         String caller, Instant at, String evidence, String fix) {

    public Occurrence {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(action, "action");
        tables = List.copyOf(tables);
        Objects.requireNonNull(at, "at");
        evidence = evidence == null ? "" : evidence;
        fix = fix == null ? "" : fix;
    }
}
