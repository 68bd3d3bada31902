package dev.jdbcguard.driver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GuardMetrics metrics = GuardMetrics.start("micrometer", List.of("dml.no-where", "ddl.drop-table"), false);

    @AfterEach
    void close() {
        metrics.close();
        registry.close();
    }

    @Test
    void findingsByRuleAndAction() {
        new MicrometerMeters(metrics).bindTo(registry);
        metrics.finding("dml.no-where", false);
        metrics.finding("dml.no-where", false);
        metrics.finding("ddl.drop-table", true);

        assertThat(findings("dml.no-where", "warn")).isEqualTo(2.0);
        assertThat(findings("dml.no-where", "block")).isEqualTo(0.0);
        assertThat(findings("ddl.drop-table", "block")).isEqualTo(1.0);
    }

    @Test
    void rulesAndTargetsSeenAfterBindingGetMeters() {
        new MicrometerMeters(metrics).bindTo(registry);

        metrics.finding("query.n-plus-one", false);
        TargetMetrics target = metrics.target("db.internal", 3306, "shop");
        target.capacity(20);
        target.connectionOpened();
        target.waitStarted();
        StatementTimings timings = target.openTimings();
        timings.record(2_000_000);
        timings.record(6_000_000);

        assertThat(findings("query.n-plus-one", "warn")).isEqualTo(1.0);
        assertThat(gauge("jdbcguard.connections.open")).isEqualTo(1.0);
        assertThat(gauge("jdbcguard.connections.waiting")).isEqualTo(1.0);
        assertThat(gauge("jdbcguard.connections.max")).isEqualTo(20.0);
        FunctionTimer timer = registry.get("jdbcguard.statement.duration")
                .tags("guard", "micrometer", "target", "db.internal:3306/shop").functionTimer();
        assertThat(timer.count()).isEqualTo(2.0);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8.0);
        assertThat(registry.get("jdbcguard.statement.duration.max").tags("target", "db.internal:3306/shop")
                .timeGauge().value(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
    }

    @Test
    void closingTheBinderRemovesItsMeters() {
        MicrometerMeters meters = new MicrometerMeters(metrics);
        meters.bindTo(registry);
        metrics.target("db", 3306, "shop");
        assertThat(registry.getMeters()).isNotEmpty();

        meters.close();
        metrics.finding("query.slow", false);

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void bindsToTheGlobalRegistryWhenAskedAndUnbindsOnClose() {
        Metrics.globalRegistry.add(registry);
        try (GuardMetrics global = GuardMetrics.start("global", List.of("dml.no-where"), true)) {
            global.finding("dml.no-where", true);
            global.awaitRegistration(); // the meters are bound on the registration thread, after the MXBean

            assertThat(registry.get("jdbcguard.rule.findings")
                    .tags("guard", "global", "rule", "dml.no-where", "action", "block").functionCounter().count())
                    .isEqualTo(1.0);
            global.close();
            assertThat(registry.find("jdbcguard.rule.findings").tag("guard", "global").meters()).isEmpty();
        } finally {
            Metrics.globalRegistry.remove(registry);
        }
    }

    @Test
    void noTagCarriesCredentials() {
        new MicrometerMeters(metrics).bindTo(registry);
        metrics.target("app:s3cret@db.internal", 3306, "shop").connectionOpened();

        List<String> tagValues = registry.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getValue).toList();

        assertThat(tagValues).contains("db.internal:3306/shop").noneMatch(value -> value.contains("s3cret"))
                .noneMatch(value -> value.contains("app:"));
    }

    private double findings(String rule, String action) {
        return registry.get("jdbcguard.rule.findings").tags("guard", "micrometer", "rule", rule, "action", action)
                .functionCounter().count();
    }

    private double gauge(String name) {
        return registry.get(name).tags("guard", "micrometer", "target", "db.internal:3306/shop").gauge().value();
    }
}
