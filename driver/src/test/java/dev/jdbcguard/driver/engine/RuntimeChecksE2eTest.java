package dev.jdbcguard.driver.engine;

import static dev.jdbcguard.driver.engine.Guarded.connect;
import static dev.jdbcguard.driver.engine.UnindexedE2eTest.ruleWarnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.OrderRepository;
import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The threshold rules through the driver with short thresholds from a rule file: each fired and not fired. */
class RuntimeChecksE2eTest extends QueryTables {

    private static final String THRESHOLDS = """
            extends: production
            rules:
              query.unindexed: off
              query.slow: {action: warn, threshold: 500ms}
              query.large-result: {action: %s, max-rows: 100}
              query.n-plus-one: {action: warn, max-repeats: 3, window: 0s}
              tx.long: {action: warn, threshold: 1s}
            """;

    private static Path warnRules;
    RuntimeChecksE2eTest(TestDatabase db) {
        super(db);
    }

    @BeforeAll
    static void rules() {
        warnRules = Guarded.rulesFile(THRESHOLDS.formatted("warn"));
    }

    private Connection connection() throws SQLException {
        return connect(db, "guard.rules=" + warnRules);
    }

    @Test
    void slowStatementWarnsOverTheThresholdOnly() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1").close();
            assertThat(ruleWarnings(s.getWarnings(), "query.slow")).isEmpty();
            s.executeQuery("SELECT SLEEP(0.7)").close();
            assertThat(ruleWarnings(s.getWarnings(), "query.slow")).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .startsWith("[jdbc-guard] query.slow WARN: query took ").contains("(threshold 500 ms)"));
        }
    }

    @Test
    void largeResultWarnsOnceWhenMoreRowsThanTheLimitAreRead() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT id FROM qc_orders WHERE id <= 100")).isEqualTo(100);
            assertThat(ruleWarnings(s.getWarnings(), "query.large-result")).isEmpty();
            assertThat(count(s, "SELECT id FROM qc_orders")).isEqualTo(QueryTables.ORDER_ROWS);
            assertThat(ruleWarnings(s.getWarnings(), "query.large-result")).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .startsWith("[jdbc-guard] query.large-result WARN: read more than 100 rows from one result set — "));
        }
    }

    @Test
    void largeResultBlockStopsTheReadingAtTheLimit() throws SQLException {
        Path rules = Guarded.rulesFile(THRESHOLDS.formatted("block"));
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM qc_orders")) {
            int read = 0;
            while (read < 100) {
                assertThat(r.next()).isTrue();
                read++;
            }
            assertThatThrownBy(r::next).isInstanceOfSatisfying(GuardViolationException.class,
                    e -> assertThat(e.ruleId()).isEqualTo("query.large-result"));
        }
    }

    @Test
    void nPlusOneWarnsWhenOneTransactionRepeatsAStatementTooOften() throws SQLException {
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT status FROM qc_orders WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int id = 1; id <= 3; id++) {
                lookup(p, id);
            }
            assertThat(ruleWarnings(p.getWarnings(), "query.n-plus-one")).isEmpty();
            lookup(p, 4);
            assertThat(ruleWarnings(p.getWarnings(), "query.n-plus-one")).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .startsWith("[jdbc-guard] query.n-plus-one WARN: the same statement ran 4 times in one transaction (threshold 3)"));
            c.commit();
            p.clearWarnings();
            for (int id = 1; id <= 3; id++) {
                lookup(p, id);
            }
            assertThat(ruleWarnings(p.getWarnings(), "query.n-plus-one")).as("counts start again per transaction").isEmpty();
            c.commit();
        }
    }

    @Test
    void longTransactionWarnsAtItsNextStatementAndAShortOneDoesNot() throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeQuery("SELECT 1").close();
            s.executeQuery("SELECT 2").close();
            c.commit();
            assertThat(ruleWarnings(s.getWarnings(), "tx.long")).isEmpty();

            s.executeQuery("SELECT 3").close();
            Thread.sleep(1300);
            s.executeQuery("SELECT 4").close();
            assertThat(ruleWarnings(s.getWarnings(), "tx.long")).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .startsWith("[jdbc-guard] tx.long WARN: transaction still open after ").contains("(threshold 1000 ms)"));
            c.rollback();
        }
    }

    @Test
    void aTransactionWhoseThreadIsAwayIsReportedWhileItWaitsNamingWhereTheThreadIs() throws Exception {
        // an engine of its own, so no other test's tx.long line within the warning window hides this one
        Path rules = Guarded.rulesFile("tx-away.yaml", "rules:\n  tx.long: {action: warn, threshold: 300ms}\n");
        try (AllLogs logs = new AllLogs(); Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeQuery("SELECT 5").close();
            // the application's slow work inside its transaction (a remote call, say), with no statement running
            List<String> whileAway = new OrderRepository().purge(() -> {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (logs.from("jdbcguard.tx.long").isEmpty() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(20_000_000L);
                }
                return logs.from("jdbcguard.tx.long");
            });
            assertThat(whileAway).singleElement().asString()
                    .contains("tx.long WARN: transaction still open after ")
                    .contains("(threshold 300 ms); the thread that began it, " + Thread.currentThread().getName()
                            + ", is at com.acme.shop.OrderRepository.purge(OrderRepository.java:" + OrderRepository.PURGE_CALL_LINE + ")");
            s.executeQuery("SELECT 6").close();
            assertThat(ruleWarnings(s.getWarnings(), "tx.long")).as("the next statement still gets its warning").hasSize(1);
            c.rollback();
        }
    }

    private static void lookup(PreparedStatement p, int id) throws SQLException {
        p.setInt(1, id);
        try (ResultSet r = p.executeQuery()) {
            assertThat(r.next()).isTrue();
        }
    }

    private static int count(Statement s, String sql) throws SQLException {
        int rows = 0;
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows++;
            }
        }
        return rows;
    }
}
