package dev.jdbcguard.driver.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.Jobs;
import com.mysql.cj.jdbc.MysqlDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.GuardDataSource;
import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** conn.cap, conn.leak, conn.churn and conn.lifetime through the real driver against the real server. */
@ExtendWith(TestDatabaseExtension.class)
class ConnectionRulesTest {

    private static final int THREADS = 32;

    private final TestDatabase db;
    private ExecutorService pool;

    ConnectionRulesTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void startThreads() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void capIsHeldExactlyUnder32ConcurrentThreads() throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules(cap(4, "30s"))) {
            AtomicInteger open = new AtomicInteger();
            AtomicInteger maxObserved = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch capReached = new CountDownLatch(4);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int round = 0; round < 3; round++) {
                        try (Connection connection = connect(guard)) {
                            maxObserved.accumulateAndGet(open.incrementAndGet(), Math::max);
                            // the first holders wait for each other, so reaching the cap does not depend on timing
                            capReached.countDown();
                            capReached.await(10, TimeUnit.SECONDS);
                            selectOne(connection);
                            open.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            assertThat(maxObserved.get()).isEqualTo(4);
            assertThat(guard.rules().open(target())).isZero();
            assertThat(guard.gauges(target()).openConnections()).isZero();
            assertThat(guard.gauges(target()).maxConnections()).isEqualTo(4);
            assertThat(guard.reported("conn.cap")).isEmpty();
        }
    }

    @Test
    void callersAtTheCapTimeOutNamingCapHoldersAndLongestAge() throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules(cap(2, "200ms"));
             Connection first = connect(guard); Connection second = connect(guard)) {
            List<Future<Throwable>> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                callers.add(pool.submit(() -> {
                    try (Connection unexpected = connect(guard)) {
                        return null;
                    } catch (SQLException e) {
                        return e;
                    }
                }));
            }
            for (Future<Throwable> caller : callers) {
                assertThat(caller.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageStartingWith("[jdbc-guard] conn.cap: 2 connections open to " + target() + " (cap 2),"
                                + " none closed within the ")
                        .hasMessageContaining("; the longest has been open ")
                        .hasMessageContaining("Fix: Use a connection pool sized below the cap");
            }
            assertThat(guard.rules().open(target())).isEqualTo(2);
            assertThat(guard.gauges(target()).waitingConnections()).isZero();
            selectOne(first);
            selectOne(second);
        }
    }

    @Test
    void capInWarnModeLetsTheConnectionThroughWithAWarningOnIt() throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  conn.cap:\n    action: warn\n    max: 1\n");
             Connection first = connect(guard); Connection over = connect(guard)) {
            assertThat(over.getWarnings().getMessage()).startsWith("[jdbc-guard] conn.cap WARN: 1 connections open to "
                    + target() + " (cap 1); this one is let through because conn.cap is warn; the longest has been open ");
            assertThat(guard.rules().open(target())).isEqualTo(1); // the one over the cap holds no place
            selectOne(over);
        }
    }

    @Test
    void waitingCallersAreServedInArrivalOrder() throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules(cap(1, "30s"))) {
            Connection held = connect(guard);
            Future<Connection> firstWaiter = pool.submit(() -> connect(guard));
            await(() -> guard.rules().waiting(target()) == 1);
            Future<Connection> secondWaiter = pool.submit(() -> connect(guard));
            await(() -> guard.rules().waiting(target()) == 2);
            held.close();
            try (Connection first = firstWaiter.get(30, TimeUnit.SECONDS)) {
                selectOne(first);
                assertThat(secondWaiter).isNotDone();
            }
            try (Connection second = secondWaiter.get(30, TimeUnit.SECONDS)) {
                selectOne(second);
            }
        }
    }

    @Test
    void noPlaceIsLostWhenConnectionsFailAreKilledAbortedOrClosedTwice() throws Exception {
        String rules = cap(3, "100ms") + "  tls.version:\n    min: TLSv1.3\n";
        try (GuardedDriver guard = GuardedDriver.withRules(rules)) {
            for (int round = 0; round < 3; round++) {
                Properties wrongPassword = db.tls("VERIFY_IDENTITY", db.app());
                wrongPassword.setProperty("password", "not-" + db.app().password());
                assertThatThrownBy(() -> guard.connect(db.guardUrl(""), wrongPassword))
                        .hasMessageContaining("Access denied");

                Properties oldTls = db.tls("VERIFY_IDENTITY", db.app());
                oldTls.setProperty("tlsVersions", "TLSv1.2");
                assertThatThrownBy(() -> guard.connect(db.guardUrl(""), oldTls)).hasMessageContaining("tls.version");

                Connection killed = connect(guard);
                long id = connectionId(killed);
                try (Connection admin = db.adminConnection(); Statement kill = admin.createStatement()) {
                    kill.execute("KILL " + id);
                }
                assertThatThrownBy(() -> selectOne(killed)).isInstanceOf(SQLException.class);
                killed.close(); // the server is gone for this session: close must still give the place back

                Connection aborted = connect(guard);
                aborted.abort(Runnable::run);

                Connection twice = connect(guard);
                twice.close();
                twice.close();
            }
            assertThat(guard.rules().open(target())).isZero();
            try (Connection a = connect(guard); Connection b = connect(guard); Connection c = connect(guard)) {
                assertThat(guard.rules().open(target())).isEqualTo(3);
                assertThatThrownBy(() -> connect(guard)).isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageContaining("3 connections open to " + target() + " (cap 3)");
                selectOne(a);
                selectOne(b);
                selectOne(c);
            }
            assertThat(guard.rules().open(target())).isZero();
            assertThat(guard.gauges(target()).openConnections()).isZero();
        }
    }

    @Test
    void leakIsReportedOnceWithTheStackThatOpenedIt() throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  conn.leak:\n    threshold: 300ms\n");
             AllLogs logs = new AllLogs()) {
            connect(guard).close(); // closed in time: never reported
            try (Connection leaked = connect(guard)) {
                await(() -> !guard.reported("conn.leak").isEmpty());
                GuardedDriver.Reported leak = guard.reported("conn.leak").get(0);
                assertThat(leak.finding().message()).contains("conn.leak WARN: connection to " + target() + " still open after ")
                        .contains("(threshold 300 ms)");
                await(() -> logs.from("jdbcguard.conn.leak").stream().anyMatch(line -> line.contains("opened here")));
                assertThat(logs.from("jdbcguard.conn.leak")).filteredOn(line -> line.contains("opened here"))
                        .singleElement().asString().contains("leakIsReportedOnceWithTheStackThatOpenedIt");
                Thread.sleep(350); // one more threshold: the check does not repeat
                assertThat(guard.reported("conn.leak")).hasSize(1);
                selectOne(leaked);
            }
        }
    }

    @Test
    void connectionsOpenedAtOnePlaceShareOneOpeningStackAndEachLeakNamesWhereItWasOpened() throws Exception {
        String nightly = "opened at com.acme.shop.Jobs.nightly(Jobs.java:" + Jobs.NIGHTLY_LINE + ")";
        String hourly = "opened at com.acme.shop.Jobs.hourly(Jobs.java:" + Jobs.HOURLY_LINE + ")";
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  conn.leak:\n    threshold: 300ms\n");
             AllLogs logs = new AllLogs()) {
            List<Connection> leaked = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    leaked.add(Jobs.nightly(() -> connect(guard)));
                }
                assertThat(guard.rules().sharedOpeningSites()).as("three connections, one place").isEqualTo(1);
                leaked.add(Jobs.hourly(() -> connect(guard)));
                assertThat(guard.rules().sharedOpeningSites()).isEqualTo(2);
                await(() -> guard.reported("conn.leak").size() == 4);
                assertThat(guard.reported("conn.leak")).extracting(r -> r.finding().message())
                        .allSatisfy(message -> assertThat(message).contains(" still open after "))
                        .satisfiesExactlyInAnyOrder(
                                message -> assertThat(message).contains(nightly),
                                message -> assertThat(message).contains(nightly),
                                message -> assertThat(message).contains(nightly),
                                message -> assertThat(message).contains(hourly));
                await(() -> logs.from("jdbcguard.conn.leak").stream().filter(line -> line.contains("opened here")).count() == 4);
                // each full opening stack: the connection's own place, down to this test
                assertThat(logs.from("jdbcguard.conn.leak")).filteredOn(line -> line.contains("opened here"))
                        .allSatisfy(stack -> assertThat(stack).contains("connection to " + target() + " opened here")
                                .contains("connectionsOpenedAtOnePlaceShareOneOpeningStackAndEachLeakNamesWhereItWasOpened"))
                        .satisfiesExactlyInAnyOrder(
                                stack -> assertThat(stack).contains("Jobs.nightly(Jobs.java").doesNotContain("Jobs.hourly"),
                                stack -> assertThat(stack).contains("Jobs.nightly(Jobs.java").doesNotContain("Jobs.hourly"),
                                stack -> assertThat(stack).contains("Jobs.nightly(Jobs.java").doesNotContain("Jobs.hourly"),
                                stack -> assertThat(stack).contains("Jobs.hourly(Jobs.java").doesNotContain("Jobs.nightly"));
                leaked.remove(0).close();
                assertThat(guard.rules().sharedOpeningSites()).as("two nightly connections still open").isEqualTo(2);
            } finally {
                for (Connection connection : leaked) {
                    connection.close();
                }
            }
            assertThat(guard.rules().sharedOpeningSites()).as("a site leaves with its last connection").isZero();
        }
    }

    @Test
    void leakAndLifetimeOfOneConnectionAreEachReportedOnceInTheOrderOfTheirThresholds() throws Exception {
        String rules = "rules:\n  conn.leak:\n    threshold: 200ms\n  conn.lifetime:\n    threshold: 400ms\n";
        try (GuardedDriver guard = GuardedDriver.withRules(rules); Connection old = connect(guard)) {
            await(() -> !guard.reported("conn.lifetime").isEmpty());
            Thread.sleep(450); // longer than either threshold again: neither check repeats
            assertThat(guard.reported("conn.leak")).singleElement();
            assertThat(guard.reported("conn.lifetime")).singleElement()
                    .satisfies(r -> assertThat(r.finding().message()).contains("(threshold 400 ms)"));
            assertThat(guard.reported("conn.leak").get(0).finding().at())
                    .isBeforeOrEqualTo(guard.reported("conn.lifetime").get(0).finding().at());
            selectOne(old);
        }
    }

    @Test
    void equalLeakAndLifetimeThresholdsAreBothReported() throws Exception {
        String rules = "rules:\n  conn.leak:\n    threshold: 200ms\n  conn.lifetime:\n    threshold: 200ms\n";
        try (GuardedDriver guard = GuardedDriver.withRules(rules); Connection old = connect(guard)) {
            await(() -> !guard.reported("conn.leak").isEmpty() && !guard.reported("conn.lifetime").isEmpty());
            Thread.sleep(250);
            assertThat(guard.reported("conn.leak")).hasSize(1);
            assertThat(guard.reported("conn.lifetime")).hasSize(1);
            selectOne(old);
        }
    }

    @Test
    void connectionsAPoolHoldsAreNotLeaksButStillAgeIntoTheLifetimeRule() throws Exception {
        String rules = "rules:\n  conn.leak:\n    threshold: 200ms\n  conn.lifetime:\n    threshold: 300ms\n";
        Properties tls = db.tls("VERIFY_IDENTITY", db.app());
        StringBuilder query = new StringBuilder();
        for (String key : List.of("sslMode", "trustCertificateKeyStoreUrl", "trustCertificateKeyStorePassword",
                "trustCertificateKeyStoreType")) {
            query.append(query.length() == 0 ? "" : "&").append(key).append('=')
                    .append(URLEncoder.encode(tls.getProperty(key), StandardCharsets.UTF_8));
        }
        MysqlDataSource target = new MysqlDataSource();
        target.setUrl(db.mysqlUrl(query.toString()));
        target.setUser(db.app().user());
        target.setPassword(db.app().password());
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        try (GuardedDriver guard = GuardedDriver.withRules(rules)) {
            config.setDataSource(new GuardDataSource(target, guard.rules()));
            try (HikariDataSource pool = new HikariDataSource(config); Connection borrowed = pool.getConnection()) {
                selectOne(borrowed);
                assertThat(guard.rules().sharedOpeningSites()).as("a pool's connection keeps no opening stack").isZero();
                await(() -> !guard.reported("conn.lifetime").isEmpty());
                assertThat(guard.reported("conn.leak")).isEmpty(); // due 100 ms before the lifetime report
            }
        }
    }

    @Test
    void lifetimeIsReportedPastTheThresholdOnlyForConnectionsStillOpen() throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  conn.lifetime:\n    threshold: 300ms\n")) {
            connect(guard).close();
            try (Connection old = connect(guard)) {
                await(() -> !guard.reported("conn.lifetime").isEmpty());
                assertThat(guard.reported("conn.lifetime")).singleElement()
                        .satisfies(r -> assertThat(r.finding().message()).contains("open for").contains("(threshold 300 ms)")
                                .doesNotContain("opened at"));
                assertThat(guard.reported("conn.leak")).isEmpty(); // default threshold 2m
            }
        }
    }

    @Test
    void churnFiresWhenConnectionsOpenFasterThanTheRate() throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  conn.churn:\n    max-opens: 5\n    window: 30s\n")) {
            for (int i = 0; i < 12; i++) {
                connect(guard).close();
            }
            assertThat(guard.reported("conn.churn")).singleElement() // once per window, not once per open
                    .satisfies(r -> assertThat(r.finding().message()).contains("WARN: 6 connections to " + target() + " opened within ")
                            .contains("(allowed: 5 per 30.0 s) — "));
        }
    }

    @Test
    void borrowsFromAWrappedPoolAreNotChurnAndThePlacementIsExplainedOnce() throws Exception {
        MysqlDataSource target = new MysqlDataSource();
        target.setUrl(db.mysqlUrl(""));
        target.setUser(db.app().user());
        target.setPassword(db.app().password());
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setMaximumPoolSize(1);
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  tls.required: off\n  conn.churn:\n    max-opens: 5\n    window: 30s\n");
             HikariDataSource pool = new HikariDataSource(config);
             AllLogs logs = new AllLogs()) {
            GuardDataSource abovePool = new GuardDataSource(pool, guard.rules());
            for (int i = 0; i < 12; i++) {
                try (Connection borrowed = abovePool.getConnection()) {
                    selectOne(borrowed);
                }
            }
            assertThat(guard.reported("conn.churn")).as("12 borrows of one pooled connection").isEmpty();
            assertThat(logs.from("jdbcguard.datasource")).singleElement().asString()
                    .contains("GuardDataSource wraps the connection pool com.zaxxer.hikari.HikariDataSource")
                    .contains("Put the guard under the pool instead");
        }
    }

    @Test
    void churnStaysQuietAtALowRate() throws Exception {
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  conn.churn:\n    max-opens: 2\n    window: 100ms\n")) {
            for (int i = 0; i < 6; i++) {
                connect(guard).close();
                Thread.sleep(60); // any 3 consecutive opens then span at least 120 ms, more than the window
            }
            assertThat(guard.reported("conn.churn")).isEmpty();
        }
    }

    private static String cap(int max, String wait) {
        return "rules:\n  conn.cap:\n    max: " + max + "\n    wait: " + wait + "\n";
    }

    private Connection connect(GuardedDriver guard) throws SQLException {
        return guard.connect(db.guardUrl(""), db.tls("VERIFY_IDENTITY", db.app()));
    }

    private Target target() {
        return new Target(db.host(), db.port(), db.app().user(), db.database());
    }

    private static void selectOne(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    private static long connectionId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls until {@code condition} holds; fails after 10 s. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
