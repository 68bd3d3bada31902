package dev.jdbcguard.driver.query;

import dev.jdbcguard.driver.warnings.FindingSink.Stage;
import dev.jdbcguard.driver.warnings.RecordingSink;
import dev.jdbcguard.driver.warnings.RecordingSink.Report;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.rules.sql.SqlClassifier;
import dev.jdbcguard.rules.sql.StatementKind;
import dev.jdbcguard.testdb.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The threshold rules, driven the way the connection hook drives them, around statements that
 * really run on the harness's server (times from {@link System#nanoTime()}, rows really read).
 */
class RuntimeChecksTest extends QueryTables {

    private static final String LOOKUP = "SELECT status FROM qc_orders WHERE id = ?";

    private Connection app;

    RuntimeChecksTest(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void open() throws SQLException {
        app = QueryTables.appConnection(db);
    }

    @AfterEach
    void close() throws SQLException {
        app.close();
    }

    @Test
    void slowQueryFiresOverTheThresholdAndNotUnder() throws SQLException {
        RecordingSink sink = RecordingSink.warning();
        RuntimeChecks checks = checks(new Thresholds(Duration.ofMillis(100), 0, 0, Duration.ZERO, Duration.ZERO), sink);

        execute(checks, "SELECT SLEEP(0.2)");
        execute(checks, "SELECT 1");

        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("query.slow");
            assertThat(report.stage()).isEqualTo(Stage.AFTER);
            assertThat(report.finding().fingerprint()).isEqualTo("SELECT SLEEP(0.2)");
            assertThat(report.finding().what()).matches("query took (\\d{3,}) ms \\(threshold 100 ms\\)");
            assertThat(Long.parseLong(report.finding().what().replaceAll("\\D+(\\d+) ms.*", "$1"))).isGreaterThanOrEqualTo(200);
        });
    }

    @Test
    void largeResultFiresOnceAsTheRowsReadCrossTheThreshold() throws SQLException {
        RecordingSink sink = RecordingSink.warning();
        RuntimeChecks checks = checks(new Thresholds(Duration.ZERO, 1000, 0, Duration.ZERO, Duration.ZERO), sink);
        String all = "SELECT id FROM qc_orders";
        String some = "SELECT id FROM qc_orders WHERE id <= 1000";

        assertThat(readAll(checks, all)).isEqualTo(QueryTables.ORDER_ROWS);
        assertThat(readAll(checks, some)).isEqualTo(1000);

        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("query.large-result");
            assertThat(report.finding().what()).isEqualTo("read more than 1000 rows from one result set");
            assertThat(report.finding().fingerprint()).isEqualTo(all);
        });
    }

    @Test
    void blockingALargeResultStopsTheReadingAtTheThreshold() throws SQLException {
        RuntimeChecks checks = checks(new Thresholds(Duration.ZERO, 100, 0, Duration.ZERO, Duration.ZERO), RecordingSink.blocking());

        assertThatThrownBy(() -> readAll(checks, "SELECT id FROM qc_orders"))
                .isInstanceOf(GuardViolationException.class)
                .hasMessageStartingWith("[jdbc-guard] query.large-result: read more than 100 rows");
    }

    @Test
    void nPlusOneFiresOnceWhenALoopOfLookupsCrossesTheCountInATransaction() throws SQLException {
        RecordingSink sink = RecordingSink.warning();
        app.setAutoCommit(false);
        RuntimeChecks checks = new RuntimeChecks(new Thresholds(Duration.ZERO, 0, 10, Duration.ZERO, Duration.ZERO), false, sink);

        lookups(checks, 25);
        checks.transactionEnded(System.nanoTime());
        app.commit();
        lookups(checks, 10); // a new transaction starts counting again: 10 is not more than 10
        checks.transactionEnded(System.nanoTime());
        app.commit();

        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("query.n-plus-one");
            assertThat(report.stage()).isEqualTo(Stage.BEFORE);
            assertThat(report.finding().what()).isEqualTo("the same statement ran 11 times in one transaction (threshold 10)");
            assertThat(report.finding().fingerprint()).isEqualTo(LOOKUP);
        });
    }

    @Test
    void nPlusOneInAutocommitCountsWithinTheWindowOnly() throws Exception {
        RecordingSink sink = RecordingSink.warning();
        RuntimeChecks checks = checks(new Thresholds(Duration.ZERO, 0, 10, Duration.ofMillis(300), Duration.ZERO), sink);

        lookups(checks, 8);
        Thread.sleep(350); // the window of the first lookups has passed
        lookups(checks, 8);
        assertThat(sink.reports()).isEmpty();

        lookups(checks, 3);
        assertThat(sink.reports()).extracting(Report::ruleId).containsExactly("query.n-plus-one");
        assertThat(sink.reports().get(0).finding().what()).isEqualTo("the same statement ran 11 times within 300 ms on one connection (threshold 10)");
    }

    @Test
    void aPoolReturnRestartsTheWindowButNotATransaction() throws SQLException {
        RecordingSink sink = RecordingSink.warning();
        RuntimeChecks checks = checks(new Thresholds(Duration.ZERO, 0, 10, Duration.ofSeconds(30), Duration.ZERO), sink);
        for (int borrow = 0; borrow < 5; borrow++) {
            lookups(checks, 8); // 40 in all, well within the window, but never more than 8 per borrow
            checks.unitOfWorkEnded();
        }
        assertThat(sink.reports()).isEmpty();

        app.setAutoCommit(false);
        checks.autoCommitChanged(false, System.nanoTime());
        lookups(checks, 8);
        checks.unitOfWorkEnded(); // in a transaction: the loop is still the same unit of work
        lookups(checks, 3);
        assertThat(sink.reports()).extracting(Report::ruleId).containsExactly("query.n-plus-one");
        checks.transactionEnded(System.nanoTime());
        app.commit();
    }

    @Test
    void longTransactionIsReportedAtItsNextStatementAndOnlyOnce() throws SQLException {
        RecordingSink sink = RecordingSink.warning();
        RuntimeChecks checks = inTransactions(Duration.ofMillis(100), sink);

        execute(checks, "UPDATE qc_orders SET status = status WHERE id = 1");
        execute(checks, "SELECT SLEEP(0.15)");
        assertThat(sink.reports()).isEmpty();
        execute(checks, "SELECT status FROM qc_orders WHERE id = 1");
        app.commit();
        checks.transactionEnded(System.nanoTime());

        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("tx.long");
            assertThat(report.stage()).isEqualTo(Stage.BEFORE);
            assertThat(report.finding().fingerprint()).isNull();
            assertThat(report.finding().what()).matches("transaction still open after \\d{3,} ms \\(threshold 100 ms\\)");
        });
    }

    @Test
    void theSweepReportsATransactionWhoseThreadIsAwayOnceAndLeavesTheNextStatementItsOwnReport() throws Exception {
        RecordingSink sink = RecordingSink.blocking();
        // a threshold no pause of a busy machine reaches between the statement and the first sweep
        RuntimeChecks checks = inTransactions(Duration.ofMillis(500), sink);
        execute(checks, "UPDATE qc_orders SET status = status WHERE id = 1");
        checks.sweep(System.nanoTime(), thread -> "com.acme.Jobs.run(Jobs.java:31)");
        assertThat(sink.reports()).as("not past the threshold yet").isEmpty();

        Thread.sleep(550);
        Function<Thread, String> whereIs = thread -> thread == Thread.currentThread() ? "com.acme.Jobs.run(Jobs.java:31)" : null;
        checks.sweep(System.nanoTime(), whereIs);
        checks.sweep(System.nanoTime(), whereIs);
        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.stage()).isEqualTo(Stage.BACKGROUND);
            assertThat(report.finding().what()).matches("transaction still open after \\d{3,} ms \\(threshold 500 ms\\); the thread"
                    + " that began it, " + Pattern.quote(Thread.currentThread().getName()) + ", is at com\\.acme\\.Jobs\\.run\\(Jobs\\.java:31\\)");
        });

        assertThatThrownBy(() -> execute(checks, "SELECT 1"))
                .as("block still refuses the transaction's next statement").isInstanceOf(GuardViolationException.class);
        assertThat(sink.reports()).hasSize(2);
        app.rollback();
        checks.transactionEnded(System.nanoTime());
        checks.sweep(System.nanoTime(), whereIs);
        assertThat(sink.reports()).as("nothing more: the transaction was reported and has ended").hasSize(2);
    }

    @Test
    void longTransactionIsReportedAtCommitWhenNoStatementFollowedAndShortOnesAreNot() throws SQLException {
        RecordingSink sink = RecordingSink.warning();
        // The short transaction must stay under the threshold on a machine whose load is far above its cores
        // (a 100 ms threshold saw a one-row SELECT and COMMIT take 131 ms there).
        RuntimeChecks checks = inTransactions(Duration.ofMillis(500), sink);

        execute(checks, "SELECT status FROM qc_orders WHERE id = 2");
        app.commit();
        checks.transactionEnded(System.nanoTime());
        assertThat(sink.reports()).isEmpty();

        execute(checks, "SELECT SLEEP(0.55)");
        app.rollback();
        checks.transactionEnded(System.nanoTime());

        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.stage()).isEqualTo(Stage.AFTER);
            assertThat(report.finding().what()).matches("transaction ended after \\d{3,} ms \\(threshold 500 ms\\)");
        });
    }

    @Test
    void autocommitStatementsAreNoTransactionUnlessOneIsBegunExplicitly() throws SQLException {
        RecordingSink sink = RecordingSink.warning();
        RuntimeChecks checks = checks(new Thresholds(Duration.ZERO, 0, 0, Duration.ZERO, Duration.ofMillis(100)), sink);

        execute(checks, "SELECT SLEEP(0.15)");
        execute(checks, "SELECT 1");
        assertThat(sink.reports()).isEmpty();

        try (Statement s = app.createStatement()) { // the hook reports BEGIN and COMMIT, it does not check them
            s.execute("BEGIN");
            checks.transactionBegan(System.nanoTime());
            execute(checks, "SELECT SLEEP(0.15)");
            s.execute("COMMIT");
            checks.transactionEnded(System.nanoTime());
        }

        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("tx.long");
            assertThat(report.finding().what()).startsWith("transaction ended after");
        });
    }

    @Test
    void blockingALongTransactionRefusesTheNextStatementBeforeItRuns() throws SQLException {
        RuntimeChecks checks = inTransactions(Duration.ofMillis(100), RecordingSink.blocking());

        execute(checks, "SELECT SLEEP(0.15)");

        assertThatThrownBy(() -> execute(checks, "UPDATE qc_orders SET note = 'changed' WHERE id = 3"))
                .isInstanceOf(GuardViolationException.class)
                .hasMessageStartingWith("[jdbc-guard] tx.long: transaction still open after");
        app.rollback();
        try (Statement s = app.createStatement(); ResultSet r = s.executeQuery("SELECT note FROM qc_orders WHERE id = 3")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("n2");
        }
    }

    /** Autocommit off on the user's connection, and checks of tx.long only. */
    private RuntimeChecks inTransactions(Duration txMax, RecordingSink sink) throws SQLException {
        app.setAutoCommit(false);
        return checks(new Thresholds(Duration.ZERO, 0, 0, Duration.ZERO, txMax), sink);
    }

    private RuntimeChecks checks(Thresholds thresholds, RecordingSink sink) throws SQLException {
        return new RuntimeChecks(thresholds, app.getAutoCommit(), sink);
    }

    /** What the connection hook does around one statement: before, the real execution, after. */
    private void execute(RuntimeChecks checks, String sql) throws SQLException {
        long start = System.nanoTime();
        checks.beforeExecute(sql, start, SqlClassifier.classify(sql).statements().get(0).kind());
        try (Statement s = app.createStatement()) {
            if (s.execute(sql)) {
                s.getResultSet().close();
            }
        }
        checks.afterExecute(sql, System.nanoTime() - start);
    }

    private void lookups(RuntimeChecks checks, int count) throws SQLException {
        try (PreparedStatement lookup = app.prepareStatement(LOOKUP)) {
            for (int i = 1; i <= count; i++) {
                checks.beforeExecute(LOOKUP, System.nanoTime(), StatementKind.SELECT);
                lookup.setInt(1, i);
                try (ResultSet r = lookup.executeQuery()) {
                    assertThat(r.next()).isTrue();
                }
            }
        }
    }

    /** Reads every row, telling the checks the way the result set proxy does: at 0, then at each row count they ask for. */
    private long readAll(RuntimeChecks checks, String sql) throws SQLException {
        long rows = 0;
        try (Statement s = app.createStatement(); ResultSet r = s.executeQuery(sql)) {
            long next = checks.rowsRead(sql, 0);
            while (r.next()) {
                if (++rows == next) {
                    next = checks.rowsRead(sql, rows);
                }
            }
        }
        return rows;
    }
}
