package dev.jdbcguard.driver.plan;

import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.testdb.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-connection memo in front of the EXPLAIN cache, with real EXPLAINs: it serves what the
 * cache holds and never what the cache dropped.
 */
class PlanMemoTest extends QueryTables {

    private static final String FULL_SCAN = "SELECT id FROM qc_orders WHERE note = ?";
    private static final String LOOKUP = "SELECT id FROM qc_orders WHERE customer_id = ?";
    private static final String COUNTRIES = "SELECT name FROM qc_countries WHERE name = ?";

    private Connection app;
    private ExplainService service;

    PlanMemoTest(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void open() throws SQLException {
        app = QueryTables.appConnection(db);
    }

    @AfterEach
    void close() throws SQLException {
        if (service != null) {
            service.close();
        }
        app.close();
    }

    @Test
    void aSettledPlanIsServedFromTheMemoAsTheCacheHoldsIt() throws Exception {
        service = service(100);
        PlanMemo memo = new PlanMemo(service);

        PlanVerdict first = memo.verdict(FULL_SCAN, sql(FULL_SCAN), null, app);
        assertThat(first).as("first sight asks for an EXPLAIN").isInstanceOf(PlanVerdict.Pending.class);
        PlanVerdict settled = settle(first);
        assertThat(settled).isInstanceOf(PlanVerdict.Explained.class);

        PlanVerdict again = memo.verdict(FULL_SCAN, sql(FULL_SCAN), null, app);
        assertThat(again).as("the pending verdict was not memoized").isSameAs(settled).isSameAs(service.cached(FULL_SCAN));
        // an equal fingerprint from another judgement (a literal variant) finds the same slot
        assertThat(memo.verdict(new String(FULL_SCAN), sql(FULL_SCAN), null, app)).isSameAs(settled);
        assertThat(memo.cached(FULL_SCAN)).isSameAs(settled);
        assertThat(service.stats().explained()).as("one EXPLAIN for the fingerprint").isEqualTo(1);
    }

    @Test
    void theMemoNeverServesAPlanTheCacheNoLongerHolds() throws Exception {
        service = service(2);
        PlanMemo memo = new PlanMemo(service);
        List<String> fingerprints = List.of(FULL_SCAN, LOOKUP, COUNTRIES, FULL_SCAN + " AND id > 0", LOOKUP + " AND id > 0");
        int settledAnswers = 0;
        for (int round = 0; round < 4; round++) {
            for (String fingerprint : fingerprints) {
                PlanVerdict answer = memo.verdict(fingerprint, sql(fingerprint), null, app);
                if (answer instanceof PlanVerdict.Pending pending) {
                    settle(pending); // no EXPLAIN left running: nothing evicts between the answer and the check below
                    continue;
                }
                settledAnswers++;
                assertThat(answer).as("round %d, %s", round, fingerprint).isSameAs(service.cached(fingerprint));
            }
        }
        assertThat(service.generation()).as("five plans in a cache of two: evictions happened").isPositive();
        assertThat(settledAnswers).as("some answers came from the cache or the memo").isPositive();
    }

    @Test
    void afterTheServiceClosesTheMemoServesNothingItHeld() throws Exception {
        service = service(100);
        PlanMemo memo = new PlanMemo(service);
        settle(memo.verdict(FULL_SCAN, sql(FULL_SCAN), null, app));
        assertThat(memo.verdict(FULL_SCAN, sql(FULL_SCAN), null, app)).isInstanceOf(PlanVerdict.Explained.class);

        service.close();

        assertThat(memo.verdict(FULL_SCAN, sql(FULL_SCAN), null, app))
                .isEqualTo(new PlanVerdict.Unexplained("the guard is closed"));
        assertThat(memo.cached(FULL_SCAN)).isNull();
    }

    @Test
    void holdsNoSlotsUntilItKeepsAVerdictThenGrowsWhenAPairIsFullAndServesEveryOne() throws Exception {
        service = service(100);
        PlanMemo memo = new PlanMemo(service);
        List<String> fingerprints = threeSharingAPair(PlanMemo.INITIAL_SLOTS);
        settle(memo.verdict(fingerprints.get(0), sql(fingerprints.get(0)), null, app));
        assertThat(memo.slots()).as("a pending verdict is not kept").isZero();
        List<PlanVerdict> settled = new ArrayList<>();
        for (String fingerprint : fingerprints) {
            settle(memo.verdict(fingerprint, sql(fingerprint), null, app));
            settled.add(memo.verdict(fingerprint, sql(fingerprint), null, app)); // settled: kept
            assertThat(memo.slots()).isGreaterThanOrEqualTo(PlanMemo.INITIAL_SLOTS);
        }
        assertThat(memo.slots()).as("the third fingerprint of a full pair").isEqualTo(2 * PlanMemo.INITIAL_SLOTS);
        for (int i = 0; i < fingerprints.size(); i++) {
            assertThat(memo.answers(fingerprints.get(i))).as(fingerprints.get(i)).isTrue();
            assertThat(memo.verdict(fingerprints.get(i), sql(fingerprints.get(i)), null, app))
                    .isSameAs(settled.get(i)).isSameAs(service.cached(fingerprints.get(i)))
                    .isInstanceOf(PlanVerdict.Explained.class);
        }
        assertThat(service.stats().explained()).as("one EXPLAIN per fingerprint").isEqualTo(3);
    }

    /**
     * Three fingerprints whose slots share one pair with {@code slots} slots, the first two in different pairs with
     * twice as many: once the memo doubled, all three fit.
     */
    private static List<String> threeSharingAPair(int slots) {
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; fingerprints.size() < 3; i++) {
            String candidate = LOOKUP + " AND id > " + i;
            if (fingerprints.isEmpty() || pair(candidate, slots) == pair(fingerprints.get(0), slots)
                    && (fingerprints.size() == 2 || pair(candidate, 2 * slots) != pair(fingerprints.get(0), 2 * slots))) {
                fingerprints.add(candidate);
            }
        }
        return fingerprints;
    }

    /** The memo's pair for a fingerprint with {@code slots} slots, as it computes its slot. */
    private static int pair(String fingerprint, int slots) {
        int hash = fingerprint.hashCode();
        return ((hash ^ (hash >>> 16)) & (slots - 1)) >> 1;
    }

    private ExplainService service(long maxPlans) {
        return new ExplainService(() -> QueryTables.appConnection(db), 16, maxPlans, Duration.ofMillis(200), Duration.ofMillis(200), 1000,
                Duration.ofMinutes(1));
    }

    /** The fingerprints above stand for statements with these literal values. */
    private static String sql(String fingerprint) {
        return fingerprint.replace("?", fingerprint.contains("note") ? "'n17'" : fingerprint.contains("name") ? "'x'" : "17");
    }

    private static PlanVerdict settle(PlanVerdict verdict) throws Exception {
        return verdict instanceof PlanVerdict.Pending pending ? pending.done().get(10, TimeUnit.SECONDS) : verdict;
    }
}
