package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.SqlSource;
import dev.jdbcguard.driver.hook.TransactionEvent;
import dev.jdbcguard.driver.hook.WarningSink;
import dev.jdbcguard.driver.metrics.GuardMetrics;
import dev.jdbcguard.driver.metrics.TargetMetrics;
import dev.jdbcguard.driver.plan.UnindexedDetector;
import dev.jdbcguard.driver.plan.UnindexedSettings;
import dev.jdbcguard.driver.query.FindingSink;
import dev.jdbcguard.driver.runtime.RuntimeChecks;
import dev.jdbcguard.driver.runtime.Thresholds;
import dev.jdbcguard.driver.warnings.Finding;
import dev.jdbcguard.driver.warnings.WarningReporter;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.engine.Judgement;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.engine.Verdict;
import dev.jdbcguard.rules.sql.StatementInfo;
import dev.jdbcguard.rules.sql.StatementKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;

/**
 * One connection's enforcement: the statement rules, the unindexed detectors and the runtime
 * thresholds, called directly from the driver's proxies (one final class, no listener lists).
 *
 * <p><b>Statements.</b> {@link #beforeSql} judges the SQL string (a cache hit for a string seen
 * before), throws {@link dev.jdbcguard.driver.warnings.GuardViolationException} for a
 * {@code block} finding before anything reaches the server, and appends a
 * {@link dev.jdbcguard.driver.warnings.GuardWarning} per {@code warn} finding to the statement's
 * {@code getWarnings()}. The {@link Judgement} is the token: a prepared statement keeps the one
 * from its prepare and is not looked up again at each execution (only re-judged when the rules
 * were reloaded since). A prepare is refused by {@code block} findings; its {@code warn} findings
 * are reported at each execution, where the statement's warning chain is.
 *
 * <p><b>Cost.</b> For a clean statement seen before: the judge's cache hit, a reference compare
 * with {@link Verdict#PASS}, the N+1 counter's table probe, the EXPLAIN verdict cache lookup (when
 * {@code query.unindexed} uses EXPLAIN), two {@code nanoTime} reads and the target's timing adders;
 * no allocation. Findings allocate their text.
 *
 * <p>Runtime findings follow the rule's current action: {@code block} throws where the JDBC call
 * can still fail (before execution, after execution from the execute call, from
 * {@code ResultSet.next()} for {@code query.large-result}); where it cannot (transaction events,
 * the background EXPLAIN thread) it is logged and counted as a warning.
 *
 * <p>Used by one thread at a time, like the connection; background findings touch only the
 * thread-safe reporter and metrics.
 */
final class EngineHook implements ConnectionHook, FindingSink {

    private final GuardEngine engine;
    private final StatementJudge judge;
    private final WarningReporter reporter;
    private final GuardMetrics metrics;
    private final ConnectionHook connection;
    private final TargetMetrics target;
    private final UnindexedDetector unindexed;
    private final Thresholds thresholds;
    private RuntimeChecks runtime;

    // The running execution: set by beforeSql, read by serverStatus/afterExecute/rowsRead and the sink.
    private String sql;
    private boolean noIndexUsed;
    private boolean noGoodIndexUsed;
    private WarningSink warnings;
    /** False while a finding cannot fail any JDBC call (transaction events): block is then reported as warn. */
    private boolean mayThrow = true;

    EngineHook(GuardEngine engine, ConnectionHook connection, TargetMetrics target, UnindexedDetector unindexed) {
        this.engine = engine;
        this.judge = engine.judge();
        this.reporter = engine.reporter();
        this.metrics = engine.metrics();
        this.connection = connection;
        this.target = target;
        this.unindexed = unindexed;
        this.thresholds = engine.generation().thresholds();
    }

    @Override
    public void connected(Connection raw, WarningSink warnings) throws SQLException {
        connection.connected(raw, warnings);
        runtime = new RuntimeChecks(thresholds, raw.getAutoCommit(), this);
    }

    @Override
    public void connectFailed(Throwable failure) {
        connection.connectFailed(failure);
    }

    @Override
    public void closed(boolean aborted) {
        connection.closed(aborted);
    }

    @Override
    public Object beforeSql(SqlSource source, String sql, Object prepared, WarningSink warnings) throws SQLException {
        if (source == SqlSource.NATIVE_SQL) {
            return null; // only translated, never executed: judged when it runs
        }
        Judgement judgement;
        if (prepared instanceof Judgement known && known.ruleSet() == engine.generation().rules()) {
            judgement = known;
        } else {
            judgement = judge.judge(sql);
        }
        boolean preparing = source == SqlSource.PREPARE || source == SqlSource.PREPARE_CALL;
        Verdict verdict = judgement.verdict();
        if (verdict != Verdict.PASS) {
            enforce(verdict, !preparing, warnings);
        }
        if (preparing || source == SqlSource.BATCH_ADD) {
            return judgement;
        }
        this.sql = sql;
        this.warnings = warnings;
        noIndexUsed = false;
        noGoodIndexUsed = false;
        long now = System.nanoTime();
        StatementKind kind = onlyKind(judgement);
        if (kind == StatementKind.TRANSACTION_BEGIN) {
            runtime.transactionBegan(now);
            return judgement;
        }
        runtime.beforeExecute(judgement.fingerprint(), now);
        UnindexedSettings plans = engine.generation().unindexed();
        if (plans != null && kind != null) {
            unindexed.beforeExecute(plans, judgement.fingerprint(), sql, null, null, this);
        }
        return judgement;
    }

    /** The kind of a single-statement string; {@code null} for a multi-statement one. */
    private static StatementKind onlyKind(Judgement judgement) {
        List<StatementInfo> statements = judgement.classification().statements();
        return statements.size() == 1 ? statements.get(0).kind() : null;
    }

    /** Cold path: a statement some rule fired on. Blocks on the first {@code block} finding, else warns each. */
    private void enforce(Verdict verdict, boolean warn, WarningSink warnings) throws SQLException {
        List<dev.jdbcguard.rules.engine.Finding> findings = verdict.findings();
        if (verdict.worst() == Action.BLOCK) {
            for (int i = 0; i < findings.size(); i++) {
                dev.jdbcguard.rules.engine.Finding finding = findings.get(i);
                if (finding.action() == Action.BLOCK) {
                    metrics.finding(finding.ruleId(), true);
                    throw reporter.block(words(finding));
                }
            }
        }
        if (!warn) {
            return;
        }
        for (int i = 0; i < findings.size(); i++) {
            dev.jdbcguard.rules.engine.Finding finding = findings.get(i);
            metrics.finding(finding.ruleId(), false);
            warnings.addWarning(reporter.warn(words(finding)));
        }
    }

    /** The rule engine's finding in the words of a warning line: what happened, the rule's why and fix. */
    private static Finding words(dev.jdbcguard.rules.engine.Finding finding) {
        return new Finding(finding.ruleId(), finding.detail(), finding.rule().why(), finding.rule().fix(),
                finding.fingerprint());
    }

    @Override
    public void serverStatus(boolean noIndexUsed, boolean noGoodIndexUsed) {
        this.noIndexUsed |= noIndexUsed;
        this.noGoodIndexUsed |= noGoodIndexUsed;
    }

    @Override
    public void afterExecute(Object token, long elapsedNanos, Throwable failure, WarningSink warnings) throws SQLException {
        target.statementExecuted(elapsedNanos);
        if (!(token instanceof Judgement judgement) || failure != null) {
            return; // a plain statement's batch (each text judged when added), or the driver's own exception wins
        }
        this.warnings = warnings;
        if (onlyKind(judgement) == StatementKind.TRANSACTION_END) {
            runtime.transactionEnded(System.nanoTime());
            return;
        }
        runtime.afterExecute(judgement.fingerprint(), elapsedNanos);
        UnindexedSettings plans = engine.generation().unindexed();
        if ((noIndexUsed || noGoodIndexUsed) && plans != null) {
            unindexed.afterExecute(plans, judgement.fingerprint(), sql, noIndexUsed, noGoodIndexUsed, this);
        }
    }

    /**
     * {@code query.large-result} while the rows are read: asks to be called once the count passes the
     * threshold, so a {@code block} stops the reading from {@code next()}.
     */
    @Override
    public long rowsRead(Object token, long rows, WarningSink warnings) throws SQLException {
        long max = thresholds.maxRows();
        if (max <= 0 || !(token instanceof Judgement judgement)) {
            return Long.MAX_VALUE;
        }
        if (rows <= max) {
            return max + 1;
        }
        this.warnings = warnings;
        runtime.resultSetClosed(judgement.fingerprint(), rows);
        return Long.MAX_VALUE;
    }

    @Override
    public void transaction(TransactionEvent event) {
        long now = System.nanoTime();
        mayThrow = false;
        try {
            switch (event) {
                case AUTO_COMMIT_OFF -> runtime.autoCommitChanged(false, now);
                case AUTO_COMMIT_ON -> runtime.autoCommitChanged(true, now);
                case COMMIT, ROLLBACK -> runtime.transactionEnded(now);
            }
        } catch (SQLException notThrown) {
            // mayThrow is false: the sink reports without throwing
        } finally {
            mayThrow = true;
        }
    }

    /**
     * The query checks' findings: counted, then thrown as the rule's block where a JDBC call can still
     * fail, else logged and appended to the running statement's warnings.
     */
    @Override
    public void report(Finding finding, Stage stage) throws SQLException {
        Action action = engine.generation().action(finding.ruleId());
        if (action == Action.OFF) {
            return;
        }
        boolean block = action == Action.BLOCK && stage != Stage.BACKGROUND && mayThrow;
        metrics.finding(finding.ruleId(), block);
        if (block) {
            throw reporter.block(finding);
        }
        SQLWarning warning = reporter.warn(finding);
        if (stage != Stage.BACKGROUND && warnings != null) {
            warnings.addWarning(warning);
        }
    }
}
