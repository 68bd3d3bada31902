package dev.jdbcguard.driver.connections;

import dev.jdbcguard.Finding;
import dev.jdbcguard.GuardDriver;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.driver.metrics.GuardMetrics;
import dev.jdbcguard.driver.metrics.TargetMetrics;
import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.driver.warnings.AppFrames;
import dev.jdbcguard.driver.warnings.Funnel;
import dev.jdbcguard.driver.warnings.WarningReporter;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.file.RuleFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link GuardDriver} whose hook factory is {@link ConnectionRules}, configured by a rule file
 * text, reporting through a real {@link Funnel} (no deduplication window, so every report is logged)
 * and recording what reached the findings listeners while it is open.
 */
public final class GuardedDriver implements AutoCloseable {

    /** One finding, as listeners receive it. */
    public record Reported(Finding finding) {
        public boolean blocked() {
            return finding.action() == Finding.Action.BLOCK;
        }
    }

    private final List<Reported> reported = new CopyOnWriteArrayList<>();
    private final GuardMetrics metrics;
    private final ConnectionRules rules;
    private final GuardDriver driver;
    private final GuardListeners.Registration listening;

    private GuardedDriver(RuleSet ruleSet) {
        this.metrics = GuardMetrics.start("conn-tls-test", List.of(), false);
        Funnel funnel = new Funnel(() -> ruleSet, null, new WarningReporter(Duration.ZERO, 1_000, AppFrames.defaults()),
                metrics);
        this.rules = new ConnectionRules(() -> ruleSet, funnel, t -> metrics.target(t.host(), t.port(), t.database()));
        this.driver = new GuardDriver(rules);
        this.listening = GuardListeners.addFindingListener(finding -> reported.add(new Reported(finding)));
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
        listening.close();
        rules.close();
        metrics.close();
    }
}
