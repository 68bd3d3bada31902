package dev.jdbcguard.driver.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.testdb.TcpRelay;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code conn.cap} while the network between the application and the server fails: sockets cut by a
 * {@link TcpRelay} (RST and FIN) under load. A statement in flight at a cut fails fast with an {@link SQLException}
 * and its connection's cap place is free once the application closes it; under 32 threads and random cuts the cap
 * is never exceeded and no place is lost.
 */
@Tag("faults")
@ExtendWith(TestDatabaseExtension.class)
class SocketCutTest {

    private static final Logger LOG = LoggerFactory.getLogger(SocketCutTest.class);
    private static final int THREADS = 32;
    private static final int CAP = 4;

    private final TestDatabase db;
    private TcpRelay relay;
    private ExecutorService pool;

    SocketCutTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void start() throws Exception {
        relay = TcpRelay.to(db.host(), db.port());
        pool = Executors.newFixedThreadPool(THREADS + 2);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        relay.close();
    }

    @ParameterizedTest
    @EnumSource(TcpRelay.Cut.class)
    void aStatementInFlightAtACutFailsFastAndFreesItsPlace(TcpRelay.Cut how) throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  conn.cap:\n    max: 1\n    wait: 0s\n")) {
            Future<Throwable> inFlight;
            try (Connection connection = connect(guard)) {
                CountDownLatch sent = new CountDownLatch(1);
                inFlight = pool.submit(() -> {
                    try (Statement s = connection.createStatement()) {
                        sent.countDown();
                        s.executeQuery("SELECT SLEEP(60)");
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(300); // the statement is on the wire, the server sleeping
                assertThatThrownBy(() -> connect(guard)).as("the cap of 1 is taken").isInstanceOf(SQLException.class)
                        .hasMessageContaining("conn.cap");
                long cutAt = System.nanoTime();
                assertThat(relay.cutAll(how)).isEqualTo(1);
                Throwable failure = inFlight.get(10, TimeUnit.SECONDS);
                long millis = (System.nanoTime() - cutAt) / 1_000_000;
                assertThat(failure).as("the statement's failure").isInstanceOf(SQLException.class);
                assertThat(millis).as("failed %d ms after the %s", millis, how).isLessThan(5_000);
                assertThat(guard.rules().open(target())).as("held until the application closes it").isEqualTo(1);
            }
            assertThat(guard.rules().open(target())).isZero();
            try (Connection next = connect(guard)) {
                selectOne(next);
            }
        }
    }

    @Test
    void thirtyTwoThreadsUnderRandomCutsNeverExceedTheCapAndLoseNoPlace() throws Exception {
        String user = db.app().user();
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  conn.cap:\n    max: " + CAP + "\n    wait: 30s\n");
             Connection admin = db.adminConnection()) {
            AtomicInteger open = new AtomicInteger();
            AtomicInteger maxOpen = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger completed = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit((Callable<Void>) () -> {
                    while (!done.get()) {
                        try (Connection connection = connect(guard)) {
                            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                            try {
                                for (int i = 0; i < 3; i++) {
                                    try (Statement s = connection.createStatement()) {
                                        s.execute("SELECT SLEEP(0.01)");
                                    }
                                }
                                completed.incrementAndGet();
                            } finally {
                                open.decrementAndGet();
                            }
                        } catch (SQLException e) {
                            failures.incrementAndGet(); // a cut: the application closes and goes on
                        }
                    }
                    return null;
                }));
            }
            Random random = new Random(17);
            int cuts = 0;
            int maxSessions = 0;
            // at least 4 s and 20 cuts (a loaded machine connects slowly), at most 60 s
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)
                    && (cuts < 20 || System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4))) {
                Thread.sleep(100 + random.nextInt(200));
                maxSessions = Math.max(maxSessions, sessions(admin, user));
                cuts += relay.cutAll(random.nextBoolean() ? TcpRelay.Cut.RST : TcpRelay.Cut.FIN);
            }
            done.set(true);
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            LOG.info("{} threads, cap {}: {} connections cut, {} failures seen by the application, {} units of work"
                    + " completed, at most {} open through the guard, at most {} sessions of {} seen by the server",
                    THREADS, CAP, cuts, failures.get(), completed.get(), maxOpen.get(), maxSessions, user);
            assertThat(cuts).as("cuts survived").isGreaterThan(10);
            assertThat(completed.get()).as("work went on between the cuts").isPositive();
            assertThat(maxOpen.get()).isLessThanOrEqualTo(CAP);
            assertThat(guard.rules().open(target())).as("no place lost").isZero();
            // every place can be taken again at once, and the cap still holds
            List<Connection> all = new ArrayList<>();
            try {
                for (int i = 0; i < CAP; i++) {
                    all.add(connect(guard));
                    selectOne(all.get(i));
                }
                assertThat(guard.rules().open(target())).isEqualTo(CAP);
            } finally {
                for (Connection c : all) {
                    c.close();
                }
            }
            assertThat(guard.rules().open(target())).isZero();
        }
    }

    private static int sessions(Connection admin, String user) throws SQLException {
        try (Statement s = admin.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '" + user + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private Connection connect(GuardedDriver guard) throws SQLException {
        return guard.connect("jdbc:guard:mysql://127.0.0.1:" + relay.port() + "/" + db.database()
                + "?connectTimeout=5000&socketTimeout=30000", db.tls("VERIFY_IDENTITY", db.app()));
    }

    private Target target() {
        return new Target("127.0.0.1", relay.port(), db.app().user(), db.database());
    }

    private static void selectOne(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }
}
