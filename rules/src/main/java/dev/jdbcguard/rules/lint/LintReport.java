package dev.jdbcguard.rules.lint;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.engine.Finding;
import dev.jdbcguard.rules.report.Json;
import dev.jdbcguard.rules.report.Occurrence;
import dev.jdbcguard.rules.report.ReportCollector;
import dev.jdbcguard.rules.report.ReportHtml;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The findings of one {@code lint} run and their renderings: text for people, JSON for CI tools ({@link Sarif} and
 * {@link GithubAnnotations} for code scanning and workflow annotations).
 *
 * @param rules    which rules judged, e.g. {@code profile migration}
 * @param failOn   the least severe action that fails the run
 * @param mode     {@code observe}: a block is reported as would-block, and counts as a warning for {@code failOn}
 * @param files    how many files were judged
 * @param findings in file order, then statement order; without those the baseline knows or an allow entry accepts
 * @param known    how many findings the baseline knew, and were left out
 * @param allowed  how many findings the rule file's {@code allow:} entries accepted, and were left out
 */
record LintReport(String rules, Action failOn, Mode mode, int files, List<Located> findings, int known, int allowed) {

    static final String WOULD_BLOCK = "would-block";

    /** A finding with its place in a file (line and column 1-based, of the statement's first token). */
    record Located(Path file, int line, int column, Finding finding) {
    }

    boolean failed() {
        return findings.stream().anyMatch(located -> acted(located.finding()).atLeast(failOn));
    }

    /** What the run did about a finding: its action, except that observe mode lets a block through as a warning. */
    Action acted(Finding finding) {
        return mode == Mode.OBSERVE && finding.action() == Action.BLOCK ? Action.WARN : finding.action();
    }

    /** The action as the reports spell it: {@code block}, {@code warn}, or {@code would-block} under observe. */
    String label(Finding finding) {
        return mode == Mode.OBSERVE && finding.action() == Action.BLOCK ? WOULD_BLOCK : finding.action().label();
    }

    void printText(PrintStream out) {
        for (Located located : findings) {
            Finding finding = located.finding();
            out.println(located.file() + ":" + located.line() + ":" + located.column() + ": " + label(finding)
                    + " " + finding.ruleId() + ": " + finding.detail());
            out.println("    fix: " + finding.rule().fix());
        }
        out.println(summary());
    }

    /** The closing line: counts, rules, verdict. */
    String summary() {
        long blocks = findings.stream().filter(located -> located.finding().action() == Action.BLOCK).count();
        boolean observing = mode == Mode.OBSERVE;
        return files + (files == 1 ? " file, " : " files, ") + findings.size()
                + (findings.size() == 1 ? " finding" : " findings") + " (" + blocks + (observing ? " " + WOULD_BLOCK : " block")
                + ", " + (findings.size() - blocks) + " warn" + (known > 0 ? "; " + known + " more known from the baseline" : "")
                + (allowed > 0 ? "; " + allowed + " allowed by the rule file" : "") + ") under " + rules
                + (observing ? " in observe mode" : "") + "; fails on " + failOn.label() + ": " + (failed() ? "FAILED" : "passed");
    }

    /** The findings report ({@link ReportHtml}): one row per rule and statement, with the files and lines. */
    void printHtml(PrintStream out, Instant started) {
        ReportCollector collector = new ReportCollector("lint", rules, started);
        Instant now = Instant.now();
        for (Located located : findings) {
            Finding finding = located.finding();
            collector.finding(new Occurrence(finding.ruleId(), label(finding).toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                    finding.fingerprint(),
                    finding.table() == null ? List.of() : List.of(finding.table()), null,
                    located.file() + ":" + located.line() + ":" + located.column(), now, finding.detail(),
                    finding.rule().fix()));
        }
        out.print(ReportHtml.write(collector.snapshot(now)));
        out.flush();
    }

    void printJson(PrintStream out) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"rules\": ").append(Json.string(rules)).append(",\n")
                .append("  \"failOn\": ").append(Json.string(failOn.label())).append(",\n");
        // only when they say something, so the document of a default run stays as it was
        if (mode == Mode.OBSERVE) {
            json.append("  \"mode\": ").append(Json.string(mode.toString())).append(",\n");
        }
        if (allowed > 0) {
            json.append("  \"allowed\": ").append(allowed).append(",\n");
        }
        json
                .append("  \"files\": ").append(files).append(",\n")
                .append("  \"failed\": ").append(failed()).append(",\n")
                .append("  \"findings\": [");
        for (int i = 0; i < findings.size(); i++) {
            Located located = findings.get(i);
            Finding finding = located.finding();
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"file\": ").append(Json.string(located.file().toString()))
                    .append(", \"line\": ").append(located.line())
                    .append(", \"column\": ").append(located.column())
                    .append(", \"rule\": ").append(Json.string(finding.ruleId()))
                    .append(", \"action\": ").append(Json.string(label(finding)))
                    .append(", \"detail\": ").append(Json.string(finding.detail()))
                    .append(", \"table\": ").append(Json.string(finding.table()))
                    .append(", \"fingerprint\": ").append(Json.string(finding.fingerprint()))
                    .append(", \"why\": ").append(Json.string(finding.rule().why()))
                    .append(", \"fix\": ").append(Json.string(finding.rule().fix()))
                    .append('}');
        }
        json.append(findings.isEmpty() ? "]\n}" : "\n  ]\n}");
        out.println(json);
    }
}
