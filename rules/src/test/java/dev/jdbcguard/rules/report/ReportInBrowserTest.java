package dev.jdbcguard.rules.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a real browser renders it: headless Chromium opens the file and the test reads the DOM after
 * the report's script ran. Skipped, saying why, where no Chromium is installed ({@code .ci/run} installs it).
 */
class ReportInBrowserTest {

    private static final Instant T0 = Instant.parse("2026-12-02T04:00:00Z");

    @Test
    void chromiumShowsEveryFindingRowAndPatternWithTheCountsTheScriptWrote(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no chromium on PATH (apt-get install chromium; .ci/run does): the report"
                + " is not checked in a browser here");

        ReportCollector collector = new ReportCollector("junit", "profile production", T0, 2, 4);
        String lookup = "select name from customers where id = ? and note <> '</td></tr><tr><td>'";
        for (int i = 0; i < 20; i++) {
            collector.statement(lookup, "SELECT", "app@127.0.0.1:3306/shop", 2_000_000L, -1, false);
        }
        collector.statement("select id from orders where note = ?", "SELECT", "app@127.0.0.1:3306/shop",
                90_000_000L, -1, false);
        collector.statement("select 1", "SELECT", "app@127.0.0.1:3306/shop", 1_000L, -1, false);
        for (int i = 0; i < 10; i++) {
            collector.finding(new Occurrence("query.n-plus-one", "WARN", lookup, List.of("customers"),
                    "app@127.0.0.1:3306/shop", "com.acme.OrderTest.loads(OrderTest.java:41)", T0.plusSeconds(i),
                    "repeats: " + (11 + i) + " in one transaction", "load the rows in one query"));
        }
        collector.finding(new Occurrence("query.unindexed", "WARN", "select id from orders where note = ?",
                List.of("orders"), "app@127.0.0.1:3306/shop", "com.acme.OrderTest.scan(OrderTest.java:52)", T0,
                "plan: orders ALL ~100000 rows, Using where", "consider an index on orders(note)"));
        collector.finding(new Occurrence("dml.no-where", "BLOCK", "delete from orders", List.of("orders"),
                "app@127.0.0.1:3306/shop", "com.acme.OrderTest.purge(OrderTest.java:60)", T0, "", "add the WHERE"));
        Path page = Files.writeString(dir.resolve("report.html"), ReportHtml.write(collector.snapshot(T0.plusSeconds(30))));

        String dom = Chromium.dumpDom(chromium.get(), page);

        assertThat(text(dom, "<p class=\"status\" id=\"findings-status\">(.*?)</p>"))
                .as("written by the report's script: it ran").isEqualTo("showing 3 of 3 rows");
        assertThat(text(dom, "<p class=\"status\" id=\"patterns-status\">(.*?)</p>")).isEqualTo("showing 2 of 2 rows");
        String findings = text(dom, "(?s)<table id=\"findings\".*?<tbody>(.*?)</tbody>");
        assertThat(all(findings, "<tr class=\"(\\w+)\">")).containsExactly("block", "warn", "warn");
        assertThat(all(findings, "<td class=\"rule\">(.*?)</td>"))
                .containsExactly("dml.no-where", "query.n-plus-one", "query.unindexed");
        assertThat(all(findings, "<td class=\"num occurrences\">(\\d+)</td>")).containsExactly("1", "10", "1");
        String patterns = text(dom, "(?s)<table id=\"patterns\".*?<tbody>(.*?)</tbody>");
        assertThat(all(patterns, "<td class=\"num calls\">(\\d+)</td>")).containsExactly("1", "20");
        assertThat(all(patterns, "<span class=\"flag\">(.*?)</span>")).containsExactly("unindexed", "n+1");
        assertThat(text(dom, "(?s)<tr id=\"rest\"><td>(.*?)</td>")).isEqualTo("1 other shapes (summed)");
        assertThat(text(dom, "(?s)<table id=\"by-action\".*?<tbody>(.*?)</tbody>"))
                .isEqualTo("<tr><th>BLOCK</th><td class=\"num\">1</td></tr><tr><th>WARN</th><td class=\"num\">11</td></tr>");
    }

    private static String text(String dom, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(dom);
        assertThat(matcher.find()).as("rendered DOM has %s", regex).isTrue();
        return matcher.group(1);
    }

    private static List<String> all(String html, String regex) {
        return Pattern.compile(regex).matcher(html).results().map(m -> m.group(1)).toList();
    }
}
