package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.metrics.GuardBeans;
import static dev.jdbcguard.driver.engine.Guarded.connect;
import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.driver.metrics.GuardMXBean;
import dev.jdbcguard.testdb.TestDatabase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMX;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4 on the real server: the server's "no index used" flag alone does not report a small table.
 *
 * <p>{@code qc_visits} ({@link QueryTables}) is PetClinic's {@code visits} in miniature: 20 rows, indexed on
 * {@code pet_id}, half of them for pet 1. The optimizer reads {@code pet_id = 2} through the index and {@code pet_id = 1} with a scan of all 20
 * rows (EXPLAIN: type ALL, possible_keys idx_pet), and the server flags that scan. Before the fix the plan cached
 * for the first value (an index lookup) did not explain the flag, so nearly every scanning execution was reported:
 * 487 {@code query.unindexed} findings in 1,000 executions (392 with server-side prepared statements). {@code qc_big} (100,000 rows, no index on {@code k}) is
 * the scan that must still be reported.
 */
class SmallTableFlagsE2eTest extends QueryTables {

    private static final int EXECUTIONS = 1000;
    private static final int BIG_ROWS = 100_000;

    SmallTableFlagsE2eTest(TestDatabase db) {
        super(db);
    }

    @BeforeAll
    static void createTheBigTable(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            s.execute("CREATE TABLE IF NOT EXISTS qc_big (id INT PRIMARY KEY, k INT NOT NULL, v VARCHAR(20)) ENGINE=InnoDB");
            if (Guarded.adminCount(db, "SELECT COUNT(*) FROM qc_big") == 0) {
                s.execute("CREATE TEMPORARY TABLE digits (d INT)");
                s.execute("INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
                // a temporary table can be named once per statement: the other factors are copies
                for (String copy : List.of("d2", "d3", "d4", "d5")) {
                    s.execute("CREATE TEMPORARY TABLE " + copy + " AS SELECT d FROM digits");
                }
                s.execute("INSERT INTO qc_big (id, k, v) SELECT n, n MOD 5000, CONCAT('v', n) FROM (SELECT a.d + 10 * b.d"
                        + " + 100 * c.d + 1000 * e.d + 10000 * f.d AS n FROM digits a, d2 b, d3 c, d4 e, d5 f) numbers");
                s.execute("ANALYZE TABLE qc_big");
            }
        }
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void aTwentyRowIndexedTableQueriedAThousandTimesGivesNoFinding(boolean serverSide) throws Exception {
        String name = "small-table-" + serverSide + ".yaml";
        Path rules = Guarded.rulesFile(name, "rules:\n  query.unindexed: warn\n");
        List<SQLWarning> found = new ArrayList<>();
        try (Connection c = connect(db, "useServerPrepStmts=" + serverSide + "&guard.rules=" + rules);
             PreparedStatement visits = c.prepareStatement(
                     "SELECT id, visit_date, description FROM qc_visits WHERE pet_id = ?")) {
            // pet 2 first: the plan cached for the shape is an index lookup
            for (int i = 0; i < EXECUTIONS; i++) {
                visits.setInt(1, i % 2 == 0 ? 2 + i / 2 % 11 : 1);
                visits.clearWarnings();
                read(visits);
                found.addAll(UnindexedE2eTest.ruleWarnings(visits.getWarnings(), "query.unindexed"));
                found.addAll(UnindexedE2eTest.ruleWarnings(c.getWarnings(), "query.unindexed"));
            }
            GuardListeners.awaitBackgroundChecks(Duration.ofSeconds(10));
        }
        assertThat(serverFlagsTheScanOfPetOne()).as("the server scans the table for pet 1 and says so").isTrue();
        assertThat(findings(name, "query.unindexed")).as("jdbcguard.rule.findings").isZero();
        assertThat(found).as("warnings on the statements").isEmpty();
    }

    @Test
    void aScanOfAHundredThousandRowTableWithoutTheIndexStillReports() throws Exception {
        String name = "big-table.yaml";
        Path rules = Guarded.rulesFile(name, "rules:\n  query.unindexed: warn\n");
        List<SQLWarning> found = new ArrayList<>();
        try (Connection c = connect(db, "guard.rules=" + rules);
             PreparedStatement big = c.prepareStatement("SELECT id, v FROM qc_big WHERE k = ?")) {
            for (int i = 0; i < 20 && found.isEmpty(); i++) {
                big.setInt(1, i);
                big.clearWarnings();
                read(big);
                found.addAll(UnindexedE2eTest.ruleWarnings(big.getWarnings(), "query.unindexed"));
                if (found.isEmpty()) {
                    Thread.sleep(50); // the first execution does not wait for its plan
                }
            }
            GuardListeners.awaitBackgroundChecks(Duration.ofSeconds(10));
        }
        assertThat(found).first().satisfies(w -> assertThat(w.getMessage())
                .contains("full table scan on qc_big (EXPLAIN: ~").contains("consider an index on qc_big(k)"));
        assertThat(findings(name, "query.unindexed")).as("jdbcguard.rule.findings").isPositive();
    }

    /** Whether the server flags the scan of pet 1 as "no index used", asked on a raw session. */
    private boolean serverFlagsTheScanOfPetOne() throws SQLException {
        try (Connection raw = QueryTables.appConnection(db); Statement s = raw.createStatement()) {
            s.executeQuery("SELECT id, visit_date, description FROM qc_visits WHERE pet_id = 1").close();
            return raw.unwrap(JdbcConnection.class).getSession().getServerSession().noIndexUsed();
        }
    }

    /** The engine's {@code jdbcguard.rule.findings} count of {@code rule} (warned and blocked). */
    private static double findings(String rulesFile, String rule) throws Exception {
        String guard = rulesFile + " (production)";
        GuardMXBean view = GuardBeans.view(guard);
        double counted = 0;
        for (String action : List.of("warn", "block")) {
            FunctionCounter counter = Metrics.globalRegistry.find("jdbcguard.rule.findings")
                    .tags("guard", guard, "rule", rule, "action", action).functionCounter();
            counted += counter == null ? 0 : counter.count();
        }
        assertThat(counted).as("Micrometer and JMX agree")
                .isEqualTo((double) (view.getWarnFindings().getOrDefault(rule, 0L) + view.getBlockFindings().getOrDefault(rule, 0L)));
        return counted;
    }

    private static void read(PreparedStatement statement) throws SQLException {
        try (ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                r.getObject(1);
            }
        }
    }
}
