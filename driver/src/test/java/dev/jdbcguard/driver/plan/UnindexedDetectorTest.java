package dev.jdbcguard.driver.plan;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.ServerSession;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.driver.warnings.FindingSink.Stage;
import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.driver.warnings.RecordingSink;
import dev.jdbcguard.driver.warnings.RecordingSink.Report;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * query.unindexed / query.bad-index against the real server: the flags come from the server's OK/EOF
 * packets (read from Connector/J's session, as the driver's interceptor will deliver them), the
 * plans from real EXPLAINs on a connection the service opens itself.
 */
class UnindexedDetectorTest extends QueryTables {

    private static final String FULL_SCAN = "SELECT id, status FROM qc_orders WHERE note = 'n17'";
    private static final String INDEX_LOOKUP = "SELECT id, status FROM qc_orders WHERE customer_id = 17";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final List<Long> explainConnectionIds = new CopyOnWriteArrayList<>();
    private Connection app;
    private ExplainService explain;

    UnindexedDetectorTest(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void open() throws SQLException {
        app = QueryTables.appConnection(db);
        explain = new ExplainService(() -> {
            Connection own = QueryTables.appConnection(db);
            explainConnectionIds.add(QueryTables.connectionId(own));
            return own;
        }, 16, 1000, Duration.ofMillis(200), Duration.ofMillis(200), 1000, RECHECK);
    }

    @AfterEach
    void close() throws SQLException {
        explain.close();
        app.close();
    }

    @Test
    void flagsReportAFullScanAfterItRanAndStaySilentOnAnIndexLookup() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(null);
        RecordingSink sink = RecordingSink.warning();
        UnindexedSettings flags = settings(Detect.FLAGS, 0, Set.of());

        Flags scan = run(FULL_SCAN);
        detector.afterExecute(flags, FULL_SCAN, FULL_SCAN, null, null, scan.noIndex, scan.noGoodIndex, sink);
        Flags lookup = run(INDEX_LOOKUP);
        detector.afterExecute(flags, INDEX_LOOKUP, INDEX_LOOKUP, null, null, lookup.noIndex, lookup.noGoodIndex, sink);

        assertThat(scan.noIndex).as("server flag for a full scan").isTrue();
        assertThat(lookup.noIndex).as("server flag for an index lookup").isFalse();
        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("query.unindexed");
            assertThat(report.stage()).isEqualTo(Stage.AFTER);
            assertThat(report.finding().what()).isEqualTo("the server reports that it used no index (tables: qc_orders)");
            assertThat(report.finding().fingerprint()).isEqualTo(FULL_SCAN);
        });
    }

    @Test
    void theApplicationsCatalogIsReadOnlyWhenAnExplainIsRequested() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        UnindexedSettings settings = settings(Detect.EXPLAIN, 0, Set.of());
        AtomicInteger catalogReads = new AtomicInteger();
        // the real connection, seen through a wrapper that counts getCatalog() and delegates every call
        Connection counted = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCatalog")) {
                        catalogReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(app, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        detector.beforeExecute(settings, FULL_SCAN, FULL_SCAN, null, counted, sink);
        assertThat(catalogReads).as("first sight requests an EXPLAIN in the app's database").hasValue(1);
        detector.beforeExecute(settings, FULL_SCAN, FULL_SCAN, null, counted, sink);
        detector.beforeExecute(settings, FULL_SCAN, FULL_SCAN, null, counted, sink);
        assertThat(catalogReads).as("a cached plan costs no JDBC call").hasValue(1);
        detector.beforeExecute(settings, INDEX_LOOKUP, INDEX_LOOKUP, null, counted, sink);

        assertThat(catalogReads).as("a new fingerprint reads it again").hasValue(2);
        assertThat(sink.reports()).hasSize(3).allSatisfy(report -> assertThat(report.ruleId()).isEqualTo("query.unindexed"));
    }

    @Test
    void flagsBlockOnlyAfterTheStatementRan() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(null);
        String update = "UPDATE qc_orders SET status = 'done' WHERE note = 'n3'";
        Flags flags = run(update); // the statement runs; only then does the server say how

        assertThat(flags.noIndex).isTrue();
        assertThatThrownBy(() -> detector.afterExecute(settings(Detect.FLAGS, 0, Set.of()), update, update, null, null,
                flags.noIndex, flags.noGoodIndex, RecordingSink.blocking()))
                .isInstanceOf(GuardViolationException.class)
                .hasMessageStartingWith("[jdbc-guard] query.unindexed:");
        assertThat(count("SELECT COUNT(*) FROM qc_orders WHERE note = 'n3' AND status = 'done'")).isEqualTo(1);
    }

    @Test
    void explainReportsAFullScanBeforeExecutionWithTableRowsAndIndexSuggestion() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        UnindexedSettings settings = settings(Detect.EXPLAIN, 0, Set.of());

        detector.beforeExecute(settings, FULL_SCAN, FULL_SCAN, null, null, sink);
        detector.beforeExecute(settings, INDEX_LOOKUP, INDEX_LOOKUP, null, null, sink);

        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("query.unindexed");
            assertThat(report.stage()).isEqualTo(Stage.BEFORE);
            assertThat(report.finding().what())
                    .startsWith("full table scan on qc_orders (EXPLAIN: ~")
                    .contains("rows examined");
            assertThat(report.finding().hint()).isEqualTo("consider an index on qc_orders(note)");
        });
        PlanVerdict.Explained plan = (PlanVerdict.Explained) explain.cached(FULL_SCAN);
        assertThat(plan.scans()).singleElement().satisfies(scan -> {
            assertThat(scan.access()).isEqualTo(TableScan.Access.FULL_TABLE_SCAN);
            assertThat(scan.rows()).isGreaterThan(QueryTables.ORDER_ROWS / 2);
        });
        assertThat(explain.cached(INDEX_LOOKUP)).isInstanceOf(PlanVerdict.Explained.class)
                .satisfies(v -> assertThat(((PlanVerdict.Explained) v).scans()).isEmpty());
    }

    @Test
    void explainRunsOnTheGuardsOwnConnectionOutsideTheUsersTransaction() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        app.setAutoCommit(false);
        try (Statement s = app.createStatement()) {
            s.executeUpdate("INSERT INTO qc_countries VALUES ('XX', 'uncommitted')");
        }
        long userConnection = QueryTables.connectionId(app);
        long baseline = questionsDelta(() -> { });

        long delta = questionsDelta(() -> detector.beforeExecute(settings(Detect.EXPLAIN, 0, Set.of()),
                "explain-me", "SELECT * FROM qc_countries WHERE name = 'uncommitted'", null, null, sink));

        assertThat(sink.reports()).extracting(Report::ruleId).containsExactly("query.unindexed");
        assertThat(explainConnectionIds).singleElement().isNotEqualTo(userConnection);
        assertThat(delta).as("statements the server counted on the user's session").isEqualTo(baseline);
        app.rollback();
        assertThat(count("SELECT COUNT(*) FROM qc_countries WHERE code = 'XX'")).isZero();
    }

    @Test
    void oneExplainPerFingerprint() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        UnindexedSettings settings = settings(Detect.EXPLAIN, 0, Set.of());

        for (int i = 0; i < 5; i++) {
            detector.beforeExecute(settings, FULL_SCAN, FULL_SCAN, null, null, sink);
        }
        assertThat(explain.stats().explained()).isEqualTo(1);
        detector.beforeExecute(settings, INDEX_LOOKUP, INDEX_LOOKUP, null, null, sink);
        detector.beforeExecute(settings, INDEX_LOOKUP, INDEX_LOOKUP, null, null, sink);

        assertThat(explain.stats().explained()).isEqualTo(2);
        assertThat(sink.reports()).hasSize(5); // every execution of the scan is a finding; the reporter deduplicates the log
        assertThat(explainConnectionIds).hasSize(1);
    }

    @Test
    void concurrentFirstSightingsShareOneExplain() throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<PlanVerdict>> verdicts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                verdicts.add(pool.submit(() -> {
                    start.await();
                    return awaitVerdict(explain, FULL_SCAN);
                }));
            }
            for (Future<PlanVerdict> verdict : verdicts) {
                assertThat(verdict.get(10, TimeUnit.SECONDS)).isInstanceOf(PlanVerdict.Explained.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(explain.stats().explained()).isEqualTo(1);
    }

    @Test
    void explainBlocksBeforeExecutionAndTheExplainChangesNothing() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        String delete = "DELETE FROM qc_orders WHERE note = 'n5'";

        assertThatThrownBy(() -> detector.beforeExecute(settings(Detect.EXPLAIN, 0, Set.of()), delete, delete, null, null,
                RecordingSink.blocking()))
                .isInstanceOf(GuardViolationException.class)
                .hasMessageStartingWith("[jdbc-guard] query.unindexed: full table scan on qc_orders");
        assertThat(count("SELECT COUNT(*) FROM qc_orders WHERE note = 'n5'")).isEqualTo(1);
    }

    @Test
    void withoutPlanWaitTheFirstSightIsReportedInTheBackground() throws Exception {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.blocking();

        detector.beforeExecute(settings(Detect.EXPLAIN, 0, Set.of(), Duration.ZERO), FULL_SCAN, FULL_SCAN, null, null, sink);

        Report report = sink.next();
        assertThat(report).isNotNull();
        assertThat(report.stage()).isEqualTo(Stage.BACKGROUND);
        assertThat(report.finding().what()).startsWith("full table scan on qc_orders");
    }

    @Test
    void ignoredTablesAreExemptForBothDetectors() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        Flags flags = run(FULL_SCAN);

        detector.afterExecute(settings(Detect.FLAGS, 0, Set.of("QC_ORDERS")), FULL_SCAN, FULL_SCAN, null, null,
                flags.noIndex, flags.noGoodIndex, sink);
        detector.beforeExecute(settings(Detect.EXPLAIN, 0, Set.of("guard_db_name_ignored.qc_orders", "qc_orders")),
                FULL_SCAN, FULL_SCAN, null, null, sink);

        assertThat(flags.noIndex).isTrue();
        assertThat(explain.cached(FULL_SCAN)).isInstanceOf(PlanVerdict.Explained.class);
        assertThat(sink.reports()).isEmpty();
    }

    @Test
    void smallTablesUnderMinRowsAreExemptInAutoModeEvenThoughTheServerFlagsThem() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        String small = "SELECT name FROM qc_countries WHERE name LIKE '%an%'";
        UnindexedSettings auto = settings(Detect.AUTO, 100, Set.of());

        Flags flags = runChecked(detector, auto, small, sink);

        assertThat(flags.noIndex).as("the server flags the small scan").isTrue();
        assertThat(sink.reports()).isEmpty();

        detector.beforeExecute(settings(Detect.AUTO, 1, Set.of()), small, small, null, null, sink);
        assertThat(sink.reports()).extracting(Report::ruleId).containsExactly("query.unindexed");
    }

    @Test
    void autoReportsEachExecutionOnceAndSeesFullIndexScans() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        String indexScan = "SELECT customer_id FROM qc_orders ORDER BY customer_id";
        UnindexedSettings auto = settings(Detect.AUTO, 0, Set.of());

        runChecked(detector, auto, indexScan, sink);

        assertThat(sink.reports()).singleElement().satisfies(report -> {
            assertThat(report.stage()).isEqualTo(Stage.BEFORE);
            assertThat(report.finding().what()).startsWith("full index scan on qc_orders (EXPLAIN: index idx_customer, ~");
        });
    }

    @Test
    void rangeCheckedForEachRecordIsABadIndexForBothDetectors() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        String join = "SELECT o.id FROM qc_orders o JOIN qc_orders p ON p.customer_id > o.id WHERE o.id < 5";
        RecordingSink flagsSink = RecordingSink.warning();
        RecordingSink explainSink = RecordingSink.warning();

        Flags flags = run(join);
        detector.afterExecute(settings(Detect.FLAGS, 0, Set.of()), join, join, null, null, flags.noIndex, flags.noGoodIndex, flagsSink);
        detector.beforeExecute(settings(Detect.EXPLAIN, 100, Set.of()), join, join, null, null, explainSink);

        assertThat(flags).isEqualTo(new Flags(false, true));
        assertThat(flagsSink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("query.bad-index");
            assertThat(report.finding().what()).isEqualTo("the server reports that it found no good index (tables: qc_orders)");
        });
        assertThat(explainSink.reports()).singleElement().satisfies(report -> {
            assertThat(report.ruleId()).isEqualTo("query.bad-index");
            assertThat(report.finding().what())
                    .startsWith("no good index (range checked for each record) on qc_orders (EXPLAIN: ~")
                    .contains("Range checked for each record");
            assertThat(report.finding().hint()).startsWith("make the join condition on qc_orders an equality");
        });
    }

    /** PetClinic's {@code visits} shape: pet 2 is read through idx_pet, pet 1 (half the 20 rows) with a scan. */
    private static final String VISITS = "select id, visit_date, description from qc_visits where pet_id = ?";
    private static final String RARE_PET = "SELECT id, visit_date, description FROM qc_visits WHERE pet_id = 2";
    private static final String COMMON_PET = "SELECT id, visit_date, description FROM qc_visits WHERE pet_id = 1";

    @Test
    void aFlagThatContradictsTheCachedIndexLookupIsRecheckedOnceAndASmallScanIsNotReported() throws Exception {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        UnindexedSettings auto = settings(Detect.AUTO, 1000, Set.of());
        assertThat(awaitPlan(VISITS, RARE_PET).scans()).as("the shape's plan: an index lookup").isEmpty();

        List<Flags> flagged = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flagged.add(runChecked(detector, auto, VISITS, COMMON_PET, sink));
        }
        GuardListeners.awaitBackgroundChecks(WAIT);

        assertThat(flagged).as("the server flags every scan of pet 1").allMatch(Flags::noIndex);
        assertThat(sink.reports()).as("a 20-row table, under min-rows").isEmpty();
        assertThat(explain.stats().explained()).as("the plan, and one recheck for 50 flags").isEqualTo(2);
        assertThat(((PlanVerdict.Explained) explain.cached(VISITS)).scans()).as("the cached plan is kept").isEmpty();
    }

    @Test
    void aRecheckedScanIsReportedWithWhyTheIndexThatExistsWasNotUsed() throws Exception {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        UnindexedSettings everyScan = settings(Detect.AUTO, 0, Set.of());
        awaitPlan(VISITS, RARE_PET);

        runChecked(detector, everyScan, VISITS, COMMON_PET, sink);
        Report rechecked = sink.next();
        runChecked(detector, everyScan, VISITS, COMMON_PET, sink);
        Report judgedByTheRecheck = sink.next();

        assertThat(rechecked.stage()).as("the recheck's own plan, when it arrives").isEqualTo(Stage.BACKGROUND);
        assertThat(judgedByTheRecheck.stage()).as("the next flag of the interval").isEqualTo(Stage.AFTER);
        for (Report report : List.of(rechecked, judgedByTheRecheck)) {
            assertThat(report.finding().what()).startsWith("full table scan on qc_visits (EXPLAIN: ~");
            assertThat(report.finding().hint())
                    .startsWith("index idx_pet exists and the optimizer chose to read ~")
                    .contains("low selectivity").doesNotContain("consider an index");
        }
        assertThat(explain.stats().explained()).isEqualTo(2);
    }

    @Test
    void aScanThatCannotUseTheIndexOnItsColumnSaysWhyInsteadOfSuggestingIt() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        String wildcard = "SELECT id, visit_date FROM qc_visits WHERE description LIKE '%3'";

        detector.beforeExecute(settings(Detect.EXPLAIN, 0, Set.of()), wildcard, wildcard, null, null, sink);

        assertThat(sink.reports()).singleElement().satisfies(report -> assertThat(report.finding().hint())
                .startsWith("index idx_description on qc_visits(description) exists but this statement cannot use it")
                .contains("leading wildcard").doesNotContain("consider an index"));
    }

    /** The settled plan of {@code fingerprint}, explained with the text {@code sql}. */
    private PlanVerdict.Explained awaitPlan(String fingerprint, String sql) throws SQLException {
        PlanVerdict verdict = explain.verdict(fingerprint, sql, null, null);
        if (verdict instanceof PlanVerdict.Pending pending) {
            verdict = pending.await(WAIT.toNanos());
        }
        assertThat(verdict).isInstanceOf(PlanVerdict.Explained.class);
        return (PlanVerdict.Explained) verdict;
    }

    @Test
    void aFlagWhileThePlanIsPendingIsReportedOnceWhenThePlanArrives() throws Exception {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();

        runChecked(detector, settings(Detect.AUTO, 0, Set.of(), Duration.ZERO), FULL_SCAN, sink);

        Report report = sink.next();
        assertThat(report.stage()).isEqualTo(Stage.BACKGROUND);
        assertThat(report.finding().what()).startsWith("full table scan on qc_orders (EXPLAIN:");
        assertThat(sink.next(Duration.ofMillis(300))).as("no second report of the same execution").isNull();
    }

    @Test
    void preparedStatementsAreExplainedWithTheFirstExecutionsValuesOrNotAtAll() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        String prepared = "SELECT id FROM qc_orders WHERE note = ? AND status = ?";
        String other = "SELECT id FROM qc_orders WHERE customer_id = ?";
        UnindexedSettings settings = settings(Detect.EXPLAIN, 0, Set.of());

        try (PreparedStatement bound = app.prepareStatement(prepared)) {
            bound.setString(1, "n1");
            bound.setString(2, "it's");
            detector.beforeExecute(settings, prepared, prepared, bound, null, sink);
        }
        detector.beforeExecute(settings, other, other, null, null, sink);

        assertThat(sink.reports()).singleElement()
                .satisfies(r -> assertThat(r.finding().hint()).isEqualTo("consider an index on qc_orders(note, status)"));
        assertThat(explain.cached(other)).isEqualTo(new PlanVerdict.Unexplained(
                "prepared statement without its parameter values; the status flags still apply"));
    }

    @Test
    void aStatementTheServerRefusesIsCachedAsUnexplainedWithoutItsText() throws SQLException {
        UnindexedDetector detector = new UnindexedDetector(explain);
        RecordingSink sink = RecordingSink.warning();
        String missing = "SELECT * FROM qc_no_such_table WHERE secret = 'hunter2'";

        detector.beforeExecute(settings(Detect.EXPLAIN, 0, Set.of()), missing, missing, null, null, sink);

        assertThat(explain.cached(missing)).isEqualTo(
                new PlanVerdict.Unexplained("the server refused EXPLAIN (SQLState 42S02, error 1146)"));
        assertThat(explain.stats().refused()).isEqualTo(1);
        assertThat(sink.reports()).isEmpty();
    }

    @Test
    void anUnreachableExplainConnectionCachesNothingAndIsRetriedAfterItsPause() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (ExplainService unreachable = new ExplainService(() -> {
            attempts.incrementAndGet();
            return DriverManager.getConnection("jdbc:mysql://127.0.0.1:1/none?connectTimeout=500", "u", "p");
        }, 4, 100, Duration.ofMillis(300), Duration.ofMillis(300), 1000, RECHECK)) {
            PlanVerdict first = awaitVerdict(unreachable, FULL_SCAN);
            PlanVerdict duringPause = awaitVerdict(unreachable, FULL_SCAN);
            Thread.sleep(400);
            awaitVerdict(unreachable, FULL_SCAN);

            assertThat(((PlanVerdict.Unexplained) first).reason()).startsWith("EXPLAIN connection unavailable (SQLState 08");
            assertThat(duringPause).isInstanceOf(PlanVerdict.Unexplained.class);
            assertThat(unreachable.cached(FULL_SCAN)).isNull();
            assertThat(unreachable.stats().unavailable()).isEqualTo(3);
            assertThat(attempts).as("no connect attempt during the pause").hasValue(2);
        }
    }

    private static PlanVerdict awaitVerdict(ExplainService service, String sql) throws SQLException {
        PlanVerdict verdict = service.verdict(sql, sql, null, null);
        return verdict instanceof PlanVerdict.Pending pending ? pending.await(WAIT.toNanos()) : verdict;
    }

    @Test
    void aFullQueueDropsTheRequestAndCountsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExplainService slow = new ExplainService(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return QueryTables.appConnection(db);
        }, 1, 100, Duration.ofMillis(100), Duration.ofMillis(100), 1000, RECHECK)) {
            PlanVerdict running = slow.verdict("a", FULL_SCAN, null, null);
            assertThat(started.await(5, TimeUnit.SECONDS)).as("EXPLAIN thread took the first request").isTrue();
            PlanVerdict queued = slow.verdict("b", INDEX_LOOKUP, null, null);
            PlanVerdict dropped = slow.verdict("c", INDEX_LOOKUP, null, null);

            assertThat(running).isInstanceOf(PlanVerdict.Pending.class);
            assertThat(queued).isInstanceOf(PlanVerdict.Pending.class);
            assertThat(dropped).isInstanceOf(PlanVerdict.Unexplained.class);
            assertThat(slow.stats().dropped()).isEqualTo(1);
            assertThat(slow.cached("c")).isNull();
            release.countDown();
            assertThat(((PlanVerdict.Pending) queued).await(WAIT.toNanos())).isInstanceOf(PlanVerdict.Explained.class);
        }
    }

    private static UnindexedSettings settings(Detect detect, long minRows, Set<String> ignore) {
        return settings(detect, minRows, ignore, WAIT);
    }

    private static UnindexedSettings settings(Detect detect, long minRows, Set<String> ignore, Duration wait) {
        return new UnindexedSettings(detect, minRows, ignore, wait);
    }

    private record Flags(boolean noIndex, boolean noGoodIndex) {
    }

    /** Runs {@code sql} on the user's connection, reads every row, and returns the server's status flags for it. */
    private Flags run(String sql) throws SQLException {
        try (Statement s = app.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet r = s.getResultSet()) {
                    while (r.next()) {
                        r.getObject(1);
                    }
                }
            }
        }
        ServerSession session = app.unwrap(JdbcConnection.class).getSession().getServerSession();
        return new Flags(session.noIndexUsed(), session.noGoodIndexUsed());
    }

    /** What the hook does around one execution: the detector before, the real statement, the detector with its flags after. */
    private Flags runChecked(UnindexedDetector detector, UnindexedSettings settings, String sql, RecordingSink sink)
            throws SQLException {
        return runChecked(detector, settings, sql, sql, sink);
    }

    /** As above, for {@code sql} of the shape {@code fingerprint} (a literal variant of it). */
    private Flags runChecked(UnindexedDetector detector, UnindexedSettings settings, String fingerprint, String sql,
                             RecordingSink sink) throws SQLException {
        detector.beforeExecute(settings, fingerprint, sql, null, null, sink);
        Flags flags = run(sql);
        detector.afterExecute(settings, fingerprint, sql, null, null, flags.noIndex, flags.noGoodIndex, sink);
        return flags;
    }

    private long count(String sql) throws SQLException {
        try (Statement s = app.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws SQLException;
    }

    /** How many statements the server counted on the user's session around {@code action}, the status query included. */
    private long questionsDelta(Action action) throws SQLException {
        long before = questions();
        action.run();
        return questions() - before;
    }

    private long questions() throws SQLException {
        try (Statement s = app.createStatement(); ResultSet r = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            r.next();
            return r.getLong(2);
        }
    }
}
