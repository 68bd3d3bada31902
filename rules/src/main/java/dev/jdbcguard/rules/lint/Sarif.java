package dev.jdbcguard.rules.lint;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.engine.Finding;
import dev.jdbcguard.rules.report.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lint --format sarif}: the report as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format),
 * the format GitHub code scanning, GitLab and most CI dashboards import. One run, every rule of the catalog as
 * {@code tool.driver.rules} (what/why/fix as short/full description and help; written before the first result, so
 * results stream), one result per finding with its
 * file, line and column, its detail and fix as the message, and the statement's fingerprint as a partial
 * fingerprint so a dashboard tracks a finding across commits that move it.
 */
final class Sarif extends LintReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** Each catalog rule's index in {@code tool.driver.rules}, which every result names. */
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private boolean first = true;

    Sarif(PrintStream out, String rules, Action failOn, Mode mode, int files) {
        super(out, rules, failOn, mode, files);
    }

    @Override
    void start() {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"$schema\": ").append(Json.string(SCHEMA)).append(",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n")
                .append("      \"tool\": {\n        \"driver\": {\n          \"name\": \"jdbc-guard\",\n")
                .append("          \"informationUri\": \"https://github.com/jdbc-guard/jdbc-guard/blob/main/rules/README.md\",\n")
                .append("          \"rules\": [");
        List<Rule> catalog = RuleCatalog.rules();
        for (int i = 0; i < catalog.size(); i++) {
            Rule rule = catalog.get(i);
            ruleIndex.put(rule.id(), i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("            {\"id\": ").append(Json.string(rule.id()))
                    .append(", \"shortDescription\": {\"text\": ").append(Json.string(rule.what())).append('}')
                    .append(", \"fullDescription\": {\"text\": ").append(Json.string(rule.why())).append('}')
                    .append(", \"help\": {\"text\": ").append(Json.string(rule.fix())).append('}')
                    .append(", \"helpUri\": ").append(Json.string("https://github.com/jdbc-guard/jdbc-guard/blob/main/rules/README.md#"
                            + rule.id().replace(".", "")))
                    .append('}');
        }
        json.append(catalog.isEmpty() ? "]\n" : "\n          ]\n").append("        }\n      },\n")
                .append("      \"properties\": {\"rules\": ").append(Json.string(rules))
                .append(", \"failOn\": ").append(Json.string(failOn.label())).append("},\n")
                .append("      \"results\": [");
        out.print(json);
    }

    @Override
    void write(Located located) {
        Finding finding = located.finding();
        StringBuilder json = new StringBuilder(first ? "\n" : ",\n");
        first = false;
        json.append("        {\"ruleId\": ").append(Json.string(finding.ruleId()))
                .append(", \"ruleIndex\": ").append(ruleIndex.get(finding.ruleId()))
                .append(", \"level\": ").append(Json.string(level(acted(finding))))
                .append(", \"message\": {\"text\": ").append(Json.string(finding.detail() + ". Fix: " + finding.rule().fix())).append('}')
                .append(", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ").append(Json.string(uri(located.file())))
                .append("}, \"region\": {\"startLine\": ").append(located.line())
                .append(", \"startColumn\": ").append(located.column()).append("}}}]")
                .append(", \"partialFingerprints\": {\"jdbcGuardStatement/v1\": ").append(Json.string(Baseline.key(located)))
                .append("}}");
        out.print(json);
    }

    @Override
    void finish() {
        out.println((first ? "]\n" : "\n      ]\n") + "    }\n  ]\n}");
    }

    /** A block fails the build: {@code error}; a warning: {@code warning}. */
    static String level(Action action) {
        return action == Action.BLOCK ? "error" : "warning";
    }

    /** A relative path as a relative URI reference with forward slashes (what code scanning resolves against the checkout). */
    static String uri(Path file) {
        if (file.isAbsolute()) {
            return file.toUri().toString();
        }
        StringBuilder uri = new StringBuilder();
        for (Path part : file.normalize()) {
            uri.append(uri.length() == 0 ? "" : "/").append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return uri.toString();
    }
}
