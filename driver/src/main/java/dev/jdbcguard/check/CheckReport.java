package dev.jdbcguard.check;

import dev.jdbcguard.rules.report.Json;
import static dev.jdbcguard.rules.report.ReportHtml.escape;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The items of one {@code check} run and their renderings: text for people, JSON (schema {@value #SCHEMA}, described
 * by {@code dev/jdbcguard/check/check-report-v1.schema.json} in the jar) for CI tools, and one self-contained HTML page.
 *
 * @param target  the audited URL without its query (which may hold a password)
 * @param user    the login the check ran as
 * @param server  the server's version string
 * @param rules   which rules set the thresholds, e.g. {@code profile production}
 * @param schema  the schema the schema items read, or {@code null} for every non-system schema
 * @param failOn  the least severe status that fails the run
 * @param items   in checklist order
 */
record CheckReport(String target, String user, String server, String rules, String schema, Status failOn,
                   List<Item> items) {

    /** The JSON report's format and version; a change that removes or retypes a field gets a new version. */
    static final String SCHEMA = "jdbc-guard/check-report/v1";

    boolean failed() {
        return items.stream().anyMatch(item -> item.status().compareTo(failOn) >= 0);
    }

    private Map<Status, Integer> counts() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, 0);
        }
        items.forEach(item -> counts.merge(item.status(), 1, Integer::sum));
        return counts;
    }

    private String verdict() {
        Map<Status, Integer> counts = counts();
        return counts.get(Status.FAIL) + " fail, " + counts.get(Status.WARN) + " warn, " + counts.get(Status.UNKNOWN)
                + " unknown, " + counts.get(Status.PASS) + " pass; fails on " + failOn.label() + ": "
                + (failed() ? "FAILED" : "passed");
    }

    void printText(PrintStream out) {
        out.println("jdbc-guard check of " + target + " as " + user + " (" + server + ")");
        out.println("rules: " + rules + "; schema items read " + (schema == null ? "every non-system schema" : "`" + schema + "`"));
        out.println();
        for (Item item : items) {
            out.printf("%-7s %-17s %s%n", item.status().label().toUpperCase(java.util.Locale.ROOT), item.id(), item.summary());
            for (String line : item.evidence()) {
                out.println("        " + line);
            }
            if (item.status() != Status.PASS) {
                out.println("        fix: " + item.fix());
            }
        }
        out.println();
        out.println(items.size() + " items: " + verdict());
    }

    void printJson(PrintStream out) {
        Map<Status, Integer> counts = counts();
        StringBuilder json = new StringBuilder("{\n")
                .append("  \"schema\": ").append(Json.string(SCHEMA)).append(",\n")
                .append("  \"target\": ").append(Json.string(target)).append(",\n")
                .append("  \"user\": ").append(Json.string(user)).append(",\n")
                .append("  \"server\": ").append(Json.string(server)).append(",\n")
                .append("  \"rules\": ").append(Json.string(rules)).append(",\n")
                .append("  \"database\": ").append(Json.string(schema)).append(",\n")
                .append("  \"failOn\": ").append(Json.string(failOn.label())).append(",\n")
                .append("  \"failed\": ").append(failed()).append(",\n")
                .append("  \"counts\": {");
        for (Status status : Status.values()) {
            json.append(status.ordinal() == 0 ? "" : ", ").append(Json.string(status.label())).append(": ").append(counts.get(status));
        }
        json.append("},\n  \"items\": [");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"id\": ").append(Json.string(item.id()))
                    .append(", \"status\": ").append(Json.string(item.status().label()))
                    .append(", \"summary\": ").append(Json.string(item.summary()))
                    .append(", \"evidence\": [");
            for (int e = 0; e < item.evidence().size(); e++) {
                json.append(e == 0 ? "" : ", ").append(Json.string(item.evidence().get(e)));
            }
            json.append("], \"fix\": ").append(Json.string(item.fix())).append('}');
        }
        json.append("\n  ]\n}");
        out.println(json);
    }

    /** One page with its own style, no scripts and nothing fetched, so it can be attached to a CI run as it is. */
    void printHtml(PrintStream out) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>jdbc-guard check: ").append(escape(target)).append("</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}\n")
                .append("table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.5em;")
                .append("vertical-align:top;text-align:left}ul{margin:.3em 0;padding-left:1.2em}code{font-size:12px}\n")
                .append(".status{font-weight:bold;text-transform:uppercase;white-space:nowrap}.fix{color:#555}\n")
                .append(".pass{color:#176f2c}.warn{color:#8a5a00}.fail{color:#b3261e}.unknown{color:#555}\n")
                .append("</style></head><body>\n<h1>jdbc-guard check</h1>\n<p><code>").append(escape(target))
                .append("</code> as <code>").append(escape(user)).append("</code>, ").append(escape(server))
                .append("<br>rules: ").append(escape(rules)).append("</p>\n<p class=\"")
                .append(failed() ? "fail" : "pass").append("\">").append(escape(verdict())).append("</p>\n")
                .append("<table><thead><tr><th>Status</th><th>Item</th><th>Finding and evidence</th></tr></thead><tbody>\n");
        for (Item item : items) {
            html.append("<tr id=\"").append(escape(item.id())).append("\"><td class=\"status ")
                    .append(item.status().label()).append("\">").append(item.status().label()).append("</td><td><code>")
                    .append(escape(item.id())).append("</code></td><td>").append(escape(item.summary()));
            if (!item.evidence().isEmpty()) {
                html.append("<ul>");
                item.evidence().forEach(line -> html.append("<li><code>").append(escape(line)).append("</code></li>"));
                html.append("</ul>");
            }
            if (item.status() != Status.PASS) {
                html.append("<div class=\"fix\">Fix: ").append(escape(item.fix())).append("</div>");
            }
            html.append("</td></tr>\n");
        }
        out.println(html.append("</tbody></table>\n</body></html>"));
    }
}
