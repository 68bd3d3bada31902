package dev.jdbcguard.driver.connections;

import dev.jdbcguard.GuardDriver;
import dev.jdbcguard.driver.metrics.GuardMetrics;
import dev.jdbcguard.driver.metrics.TargetMetrics;
import dev.jdbcguard.driver.warnings.AppFrames;
import dev.jdbcguard.driver.warnings.Finding;
import dev.jdbcguard.driver.warnings.WarningReporter;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.file.RuleFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link GuardDriver} whose hook factory is {@link ConnectionRules}, configured by a rule file
 * text, reporting through the real {@link WarningReporter} (no deduplication window, so every
 * report is logged) and recording what it was told.
 */
public final class GuardedDriver implements AutoCloseable {

    /** One report to the sink. */
    public record Reported(Finding finding, Throwable openedAt, boolean blocked) {
    }

    private final List<Reported> reported = new CopyOnWriteArrayList<>();
    private final GuardMetrics metrics;
    private final ConnectionRules rules;
    private final GuardDriver driver;

    private GuardedDriver(RuleSet ruleSet) {
        ReporterSink reporter = new ReporterSink(new WarningReporter(Duration.ZERO, 1_000, AppFrames.defaults()),
                AppFrames.defaults());
        ConnectionFindingSink recording = new ConnectionFindingSink() {
            @Override
            public SQLWarning warn(Finding finding, Throwable openedAt) {
                reported.add(new Reported(finding, openedAt, false));
                return reporter.warn(finding, openedAt);
            }

            @Override
            public String block(Finding finding) {
                reported.add(new Reported(finding, null, true));
                return reporter.block(finding);
            }
        };
        this.metrics = GuardMetrics.start("conn-tls-test", List.of(), false);
        this.rules = new ConnectionRules(() -> ruleSet, recording,
                t -> metrics.target(t.host(), t.port(), t.database()));
        this.driver = new GuardDriver(rules);
    }

    /** A driver under a rule file ({@code extends: production} unless the text says otherwise). */
    public static GuardedDriver withRules(String yaml) {
        return new GuardedDriver(RuleFiles.parse(yaml, "test rules", "production"));
    }

    public Connection connect(String url, Properties info) throws SQLException {
        return driver.connect(url, info);
    }

    /** Everything reported for {@code ruleId}, in order. */
    public List<Reported> reported(String ruleId) {
        List<Reported> matching = new ArrayList<>();
        for (Reported r : reported) {
            if (r.finding().ruleId().equals(ruleId)) {
                matching.add(r);
            }
        }
        return matching;
    }

    public TargetMetrics gauges(Target target) {
        return metrics.target(target.host(), target.port(), target.database());
    }

    public ConnectionRules rules() {
        return rules;
    }

    @Override
    public void close() {
        rules.close();
        metrics.close();
    }
}
