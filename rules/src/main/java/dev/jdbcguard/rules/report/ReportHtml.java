package dev.jdbcguard.rules.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: its style and script are inline (no external file, script or font),
 * so it opens from a CI artifact. Every row is in the HTML itself, readable without the script; the script
 * ({@code report.js}) adds sorting by column, a filter, and the "showing n of m" lines.
 */
public final class ReportHtml {

    private static final String STYLE = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    private ReportHtml() {
    }

    public static String write(Report report) {
        Report.Header header = report.header();
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>jdbc-guard findings report</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<header>\n<h1>jdbc-guard findings report</h1>\n<dl id=\"summary\">\n");
        term(out, "Written by", header.source() + " · jdbc-guard " + header.guardVersion());
        term(out, "Rules", header.rules());
        term(out, "Window", header.from() + " to " + header.to() + " ("
                + duration(Duration.between(header.from(), header.to()).toNanos()) + ")");
        term(out, "Targets", header.targets().isEmpty() ? "none"
                : String.join(", ", header.targets())
                + (header.moreTargets() > 0 ? " and " + header.moreTargets() + " more" : ""));
        term(out, "Statements", header.statements() + " in " + duration(header.totalNanos()));
        out.append("</dl>\n<div class=\"counts\">\n");
        counts(out, "By action", "by-action", header.byAction());
        counts(out, "By family", "by-family", header.byFamily());
        out.append("</div>\n</header>\n<main>\n");
        findings(out, report);
        patterns(out, report);
        out.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void findings(StringBuilder out, Report report) {
        List<Report.FindingRow> rows = report.findings();
        out.append("<section>\n<h2>Findings</h2>\n");
        if (rows.isEmpty()) {
            out.append("<p class=\"empty\">No findings.</p>\n</section>\n");
            return;
        }
        out.append("<input type=\"search\" class=\"filter\" data-table=\"findings\" placeholder=\"filter rows\">\n")
                .append("<p class=\"status\" id=\"findings-status\">").append(rows.size()).append(" rows</p>\n")
                .append("<table id=\"findings\" class=\"sortable\">\n<thead><tr>");
        for (String column : List.of("Action", "Rule", "Tables", "Statement", "Occurrences", "First seen",
                "Last seen", "Callers", "Evidence", "Fix", "Accept it with")) {
            out.append("<th>").append(column).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Report.FindingRow row : rows) {
            out.append("<tr class=\"").append(row.action().toLowerCase(Locale.ROOT)).append("\">")
                    .append("<td class=\"action\">").append(escape(row.action())).append("</td>")
                    .append("<td class=\"rule\">").append(escape(row.ruleId())).append("</td>")
                    .append("<td>").append(escape(String.join(", ", row.tables()))).append("</td>")
                    .append("<td class=\"statement\">").append(statement(row.fingerprint())).append("</td>")
                    .append("<td class=\"num occurrences\">").append(row.occurrences()).append("</td>")
                    .append("<td>").append(row.firstSeen()).append("</td>")
                    .append("<td>").append(row.lastSeen()).append("</td>")
                    .append("<td><ul class=\"callers\">");
            for (Report.Caller caller : row.callers()) {
                out.append("<li><code>").append(escape(caller.frame())).append("</code> ×").append(caller.count())
                        .append("</li>");
            }
            out.append("</ul></td>")
                    .append("<td>").append(escape(row.evidence())).append("</td>")
                    .append("<td>").append(escape(row.fix())).append("</td>")
                    .append("<td><code>").append(escape(row.allow())).append("</code></td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (report.unlistedFindings() > 0) {
            out.append("<p class=\"unlisted\">").append(report.unlistedFindings())
                    .append(" further occurrences of rows beyond the first ").append(rows.size())
                    .append(" are counted above, not listed.</p>\n");
        }
        out.append("</section>\n");
    }

    private static void patterns(StringBuilder out, Report report) {
        List<Report.PatternRow> rows = report.patterns();
        Report.Rest rest = report.rest();
        out.append("<section>\n<h2>Statement patterns</h2>\n");
        if (rows.isEmpty()) {
            out.append("<p class=\"empty\">No statements ran through the guard.</p>\n</section>\n");
            return;
        }
        out.append("<input type=\"search\" class=\"filter\" data-table=\"patterns\" placeholder=\"filter rows\">\n")
                .append("<p class=\"status\" id=\"patterns-status\">").append(rows.size()).append(" rows</p>\n")
                .append("<table id=\"patterns\" class=\"sortable\">\n<thead><tr>");
        for (String column : List.of("Statement", "Kind", "Calls", "Failed", "Total", "Avg", "p95", "Max", "Rows",
                "Share", "Flags")) {
            out.append("<th>").append(column).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Report.PatternRow row : rows) {
            out.append("<tr>")
                    .append("<td class=\"statement\">").append(statement(row.fingerprint())).append("</td>")
                    .append("<td>").append(escape(row.kind())).append("</td>")
                    .append("<td class=\"num calls\">").append(row.calls()).append("</td>")
                    .append("<td class=\"num\">").append(row.failed()).append("</td>");
            nanos(out, row.totalNanos());
            nanos(out, row.avgNanos());
            nanos(out, row.p95Nanos());
            nanos(out, row.maxNanos());
            out.append("<td class=\"num\">").append(row.rows() < 0 ? "" : String.valueOf(row.rows())).append("</td>")
                    .append("<td class=\"num\" data-sort=\"").append(row.share()).append("\">")
                    .append(percent(row.share())).append("</td>")
                    .append("<td class=\"flags\">");
            for (String flag : row.flags()) {
                out.append("<span class=\"flag\">").append(escape(flag)).append("</span> ");
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n");
        if (rest.calls() > 0) {
            out.append("<tfoot><tr id=\"rest\"><td>").append(rest.shapes()).append(" other shapes (summed)</td><td></td>")
                    .append("<td class=\"num calls\">").append(rest.calls()).append("</td><td></td>");
            nanos(out, rest.totalNanos());
            out.append("<td></td><td></td><td></td><td></td><td class=\"num\">").append(percent(rest.share()))
                    .append("</td><td></td></tr></tfoot>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private static void term(StringBuilder out, String term, String value) {
        out.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    private static void counts(StringBuilder out, String title, String id, Map<String, Long> counts) {
        out.append("<table id=\"").append(id).append("\"><caption>").append(title).append("</caption><tbody>");
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> out.append("<tr><th>")
                .append(escape(entry.getKey())).append("</th><td class=\"num\">").append(entry.getValue())
                .append("</td></tr>"));
        if (counts.isEmpty()) {
            out.append("<tr><td>none</td></tr>");
        }
        out.append("</tbody></table>\n");
    }

    /** A fingerprint, cut to one line with the whole in an expandable element. */
    private static String statement(String fingerprint) {
        if (fingerprint == null) {
            return "<span class=\"none\">(connection)</span>";
        }
        if (fingerprint.length() <= 100) {
            return "<code>" + escape(fingerprint) + "</code>";
        }
        return "<details><summary><code>" + escape(fingerprint.substring(0, 100)) + "…</code></summary><code>"
                + escape(fingerprint) + "</code></details>";
    }

    private static void nanos(StringBuilder out, long nanos) {
        out.append("<td class=\"num\" data-sort=\"").append(nanos).append("\">").append(duration(nanos))
                .append("</td>");
    }

    static String duration(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Text as HTML text or a quoted attribute value; {@code null} as empty (also for the driver's {@code check} page). */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = ReportHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + ReportHtml.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
