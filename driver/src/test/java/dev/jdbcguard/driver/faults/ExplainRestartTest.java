package dev.jdbcguard.driver.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.DedicatedServer;
import dev.jdbcguard.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EXPLAIN after the server crashed and came back (issue 17 hole 3), on a dedicated server killed with SIGKILL and
 * restarted on the same port: under steady traffic, with a new statement shape every {@value #SHAPE_EVERY_MS} ms (far
 * more often than the 30 s that used to be the only way back), {@code query.unindexed} findings from EXPLAIN are back
 * within a few seconds of the server, and the server never sees more than one EXPLAIN session of the guard.
 *
 * <p>While the server is down no statement reaches the EXPLAIN service (the application's connections are broken
 * too); the first new shape after the restart finds the EXPLAIN connection broken, closes it and starts the retry
 * pause (100 ms). The shapes that follow arrive faster than that pause: before the fix each of them failed with the
 * service's own "failed recently" and pushed the pause out again, so EXPLAIN never came back.
 *
 * <p>The EXPLAIN sessions are counted by the server itself: the sessions of the application's login in
 * {@code information_schema.PROCESSLIST} minus the application's own connection (its {@code CONNECTION_ID()}, kept
 * under a lock with the sampling so that a reconnect is never miscounted). The client side of "a broken connection is
 * closed before the next opens" is {@code ExplainRecoveryTest}.
 */
@Tag("faults")
class ExplainRestartTest {

    private static final Logger LOG = LoggerFactory.getLogger(ExplainRestartTest.class);
    private static final int ROWS = 100_000;
    static final int SHAPE_EVERY_MS = 20;
    /** "Within a few seconds": the longest retry pause is 2 s; the rest is the machine's load. */
    private static final long RECOVERY_LIMIT_MS = 5_000;
    private static final int DOWN_MS = 1_000;

    private static DedicatedServer server;

    @BeforeAll
    static void start() throws SQLException {
        Optional<DedicatedServer> started = DedicatedServer.start();
        assumeTrue(started.isPresent(), "neither a local mariadbd/mysqld nor the embedded MariaDB to kill and restart");
        server = started.get();
        assumeTrue(server.restartable(), "this server cannot be killed and restarted: " + server.database().describe());
        try (Connection admin = server.database().adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + server.database().database());
            s.execute("CREATE TABLE digits (d INT NOT NULL)");
            s.execute("INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
            // no index on note: every lookup by note is a full scan of 100,000 rows
            s.execute("CREATE TABLE events (id INT PRIMARY KEY AUTO_INCREMENT, note VARCHAR(40) NOT NULL) ENGINE=InnoDB");
            s.execute("INSERT INTO events (note) SELECT CONCAT('n', a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d)"
                    + " FROM digits a, digits b, digits c, digits e, digits f");
            s.execute("ANALYZE TABLE events");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM events")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(ROWS);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void explainFindingsComeBackWithinSecondsOfARestartUnderSteadyTraffic() throws Exception {
        TestDatabase db = server.database();
        // the engine outlives the test (it is the JVM's): the file stays until the JVM ends, or it logs a failed reload
        Path rules = Files.writeString(Files.createTempFile("restart", ".yaml"),
                "rules:\n  tls.required: off\n  query.unindexed: {action: block, detect: explain}\n");
        rules.toFile().deleteOnExit();
        String url = db.guardUrl("sslMode=DISABLED&connectTimeout=2000&socketTimeout=20000&guard.rules=" + rules);
        Properties login = new Properties();
        login.setProperty("user", db.app().user());
        login.setProperty("password", db.app().password());
        try (Application app = new Application(url, login);
             Sessions sessions = new Sessions(db, app)) {
            assertThat(app.untilExplained(RECOVERY_LIMIT_MS)).as("EXPLAIN works before the crash").isNotNegative();
            assertThat(sessions.explainNow()).as("the guard's one EXPLAIN session").isEqualTo(1);

            long busy = crashAndRecover(app, true);
            int explainAfterBusy = sessions.explainNow();
            long quiet = crashAndRecover(app, false);
            int explainAfterQuiet = sessions.explainNow();
            LOG.info("Server killed and restarted twice; EXPLAIN findings back {} ms after the server (traffic while it"
                            + " was down) and {} ms (quiet while it was down); {} shapes sent, {} statement failures; at"
                            + " most {} EXPLAIN sessions and {} sessions of {} seen by the server ({} samples)", busy,
                    quiet, app.shapes.get(), app.failures.get(), sessions.maxExplain.get(), sessions.maxTotal.get(),
                    db.app().user(), sessions.samples.get());
            assertThat(busy).as("EXPLAIN findings back after the first restart (ms)").isBetween(0L, RECOVERY_LIMIT_MS);
            assertThat(quiet).as("EXPLAIN findings back after the second restart (ms)").isBetween(0L, RECOVERY_LIMIT_MS);
            assertThat(sessions.samples.get()).as("the server was watched throughout").isGreaterThan(20);
            assertThat(sessions.maxExplain.get()).as("EXPLAIN sessions at any time").isEqualTo(1);
            assertThat(explainAfterBusy).as("EXPLAIN sessions once recovered").isEqualTo(1);
            assertThat(explainAfterQuiet).as("EXPLAIN sessions once recovered").isEqualTo(1);
        }
    }

    /**
     * Kills the server, waits {@value #DOWN_MS} ms, restarts it and sends new shapes until EXPLAIN refuses one.
     *
     * @param trafficWhileDown whether the application keeps trying while the server is down (its first statement
     *                         after the crash then finds the EXPLAIN connection broken, while the server is down)
     *                         or is quiet (no connection of the guard is open meanwhile: the first new shape after
     *                         the restart finds the EXPLAIN connection broken, and the shapes that follow arrive
     *                         inside the retry pause: the case that never recovered)
     * @return ms from the server's return to the first EXPLAIN finding, -1 when none came within twice the limit
     */
    private static long crashAndRecover(Application app, boolean trafficWhileDown) throws InterruptedException {
        int failures = app.failures.get();
        server.kill();
        if (trafficWhileDown) {
            app.runFor(DOWN_MS); // every statement and every reconnect fails
            assertThat(app.failures.get()).as("the crash was seen").isGreaterThan(failures);
        } else {
            // The application's pool drops its dead connection (else a refused statement, never sent, would keep it,
            // and its id would name another session of the restarted server, whose ids start again from 1).
            app.discard();
            Thread.sleep(DOWN_MS);
        }
        server.restart();
        long backAt = System.nanoTime();
        long recovered = app.untilExplained(2 * RECOVERY_LIMIT_MS);
        // a few more shapes after the recovery: the session count settles at exactly one
        app.runFor(500);
        return recovered < 0 ? -1 : (recovered - backAt) / 1_000_000;
    }

    /**
     * One application thread's traffic through the guard, a new shape each time; it reconnects after a failure, as a
     * pool would. Its connection's server id is published under {@link #lock}.
     */
    private static final class Application implements AutoCloseable {

        private final String url;
        private final Properties login;
        private final Object lock = new Object();
        private final AtomicInteger shapes = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private Connection connection;
        private long connectionId = -1;

        Application(String url, Properties login) {
            this.url = url;
            this.login = login;
        }

        /**
         * Sends a new shape every {@value #SHAPE_EVERY_MS} ms until one is refused by {@code query.unindexed} from
         * its EXPLAIN; returns that moment ({@link System#nanoTime()}), or -1 if none was within {@code limitMs}.
         */
        long untilExplained(long limitMs) throws InterruptedException {
            long deadline = System.nanoTime() + limitMs * 1_000_000;
            while (System.nanoTime() < deadline) {
                if (nextShapeRefused()) {
                    return System.nanoTime();
                }
                Thread.sleep(SHAPE_EVERY_MS);
            }
            return -1;
        }

        void runFor(long millis) throws InterruptedException {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < deadline) {
                nextShapeRefused();
                Thread.sleep(SHAPE_EVERY_MS);
            }
        }

        /** One new shape (an alias no statement had before); true when the guard refused it as a full scan. */
        private boolean nextShapeRefused() {
            int n = shapes.incrementAndGet();
            try {
                Connection open = connection();
                try (Statement s = open.createStatement();
                     ResultSet r = s.executeQuery("SELECT id AS shape_" + n + " FROM events WHERE note = 'n" + n + "'")) {
                    while (r.next()) {
                        r.getInt(1);
                    }
                }
                return false; // ran: EXPLAIN had no plan for it (yet)
            } catch (GuardViolationException e) {
                assertThat(e.ruleId()).isEqualTo("query.unindexed");
                return true;
            } catch (SQLException e) {
                failures.incrementAndGet();
                discard();
                return false;
            }
        }

        private Connection connection() throws SQLException {
            synchronized (lock) {
                if (connection == null) {
                    Connection opened = DriverManager.getConnection(url, login);
                    try (Statement s = opened.createStatement(); ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
                        r.next();
                        connectionId = r.getLong(1);
                    } catch (SQLException e) {
                        opened.close();
                        throw e;
                    }
                    connection = opened;
                }
                return connection;
            }
        }

        void discard() {
            synchronized (lock) {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // broken: nothing to tell the server
                    }
                }
                connection = null;
                connectionId = -1;
            }
        }

        @Override
        public void close() {
            discard();
        }
    }

    /**
     * Samples the server's sessions of the application's login every 20 ms on an admin connection of its own (reopened
     * after the crash); the EXPLAIN sessions are those that are not the application's connection.
     */
    private static final class Sessions implements AutoCloseable {

        private final TestDatabase db;
        private final Application app;
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger maxExplain = new AtomicInteger();
        private final AtomicInteger maxTotal = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private Connection admin;

        Sessions(TestDatabase db, Application app) {
            this.db = db;
            this.app = app;
            sampler.scheduleWithFixedDelay(this::sample, 0, 20, TimeUnit.MILLISECONDS);
        }

        /** The EXPLAIN sessions the server has now. */
        int explainNow() throws Exception {
            return sampler.submit(this::count).get(10, TimeUnit.SECONDS)[0];
        }

        private void sample() {
            try {
                int[] counted = count();
                maxExplain.accumulateAndGet(counted[0], Math::max);
                maxTotal.accumulateAndGet(counted[1], Math::max);
                samples.incrementAndGet();
            } catch (SQLException e) {
                closeAdmin(); // the server is down: try again at the next sample
            }
        }

        /** {EXPLAIN sessions, all sessions of the application's login}, read while the application cannot reconnect. */
        private int[] count() throws SQLException {
            if (admin == null) {
                admin = db.adminConnection();
            }
            synchronized (app.lock) {
                int all = 0;
                int others = 0;
                try (Statement s = admin.createStatement();
                     ResultSet r = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '"
                             + db.app().user() + "'")) {
                    while (r.next()) {
                        all++;
                        if (r.getLong(1) != app.connectionId) {
                            others++;
                        }
                    }
                }
                return new int[] {others, all};
            }
        }

        private void closeAdmin() {
            if (admin != null) {
                try {
                    admin.close();
                } catch (SQLException ignored) {
                    // broken by the crash
                }
                admin = null;
            }
        }

        @Override
        public void close() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            closeAdmin();
        }
    }
}
