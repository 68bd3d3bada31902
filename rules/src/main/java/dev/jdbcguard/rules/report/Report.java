package dev.jdbcguard.rules.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The findings report: one model for the running guard, a test run and {@code lint}, rendered by
 * {@link ReportJson} and {@link ReportHtml}. Immutable; made by {@link ReportCollector#snapshot}. Every list is
 * bounded, so the report's size does not grow with the number of statement shapes an application runs.
 *
 * @param header           what was watched, when, and the totals
 * @param findings         one row per rule x fingerprint, most severe then most frequent first
 * @param unlistedFindings occurrences of rows beyond the listed ones (counted only)
 * @param patterns         the statement shapes that took the most time, most first
 * @param rest             every other shape, summed; {@code calls == 0} when there are none
 */
public record Report(Header header, List<FindingRow> findings, long unlistedFindings, List<PatternRow> patterns,
                     Rest rest) {

    /** The version of the report's JSON shape ({@code "schemaVersion"}); see {@code report-v1.schema.json}. */
    public static final int SCHEMA_VERSION = 1;

    public Report {
        findings = List.copyOf(findings);
        patterns = List.copyOf(patterns);
    }

    /**
     * @param source       who wrote it: {@code driver}, {@code junit} or {@code lint}
     * @param guardVersion the jdbc-guard version
     * @param rules        the profile and rule file that judged, e.g. {@code profile production}
     * @param from         the first moment the report covers
     * @param to           when it was written
     * @param targets      redacted targets ({@code user@host:port/database}), at most {@link ReportCollector#MAX_TARGETS}
     * @param moreTargets  how many targets are not listed
     * @param byAction     occurrences per action
     * @param byFamily     occurrences per rule family ({@code query}, {@code ddl}, ...)
     * @param statements   statement executions seen
     * @param totalNanos   their total duration
     */
    public record Header(String source, String guardVersion, String rules, Instant from, Instant to,
                         List<String> targets, int moreTargets, Map<String, Long> byAction,
                         Map<String, Long> byFamily, long statements, long totalNanos) {
        public Header {
            targets = List.copyOf(targets);
            byAction = Map.copyOf(byAction);
            byFamily = Map.copyOf(byFamily);
        }
    }

    /** A place a finding came from, and how often. */
    public record Caller(String frame, long count) {
    }

    /**
     * One rule x fingerprint.
     *
     * @param action      the most severe action seen
     * @param occurrences every occurrence (the log shows the first per window and counts the rest as suppressed)
     * @param callers     the most frequent places, most first
     * @param evidence    what the rule measured at the latest occurrence
     * @param allow       how to accept it: a {@code guard:allow} comment or a rule-file entry
     */
    public record FindingRow(String action, String ruleId, List<String> tables, String fingerprint, long occurrences,
                             Instant firstSeen, Instant lastSeen, List<Caller> callers, String evidence, String fix,
                             String allow) {
        public FindingRow {
            tables = List.copyOf(tables);
            callers = List.copyOf(callers);
        }
    }

    /**
     * One statement shape, pt-query-digest style.
     *
     * @param share the part of all statement time it took, 0..1
     * @param rows  rows affected or read, or -1 when the source does not know
     * @param flags findings of this fingerprint: {@code unindexed}, {@code n+1}, {@code large}, {@code slow}
     */
    public record PatternRow(String fingerprint, String kind, long calls, long failed, long totalNanos, long p95Nanos,
                             long maxNanos, long rows, double share, List<String> flags) {
        public PatternRow {
            flags = List.copyOf(flags);
        }

        public long avgNanos() {
            return calls == 0 ? 0 : totalNanos / calls;
        }
    }

    /** Shapes beyond the listed ones, summed: at least {@code shapes} of them. */
    public record Rest(long shapes, long calls, long totalNanos, double share) {
    }
}
