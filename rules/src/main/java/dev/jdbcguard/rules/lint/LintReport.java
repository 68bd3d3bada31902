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
import java.util.Locale;

/**
 * The findings of one {@code lint} run, written as they are found in one output format, and the counts its closing
 * line and exit status come from: text for people, JSON for CI tools, {@link Sarif} for code scanning,
 * {@link GithubAnnotations} for workflow annotations, HTML for the findings report. No format keeps the findings:
 * text, JSON, SARIF and GitHub write each at once (SARIF lists the whole catalog's rules up front, so a result can
 * name its rule before the run knows which rules fire), and HTML adds each to the report's bounded model
 * ({@link ReportCollector}: at most {@value ReportCollector#MAX_FINDING_ROWS} rows, further occurrences counted). So
 * lint's memory does not grow with the size of its input or the number of findings.
 */
abstract class LintReport {

    static final String WOULD_BLOCK = "would-block";

    /** A finding with its place in a file (line and column 1-based, of the statement's first token). */
    record Located(Path file, int line, int column, Finding finding) {
    }

    final PrintStream out;
    /** Which rules judged, e.g. {@code profile migration}. */
    final String rules;
    /** The least severe action that fails the run. */
    final Action failOn;
    /** {@code observe}: a block is reported as would-block, and counts as a warning for {@link #failOn}. */
    final Mode mode;
    /** How many files are judged. */
    final int files;
    private long findings;
    private long blocks;
    private long known;
    private long allowed;
    private boolean failed;

    LintReport(PrintStream out, String rules, Action failOn, Mode mode, int files) {
        this.out = out;
        this.rules = rules;
        this.failOn = failOn;
        this.mode = mode;
        this.files = files;
    }

    /** The report for {@code --format}: text, json, sarif, github or html. */
    static LintReport of(String format, PrintStream out, String rules, Action failOn, Mode mode, int files,
                         Instant started) {
        return switch (format) {
            case "json" -> new JsonReport(out, rules, failOn, mode, files);
            case "sarif" -> new Sarif(out, rules, failOn, mode, files);
            case "github" -> new GithubAnnotations(out, rules, failOn, mode, files);
            case "html" -> new HtmlReport(out, rules, failOn, mode, files, started);
            default -> new TextReport(out, rules, failOn, mode, files);
        };
    }

    /** Before the first finding. */
    void start() {
    }

    /** A finding, in file order, then statement order. */
    final void add(Located located) {
        Action action = located.finding().action();
        findings++;
        blocks += action == Action.BLOCK ? 1 : 0;
        failed |= acted(located.finding()).atLeast(failOn);
        write(located);
    }

    /** A finding the baseline knows, left out. */
    final void known() {
        known++;
    }

    /** A finding the rule file's {@code allow:} entries accept, left out. */
    final void allowed() {
        allowed++;
    }

    /** How many findings the rule file's {@code allow:} entries accepted so far. */
    final long allowedCount() {
        return allowed;
    }

    /** What the run did about a finding: its action, except that observe mode lets a block through as a warning. */
    final Action acted(Finding finding) {
        return mode == Mode.OBSERVE && finding.action() == Action.BLOCK ? Action.WARN : finding.action();
    }

    /** The action as the reports spell it: {@code block}, {@code warn}, or {@code would-block} under observe. */
    final String label(Finding finding) {
        return mode == Mode.OBSERVE && finding.action() == Action.BLOCK ? WOULD_BLOCK : finding.action().label();
    }

    abstract void write(Located located);

    /** After the last finding. */
    abstract void finish();

    boolean failed() {
        return failed;
    }

    /** The closing line: counts, rules, verdict. */
    String summary() {
        boolean observing = mode == Mode.OBSERVE;
        return files + (files == 1 ? " file, " : " files, ") + findings + (findings == 1 ? " finding" : " findings") + " ("
                + blocks + (observing ? " " + WOULD_BLOCK : " block") + ", " + (findings - blocks) + " warn"
                + (known > 0 ? "; " + known + " more known from the baseline" : "")
                + (allowed > 0 ? "; " + allowed + " allowed by the rule file" : "") + ") under " + rules
                + (observing ? " in observe mode" : "") + "; fails on " + failOn.label() + ": " + (failed ? "FAILED" : "passed");
    }

    private static final class TextReport extends LintReport {
        TextReport(PrintStream out, String rules, Action failOn, Mode mode, int files) {
            super(out, rules, failOn, mode, files);
        }

        @Override
        void write(Located located) {
            Finding finding = located.finding();
            out.println(located.file() + ":" + located.line() + ":" + located.column() + ": " + label(finding)
                    + " " + finding.ruleId() + ": " + finding.detail());
            out.println("    fix: " + finding.rule().fix());
        }

        @Override
        void finish() {
            out.println(summary());
        }
    }

    /** One JSON object; {@code failed} comes after the findings, which are written as they are found. */
    private static final class JsonReport extends LintReport {
        private boolean first = true;

        JsonReport(PrintStream out, String rules, Action failOn, Mode mode, int files) {
            super(out, rules, failOn, mode, files);
        }

        @Override
        void start() {
            // "mode" only when it says something, so the document of a default run stays as it was
            out.print("{\n  \"rules\": " + Json.string(rules) + ",\n  \"failOn\": " + Json.string(failOn.label())
                    + (mode == Mode.OBSERVE ? ",\n  \"mode\": " + Json.string(mode.toString()) : "")
                    + ",\n  \"files\": " + files + ",\n  \"findings\": [");
        }

        @Override
        void write(Located located) {
            Finding finding = located.finding();
            StringBuilder json = new StringBuilder(first ? "\n" : ",\n");
            first = false;
            json.append("    {\"file\": ").append(Json.string(located.file().toString()))
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
            out.print(json);
        }

        @Override
        void finish() {
            out.print(first ? "]" : "\n  ]");
            // known only at the end, like failed; only when there were any
            out.print(allowedCount() > 0 ? ",\n  \"allowed\": " + allowedCount() : "");
            out.println(",\n  \"failed\": " + failed() + "\n}");
        }
    }

    /** The findings report ({@link ReportHtml}): one row per rule and statement, with the files and lines. */
    private static final class HtmlReport extends LintReport {
        private final ReportCollector collector;

        HtmlReport(PrintStream out, String rules, Action failOn, Mode mode, int files, Instant started) {
            super(out, rules, failOn, mode, files);
            this.collector = new ReportCollector("lint", rules, started);
        }

        @Override
        void write(Located located) {
            Finding finding = located.finding();
            collector.finding(new Occurrence(finding.ruleId(), label(finding).toUpperCase(Locale.ROOT).replace('-', '_'),
                    finding.fingerprint(),
                    finding.table() == null ? List.of() : List.of(finding.table()), null,
                    located.file() + ":" + located.line() + ":" + located.column(), Instant.now(), finding.detail(),
                    finding.rule().fix()));
        }

        @Override
        void finish() {
            out.print(ReportHtml.write(collector.snapshot(Instant.now())));
            out.flush();
        }
    }
}
