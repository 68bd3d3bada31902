package dev.jdbcguard.rules.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, shape version {@value Report#SCHEMA_VERSION}: described by the JSON Schema
 * {@code dev/jdbcguard/rules/report/report-v1.schema.json} (in this jar). Durations are nanoseconds, times ISO-8601
 * instants. A later version adds fields; one that changes or removes a field gets a new {@code schemaVersion}.
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static String write(Report report) {
        StringBuilder out = new StringBuilder(4_096);
        Report.Header header = report.header();
        out.append("{\n  \"schemaVersion\": ").append(Report.SCHEMA_VERSION)
                .append(",\n  \"header\": {")
                .append("\"source\": ").append(Json.string(header.source()))
                .append(", \"guardVersion\": ").append(Json.string(header.guardVersion()))
                .append(", \"rules\": ").append(Json.string(header.rules()))
                .append(", \"from\": ").append(instant(header.from()))
                .append(", \"to\": ").append(instant(header.to()))
                .append(", \"targets\": ").append(strings(header.targets()))
                .append(", \"moreTargets\": ").append(header.moreTargets())
                .append(", \"byAction\": ").append(counts(header.byAction()))
                .append(", \"byFamily\": ").append(counts(header.byFamily()))
                .append(", \"statements\": ").append(header.statements())
                .append(", \"totalNanos\": ").append(header.totalNanos())
                .append("},\n  \"findings\": [");
        List<Report.FindingRow> findings = report.findings();
        for (int i = 0; i < findings.size(); i++) {
            Report.FindingRow row = findings.get(i);
            out.append(i == 0 ? "\n    {" : ",\n    {")
                    .append("\"action\": ").append(Json.string(row.action()))
                    .append(", \"rule\": ").append(Json.string(row.ruleId()))
                    .append(", \"tables\": ").append(strings(row.tables()))
                    .append(", \"fingerprint\": ").append(Json.string(row.fingerprint()))
                    .append(", \"occurrences\": ").append(row.occurrences())
                    .append(", \"firstSeen\": ").append(instant(row.firstSeen()))
                    .append(", \"lastSeen\": ").append(instant(row.lastSeen()))
                    .append(", \"callers\": [");
            for (int c = 0; c < row.callers().size(); c++) {
                Report.Caller caller = row.callers().get(c);
                out.append(c == 0 ? "" : ", ").append("{\"frame\": ").append(Json.string(caller.frame()))
                        .append(", \"count\": ").append(caller.count()).append('}');
            }
            out.append("], \"evidence\": ").append(Json.string(row.evidence()))
                    .append(", \"fix\": ").append(Json.string(row.fix()))
                    .append(", \"allow\": ").append(Json.string(row.allow())).append('}');
        }
        out.append(findings.isEmpty() ? "]" : "\n  ]")
                .append(",\n  \"unlistedFindings\": ").append(report.unlistedFindings())
                .append(",\n  \"patterns\": [");
        List<Report.PatternRow> patterns = report.patterns();
        for (int i = 0; i < patterns.size(); i++) {
            Report.PatternRow row = patterns.get(i);
            out.append(i == 0 ? "\n    {" : ",\n    {")
                    .append("\"fingerprint\": ").append(Json.string(row.fingerprint()))
                    .append(", \"kind\": ").append(Json.string(row.kind()))
                    .append(", \"calls\": ").append(row.calls())
                    .append(", \"failed\": ").append(row.failed())
                    .append(", \"totalNanos\": ").append(row.totalNanos())
                    .append(", \"avgNanos\": ").append(row.avgNanos())
                    .append(", \"p95Nanos\": ").append(row.p95Nanos())
                    .append(", \"maxNanos\": ").append(row.maxNanos())
                    .append(", \"rows\": ").append(row.rows())
                    .append(", \"share\": ").append(share(row.share()))
                    .append(", \"flags\": ").append(strings(row.flags())).append('}');
        }
        Report.Rest rest = report.rest();
        out.append(patterns.isEmpty() ? "]" : "\n  ]")
                .append(",\n  \"rest\": {\"shapes\": ").append(rest.shapes())
                .append(", \"calls\": ").append(rest.calls())
                .append(", \"totalNanos\": ").append(rest.totalNanos())
                .append(", \"share\": ").append(share(rest.share())).append("}\n}\n");
        return out.toString();
    }

    private static String instant(Instant instant) {
        return Json.string(instant.toString());
    }

    private static String share(double share) {
        return String.format(java.util.Locale.ROOT, "%.4f", share);
    }

    private static String strings(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(Json.string(values.get(i)));
        }
        return out.append(']').toString();
    }

    private static String counts(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder("{");
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> out
                .append(out.length() == 1 ? "" : ", ").append(Json.string(entry.getKey())).append(": ")
                .append(entry.getValue()));
        return out.append('}').toString();
    }
}
