package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.metrics.GuardBeans;
import static dev.jdbcguard.driver.engine.Guarded.connect;
import static dev.jdbcguard.driver.engine.Guarded.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.OrderRepository;
import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.driver.warnings.GuardWarning;
import dev.jdbcguard.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code query.unindexed} through the driver on the real server ({@code qc_orders}: 2,000 rows,
 * indexed on {@code customer_id} only): a full scan is reported, an index lookup is not, by the
 * EXPLAIN detector, by the status flags, and as {@code block} for test suites.
 */
class UnindexedE2eTest extends QueryTables {

    UnindexedE2eTest(TestDatabase db) {
        super(db);
    }

    @Test
    void productionWarnsOnAFullScanWithThePlanAndIsSilentOnAnIndexLookup() throws Exception {
        String lookup = "SELECT status FROM qc_orders WHERE customer_id = 7";
        // MariaDB flags this scan too, but EXPLAIN estimates 5 rows: under min-rows (1,000), exempt.
        String smallScan = "SELECT name FROM qc_countries WHERE name = 'France'";
        try (Connection c = connect(db, ""); Statement s = c.createStatement()) {
            read(s, lookup);
            read(s, smallScan);
            s.clearWarnings();
            // The first execution asks for the plan (one EXPLAIN thread, in order); from then on it judges every execution.
            List<SQLWarning> scan = untilWarned(s, "SELECT status FROM qc_orders WHERE note = 'n5'");
            assertThat(scan).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .startsWith("[jdbc-guard] query.unindexed WARN: full table scan on qc_orders (EXPLAIN: ~")
                    .contains("rows examined").contains("fingerprint=\"select status from qc_orders where note = ?\""));
            s.clearWarnings();

            read(s, lookup);
            read(s, smallScan);
            assertThat(warnings(s.getWarnings())).isEmpty();
        }
    }

    /** Runs {@code sql} until its execution carries a query.unindexed warning (its plan arrived), at most 5 s. */
    private static List<SQLWarning> untilWarned(Statement s, String sql) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<SQLWarning> found;
        do {
            s.clearWarnings();
            read(s, sql);
            found = ruleWarnings(s.getWarnings(), "query.unindexed");
            if (found.isEmpty()) {
                Thread.sleep(20);
            }
        } while (found.isEmpty() && System.nanoTime() < deadline);
        return found;
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
    void serverCommandsThatScanItsOwnListsAreNotUnindexedQueries() throws SQLException {
        // MariaDB raises "no index used" for SHOW: a pool's or migration tool's SHOW is not the application's scan
        Path rules = Guarded.rulesFile("rules:\n  query.unindexed: {action: block, detect: auto}\n");
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            for (String show : List.of("SHOW VARIABLES LIKE 'max_connections'", "SHOW FULL TABLES",
                    "SHOW INDEX FROM qc_orders", "SHOW TABLE STATUS LIKE 'qc_orders'")) {
                read(s, show);
                assertThat(warnings(s.getWarnings())).as(show).isEmpty();
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT status FROM qc_orders WHERE note = 'n5' OR note = 'n6'"))
                    .as("a scan of the application's table on the same connection still fails")
                    .isInstanceOf(GuardViolationException.class);
        }
    }

    @Test
    void blockFailsTheTestSuitesFullScanBeforeItRuns() throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  query.unindexed: block\n");
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
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

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void aPreparedStatementIsExplainedWithItsBoundValues(boolean serverSide) throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  query.unindexed: {action: block, detect: explain}\n");
        String secret = "n-secret-" + serverSide;
        try (Connection c = connect(db, "useServerPrepStmts=" + serverSide + "&guard.rules=" + rules);
             PreparedStatement scan = c.prepareStatement("SELECT id FROM qc_orders WHERE note = ? AND status <> ?");
             PreparedStatement lookup = c.prepareStatement("SELECT id FROM qc_orders WHERE customer_id = ?")) {
            scan.setString(1, secret);
            scan.setString(2, "it's");
            assertThatThrownBy(scan::executeQuery)
                    .as("the plan of the bound statement, before it ran")
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> {
                        assertThat(e.ruleId()).isEqualTo("query.unindexed");
                        assertThat(e.getMessage()).contains("full table scan on qc_orders").doesNotContain(secret);
                    });
            lookup.setLong(1, 10);
            try (ResultSet r = lookup.executeQuery()) {
                assertThat(r.next()).as("an index lookup runs").isTrue();
            }
        }
    }

    @Test
    void theWaitForAFirstPlanIsNotCountedAsTheStatementsTime() throws Exception {
        Path rules = Guarded.rulesFile("""
                rules:
                  query.unindexed: block
                  query.slow: {action: warn, threshold: 150ms}
                """);
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            long wallMillis = readWhileTheExplainWaits(s, "SELECT id FROM qc_locked WHERE id = 1");

            assertThat(wallMillis).as("the call waited for the plan").isGreaterThanOrEqualTo(300);
            assertThat(ruleWarnings(s.getWarnings(), "query.slow"))
                    .as("a primary key lookup whose call took %d ms, nearly all of it waiting for the plan", wallMillis)
                    .isEmpty();
        }
    }

    @Test
    void aPlanWaitIsSubtractedOnlyFromTheExecutionThatWaited() throws Exception {
        Path rules = Guarded.rulesFile("plan-wait-batch.yaml", "rules:\n  query.unindexed: block\n");
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            readWhileTheExplainWaits(s, "SELECT id FROM qc_locked WHERE id = 1");
            // a plain statement's batch reports no SQL of its own: the wait above is not its to subtract
            s.addBatch("UPDATE qc_locked SET id = 1 WHERE id = 1");
            s.executeBatch();
        }
        assertThat(GuardBeans.view("plan-wait-batch.yaml (production)").getTargets()).singleElement().satisfies(target -> {
            assertThat(target.getStatementCount()).isEqualTo(2L);
            assertThat(target.getStatementTotalNanos()).as("time of the lookup and the batch, without the wait").isPositive()
                    .isLessThan(300_000_000L);
        });
    }

    /**
     * Runs {@code sql} (on {@code qc_locked}) for the first time while a table lock held for 400 ms makes the
     * guard's EXPLAIN wait; the statement itself runs once the plan is in. Returns the call's wall time in ms.
     */
    private long readWhileTheExplainWaits(Statement s, String sql) throws Exception {
        try (Connection admin = db.adminConnection(); Statement locker = admin.createStatement()) {
            locker.execute("CREATE TABLE IF NOT EXISTS " + db.database() + ".qc_locked (id INT PRIMARY KEY)");
            locker.execute("INSERT IGNORE INTO " + db.database() + ".qc_locked VALUES (1)");
            locker.execute("LOCK TABLES " + db.database() + ".qc_locked WRITE");
            Thread unlock = new Thread(() -> {
                try {
                    Thread.sleep(400);
                    locker.execute("UNLOCK TABLES");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            unlock.start();
            long begin = System.nanoTime();
            read(s, sql);
            long wallMillis = (System.nanoTime() - begin) / 1_000_000;
            unlock.join();
            return wallMillis;
        }
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void aMariaDbConnectorJPreparedStatementIsExplainedWithItsBoundValues(boolean serverSide) throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  query.unindexed: {action: block, detect: explain}\n");
        String url = "jdbc:guard:mariadb://" + db.host() + ":" + db.port() + "/" + db.database()
                + "?sslMode=verify-full&serverSslCert=" + db.caCertificatePem() + "&useServerPrepStmts=" + serverSide
                + "&guard.rules=" + rules;
        try (Connection c = DriverManager.getConnection(url, db.app().user(), db.app().password());
             PreparedStatement scan = c.prepareStatement("SELECT id FROM qc_orders WHERE note = ? AND status <> ?");
             PreparedStatement lookup = c.prepareStatement("SELECT id FROM qc_orders WHERE customer_id = ? AND note <> ?")) {
            scan.setString(1, "n-mariadb-" + serverSide);
            scan.setString(2, "it's");
            assertThatThrownBy(scan::executeQuery)
                    .as("the plan of the bound statement, before it ran (MariaDB Connector/J gives no status flags)")
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> {
                        assertThat(e.ruleId()).isEqualTo("query.unindexed");
                        assertThat(e.getMessage()).contains("full table scan on qc_orders").doesNotContain("n-mariadb");
                    });
            lookup.setLong(1, 11);
            lookup.setString(2, "x");
            try (ResultSet r = lookup.executeQuery()) {
                assertThat(r.next()).as("an index lookup runs").isTrue();
            }
        }
    }

    @Test
    void theLoggedPlanWarningPointsAtTheApplicationLineThatRanTheStatement() throws Exception {
        // warn: the first execution does not wait; the plan's finding is logged from the EXPLAIN thread
        String scan = "SELECT id, note FROM qc_orders WHERE note LIKE '%first-caller%'";
        try (AllLogs logs = new AllLogs(); Connection c = connect(db, ""); Statement s = c.createStatement()) {
            new OrderRepository().purge(() -> {
                try {
                    read(s, scan);
                    return null;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (logs.from("jdbcguard.query.unindexed").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(logs.from("jdbcguard.query.unindexed")).singleElement().asString()
                    .contains("full table scan on qc_orders")
                    .endsWith(" at com.acme.shop.OrderRepository.purge(OrderRepository.java:"
                            + OrderRepository.PURGE_CALL_LINE + ")");
        }
    }

    @Test
    void aPreparedStatementWithAnUnboundPlaceholderIsLeftToTheFlags() throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  query.unindexed: {action: block, detect: explain}\n");
        try (Connection c = connect(db, "guard.rules=" + rules);
             PreparedStatement scan = c.prepareStatement("SELECT id FROM qc_orders WHERE note = ?")) {
            assertThatThrownBy(scan::executeQuery).as("Connector/J's own error, not the guard's")
                    .isInstanceOf(SQLException.class).isNotInstanceOf(GuardViolationException.class);
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
