package dev.jdbcguard.driver.engine;

import static dev.jdbcguard.driver.engine.Guarded.connect;
import static dev.jdbcguard.driver.engine.Guarded.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.driver.warnings.GuardWarning;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code query.unindexed} through the driver on the real server ({@code qc_orders}: 2,000 rows,
 * indexed on {@code customer_id} only): a full scan is reported, an index lookup is not, by the
 * EXPLAIN detector, by the status flags, and as {@code block} for test suites.
 */
@ExtendWith(TestDatabaseExtension.class)
class UnindexedE2eTest {

    private final TestDatabase db;

    UnindexedE2eTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void tables(TestDatabase db) throws SQLException {
        QueryTables.create(db);
    }

    @Test
    void productionWarnsOnAFullScanWithThePlanAndIsSilentOnAnIndexLookup() throws SQLException {
        try (Connection c = connect(db, "guard.explain-wait=5s"); Statement s = c.createStatement()) {
            read(s, "SELECT status FROM qc_orders WHERE note = 'n5'");
            assertThat(ruleWarnings(s.getWarnings(), "query.unindexed")).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .startsWith("[jdbc-guard] query.unindexed WARN: ")
                    .contains("qc_orders").contains("rows examined").contains("fingerprint=\"select status from qc_orders where note = ?\""));
            s.clearWarnings();

            read(s, "SELECT status FROM qc_orders WHERE customer_id = 7");
            assertThat(warnings(s.getWarnings())).isEmpty();

            // MariaDB flags this scan too, but EXPLAIN estimates 5 rows: under min-rows (1,000), exempt.
            read(s, "SELECT name FROM qc_countries WHERE name = 'France'");
            assertThat(warnings(s.getWarnings())).isEmpty();
        }
    }

    @Test
    void flagsDetectorReportsWhatTheServerSaysWithoutExplain() throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  query.unindexed: {action: warn, detect: flags}\n");
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            read(s, "SELECT status FROM qc_orders WHERE note = 'n6'");
            assertThat(ruleWarnings(s.getWarnings(), "query.unindexed")).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .startsWith("[jdbc-guard] query.unindexed WARN: the server reports that it used no index (tables: qc_orders)"));
            s.clearWarnings();

            read(s, "SELECT status FROM qc_orders WHERE id = 6");
            assertThat(warnings(s.getWarnings())).isEmpty();
        }
    }

    @Test
    void blockFailsTheTestSuitesFullScanBeforeItRuns() throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  query.unindexed: block\n");
        try (Connection c = connect(db, "guard.rules=" + rules + "&guard.explain-wait=5s"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT id FROM qc_orders WHERE note = 'n7'"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> {
                        assertThat(e.ruleId()).isEqualTo("query.unindexed");
                        assertThat(e.getMessage()).startsWith("[jdbc-guard] query.unindexed: ").contains("qc_orders");
                    });
            read(s, "SELECT id FROM qc_orders WHERE customer_id = 8");
        }
    }

    @Test
    void blockWithTheFlagsDetectorFailsTheCallAfterTheServerAnswered() throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  query.unindexed: {action: block, detect: flags}\n");
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT id FROM qc_orders WHERE note = 'n8'"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("query.unindexed"));
            read(s, "SELECT id FROM qc_orders WHERE customer_id = 9");
        }
    }

    private static void read(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                r.getObject(1);
            }
        }
    }

    static List<SQLWarning> ruleWarnings(SQLWarning chain, String ruleId) {
        return warnings(chain).stream().filter(w -> w instanceof GuardWarning g && g.ruleId().equals(ruleId)).toList();
    }
}
