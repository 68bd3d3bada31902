package dev.jdbcguard.driver.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.driver.testing.Concurrently;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardMetricsTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<GuardMetrics> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(GuardMetrics::close);
    }

    private GuardMetrics start(String name, String... ruleIds) {
        GuardMetrics metrics = GuardMetrics.start(name, List.of(ruleIds), false);
        started.add(metrics);
        return metrics;
    }

    @Test
    void findingsAreReadableThroughThePlatformMBeanServer() throws Exception {
        GuardMetrics metrics = start("findings", "dml.no-where", "ddl.drop-table");
        metrics.finding("dml.no-where", false);
        metrics.finding("dml.no-where", false);
        metrics.finding("dml.no-where", true);
        metrics.counter("query.slow").warned();

        ObjectName name = new ObjectName("dev.jdbcguard:type=Guard,name=findings");
        assertThat(metrics.objectName()).isEqualTo(name);
        TabularData warned = (TabularData) server.getAttribute(name, "WarnFindings");
        TabularData blocked = (TabularData) server.getAttribute(name, "BlockFindings");

        assertThat(rowValue(warned, "dml.no-where")).isEqualTo(2L);
        assertThat(rowValue(warned, "query.slow")).as("a rule first seen at run time").isEqualTo(1L);
        assertThat(rowValue(warned, "ddl.drop-table")).as("known rules show 0").isEqualTo(0L);
        assertThat(rowValue(blocked, "dml.no-where")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "Name")).isEqualTo(metrics.getName());
    }

    @Test
    void connectionGaugesAndStatementTimingsPerTarget() throws Exception {
        GuardMetrics metrics = start("targets");
        TargetMetrics shop = metrics.target("db.internal", 3306, "shop");
        assertThat(metrics.target("db.internal", 3306, "shop")).isSameAs(shop);
        ConnectionGauges gauges = shop;
        gauges.capacity(10);
        gauges.connectionOpened();
        gauges.connectionOpened();
        gauges.connectionOpened();
        gauges.connectionClosed();
        gauges.waitStarted();
        StatementTimings closed = shop.openTimings();
        closed.record(3_000_000);
        shop.closeTimings(closed);
        shop.closeTimings(closed); // a second close must not count it twice
        shop.openTimings().record(1_000_000);
        metrics.target("replica.internal", 3307, null);

        CompositeData[] rows = (CompositeData[]) server.getAttribute(metrics.objectName(), "Targets");

        assertThat(rows).hasSize(2);
        CompositeData row = List.of(rows).stream().filter(r -> r.get("target").equals("db.internal:3306/shop"))
                .findFirst().orElseThrow();
        assertThat(row.get("openConnections")).isEqualTo(2);
        assertThat(row.get("waitingConnections")).isEqualTo(1);
        assertThat(row.get("maxConnections")).isEqualTo(10);
        assertThat(row.get("statementCount")).isEqualTo(2L);
        assertThat(row.get("statementTotalNanos")).isEqualTo(4_000_000L);
        assertThat(row.get("statementMaxNanos")).isEqualTo(3_000_000L);
        assertThat(List.of(rows)).extracting(r -> r.get("target")).contains("replica.internal:3307");

        GuardMXBean proxy = JMX.newMXBeanProxy(server, metrics.objectName(), GuardMXBean.class);
        assertThat(proxy.getTargets()).extracting(TargetStats::getTarget)
                .containsExactlyInAnyOrder("db.internal:3306/shop", "replica.internal:3307");
    }

    @Test
    void namesAreMadeUniqueAndUnregisteredOnClose() throws Exception {
        GuardMetrics first = start("shared");
        GuardMetrics second = start("shared");

        // each registers on its own thread: which one gets the suffix is the order the threads ran in
        assertThat(List.of(first.getName(), second.getName())).containsExactlyInAnyOrder("shared", "shared-2");
        assertThat(server.isRegistered(first.objectName())).isTrue();
        assertThat(server.isRegistered(second.objectName())).isTrue();

        second.close();
        second.close();
        assertThat(server.isRegistered(second.objectName())).isFalse();
        assertThat(server.isRegistered(first.objectName())).isTrue();
    }

    @Test
    void namesWithObjectNameSyntaxAreQuoted() throws Exception {
        GuardMetrics metrics = start("pool:primary,eu");

        assertThat(metrics.getName()).isEqualTo("pool:primary,eu");
        assertThat(server.getAttribute(metrics.objectName(), "Name")).isEqualTo("pool:primary,eu");
        assertThatThrownBy(() -> GuardMetrics.start(" ", List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetNamesCarryHostPortAndDatabaseOnly() {
        assertThat(TargetMetrics.describe("db.internal", 3306, "shop")).isEqualTo("db.internal:3306/shop");
        assertThat(TargetMetrics.describe("::1", 3306, "")).isEqualTo("[::1]:3306");
        assertThat(TargetMetrics.describe("[::1]", 3306, "shop")).isEqualTo("[::1]:3306/shop");
        assertThat(TargetMetrics.describe("app:s3cret@db.internal", 3306, "shop")).isEqualTo("db.internal:3306/shop");
        assertThat(TargetMetrics.describe("::ffff:10.0.0.1", 3306, null)).isEqualTo("[::ffff:10.0.0.1]:3306");
    }

    @Test
    void anUnknownPortIsLeftOutAndOnlyIpv6LiteralsAreBracketed() {
        assertThat(TargetMetrics.describe("h1:3306,h2:3307", 0, "shop")).isEqualTo("h1:3306,h2:3307/shop");
        assertThat(TargetMetrics.describe("jdbc:stub:bench?password=***", 0, "")).isEqualTo("jdbc:stub:bench?password=***");
        assertThat(TargetMetrics.describe("data-source", 0, null)).isEqualTo("data-source");
        assertThat(TargetMetrics.describe("::1", 0, "shop")).isEqualTo("[::1]/shop");
    }

    @Test
    void concurrentCountsAreExactAcrossOpenAndClosedConnections() throws Exception {
        GuardMetrics metrics = start("concurrent", "query.slow");
        TargetMetrics target = metrics.target("db", 3306, "shop");
        int threads = 8;
        int perThread = 10_000;
        Concurrently.run(threads, thread -> {
            // each thread is one connection; half of them close before the totals are read
            StatementTimings timings = target.openTimings();
            for (int i = 0; i < perThread; i++) {
                metrics.finding("query.slow", i % 2 == 0);
                timings.record(thread + 1);
                target.connectionOpened();
                target.connectionClosed();
            }
            if (thread % 2 == 0) {
                target.closeTimings(timings);
            }
        });
        assertThat(metrics.getWarnFindings()).containsEntry("query.slow", (long) threads * perThread / 2);
        assertThat(metrics.getBlockFindings()).containsEntry("query.slow", (long) threads * perThread / 2);
        assertThat(target.statementCount()).isEqualTo((long) threads * perThread);
        assertThat(target.statementTotalNanos()).isEqualTo((long) perThread * (threads * (threads + 1) / 2));
        assertThat(target.statementMaxNanos()).isEqualTo(threads);
        assertThat(target.openConnections()).isZero();
    }

    private static Object rowValue(TabularData table, String key) {
        CompositeData row = table.get(new Object[] {key});
        assertThat(row).as("row for " + key).isNotNull();
        return row.get("value");
    }
}
