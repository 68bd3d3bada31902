package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.metrics.GuardBeans;
import static dev.jdbcguard.driver.engine.Guarded.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.driver.metrics.GuardMXBean;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import javax.management.JMX;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What one engine counts, read the way operators read it: JMX attributes and Micrometer's global registry. */
@ExtendWith(TestDatabaseExtension.class)
class MetricsE2eTest {

    private static final String GUARD = "metrics-rules.yaml (production)";
    private final TestDatabase db;

    MetricsE2eTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void findingsAndStatementsAreCountedPerRuleActionAndTarget() throws Exception {
        Path rules = Guarded.rulesFile("metrics-rules.yaml", "rules:\n  query.select-star: warn\n");
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> s.execute("DROP TABLE metrics_nothing")).isInstanceOf(GuardViolationException.class);
            }
            s.executeQuery("SELECT * FROM information_schema.schemata").close();
            s.executeQuery("SELECT 1").close();
        }
        GuardMXBean view = GuardBeans.view(GUARD);
        assertThat(view.getBlockFindings()).containsEntry("ddl.drop-table", 3L).containsEntry("dml.no-where", 0L);
        assertThat(view.getWarnFindings()).containsEntry("query.select-star", 1L).containsEntry("ddl.drop-table", 0L);
        assertThat(view.getTargets()).singleElement().satisfies(target -> {
            assertThat(target.getTarget()).isEqualTo(db.host() + ":" + db.port() + "/" + db.database());
            assertThat(target.getStatementCount()).as("blocked statements never ran").isEqualTo(2L);
            assertThat(target.getOpenConnections()).isZero();
        });

        FunctionCounter counter = Metrics.globalRegistry.find("jdbcguard.rule.findings")
                .tags("guard", GUARD, "rule", "ddl.drop-table", "action", "block").functionCounter();
        assertThat(counter).isNotNull();
        assertThat(counter.count()).isEqualTo(3.0);
    }
}
