package dev.jdbcguard.driver.query;

import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.SqlSource;
import dev.jdbcguard.driver.hook.TransactionEvent;
import dev.jdbcguard.driver.hook.WarningSink;
import dev.jdbcguard.driver.plan.Detect;
import dev.jdbcguard.driver.plan.ExplainService;
import dev.jdbcguard.driver.plan.UnindexedDetector;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.FindingSink;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.engine.Judgement;
import dev.jdbcguard.rules.sql.Classification;
import dev.jdbcguard.rules.sql.StatementKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.SQLWarning;

/**
 * The query checks of one connection, as a {@link ConnectionHook}: the token of each SQL text is
 * its cached {@link Judgement} (fingerprint, statement kinds, {@code guard:allow} ids, rule set),
 * so a prepared statement's executions cost no lookup and the N+1 counter keys on the cached
 * fingerprint string.
 *
 * <p>What runs where:
 * <ul>
 *   <li>{@code beforeSql} (execute, execute prepared): the transaction clock and {@code tx.long} for
 *       an open transaction, {@code query.n-plus-one}, and the EXPLAIN-based unindexed check.
 *       Blocks here refuse the statement before it reaches the server.</li>
 *   <li>{@code serverStatus}: remembers the flags of the statement being executed.</li>
 *   <li>{@code afterExecute}: {@code query.slow} and the flag-based unindexed check. A {@code block}
 *       here fails the JDBC call after the server ran the statement (see the class comment of
 *       {@link UnindexedDetector}); after a failed execution it is reported as a warning, so the
 *       driver's own exception reaches the caller.</li>
 *   <li>{@code rowsRead}: {@code query.large-result}, as the rows read cross the limit; a block stops
 *       the reading ({@code next()} throws).</li>
 *   <li>{@code transaction}: the transaction clock, {@code tx.long} at commit or rollback (a warning:
 *       the transaction has ended); the connection's {@code clearWarnings()}, which pools call when the
 *       application returns it, restarts the N+1 counts outside a transaction.</li>
 * </ul>
 * Statements added with {@code addBatch(String)} are not timed or counted one by one (the batch
 * reports one outcome without its texts). A prepared statement with {@code ?} placeholders is
 * explained with the values bound at the execution that first asks for its plan, read from the
 * target driver's statement (Connector/J or MariaDB Connector/J); with other drivers the status
 * flags alone judge it.
 *
 * <p>Used by one thread at a time, like its connection; the EXPLAIN thread calls
 * {@link #report} only for background findings, which read nothing this thread writes except the
 * rule set.
 */
public final class QueryCheckHook implements ConnectionHook, FindingSink {

    private final QueryChecks checks;
    private final UnindexedDetector detector;
    private final boolean explains;
    /** The redacted target, {@code user@host:port/database}, that findings name. */
    private final String label;

    private RuntimeChecks runtime;
    private volatile RuleSet rules;
    private QueryCheckSettings settings;
    private Connection target;
    /** Where warnings go: the statement or connection whose call is running (see {@link ConnectionHook}). */
    private WarningSink warnings;

    // The execution in progress.
    private Classification classification;
    private boolean noIndexUsed;
    private boolean noGoodIndexUsed;
    private boolean canThrow;
    private long planWaitNanos;
    /**
     * The text and the target driver's statement of the execution in progress, kept only while its plan is judged
     * (detect explain or auto): a flag its cached plan does not explain is rechecked with them after it ran.
     */
    private String executedSql;
    private Statement executedStatement;
    /** The token of the execution {@link #planWaitNanos} belongs to. */
    private Object planWaitToken;

    QueryCheckHook(QueryChecks checks, ExplainService explain, String target) {
        this.checks = checks;
        this.label = target;
        this.detector = new UnindexedDetector(explain);
        this.explains = explain != null;
    }

    @Override
    public void connected(Connection target, WarningSink warnings) throws SQLException {
        this.target = target;
        this.warnings = warnings;
        this.runtime = new RuntimeChecks(currentSettings(checks.rules()).thresholds(), target.getAutoCommit(), this);
        checks.track(this);
    }

    @Override
    public void connectFailed(Throwable failure) {
        checks.untrack(this);
    }

    @Override
    public void closed(boolean aborted) {
        checks.untrack(this);
    }

    /** On the guard's sweeping thread: a transaction of this connection past {@code tx.long}'s threshold. */
    void sweep(long nowNanos) throws SQLException {
        runtime.sweep(nowNanos, checks::whereIs);
    }

    @Override
    public Object beforeSql(SqlSource source, String sql, Object prepared, Statement statement, long startNanos)
            throws SQLException {
        Judgement judgement;
        switch (source) {
            case PREPARE, PREPARE_CALL:
                return checks.judge(sql);
            case EXECUTE:
                judgement = checks.judge(sql);
                break;
            case EXECUTE_PREPARED:
                judgement = prepared instanceof Judgement known ? known : checks.judge(sql);
                break;
            default:
                return null;
        }
        return execute(judgement, sql, statement, startNanos);
    }

    /**
     * An execution whose SQL text the caller has already judged (the guard's engine judges every
     * text once for the statement rules and hands the judgement on, so nothing is looked up twice).
     *
     * @param statement  the target driver's statement (its bound values are read only for a new EXPLAIN)
     * @param startNanos the execution's start ({@link System#nanoTime()}, read by the proxy): the clock of the
     *                   transaction and N+1 checks
     * @return the token for {@link #afterExecute} and {@link #rowsRead}: {@code judgement}
     * @throws SQLException when {@code tx.long}, {@code query.n-plus-one} or {@code query.unindexed} blocks
     */
    public Object execute(Judgement judgement, String sql, Statement statement, long startNanos)
            throws SQLException {
        // not judgement.ruleSet(): a prepared statement keeps the judgement it was prepared under
        QueryCheckSettings current = currentSettings(checks.rules());
        String fingerprint = judgement.fingerprint();
        Classification classification = judgement.classification();
        start(classification, true);
        planWaitNanos = 0;
        planWaitToken = judgement;
        StatementKind kind = kind(classification);
        if (kind == StatementKind.TRANSACTION_BEGIN) {
            runtime.transactionBegan(startNanos);
        } else if (kind != StatementKind.TRANSACTION_END) {
            runtime.beforeExecute(fingerprint, startNanos, kind);
        }
        if (current.unindexedEnabled() && explains && current.unindexed().detect() != Detect.FLAGS
                && !allowed(classification, RuleCatalog.QUERY_UNINDEXED)) {
            // the target connection, not its catalog, and the statement, not its bound values: the detector
            // reads both only when it requests an EXPLAIN
            planWaitNanos = detector.beforeExecute(current.unindexed(), fingerprint, sql, statement, target, this);
            executedSql = sql;
            executedStatement = statement;
        }
        noIndexUsed = false;
        noGoodIndexUsed = false;
        return judgement;
    }

    @Override
    public void serverStatus(boolean noIndexUsed, boolean noGoodIndexUsed) {
        this.noIndexUsed |= noIndexUsed;
        this.noGoodIndexUsed |= noGoodIndexUsed;
    }

    @Override
    public void afterExecute(Object token, long elapsedNanos, Throwable failure) throws SQLException {
        if (!(token instanceof Judgement judgement)) {
            return;
        }
        Classification statement = judgement.classification();
        String executed = executedSql;
        Statement executing = executedStatement;
        executedSql = null;
        executedStatement = null; // a closed statement is not kept until the next execution
        // After a failure the driver's exception must reach the caller: findings only warn then.
        start(statement, failure == null);
        runtime.afterExecute(judgement.fingerprint(), statementNanos(token, elapsedNanos));
        if (failure != null) {
            return;
        }
        StatementKind kind = kind(statement);
        if (kind == StatementKind.TRANSACTION_END) {
            runtime.transactionEnded(System.nanoTime());
        }
        // MariaDB flags SHOW and the like too: they scan the server's own lists, which no index can serve
        if ((noIndexUsed || noGoodIndexUsed) && (kind == null || kind.isDml()) && settings.unindexedEnabled()
                && !allowed(statement, RuleCatalog.QUERY_UNINDEXED)) {
            detector.afterExecute(settings.unindexed(), judgement.fingerprint(), executed, executing, target,
                    noIndexUsed, noGoodIndexUsed, this);
        }
    }

    /**
     * The statement's own time out of an execution's {@code elapsedNanos}: without the time the
     * first execution of a new shape waited for its plan (only when {@code query.unindexed} blocks),
     * so that wait is never reported as a slow statement. Only the execution that waited, known by
     * its token, has it subtracted: a plain statement's batch (token {@code null}) reports no SQL
     * of its own and must not lose an earlier execution's wait.
     */
    public long statementNanos(Object token, long elapsedNanos) {
        return token != null && token == planWaitToken ? elapsedNanos - planWaitNanos : elapsedNanos;
    }

    @Override
    public long rowsRead(Object token, long rows) throws SQLException {
        if (!(token instanceof Judgement judgement)) {
            return Long.MAX_VALUE;
        }
        start(judgement.classification(), true);
        return runtime.rowsRead(judgement.fingerprint(), rows);
    }

    @Override
    public void transaction(TransactionEvent event) {
        start(null, false);
        try {
            switch (event) {
                case AUTO_COMMIT_OFF -> runtime.autoCommitChanged(false, System.nanoTime());
                case AUTO_COMMIT_ON -> runtime.autoCommitChanged(true, System.nanoTime());
                case COMMIT, ROLLBACK -> runtime.transactionEnded(System.nanoTime());
                // every return of a pooled connection: no clock read
                case WARNINGS_CLEARED -> runtime.unitOfWorkEnded();
            }
        } catch (SQLException cannotHappen) {
            // canThrow is false: the sink warns instead of throwing
        }
    }

    /**
     * Adds what the connection knows (its target, the running statement's tables, whether its call can still be
     * refused) and hands the detection to the engine's funnel: nothing for a {@code guard:allow} comment; the
     * warning the funnel returns joins the statement's (or connection's) warning chain.
     */
    @Override
    public void report(Detection detection, Stage stage) throws SQLException {
        report(detection, stage, null);
    }

    /** Findings from the EXPLAIN thread point at the application frame that ran the statement first. */
    @Override
    public FindingSink later() {
        String calledFrom = checks.funnel().callerFrame();
        return (detection, stage) -> report(detection, stage, calledFrom);
    }

    private void report(Detection detected, Stage stage, String calledFrom) throws SQLException {
        boolean background = stage == Stage.BACKGROUND;
        Detection detection = detected.at(label);
        if (detection.tables().isEmpty() && detection.fingerprint() != null && !background && classification != null
                && classification.statements().size() == 1) {
            // a runtime threshold knows the statement by its fingerprint only; the running one names its tables
            detection = detection.about(classification.statements().get(0).tables());
        }
        if (!background && classification != null && allowed(classification, detection.ruleId())) {
            return;
        }
        SQLWarning warning = checks.funnel().report(detection, !background && canThrow, calledFrom);
        if (warning != null && !background && warnings != null) {
            warnings.addWarning(warning);
        }
    }

    private void start(Classification classification, boolean canThrow) {
        this.classification = classification;
        this.canThrow = canThrow;
    }

    private QueryCheckSettings currentSettings(RuleSet ruleSet) {
        if (ruleSet != rules) {
            settings = checks.settings(ruleSet);
            rules = ruleSet;
            if (runtime != null) {
                runtime.reconfigure(settings.thresholds());
            }
        }
        return settings;
    }

    /** A {@code guard:allow} comment waives the rule, unless the rule file turned inline allows off. */
    private boolean allowed(Classification classification, String ruleId) {
        return rules.inlineAllows() && classification.allows(ruleId);
    }

    private static StatementKind kind(Classification classification) {
        return classification.statements().size() == 1 ? classification.statements().get(0).kind() : null;
    }
}
