package dev.jdbcguard.driver.engine;

import static dev.jdbcguard.driver.engine.Guarded.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.OrderRepository;
import dev.jdbcguard.Finding;
import dev.jdbcguard.FindingListener;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.StatementEvent;
import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Listeners added at run time through {@link GuardListeners}, on the real server: the EXPLAIN thread's findings
 * reach them, a listener that throws fails no call, and statement listeners hear every execution.
 */
class FindingListenersE2eTest extends QueryTables {

    private static final String APP_FRAME = "com.acme.shop.OrderRepository.purge(OrderRepository.java:"
            + OrderRepository.PURGE_CALL_LINE + ")";

    FindingListenersE2eTest(TestDatabase db) {
        super(db);
    }

    @Test
    void aListenerAddedAtRunTimeReceivesTheWarningOfTheExplainThread() throws Exception {
        List<Finding> received = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        FindingListener listener = finding -> {
            if (finding.ruleId().equals("query.unindexed")) {
                threads.add(Thread.currentThread().getName());
                received.add(finding);
            }
        };
        // warn: the first execution does not wait for its plan. A shape of its own, so no other test had it explained.
        String scan = "SELECT note, status, id FROM qc_orders WHERE note LIKE '%listener-added%'";
        try (GuardListeners.Registration ignored = GuardListeners.addFindingListener(listener);
             Connection c = connect(db, ""); Statement s = c.createStatement();
             Connection admin = db.adminConnection(); Statement locker = admin.createStatement()) {
            // The EXPLAIN thread is held behind another shape's EXPLAIN, which waits for a table lock, so the scan's
            // plan arrives after its execution returned: its finding can only come from that thread.
            locker.execute("CREATE TABLE IF NOT EXISTS " + db.database() + ".listener_locked (id INT PRIMARY KEY)");
            locker.execute("LOCK TABLES " + db.database() + ".listener_locked WRITE");
            Thread blocked = new Thread(() -> {
                try (Connection other = connect(db, ""); Statement t = other.createStatement()) {
                    read(t, "SELECT id FROM listener_locked WHERE id = 1");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            blocked.start();
            try {
                long queued = System.nanoTime() + 10_000_000_000L;
                while (Guarded.adminCount(db, "SELECT COUNT(*) FROM information_schema.processlist"
                        + " WHERE info LIKE 'EXPLAIN%listener_locked%'") == 0 && System.nanoTime() < queued) {
                    Thread.sleep(20);
                }
                new OrderRepository().purge(() -> read(s, scan));
                assertThat(received).as("no plan yet while the EXPLAIN thread waits").isEmpty();
            } finally {
                locker.execute("UNLOCK TABLES");
                blocked.join();
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(threads).containsExactly("jdbc-guard-explain");
        assertThat(received).singleElement().satisfies(finding -> {
            assertThat(finding.action()).isEqualTo(Finding.Action.WARN);
            assertThat(finding.fingerprint()).isEqualTo("select note, status, id from qc_orders where note like ?");
            assertThat(finding.tables()).containsExactly("qc_orders");
            assertThat(finding.target()).isEqualTo(db.app().user() + "@" + db.host() + ":" + db.port() + "/"
                    + db.database());
            assertThat(finding.caller()).isEqualTo(APP_FRAME);
            assertThat(finding.message()).startsWith("[jdbc-guard] query.unindexed WARN: full table scan on qc_orders");
            assertThat(finding.evidence()).isInstanceOfSatisfying(Finding.Evidence.Plan.class, plan -> {
                assertThat(plan.fromServerFlags()).isFalse();
                assertThat(plan.rows()).singleElement().satisfies(row -> {
                    assertThat(row.table()).isEqualTo("qc_orders");
                    assertThat(row.accessType()).isEqualTo("ALL");
                    assertThat(row.rows()).isGreaterThan(1000);
                });
            });
        });
    }

    @Test
    void aListenerThatThrowsFailsNoCallAndIsLoggedOnce() throws SQLException {
        FindingListener broken = finding -> {
            throw new IllegalStateException("listener bug");
        };
        try (AllLogs logs = new AllLogs(); GuardListeners.Registration ignored = GuardListeners.addFindingListener(broken);
             Connection c = connect(db, ""); Statement s = c.createStatement()) {
            // a block still refuses with the guard's own exception, twice
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM qc_countries"))
                        .isInstanceOfSatisfying(GuardViolationException.class,
                                e -> assertThat(e.ruleId()).isEqualTo("dml.no-where"));
            }
            // and the connection goes on
            try (ResultSet r = s.executeQuery("SELECT code FROM qc_countries")) {
                int rows = 0;
                while (r.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(5);
            }
            assertThat(logs.from("jdbcguard.listener")).singleElement().asString()
                    .contains("listener " + broken.getClass().getName() + " threw")
                    .contains("listener bug");
        }
    }

    @Test
    void aStatementListenerHearsEachExecutionWithItsKindAndBatchSize() throws SQLException {
        List<StatementEvent> events = new CopyOnWriteArrayList<>();
        try (Connection c = connect(db, "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE listener_events (id INT PRIMARY KEY)");
            }
            try (GuardListeners.Registration ignored = GuardListeners.addStatementListener(events::add);
                 PreparedStatement insert = c.prepareStatement("INSERT INTO listener_events VALUES (?)");
                 Statement s = c.createStatement()) {
                for (int i = 1; i <= 3; i++) {
                    insert.setInt(1, i);
                    insert.addBatch();
                }
                insert.executeBatch();
                s.addBatch("UPDATE listener_events SET id = id + 10 WHERE id = 1");
                s.addBatch("UPDATE listener_events SET id = id + 10 WHERE id = 2");
                s.executeBatch();
                read(s, "SELECT id FROM listener_events WHERE id = 3");
                assertThatThrownBy(() -> s.execute("SELECT nope FROM listener_events WHERE id = 1"))
                        .isInstanceOf(SQLException.class);
            }
            try (Statement s = c.createStatement()) {
                read(s, "SELECT id FROM listener_events WHERE id = 11"); // after removal: not heard
            }
        }
        assertThat(events).extracting(StatementEvent::kind, StatementEvent::fingerprint, StatementEvent::batched,
                StatementEvent::failed).containsExactly(
                org.assertj.core.groups.Tuple.tuple(StatementEvent.Kind.INSERT, "insert into listener_events values (?+)", 3, false),
                org.assertj.core.groups.Tuple.tuple(StatementEvent.Kind.UPDATE,
                        "update listener_events set id = id + ? where id = ?", 2, false),
                org.assertj.core.groups.Tuple.tuple(StatementEvent.Kind.SELECT,
                        "select id from listener_events where id = ?", 1, false),
                org.assertj.core.groups.Tuple.tuple(StatementEvent.Kind.SELECT,
                        "select nope from listener_events where id = ?", 1, true));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.target()).isEqualTo(db.app().user() + "@" + db.host() + ":" + db.port() + "/"
                    + db.database());
            assertThat(event.elapsedNanos()).isPositive();
        });
    }

    private static Void read(Statement s, String sql) {
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                r.getObject(1);
            }
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
