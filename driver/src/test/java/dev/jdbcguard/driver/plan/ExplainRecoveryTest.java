package dev.jdbcguard.driver.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The EXPLAIN service after its connection failed, and its rate limit (issue 17 hole 3, issue 15 item 3). The
 * server restart itself, with the relay and kill -9, is {@code dev.jdbcguard.driver.faults.ExplainRestartTest}.
 */
class ExplainRecoveryTest extends QueryTables {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration RECHECK = Duration.ofMinutes(1);

    ExplainRecoveryTest(TestDatabase db) {
        super(db);
    }

    /**
     * Before the fix each request during the pause failed with the service's own "failed recently" and pushed the
     * pause out again, so under steady traffic EXPLAIN never came back.
     */
    @Test
    void steadyTrafficDuringThePauseDoesNotLengthenIt() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        try (ExplainService service = new ExplainService(() -> {
            if (opens.incrementAndGet() == 1) {
                throw new SQLNonTransientConnectionException("Communications link failure", "08S01");
            }
            return QueryTables.appConnection(db);
        }, 16, 1000, Duration.ofMillis(300), Duration.ofMillis(300), 1000, RECHECK)) {
            long start = System.nanoTime();
            PlanVerdict verdict = null;
            int requests = 0;
            // a new shape every 20 ms, far more often than the pause is long
            while (!(verdict instanceof PlanVerdict.Explained) && System.nanoTime() - start < WAIT.toNanos()) {
                String sql = "SELECT id FROM qc_orders WHERE note = 'n" + requests++ + "'";
                PlanVerdict asked = service.verdict(sql, sql, null, null);
                verdict = asked instanceof PlanVerdict.Pending pending ? pending.await(WAIT.toNanos()) : asked;
                Thread.sleep(20);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(verdict).as("explained again after %d requests", requests).isInstanceOf(PlanVerdict.Explained.class);
            assertThat(millis).as("back within a few pauses, not never").isLessThan(3_000);
            assertThat(opens).as("one failed open, one reopen: no attempt during the pause").hasValue(2);
            assertThat(service.stats().unavailable()).isEqualTo(requests - 1);
        }
    }

    @Test
    void aBrokenConnectionIsClosedBeforeTheNextOneOpens() throws Exception {
        List<Connection> opened = new ArrayList<>();
        try (ExplainService service = new ExplainService(() -> {
            Connection connection = QueryTables.appConnection(db);
            synchronized (opened) {
                opened.add(connection);
            }
            return connection;
        }, 16, 1000, Duration.ofMillis(50), Duration.ofMillis(50), 1000, RECHECK)) {
            explain(service, "SELECT id FROM qc_orders WHERE note = 'a'");
            long firstId = QueryTables.connectionId(opened.get(0));
            try (Connection admin = db.adminConnection()) {
                admin.createStatement().execute("KILL " + firstId);
            }
            // the first request on the killed session finds it broken; a later one reopens
            long start = System.nanoTime();
            PlanVerdict verdict;
            int n = 0;
            do {
                Thread.sleep(60);
                verdict = explain(service, "SELECT id FROM qc_orders WHERE note = 'b" + n++ + "'");
            } while (!(verdict instanceof PlanVerdict.Explained) && System.nanoTime() - start < WAIT.toNanos());
            assertThat(verdict).isInstanceOf(PlanVerdict.Explained.class);
            synchronized (opened) {
                assertThat(opened).hasSize(2);
                assertThat(opened.get(0).isClosed()).as("the broken connection was closed").isTrue();
                assertThat(opened.get(1).isClosed()).isFalse();
            }
        }
    }

    @Test
    void atMostTheConfiguredRateReachesTheServer() throws Exception {
        int rate = 20;
        try (ExplainService service = new ExplainService(() -> QueryTables.appConnection(db), 256, 1000,
                Duration.ofMillis(100), Duration.ofSeconds(2), rate, RECHECK)) {
            List<PlanVerdict.Pending> pending = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String sql = "SELECT id FROM qc_orders WHERE note = 'r" + i + "'";
                pending.add((PlanVerdict.Pending) service.verdict(sql, sql, null, null));
            }
            long start = System.nanoTime();
            for (PlanVerdict.Pending p : pending) {
                assertThat(p.await(WAIT.toNanos())).isInstanceOf(PlanVerdict.Explained.class);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            // 30 EXPLAINs at 20 per second, evenly spaced: at least 29 gaps of 50 ms
            assertThat(millis).as("30 EXPLAINs took %d ms", millis).isGreaterThanOrEqualTo(29 * 1000 / rate - 20);
            assertThat(service.stats().explained()).isEqualTo(30);
            assertThat(service.stats().dropped()).isZero();
        }
    }

    @Test
    void aShapeDroppedForTheLimitIsExplainedWhenItRunsAgain() throws Exception {
        try (ExplainService service = new ExplainService(() -> QueryTables.appConnection(db), 2, 1000,
                Duration.ofMillis(100), Duration.ofSeconds(2), 5, RECHECK)) {
            List<PlanVerdict> first = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String sql = "SELECT id FROM qc_orders WHERE note = 'd" + i + "'";
                first.add(service.verdict(sql, sql, null, null));
            }
            assertThat(service.stats().dropped()).as("a queue of 2 behind a thread at 5 per second").isPositive();
            for (int i = 0; i < 6; i++) {
                String sql = "SELECT id FROM qc_orders WHERE note = 'd" + i + "'";
                PlanVerdict verdict = PlanVerdict.Unexplained.class.isInstance(first.get(i)) ? null : first.get(i);
                long start = System.nanoTime();
                while (!(verdict instanceof PlanVerdict.Explained) && System.nanoTime() - start < WAIT.toNanos()) {
                    verdict = explain(service, sql); // runs again: asked again when it was dropped
                    if (!(verdict instanceof PlanVerdict.Explained)) {
                        Thread.sleep(100);
                    }
                }
                assertThat(verdict).as(sql).isInstanceOf(PlanVerdict.Explained.class);
            }
        }
    }

    private static PlanVerdict explain(ExplainService service, String sql) throws SQLException {
        PlanVerdict verdict = service.verdict(sql, sql, null, null);
        return verdict instanceof PlanVerdict.Pending pending ? pending.await(WAIT.toNanos()) : verdict;
    }
}
