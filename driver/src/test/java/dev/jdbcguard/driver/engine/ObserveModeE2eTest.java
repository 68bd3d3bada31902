package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.metrics.GuardBeans;
import static dev.jdbcguard.driver.engine.Guarded.adminCount;
import static dev.jdbcguard.driver.engine.Guarded.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.Finding;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.driver.metrics.GuardMXBean;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code guard.mode=observe} and a rule file's {@code mode: observe}: what production blocks runs, and is logged,
 * published and counted as a block that would have happened.
 */
@ExtendWith(TestDatabaseExtension.class)
class ObserveModeE2eTest {

    private final TestDatabase db;

    ObserveModeE2eTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void rows() throws SQLException {
        Guarded.rows(db, "observed_orders", 3);
    }

    @Test
    void aDeleteWithoutWhereRunsUnderProductionInObserveModeAndSaysItWouldHaveBeenBlocked() throws SQLException {
        List<Finding> findings = new CopyOnWriteArrayList<>();
        try (GuardListeners.Registration ignored = GuardListeners.addFindingListener(findings::add);
             Connection c = connect(db, "guard.profile=production&guard.mode=observe"); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM observed_orders")).as("rows the server deleted").isEqualTo(3);
            assertThat(Guarded.warnings(s.getWarnings())).filteredOn(w -> w.getMessage().contains("dml.no-where"))
                    .singleElement().satisfies(w -> assertThat(w.getMessage())
                            .startsWith("[jdbc-guard] dml.no-where WOULD_BLOCK: DELETE without WHERE on observed_orders")
                            .contains("Observe mode: this would have been blocked; it ran."));
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM observed_orders")).isZero();
        assertThat(findings).filteredOn(f -> "delete from observed_orders".equals(f.fingerprint())).singleElement()
                .satisfies(f -> {
                    assertThat(f.action()).isEqualTo(Finding.Action.WOULD_BLOCK);
                    assertThat(f.ruleId()).isEqualTo("dml.no-where");
                    assertThat(f.message()).contains("WOULD_BLOCK");
                });
    }

    @Test
    void aRuleFilesObserveModeIsCountedAsWouldBlockAndAPreparedStatementReportsEachExecution() throws Exception {
        Path rules = Guarded.rulesFile("observe-rules.yaml", "mode: observe\n");
        try (Connection c = connect(db, "guard.rules=" + rules);
             PreparedStatement delete = c.prepareStatement("DELETE FROM observed_orders")) {
            assertThat(delete.executeUpdate()).isEqualTo(3);
            assertThat(delete.executeUpdate()).isZero();
            assertThat(Guarded.warnings(delete.getWarnings())).extracting(w -> w.getMessage().substring(0, 37))
                    .contains("[jdbc-guard] dml.no-where WOULD_BLOCK");
        }
        GuardMXBean view = engine("observe-rules.yaml (production)");
        assertThat(view.getWouldBlockFindings()).containsEntry("dml.no-where", 2L);
        assertThat(view.getBlockFindings()).containsEntry("dml.no-where", 0L);
        FunctionCounter counter = Metrics.globalRegistry.find("jdbcguard.rule.findings")
                .tags("guard", "observe-rules.yaml (production)", "rule", "dml.no-where", "action", "would_block")
                .functionCounter();
        assertThat(counter).isNotNull();
        assertThat(counter.count()).isEqualTo(2.0);
    }

    @Test
    void theConnectSettingOutranksTheRuleFile() throws SQLException {
        Path rules = Guarded.rulesFile("mode: observe\n");
        try (Connection c = connect(db, "guard.rules=" + rules + "&guard.mode=enforce"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM observed_orders"))
                    .isInstanceOf(GuardViolationException.class).hasMessageStartingWith("[jdbc-guard] dml.no-where: ");
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM observed_orders")).isEqualTo(3);
        assertThatThrownBy(() -> connect(db, "guard.mode=watch").close()).isInstanceOf(SQLException.class)
                .hasMessage("[jdbc-guard] invalid guard.mode='watch': expected enforce or observe");
    }

    @Test
    void aConnectOverTheCapIsLetThroughAtOnceAndSaysItWouldHaveWaitedAndBeenRefused() throws SQLException {
        Path rules = Guarded.rulesFile("mode: observe\nrules:\n  conn.cap: {action: block, max: 1, wait: 5s}\n");
        try (Connection first = connect(db, "guard.rules=" + rules)) {
            long started = System.nanoTime();
            try (Connection second = connect(db, "guard.rules=" + rules)) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait at the cap")
                        .isLessThan(Duration.ofSeconds(4));
                assertThat(Guarded.warnings(second.getWarnings())).extracting(SQLWarning::getMessage)
                        .anySatisfy(message -> assertThat(message).startsWith("[jdbc-guard] conn.cap WOULD_BLOCK: ")
                                .contains("(cap 1); this one is let through at once because of observe mode"));
                assertThat(first.isValid(1)).isTrue();
            }
        }
    }

    static GuardMXBean engine(String name) throws Exception {
        return GuardBeans.view(name);
    }
}
