package dev.jdbcguard.rules.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ReportCollectorTest {

    private static final Instant T0 = Instant.parse("2026-12-02T04:00:00Z");
    private static final String LOOKUP = "select name from customers where id = ?";
    private static final String TARGET = "app@db.internal:3306/shop";

    private static Occurrence occurrence(String rule, String action, String fingerprint, String caller, int second) {
        return new Occurrence(rule, action, fingerprint, fingerprint == null ? List.of() : List.of("customers"), TARGET,
                caller, T0.plusSeconds(second), "repeats: " + (10 + second) + " in one transaction", "fix " + rule);
    }

    @Test
    void findingsAreOneRowPerRuleAndFingerprintWithTheirCallersMostSevereFirst() {
        ReportCollector collector = new ReportCollector("driver", "profile production", T0);
        for (int i = 0; i < 7; i++) {
            collector.finding(occurrence("query.n-plus-one", "WARN", LOOKUP, "com.acme.Repo.find(Repo.java:" + (i % 2 == 0 ? 12 : 30) + ")", i));
        }
        for (int i = 0; i < 8; i++) { // more callers than a row lists
            collector.finding(occurrence("query.slow", "WARN", LOOKUP, "com.acme.Job" + i + ".run(Job.java:1)", i));
        }
        collector.finding(occurrence("dml.no-where", "BLOCK", "delete from customers", "com.acme.Purge.run(Purge.java:9)", 3));
        collector.finding(occurrence("conn.leak", "WARN", null, "com.acme.Jobs.run(Jobs.java:31)", 4));

        Report report = collector.snapshot(T0.plusSeconds(60));
        assertThat(report.findings()).extracting(Report.FindingRow::ruleId)
                .containsExactly("dml.no-where", "query.slow", "query.n-plus-one", "conn.leak");
        Report.FindingRow nPlusOne = report.findings().get(2);
        assertThat(nPlusOne.occurrences()).isEqualTo(7);
        assertThat(nPlusOne.firstSeen()).isEqualTo(T0);
        assertThat(nPlusOne.lastSeen()).isEqualTo(T0.plusSeconds(6));
        assertThat(nPlusOne.evidence()).isEqualTo("repeats: 16 in one transaction");
        assertThat(nPlusOne.callers()).containsExactly(new Report.Caller("com.acme.Repo.find(Repo.java:12)", 4),
                new Report.Caller("com.acme.Repo.find(Repo.java:30)", 3));
        assertThat(nPlusOne.allow()).isEqualTo("/* guard:allow query.n-plus-one */ in the statement, or rule file:"
                + " tables: {customers: {query.n-plus-one: off}}");
        assertThat(report.findings().get(1).callers()).hasSize(6).last()
                .isEqualTo(new Report.Caller("(other places)", 3));
        assertThat(report.findings().get(3).allow()).isEqualTo("rule file: rules: {conn.leak: off}");

        Report.Header header = report.header();
        assertThat(header.byAction()).containsEntry("WARN", 16L).containsEntry("BLOCK", 1L);
        assertThat(header.byFamily()).containsEntry("query", 15L).containsEntry("dml", 1L).containsEntry("conn", 1L);
        assertThat(header.targets()).containsExactly(TARGET);
        assertThat(header.guardVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void patternsAreRankedByTotalTimeWithShareAndTheFlagsOfTheirFindings() {
        ReportCollector collector = new ReportCollector("driver", "profile production", T0, 2, 4);
        for (int i = 1; i <= 100; i++) {
            collector.statement(LOOKUP, "SELECT", TARGET, i * 1_000_000L, -1, false); // 1..100 ms
        }
        collector.statement("update customers set name = ? where id = ?", "UPDATE", TARGET, 2_000_000_000L, 1, true);
        collector.statement("select 1", "SELECT", TARGET, 1_000_000L, -1, false);
        collector.finding(occurrence("query.n-plus-one", "WARN", LOOKUP, null, 1));
        collector.finding(occurrence("query.unindexed", "WARN", LOOKUP, null, 1));

        Report report = collector.snapshot(T0.plusSeconds(1));
        assertThat(report.patterns()).extracting(Report.PatternRow::fingerprint)
                .containsExactly(LOOKUP, "update customers set name = ? where id = ?");
        Report.PatternRow lookup = report.patterns().get(0);
        assertThat(lookup.calls()).isEqualTo(100);
        assertThat(lookup.totalNanos()).isEqualTo(5_050_000_000L);
        assertThat(lookup.avgNanos()).isEqualTo(50_500_000L);
        assertThat(lookup.maxNanos()).isEqualTo(100_000_000L);
        assertThat(lookup.p95Nanos()).as("p95 of 1..100 ms, from buckets 19% wide").isBetween(95_000_000L, 100_000_000L);
        assertThat(lookup.rows()).isEqualTo(-1);
        assertThat(lookup.flags()).containsExactly("n+1", "unindexed");
        assertThat(lookup.share()).isCloseTo(5.05 / 7.051, within(1e-6));
        assertThat(report.patterns().get(1).failed()).isEqualTo(1);
        assertThat(report.patterns().get(1).rows()).isEqualTo(1);
        assertThat(report.rest()).isEqualTo(new Report.Rest(1, 1, 1_000_000L, 0.001 / 7.051));
        assertThat(report.header().statements()).isEqualTo(102);
    }

    @Test
    void aHundredThousandShapesKeepMemoryAndTheReportBoundedAndLoseNoCall() {
        ReportCollector collector = new ReportCollector("driver", "profile production", T0);
        long calls = 0;
        for (int i = 0; i < 100_000; i++) {
            // every 1,000th shape is slow and runs 3 times: those must survive the folding
            boolean heavy = i % 1_000 == 0;
            for (int repeat = 0; repeat < (heavy ? 3 : 1); repeat++) {
                collector.statement("select c" + i + " from t where id = ?", "SELECT", TARGET,
                        heavy ? 500_000_000L : 100_000L + i, -1, false);
                calls++;
            }
            if (i % 997 == 0) {
                collector.finding(occurrence("query.slow", "WARN", "select c" + i + " from t where id = ?", null, 1));
            }
        }
        Report report = collector.snapshot(T0.plusSeconds(1));
        assertThat(report.patterns()).hasSize(ReportCollector.DEFAULT_TOP_PATTERNS);
        assertThat(report.patterns()).allSatisfy(p -> assertThat(p.totalNanos()).isEqualTo(1_500_000_000L));
        long listed = report.patterns().stream().mapToLong(Report.PatternRow::calls).sum();
        assertThat(listed + report.rest().calls()).isEqualTo(calls);
        assertThat(report.rest().shapes()).isGreaterThanOrEqualTo(100_000 - ReportCollector.DEFAULT_TOP_PATTERNS);
        assertThat(report.header().statements()).isEqualTo(calls);

        String html = ReportHtml.write(report);
        String json = ReportJson.write(report);
        assertThat(html.length()).as("HTML bytes").isLessThan(150_000);
        assertThat(json.length()).as("JSON bytes").isLessThan(150_000);
        assertThat(html).contains(report.rest().shapes() + " other shapes (summed)");
    }

    @Test
    void theJsonFollowsItsPublishedSchema() throws Exception {
        ReportCollector collector = new ReportCollector("junit", "profile production", T0);
        collector.finding(occurrence("query.n-plus-one", "WARN", LOOKUP, "com.acme.Repo.find(Repo.java:12)", 1));
        collector.finding(occurrence("conn.leak", "WOULD_BLOCK", null, null, 2));
        collector.statement(LOOKUP, "SELECT", TARGET, 1_234_567L, -1, false);
        collector.statement("insert into \"quoted\" values (?)\n\t", "INSERT", null, 10L, 1, false);
        String json = ReportJson.write(collector.snapshot(T0.plusSeconds(3)));

        Schema schema;
        try (InputStream in = ReportJson.class.getResourceAsStream("report-v1.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();

        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(Report.SCHEMA_VERSION);
        assertThat(root.get("findings").get(0).get("action").asString()).isEqualTo("WOULD_BLOCK");
        assertThat(root.get("findings").get(0).get("fingerprint").isNull()).isTrue();
        assertThat(root.get("patterns").get(1).get("fingerprint").asString())
                .isEqualTo("insert into \"quoted\" values (?)\n\t");
        assertThat(root.get("header").get("from").asString()).isEqualTo("2026-12-02T04:00:00Z");

        // and the schema can fail: a report of another version, or without its findings, is refused
        assertThat(schema.validate(json.replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"), InputFormat.JSON))
                .isNotEmpty();
        assertThat(schema.validate("{\"schemaVersion\": 1}", InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void theHtmlIsSelfContainedAndEscapesWhatTheStatementsCarry() {
        ReportCollector collector = new ReportCollector("lint", "profile production", T0);
        String hostile = "select '</td><script>alert(1)</script>' from t";
        collector.finding(occurrence("query.select-star", "WARN", hostile, "V1__init.sql:3:1", 0));
        collector.statement(hostile + " " + "x".repeat(200), "SELECT", TARGET, 5L, -1, false);
        String html = ReportHtml.write(collector.snapshot(T0));
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<details><summary>");
        assertThat(html).as("nothing loaded from elsewhere").doesNotContain("src=").doesNotContain("href=")
                .doesNotContain("@import").doesNotContain("url(");
        assertThat(html.split("<script>", -1)).as("exactly one script: the report's own").hasSize(2);
    }

    @Test
    void aCollectorRefusesBoundsThatCannotHoldItsTopShapes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReportCollector("driver", "r", T0, 10, 15))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity >= 2 * topPatterns");
    }

    @Test
    void aPercentileIsNeverAboveTheLargestDurationAndWithinABucketOfTheTruth() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.percentile(0.95)).isZero();
        for (long micros = 1; micros <= 10_000; micros++) {
            histogram.record(micros * 1_000);
        }
        assertThat(histogram.percentile(0.5)).isBetween(5_000_000L, (long) (5_000_000 * 1.19));
        assertThat(histogram.percentile(1.0)).isEqualTo(10_000_000L);
        histogram.record(0);
        assertThat(histogram.percentile(0.00001)).isEqualTo(1_000L);
    }
}
