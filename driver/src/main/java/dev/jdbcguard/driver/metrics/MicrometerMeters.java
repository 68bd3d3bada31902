package dev.jdbcguard.driver.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The guard's metrics as Micrometer meters. The only class that names Micrometer types: load it
 * only when Micrometer is on the class path ({@link GuardMetrics} checks first).
 *
 * <p>Meters, each tagged {@code guard=<name>} (the JMX name, unique per guard instance):
 * <ul>
 *   <li>{@code jdbcguard.rule.findings{rule,action}}: function counter, action {@code warn|block|would_block|allowed};</li>
 *   <li>{@code jdbcguard.connections.open|waiting|max{target}}: gauges;</li>
 *   <li>{@code jdbcguard.statement.duration{target}}: function timer (count and total time), and
 *       {@code jdbcguard.statement.duration.max{target}}: the longest statement since start.</li>
 * </ul>
 * Every meter reads the guard's own counters when scraped: binding adds no cost to the hot path.
 * Rules and targets that appear after binding get their meters then. {@code target} is
 * {@code host:port/database}, never a user or password.
 *
 * <p>Spring Boot: the guard binds to {@code Metrics.globalRegistry} by default, which Boot feeds
 * into its registry; or declare {@code @Bean MeterBinder jdbcGuardMeters() { return new
 * MicrometerMeters(metrics); }}. Binding the same guard to the same registry twice creates no
 * duplicate meters.
 */
final class MicrometerMeters implements MeterBinder, AutoCloseable {

    private final GuardMetrics metrics;
    private final List<MeterRegistry> registries = new ArrayList<>();
    private final List<Registered> registered = new ArrayList<>();
    private final MeterListener listener = new MeterListener() {
        @Override
        public void ruleAdded(RuleCounter counter) {
            forEachRegistry(registry -> addRule(registry, counter));
        }

        @Override
        public void targetAdded(TargetMetrics target) {
            forEachRegistry(registry -> addTarget(registry, target));
        }
    };

    MicrometerMeters(GuardMetrics metrics) {
        this.metrics = metrics;
    }

    /** For {@link GuardMetrics}, reached only after its presence check. */
    static AutoCloseable bindToGlobalRegistry(GuardMetrics metrics) {
        MicrometerMeters meters = new MicrometerMeters(metrics);
        meters.bindTo(Metrics.globalRegistry);
        return meters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (this) {
            if (registries.isEmpty()) {
                metrics.addListener(listener);
            }
            registries.add(registry);
        }
        metrics.ruleCounters().forEach(counter -> addRule(registry, counter));
        metrics.targetMetrics().forEach(target -> addTarget(registry, target));
    }

    /** Removes every meter this binder added, from every registry it was bound to. */
    @Override
    public void close() {
        List<Registered> toRemove;
        synchronized (this) {
            metrics.removeListener(listener);
            registries.clear();
            toRemove = List.copyOf(registered);
            registered.clear();
        }
        toRemove.forEach(entry -> entry.registry().remove(entry.meter()));
    }

    private void addRule(MeterRegistry registry, RuleCounter counter) {
        addFindings(registry, counter, "warn", RuleCounter::warnCount);
        addFindings(registry, counter, "block", RuleCounter::blockCount);
        addFindings(registry, counter, "would_block", RuleCounter::wouldBlockCount);
        addFindings(registry, counter, "allowed", RuleCounter::allowedCount);
    }

    private void addFindings(MeterRegistry registry, RuleCounter counter, String action,
                             ToLongFunction<RuleCounter> count) {
        keep(registry, FunctionCounter.builder("jdbcguard.rule.findings", counter, c -> count.applyAsLong(c))
                .description("Findings of a jdbc-guard rule, by the action taken")
                .tags(guardTags().and("rule", counter.ruleId(), "action", action))
                .register(registry));
    }

    private void addTarget(MeterRegistry registry, TargetMetrics target) {
        Tags tags = guardTags().and("target", target.target());
        addGauge(registry, "jdbcguard.connections.open", "Connections open through the guard", tags, target,
                TargetMetrics::openConnections);
        addGauge(registry, "jdbcguard.connections.waiting", "Callers waiting at the connection cap", tags, target,
                TargetMetrics::waitingConnections);
        addGauge(registry, "jdbcguard.connections.max", "The connection cap in force (0: none)", tags, target,
                TargetMetrics::maxConnections);
        keep(registry, FunctionTimer.builder("jdbcguard.statement.duration", target,
                        TargetMetrics::statementCount, TargetMetrics::statementTotalNanos, TimeUnit.NANOSECONDS)
                .description("Statement executions through the guard").tags(tags).register(registry));
        keep(registry, TimeGauge.builder("jdbcguard.statement.duration.max", target, TimeUnit.NANOSECONDS,
                        TargetMetrics::statementMaxNanos)
                .description("The longest statement since the guard started").tags(tags).register(registry));
    }

    private void addGauge(MeterRegistry registry, String name, String description, Tags tags, TargetMetrics target,
                          ToDoubleFunction<TargetMetrics> value) {
        keep(registry, Gauge.builder(name, target, value).description(description).tags(tags).register(registry));
    }

    private Tags guardTags() {
        return Tags.of("guard", metrics.getName());
    }

    private synchronized void keep(MeterRegistry registry, Meter meter) {
        registered.add(new Registered(registry, meter));
    }

    private void forEachRegistry(Consumer<MeterRegistry> action) {
        List<MeterRegistry> current;
        synchronized (this) {
            current = List.copyOf(registries);
        }
        current.forEach(action);
    }

    private record Registered(MeterRegistry registry, Meter meter) {
    }
}
