package dev.jdbcguard.driver.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.testdb.TcpRelay;
import dev.jdbcguard.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code conn.cap} with EXPLAIN on while a {@link TcpRelay} cuts every socket (RST and FIN, at random) under
 * {@value #THREADS} threads that each keep a connection (as from a pool) and send new statement shapes on it until a
 * cut breaks it: what the server sees.
 *
 * <p><b>The bound asserted.</b> Every sample of the server's sessions of the application's login is split by the
 * client port the server shows: sessions of a connection the relay still carries (<i>live</i>), and sessions whose
 * socket is gone but which the server still shows (<i>cut</i>: a statement in progress at a cut goes on until it next
 * reads or writes the socket; a session the application just closed is still ending). Live sessions never exceed {@code cap + 1}: the cap's connections and the guard's one EXPLAIN
 * session, outside the cap by design. So the server sees at most {@code cap + 1 + cut} sessions; cut sessions are
 * transient: each is gone within {@value #CUT_SESSION_LIMIT_MS} ms. Once the application has closed everything, the
 * only session left is the EXPLAIN session (reopened by a last new shape if the cuts left it closed), and a last cut
 * ends it on the server too: EXPLAIN sessions do not outlive cuts. Sessions that existed before the test (another test's statement the server still runs) are left out.
 */
@Tag("faults")
class ExplainUnderCutsTest extends QueryTables {

    private static final Logger LOG = LoggerFactory.getLogger(ExplainUnderCutsTest.class);
    private static final int THREADS = 8;
    private static final long CUT_SESSION_LIMIT_MS = 2_000;

    ExplainUnderCutsTest(TestDatabase db) {
        super(db);
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {2, 4})
    void explainSessionsStayOneAndDoNotOutliveCuts(int cap) throws Exception {
        String user = db.app().user();
        Path rules = Files.writeString(Files.createTempFile("cuts-cap-" + cap, ".yaml"), "rules:\n  conn.cap: {max: "
                + cap + ", wait: 30s}\n  query.unindexed: {action: warn, detect: explain}\n  query.n-plus-one: off\n");
        rules.toFile().deleteOnExit(); // the engine is the JVM's: a deleted file would log a failed reload
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (TcpRelay relay = TcpRelay.to(db.host(), db.port()); Connection admin = db.adminConnection()) {
            String url = "jdbc:guard:mysql://127.0.0.1:" + relay.port() + "/" + db.database()
                    + "?connectTimeout=5000&socketTimeout=30000&guard.rules=" + rules;
            Set<Long> before = sessions(admin, user).keySet();
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger open = new AtomicInteger();
            AtomicInteger maxOpen = new AtomicInteger();
            AtomicInteger shapes = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit((Callable<Void>) () -> {
                    while (!done.get()) {
                        try (Connection c = DriverManager.getConnection(url, db.tls("VERIFY_IDENTITY", db.app()))) {
                            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                            // as from a pool: the connection serves until a cut breaks it
                            try (Statement s = c.createStatement()) {
                                while (!done.get()) {
                                    // a new shape: a full scan of qc_orders the EXPLAIN thread is asked about
                                    read(s, "SELECT id AS shape_" + shapes.incrementAndGet()
                                            + " FROM qc_orders WHERE note = 'x'");
                                    read(s, "SELECT SLEEP(0.01)");
                                }
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
            // warm before the first cut: a cold JVM's TLS handshake outlasts the gaps between cuts
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (shapes.get() < 4 * cap && System.nanoTime() < warm) {
                Thread.sleep(20);
            }
            Random random = new Random(cap);
            Map<Long, Long> cutSince = new HashMap<>(); // session id -> when it was first seen without its socket
            int cuts = 0;
            int maxSessions = 0;
            int maxLive = 0;
            int maxCut = 0;
            long longestCutMs = 0;
            long start = System.nanoTime();
            // at least 4 s and 20 cuts (a loaded machine connects slowly), at most 60 s
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)
                    && (cuts < 20 || System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4))) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(200));
                while (System.nanoTime() < until) {
                    Sample sample = sample(admin, user, relay, before);
                    maxSessions = Math.max(maxSessions, sample.all());
                    maxLive = Math.max(maxLive, sample.live());
                    maxCut = Math.max(maxCut, sample.cut().size());
                    long now = System.nanoTime();
                    cutSince.keySet().retainAll(sample.cut());
                    for (long id : sample.cut()) {
                        long since = cutSince.computeIfAbsent(id, k -> now);
                        longestCutMs = Math.max(longestCutMs, (now - since) / 1_000_000);
                    }
                    Thread.sleep(20);
                }
                cuts += relay.cutAll(random.nextBoolean() ? TcpRelay.Cut.RST : TcpRelay.Cut.FIN);
            }
            done.set(true);
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            Sample idle = explainSessionAlone(url, admin, user, relay, before, shapes);
            relay.cutAll(TcpRelay.Cut.RST);
            long cutAt = System.nanoTime();
            Sample last = sample(admin, user, relay, before);
            while (last.all() > 0 && System.nanoTime() - cutAt < TimeUnit.MILLISECONDS.toNanos(CUT_SESSION_LIMIT_MS)) {
                Thread.sleep(20);
                last = sample(admin, user, relay, before);
            }
            LOG.info("cap {}, {} threads, EXPLAIN on: {} cuts, {} application failures, {} shapes, at most {} open through"
                            + " the guard; the server saw at most {} sessions of {} ({} live, {} cut), a cut session"
                            + " lasted at most {} ms; after the workload {} session(s) ({} live), {} after the last cut", cap,
                    THREADS, cuts, failures.get(), shapes.get(), maxOpen.get(), maxSessions, user, maxLive, maxCut,
                    longestCutMs, idle.all(), idle.live(), last.all());
            assertThat(cuts).as("cuts survived").isGreaterThan(10);
            assertThat(shapes.get()).as("new shapes asked for EXPLAINs throughout").isGreaterThan(cuts);
            assertThat(maxOpen.get()).as("open through the guard").isLessThanOrEqualTo(cap);
            assertThat(maxLive).as("live sessions: the cap's and the one EXPLAIN session").isLessThanOrEqualTo(cap + 1);
            assertThat(longestCutMs).as("a session whose socket was cut is gone soon").isLessThan(CUT_SESSION_LIMIT_MS);
            assertThat(idle).as("with the application closed: the one EXPLAIN session, live, nothing else")
                    .isEqualTo(new Sample(1, 1, Set.of()));
            assertThat(last.all()).as("after the last cut, within %d ms", CUT_SESSION_LIMIT_MS).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** One look at the server's sessions of {@code user}, split by whether the relay still carries their socket. */
    private record Sample(int all, int live, Set<Long> cut) {
    }

    /**
     * The sessions of {@code user} not in {@code before}. The relay's ports are read after the server's list, so a
     * session whose connection opened meanwhile is live, and one whose socket was cut meanwhile is counted as cut.
     */
    private static Sample sample(Connection admin, String user, TcpRelay relay, Set<Long> before) throws SQLException {
        Map<Long, Integer> sessions = sessions(admin, user);
        Set<Integer> carried = relay.upstreamPorts();
        sessions.keySet().removeAll(before);
        int live = 0;
        Set<Long> cut = new HashSet<>();
        for (Map.Entry<Long, Integer> session : sessions.entrySet()) {
            if (carried.contains(session.getValue())) {
                live++;
            } else {
                cut.add(session.getKey());
            }
        }
        return new Sample(sessions.size(), live, cut);
    }

    /**
     * After the workload: new shapes on a connection the application then closes, until the server shows the EXPLAIN
     * session alone (the cuts may have left the EXPLAIN connection closed, and its reopen may wait out the retry
     * pause of up to 2 s); the last sample, whatever it shows, after 5 s.
     */
    private Sample explainSessionAlone(String url, Connection admin, String user, TcpRelay relay, Set<Long> before,
                                       AtomicInteger shapes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Sample sample;
        do {
            try (Connection c = DriverManager.getConnection(url, db.tls("VERIFY_IDENTITY", db.app()));
                 Statement s = c.createStatement()) {
                read(s, "SELECT id AS shape_" + shapes.incrementAndGet() + " FROM qc_orders WHERE note = 'x'");
            }
            Thread.sleep(100);
            sample = sample(admin, user, relay, before);
        } while (!sample.equals(new Sample(1, 1, Set.of())) && System.nanoTime() < deadline);
        return sample;
    }

    /** Session id to client port, for the sessions of {@code user} now. */
    private static Map<Long, Integer> sessions(Connection admin, String user) throws SQLException {
        Map<Long, Integer> sessions = new HashMap<>();
        try (Statement s = admin.createStatement();
             ResultSet r = s.executeQuery("SELECT ID, HOST FROM information_schema.PROCESSLIST WHERE USER = '" + user + "'")) {
            while (r.next()) {
                String host = r.getString(2);
                int colon = host.lastIndexOf(':');
                sessions.put(r.getLong(1), colon < 0 ? -1 : Integer.parseInt(host.substring(colon + 1)));
            }
        }
        return sessions;
    }

    private static void read(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                r.getObject(1);
            }
        }
    }
}
