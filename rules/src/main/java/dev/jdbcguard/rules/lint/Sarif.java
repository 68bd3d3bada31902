package dev.jdbcguard.rules.lint;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.engine.Finding;
import dev.jdbcguard.rules.report.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lint --format sarif}: the report as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format),
 * the format GitHub code scanning, GitLab and most CI dashboards import. One run, the rules that fired as
 * {@code tool.driver.rules} (what/why/fix as short/full description and help), one result per finding with its
 * file, line and column, its detail and fix as the message, and the statement's fingerprint as a partial
 * fingerprint so a dashboard tracks a finding across commits that move it.
 */
final class Sarif {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {
    }

    static void print(LintReport report, PrintStream out) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Rule> rules = new ArrayList<>();
        for (LintReport.Located located : report.findings()) {
            Rule rule = located.finding().rule();
            if (!ruleIndex.containsKey(rule.id())) {
                ruleIndex.put(rule.id(), rules.size());
                rules.add(rule);
            }
        }
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"$schema\": ").append(Json.string(SCHEMA)).append(",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n")
                .append("      \"tool\": {\n        \"driver\": {\n          \"name\": \"jdbc-guard\",\n")
                .append("          \"informationUri\": \"https://github.com/jdbc-guard/jdbc-guard/blob/main/rules/README.md\",\n")
                .append("          \"rules\": [");
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("            {\"id\": ").append(Json.string(rule.id()))
                    .append(", \"shortDescription\": {\"text\": ").append(Json.string(rule.what())).append('}')
                    .append(", \"fullDescription\": {\"text\": ").append(Json.string(rule.why())).append('}')
                    .append(", \"help\": {\"text\": ").append(Json.string(rule.fix())).append('}')
                    .append(", \"helpUri\": ").append(Json.string("https://github.com/jdbc-guard/jdbc-guard/blob/main/rules/README.md#"
                            + rule.id().replace(".", "")))
                    .append('}');
        }
        json.append(rules.isEmpty() ? "]\n" : "\n          ]\n").append("        }\n      },\n")
                .append("      \"properties\": {\"rules\": ").append(Json.string(report.rules()))
                .append(", \"failOn\": ").append(Json.string(report.failOn().label())).append("},\n")
                .append("      \"results\": [");
        List<LintReport.Located> findings = report.findings();
        for (int i = 0; i < findings.size(); i++) {
            LintReport.Located located = findings.get(i);
            Finding finding = located.finding();
            json.append(i == 0 ? "\n" : ",\n")
                    .append("        {\"ruleId\": ").append(Json.string(finding.ruleId()))
                    .append(", \"ruleIndex\": ").append(ruleIndex.get(finding.ruleId()))
                    .append(", \"level\": ").append(Json.string(level(report.acted(finding))))
                    .append(", \"message\": {\"text\": ").append(Json.string(finding.detail() + ". Fix: " + finding.rule().fix())).append('}')
                    .append(", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ").append(Json.string(uri(located.file())))
                    .append("}, \"region\": {\"startLine\": ").append(located.line())
                    .append(", \"startColumn\": ").append(located.column()).append("}}}]")
                    .append(", \"partialFingerprints\": {\"jdbcGuardStatement/v1\": ").append(Json.string(Baseline.key(located)))
                    .append("}}");
        }
        json.append(findings.isEmpty() ? "]\n" : "\n      ]\n").append("    }\n  ]\n}");
        out.println(json);
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
