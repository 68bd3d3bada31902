package dev.jdbcguard.driver.plan;

import dev.jdbcguard.Finding.Evidence;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.driver.mysql.ConnectorJObjects;
import java.sql.Statement;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.FindingSink;
import dev.jdbcguard.driver.warnings.FindingSink.Stage;
import dev.jdbcguard.rules.RuleCatalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code query.unindexed} and {@code query.bad-index}: one rule pair, two detectors.
 *
 * <p><b>flags</b> ({@link #afterExecute}): the server's status flags, delivered with the statement's
 * final OK/EOF packet, so no extra round trip. Limits: MySQL sets "no index used" only for a full
 * table scan (EXPLAIN {@code type=ALL}), not for a full index scan ({@code type=index}); MariaDB
 * flags both; MySQL's hypergraph optimizer can flag plans it did not choose; a proxy such as
 * PlanetScale's vtgate may not forward the flags at all; with streaming results the flags arrive
 * late. The flags name no table and no row count, so in this mode only {@code ignore-tables} can exempt them
 * (when every table of the statement is listed), never {@code min-rows}.
 *
 * <p><b>explain</b> ({@link #beforeExecute}): on first sight of a fingerprint, {@link ExplainService}
 * EXPLAINs it in the background; from then on every execution is judged from the cached plan
 * before it is sent: table, access type, index, estimated rows examined, Extra, and a suggested
 * index. Statements with {@code ?} placeholders are explained with the values of the execution that
 * first asked, when the target driver tells them (Connector/J: {@link ConnectorJObjects#boundValues}; MariaDB
 * Connector/J: {@link dev.jdbcguard.driver.mariadb.MariaDbObjects#boundValues}), otherwise not at all (the flags
 * still apply).
 *
 * <p><b>auto</b>: both. Before execution, a known plan is judged as in explain mode; after
 * execution, a flag is never reported on its own word where a plan can speak for the table:
 * <ul>
 *   <li>the plan shows a scan: it was reported before execution, or is exempt ({@code min-rows},
 *       {@code ignore-tables});</li>
 *   <li>the plan shows index lookups only (it was explained with other values: the optimizer scans a
 *       small table, or a common value, and reads a rare one through the index): the shape is
 *       {@link ExplainService#recheck re-explained} with this execution's values, at most once per
 *       fingerprint per interval, and what that plan shows is reported, by the same rules; the flags of
 *       the interval are judged by it. A flag raised while the plan was pending, answered by such a plan,
 *       is not reported: the next flagged execution rechecks with its values;</li>
 *   <li>no plan (EXPLAIN refused, values unknown, EXPLAIN connection down): the flag is reported.</li>
 * </ul>
 * A flag raised while the plan is still pending is held until the plan arrives, so a scan of a small
 * table is not reported on its first execution just because EXPLAIN had not answered yet.
 *
 * <p><b>What block means</b>, by the {@link Stage} of the finding the sink receives:
 * <ul>
 *   <li>flags: {@code AFTER} only. The statement already ran (an UPDATE changed its rows;
 *       inside a transaction the caller can still roll back); the JDBC call fails afterwards. This is
 *       the "fail my tests on any full scan" mode: cheap and exact for the statements the tests run.</li>
 *   <li>explain and auto: {@code BEFORE} once the fingerprint's plan is known: nothing
 *       reaches the server. The first execution of a new fingerprint waits up to
 *       {@link UnindexedSettings#planWait()} for its plan; if the plan is still pending then, that
 *       execution runs and its finding arrives as {@code BACKGROUND} (warn only).</li>
 * </ul>
 *
 * <p>One per connection, used by its thread (the EXPLAIN thread only reports background findings
 * through the sink); settings are passed per call so that a reloaded rule set applies at once.
 * Cost on the hot path: explain and auto read the plan from the connection's {@link PlanMemo}
 * before execution (an array probe once the plan is settled; the {@link ExplainService} cache
 * lookup otherwise); after execution without a flag nothing happens. Findings allocate.
 */
public final class UnindexedDetector {

    /** What a flag-based finding shows: the server's word, no plan rows. */
    private static final Evidence SERVER_FLAGS = new Evidence.Plan(List.of(), true);

    private final ExplainService explain;
    private final PlanMemo plans;

    /** @param explain the EXPLAIN service of this guard's target, or null when only the flags are used */
    public UnindexedDetector(ExplainService explain) {
        this.explain = explain;
        this.plans = explain == null ? null : new PlanMemo(explain);
    }

    /**
     * Before a statement is sent (detect explain or auto): judges it by its cached plan, or asks for
     * the plan on first sight.
     *
     * @param statement   the target driver's statement, whose bound values are read only when an EXPLAIN is
     *                    requested, or null
     * @param application the application's connection, whose current database an EXPLAIN uses (read only
     *                    when a new EXPLAIN is requested), or null for the URL's
     * @return how long it waited for a plan (0 unless the first execution of a new fingerprint waited)
     * @throws SQLException when the sink blocks, or reading the application's catalog fails
     */
    public long beforeExecute(UnindexedSettings settings, Object fingerprint, String sql, Statement statement,
                              Connection application, FindingSink sink) throws SQLException {
        if (settings.detect() == Detect.FLAGS || plans == null) {
            return 0;
        }
        PlanVerdict verdict = plans.verdict(fingerprint, sql, statement, application);
        long waited = 0;
        if (verdict instanceof PlanVerdict.Pending pending) {
            if (!settings.planWait().isZero()) {
                long since = System.nanoTime();
                verdict = pending.await(settings.planWait().toNanos());
                waited = System.nanoTime() - since;
            }
            if (verdict instanceof PlanVerdict.Pending && pending.claim()) {
                reportWhenSettled(settings, fingerprint, pending, sink.later());
            }
        }
        if (verdict instanceof PlanVerdict.Explained plan) {
            reportScans(settings, fingerprint, plan, Stage.BEFORE, sink);
        }
        return waited;
    }

    /**
     * After a statement ran, with the server's status flags for it (detect flags or auto).
     *
     * @param executed    the statement as it ran: its text, with the values of its literals (a recheck EXPLAINs it),
     *                    or null when only its fingerprint is known (then nothing is rechecked)
     * @param statement   the target driver's statement, whose bound values a recheck reads, or null
     * @param application the application's connection, whose current database a recheck uses, or null
     * @throws SQLException when the sink blocks (the statement has already run), or reading the catalog or the
     *                      bound values for a recheck fails
     */
    public void afterExecute(UnindexedSettings settings, Object fingerprint, String executed, Statement statement,
                             Connection application, boolean noIndexUsed, boolean noGoodIndexUsed, FindingSink sink)
            throws SQLException {
        if (!noIndexUsed && !noGoodIndexUsed || settings.detect() == Detect.EXPLAIN) {
            return;
        }
        PlanVerdict verdict = settings.detect() == Detect.AUTO && plans != null ? plans.cached(fingerprint) : null;
        if (verdict instanceof PlanVerdict.Pending pending) {
            pending.flag(noIndexUsed, noGoodIndexUsed);
            if (!pending.done().isDone()) {
                return; // reported, or found exempt, when the plan arrives
            }
            verdict = pending.done().join();
        }
        if (verdict instanceof PlanVerdict.Explained plan) {
            if (plan.scans().isEmpty() && executed != null) {
                recheck(settings, fingerprint, executed, statement, application, noIndexUsed, noGoodIndexUsed, sink);
            }
            // scans shown: reported before execution, or exempt; none shown and no text to recheck: the plan's word
            return;
        }
        reportFlags(settings, fingerprint, noIndexUsed, noGoodIndexUsed, Stage.AFTER, sink);
    }

    /**
     * A flag the cached plan contradicts (it shows index lookups only): judged by the plan of this execution's
     * values, or of the first flagged execution of the interval ({@link ExplainService#recheck}). Only what that plan
     * shows is reported, and a plan that shows no scan again reports nothing; without a plan the flag is reported.
     */
    private void recheck(UnindexedSettings settings, Object fingerprint, String executed, Statement statement,
                         Connection application, boolean noIndexUsed, boolean noGoodIndexUsed, FindingSink sink)
            throws SQLException {
        PlanVerdict verdict = explain.recheck(fingerprint, executed, statement, application);
        if (verdict instanceof PlanVerdict.Pending pending) {
            pending.flag(noIndexUsed, noGoodIndexUsed); // reported if the recheck ends without a plan
            if (pending.claim()) {
                reportWhenSettled(settings, fingerprint, pending, sink.later());
            }
            return;
        }
        if (verdict instanceof PlanVerdict.Explained plan) {
            reportScans(settings, fingerprint, plan, Stage.AFTER, sink);
        } else {
            reportFlags(settings, fingerprint, noIndexUsed, noGoodIndexUsed, Stage.AFTER, sink);
        }
    }

    /**
     * Reports what {@code pending} settles into, on the EXPLAIN thread (as {@code BACKGROUND}: warn only), counted so
     * that a test can wait for it ({@link GuardListeners#awaitBackgroundChecks}).
     */
    private static void reportWhenSettled(UnindexedSettings settings, Object fingerprint, PlanVerdict.Pending pending,
                                          FindingSink sink) {
        GuardListeners.backgroundCheckStarted();
        pending.done().whenComplete((done, failure) -> {
            try {
                if (failure == null) {
                    reportInBackground(settings, fingerprint, pending, done, sink);
                }
            } finally {
                GuardListeners.backgroundCheckFinished();
            }
        });
    }

    /**
     * A plan reports its own scans (unless exempt); a flag it does not show (index lookups only, for the values of
     * another execution) is left to the recheck of the next flagged execution. Without a plan the held flags report.
     */
    private static void reportInBackground(UnindexedSettings settings, Object fingerprint, PlanVerdict.Pending pending,
                                           PlanVerdict verdict, FindingSink sink) {
        try {
            if (verdict instanceof PlanVerdict.Explained plan) {
                reportScans(settings, fingerprint, plan, Stage.BACKGROUND, sink);
            } else if (pending.flagged()) {
                reportFlags(settings, fingerprint, pending.noIndexFlagged(), pending.noGoodIndexFlagged(),
                        Stage.BACKGROUND, sink);
            }
        } catch (SQLException | RuntimeException ignored) {
            // no caller to fail on the EXPLAIN thread: the sink has logged what it could
        }
    }

    /** Reports the worst non-exempt scan of each rule; scans are sorted worst first. */
    private static void reportScans(UnindexedSettings settings, Object fingerprint, PlanVerdict.Explained plan,
                                    Stage stage, FindingSink sink) throws SQLException {
        List<TableScan> scans = plan.scans();
        TableScan unindexed = null;
        TableScan badIndex = null;
        for (int i = 0; i < scans.size(); i++) {
            TableScan scan = scans.get(i);
            if (settings.exempts(scan)) {
                continue;
            }
            if (scan.access() == TableScan.Access.RANGE_CHECKED) {
                badIndex = badIndex == null ? scan : badIndex;
            } else {
                unindexed = unindexed == null ? scan : unindexed;
            }
        }
        if (unindexed != null) {
            sink.report(planFinding(RuleCatalog.QUERY_UNINDEXED, fingerprint, unindexed), stage);
        }
        if (badIndex != null) {
            sink.report(planFinding(RuleCatalog.QUERY_BAD_INDEX, fingerprint, badIndex), stage);
        }
    }

    /** What the plan showed; the scan's own suggestion (which index, or why the one there was not used) is the hint. */
    private static Detection planFinding(String rule, Object fingerprint, TableScan scan) {
        String what = scan.access().description() + " on " + scan.table() + " (EXPLAIN: "
                + (scan.key() == null ? "" : "index " + scan.key() + ", ") + "~" + scan.rows() + " rows examined"
                + (scan.extra().isEmpty() ? "" : ", " + scan.extra()) + ")";
        return Detection.of(rule, what, fingerprint.toString()).hinting(scan.suggestion())
                .about(List.of(scan.table())).measured(new Evidence.Plan(List.of(scan.planRow()), false));
    }

    /** A flag on the server's word alone: the tables are read from the fingerprint, which names the same as the text. */
    private static void reportFlags(UnindexedSettings settings, Object fingerprint, boolean noIndexUsed,
                                    boolean noGoodIndexUsed, Stage stage, FindingSink sink) throws SQLException {
        Collection<String> tables = new LinkedHashSet<>(StatementText.of(fingerprint.toString()).tablesByAlias().values());
        if (!tables.isEmpty() && tables.stream().allMatch(settings::ignores)) {
            return;
        }
        String named = tables.isEmpty() ? "" : " (tables: " + String.join(", ", tables) + ")";
        List<String> about = List.copyOf(tables);
        if (noIndexUsed) {
            sink.report(Detection.of(RuleCatalog.QUERY_UNINDEXED, "the server reports that it used no index" + named,
                    fingerprint.toString()).about(about).measured(SERVER_FLAGS), stage);
        }
        if (noGoodIndexUsed) {
            sink.report(Detection.of(RuleCatalog.QUERY_BAD_INDEX, "the server reports that it found no good index" + named,
                    fingerprint.toString()).hinting("compare join columns of the same type and collation")
                    .about(about).measured(SERVER_FLAGS), stage);
        }
    }
}
