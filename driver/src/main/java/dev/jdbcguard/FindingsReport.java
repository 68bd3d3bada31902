package dev.jdbcguard;

import dev.jdbcguard.rules.report.Occurrence;
import dev.jdbcguard.rules.report.Report;
import dev.jdbcguard.rules.report.ReportCollector;
import dev.jdbcguard.rules.report.ReportHtml;
import dev.jdbcguard.rules.report.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The findings report of everything it receives: register it with {@link GuardListeners} (both kinds) and write it
 * when done. One HTML page (self-contained: it opens from a CI artifact) and one JSON document (its shape is
 * versioned, {@code schemaVersion} 1, schema {@code dev/jdbcguard/rules/report/report-v1.schema.json} in the jar).
 * Memory and size are bounded however many statement shapes run: the top statement shapes by total time are listed,
 * the rest summed. Thread-safe.
 */
public final class FindingsReport implements FindingListener, StatementListener {

    private final ReportCollector collector;

    /**
     * @param source who writes it: {@code driver} or {@code junit}
     * @param rules  the rules that judged, as the header names them (e.g. {@code profile production})
     */
    public FindingsReport(String source, String rules) {
        this.collector = new ReportCollector(source, rules, Instant.now());
    }

    @Override
    public void onFinding(Finding finding) {
        collector.finding(new Occurrence(finding.ruleId(), finding.action().name(), finding.fingerprint(),
                finding.tables(), finding.target(), finding.caller(), finding.at(), evidence(finding.evidence()),
                finding.fix()));
    }

    @Override
    public void onStatement(StatementEvent statement) {
        collector.statement(statement.fingerprint(), statement.kind().name(), statement.target(),
                statement.elapsedNanos(), -1, statement.failed());
    }

    /** The report as of now. */
    public Report snapshot() {
        return collector.snapshot(Instant.now());
    }

    public String html() {
        return ReportHtml.write(snapshot());
    }

    public String json() {
        return ReportJson.write(snapshot());
    }

    /**
     * Writes {@code base.html} and {@code base.json} (an extension {@code .html} or {@code .json} of {@code base} is
     * dropped first), each through a temporary file moved into place, so a reader never sees half a report.
     *
     * @return the HTML file
     */
    public Path write(Path base) throws IOException {
        String name = base.getFileName().toString();
        String stem = name.endsWith(".html") || name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        Path html = base.resolveSibling(stem + ".html");
        Path json = base.resolveSibling(stem + ".json");
        Report report = snapshot();
        Path dir = html.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        replace(dir, html, ReportHtml.write(report));
        replace(dir, json, ReportJson.write(report));
        return html;
    }

    private static void replace(Path dir, Path target, String text) throws IOException {
        Path temporary = Files.createTempFile(dir, ".jdbc-guard-report", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** One line of what the rule measured. */
    static String evidence(Finding.Evidence evidence) {
        if (evidence instanceof Finding.Evidence.Plan plan) {
            if (plan.fromServerFlags()) {
                return "the server's status flags: no index used";
            }
            return "plan: " + plan.rows().stream().map(row -> row.table() + " " + row.accessType()
                    + (row.key() == null ? "" : " key " + row.key()) + " ~" + row.rows() + " rows"
                    + (row.extra() == null || row.extra().isEmpty() ? "" : ", " + row.extra()))
                    .collect(Collectors.joining("; "));
        }
        if (evidence instanceof Finding.Evidence.Timing timing) {
            return "took " + millis(timing.elapsed()) + " (threshold " + millis(timing.threshold()) + ")";
        }
        if (evidence instanceof Finding.Evidence.Repeats repeats) {
            return repeats.count() + " repeats" + (repeats.window() == null || repeats.window().isZero() ? ""
                    : " within " + millis(repeats.window()));
        }
        if (evidence instanceof Finding.Evidence.Rows rows) {
            return "read " + rows.rows() + " rows (limit " + rows.limit() + ")";
        }
        if (evidence instanceof Finding.Evidence.Connections connections) {
            return connections.open() + " connections open (limit " + connections.limit() + ")";
        }
        return "";
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }
}
