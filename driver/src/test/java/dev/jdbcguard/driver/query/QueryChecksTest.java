package dev.jdbcguard.driver.query;

import dev.jdbcguard.GuardDriver;
import dev.jdbcguard.driver.metrics.GuardMetrics;
import dev.jdbcguard.driver.warnings.AppFrames;
import dev.jdbcguard.driver.warnings.Funnel;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.driver.warnings.WarningReporter;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.file.RuleFiles;
import dev.jdbcguard.testdb.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query checks end to end: {@code jdbc:guard:mysql://} connections whose hook is
 * {@link QueryChecks}, configured by a rule file, against the harness's real server.
 */
class QueryChecksTest extends QueryTables {

    private static final String RULES = """
            rules:
              query.slow: {threshold: %s}
              query.large-result: {max-rows: 500}
              query.n-plus-one: {max-repeats: 5, window: 10s}
              tx.long: {threshold: 100ms}
              query.unindexed: {action: %s, detect: auto, min-rows: 100}
            """;

    private QueryChecks checks;
    private GuardMetrics metrics;
    private Connection connection;

    QueryChecksTest(TestDatabase db) {
        super(db);
    }

    @AfterEach
    void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        checks.close();
        metrics.close();
    }

    @Test
    void blockRefusesAFullScanBeforeItReachesTheServerAndLetsIndexLookupsThrough() throws SQLException {
        connect("block");

        try (Statement s = connection.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM qc_orders WHERE note = 'n9'"))
                    .isInstanceOf(GuardViolationException.class)
                    .hasMessageStartingWith("[jdbc-guard] query.unindexed: full table scan on qc_orders (EXPLAIN: ~")
                    .hasMessageContaining("Here: consider an index on qc_orders(note)");
            try (ResultSet r = s.executeQuery("SELECT status FROM qc_orders WHERE customer_id = 9")) {
                assertThat(r.next()).isTrue();
            }
            assertThat(messages(s.getWarnings())).isEmpty();
            try (ResultSet r = s.executeQuery("SELECT name FROM qc_countries WHERE name LIKE 'F%'")) {
                assertThat(r.next()).as("a scan of a table under min-rows runs").isTrue();
            }
        }
        assertThat(adminCount("SELECT COUNT(*) FROM qc_orders WHERE note = 'n9'")).isEqualTo(1);
        assertThat(checks.explainStats().explained()).isEqualTo(3);
    }

    @Test
    void aGuardAllowCommentLetsOneDeliberateScanThrough() throws SQLException {
        connect("block");

        try (Statement s = connection.createStatement()) {
            assertThat(readAll(s.executeQuery("/* guard:allow query.unindexed */ SELECT id FROM qc_orders WHERE note = 'n11'")))
                    .isEqualTo(1);
            assertThatThrownBy(() -> s.executeQuery("SELECT id FROM qc_orders WHERE note = 'n11'"))
                    .isInstanceOf(GuardViolationException.class);
        }
    }

    @Test
    void aReloadedRuleSetAppliesToOpenConnections() throws SQLException {
        SwappableRules rules = new SwappableRules(rules("warn", "10s"));
        connect(rules);

        try (Statement s = connection.createStatement()) {
            readAll(s.executeQuery("SELECT SLEEP(0.2)"));
            assertThat(messages(s.getWarnings())).isEmpty();
            rules.current = rules("warn", "100ms");
            readAll(s.executeQuery("SELECT SLEEP(0.2)"));
            assertThat(messages(s.getWarnings())).singleElement().asString().startsWith("[jdbc-guard] query.slow WARN:");
        }
    }

    @Test
    void warnLetsTheScanRunAndPutsTheLineOnTheStatementsWarnings() throws Exception {
        connect("warn");
        String scan = "SELECT id FROM qc_orders WHERE status = 'open' AND note = 'n3'";

        try (Statement s = connection.createStatement()) {
            readAll(s.executeQuery(scan));
            awaitExplained(1);
            readAll(s.executeQuery(scan));

            assertThat(messages(s.getWarnings())).singleElement().asString()
                    .startsWith("[jdbc-guard] query.unindexed WARN: full table scan on qc_orders")
                    .contains("Here: consider an index on qc_orders(status, note)");
        }
    }

    @Test
    void slowQueryWarnsOnTheStatement() throws SQLException {
        connect("warn", "100ms");

        try (Statement s = connection.createStatement()) {
            readAll(s.executeQuery("SELECT SLEEP(0.2)"));
            assertThat(messages(s.getWarnings())).singleElement().asString()
                    .matches("\\[jdbc-guard] query\\.slow WARN: query took \\d+ ms \\(threshold 100 ms\\) — .*");
            s.clearWarnings();
            readAll(s.executeQuery("SELECT 1"));
            assertThat(messages(s.getWarnings())).isEmpty();
        }
    }

    @Test
    void largeResultWarnsOnceWhileReading() throws SQLException {
        connect("warn");

        try (Statement s = connection.createStatement()) {
            assertThat(readAll(s.executeQuery("SELECT id FROM qc_orders WHERE id <= 1200"))).isEqualTo(1200);
            assertThat(messages(s.getWarnings())).singleElement().asString()
                    .startsWith("[jdbc-guard] query.large-result WARN: read more than 500 rows from one result set");
        }
    }

    @Test
    void nPlusOneWarnsOnTheSixthLookup() throws SQLException {
        connect("warn");

        try (PreparedStatement lookup = connection.prepareStatement("SELECT status FROM qc_orders WHERE id = ?")) {
            for (int id = 1; id <= 5; id++) {
                lookup.setInt(1, id);
                readAll(lookup.executeQuery());
            }
            assertThat(messages(lookup.getWarnings())).isEmpty();
            lookup.setInt(1, 6);
            readAll(lookup.executeQuery());
            assertThat(messages(lookup.getWarnings())).singleElement().asString()
                    .startsWith("[jdbc-guard] query.n-plus-one WARN: the same statement ran 6 times within 10.0 s on one connection (threshold 5)")
                    .contains("Fix: Fetch the rows in one query (`JOIN`, `IN (...)`")
                    .doesNotContain("rewriteBatchedStatements");
        }
    }

    @Test
    void nPlusOneOfAWriteLoopSuggestsABatchAndCanBeAllowedForTheStatement() throws SQLException {
        connect("warn");

        try (PreparedStatement touch = connection.prepareStatement("UPDATE qc_orders SET status = status WHERE id = ?")) {
            for (int id = 1; id <= 6; id++) {
                touch.setInt(1, id);
                touch.executeUpdate();
            }
            assertThat(messages(touch.getWarnings())).singleElement().asString()
                    .startsWith("[jdbc-guard] query.n-plus-one WARN: the same statement ran 6 times")
                    .contains("for a loop of writes, one batch (`addBatch`/`executeBatch`)")
                    .contains("Here: with Connector/J add rewriteBatchedStatements=true")
                    .contains("/* guard:allow query.n-plus-one */");
        }
        try (PreparedStatement touch = connection.prepareStatement(
                "UPDATE qc_orders SET note = note WHERE id = ? /* guard:allow query.n-plus-one */")) {
            for (int id = 1; id <= 6; id++) {
                touch.setInt(1, id);
                touch.executeUpdate();
            }
            assertThat(messages(touch.getWarnings())).isEmpty();
        }
    }

    @Test
    void longTransactionWarnsAtItsNextStatement() throws SQLException {
        connect("warn");
        connection.setAutoCommit(false);

        try (Statement s = connection.createStatement()) {
            readAll(s.executeQuery("SELECT SLEEP(0.15)"));
            s.clearWarnings();
            readAll(s.executeQuery("SELECT status FROM qc_orders WHERE id = 1"));
            assertThat(messages(s.getWarnings())).singleElement().asString()
                    .startsWith("[jdbc-guard] tx.long WARN: transaction still open after");
        }
        connection.commit();
        assertThat(messages(connection.getWarnings())).as("reported once, not again at commit").isEmpty();
    }

    /** Connects with query.slow at 10 s, so that a busy machine does not add slow warnings to other rules' tests. */
    @Test
    void blockingTxLongRefusesTheNextStatementButNeverTheRollback() throws SQLException {
        connect(RuleSource.fixed(RuleFiles.parse("rules:\n  tx.long: {action: block, threshold: 100ms}\n",
                "tx-block.yaml", "development")));
        connection.setAutoCommit(false);

        try (Statement s = connection.createStatement()) {
            readAll(s.executeQuery("SELECT SLEEP(0.15)"));
            assertThatThrownBy(() -> s.executeUpdate("UPDATE qc_orders SET note = 'late' WHERE id = 4"))
                    .isInstanceOf(GuardViolationException.class)
                    .hasMessageStartingWith("[jdbc-guard] tx.long: transaction still open after");
            s.execute("ROLLBACK");
        }
        assertThat(adminCount("SELECT COUNT(*) FROM qc_orders WHERE id = 4 AND note = 'n3'")).isEqualTo(1);
    }

    private void connect(String unindexedAction) throws SQLException {
        connect(unindexedAction, "10s");
    }

    private void connect(String unindexedAction, String slowThreshold) throws SQLException {
        connect(RuleSource.fixed(rules(unindexedAction, slowThreshold)));
    }

    private static RuleSet rules(String unindexedAction, String slowThreshold) {
        return RuleFiles.parse(RULES.formatted(slowThreshold, unindexedAction), "query-checks-test.yaml", "development");
    }

    private void connect(RuleSource source) throws SQLException {
        metrics = GuardMetrics.start("query-checks-test", List.of(), false);
        checks = new QueryChecks(source, new StatementJudge(source, 1000), new Funnel(source::current, null,
                new WarningReporter(Duration.ofMinutes(1), 1000, AppFrames.defaults()), metrics), 20);
        Properties properties = new Properties();
        properties.setProperty("user", db.app().user());
        properties.setProperty("password", db.app().password());
        connection = new GuardDriver(checks).connect(db.guardUrl(""), properties);
    }

    /** A rule source swapped by the test, as a reloading rule file swaps its set. */
    private static final class SwappableRules implements RuleSource {
        volatile RuleSet current;

        SwappableRules(RuleSet initial) {
            current = initial;
        }

        @Override
        public RuleSet current() {
            return current;
        }

        @Override
        public void addListener(Listener listener) {
        }
    }

    private void awaitExplained(long count) throws InterruptedException {
        for (int i = 0; i < 500 && checks.explainStats().explained() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(checks.explainStats().explained()).isEqualTo(count);
    }

    private static long readAll(ResultSet r) throws SQLException {
        long rows = 0;
        try (r) {
            while (r.next()) {
                rows++;
            }
        }
        return rows;
    }

    private static List<String> messages(SQLWarning warning) {
        List<String> messages = new ArrayList<>();
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            messages.add(w.getMessage());
        }
        return messages;
    }

    private long adminCount(String sql) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            try (ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
