package dev.jdbcguard.driver.engine;

import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.StatementEvent;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.SqlSource;
import dev.jdbcguard.driver.hook.TransactionEvent;
import dev.jdbcguard.driver.hook.WarningSink;
import dev.jdbcguard.driver.metrics.StatementTimings;
import dev.jdbcguard.driver.metrics.TargetMetrics;
import dev.jdbcguard.driver.query.QueryCheckHook;
import dev.jdbcguard.driver.schema.LiveSchema;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.Funnel;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.engine.Judgement;
import dev.jdbcguard.rules.engine.JudgementMemo;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.engine.Verdict;
import dev.jdbcguard.rules.sql.StatementInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One connection's enforcement, called directly by the driver's proxies: the statement rules here,
 * then the query checks ({@link QueryCheckHook}: unindexed, slow, large result, N+1, long
 * transaction) and the connection rules (TLS session check, the cap's place, leak and lifetime).
 * Each is a field of a known type called directly; nothing is dispatched through a list.
 *
 * <p><b>Statements.</b> {@link #beforeSql} judges the SQL string (a cache hit for a string seen
 * before), throws {@link dev.jdbcguard.driver.warnings.GuardViolationException} for a
 * {@code block} finding before anything reaches the server, and appends a
 * {@link dev.jdbcguard.driver.warnings.GuardWarning} per {@code warn} finding to the statement's
 * {@code getWarnings()}. The {@link Judgement} is the token: a prepared statement keeps the one
 * from its prepare and is not looked up again at its executions (only re-judged when the rules
 * were reloaded since). A prepare is refused by {@code block} findings; its {@code warn} findings
 * are reported at each execution, where the statement's warning chain is. A string added with
 * {@code addBatch} is judged (blocked or warned) when added.
 *
 * <p><b>Cost.</b> For a clean statement seen before: a probe of the connection's
 * {@link JudgementMemo} (the shared judge's cache when the memo does not hold it), a reference
 * compare with {@link Verdict#PASS} and a flag read ({@link Judgement#clean()}), the query checks' per-statement
 * work (an N+1 table probe, a probe of the connection's plan memo), its own statement timings and no clock read of
 * its own (the proxy's start time is passed in); no allocation. Findings allocate their text. Only a schema change
 * (CREATE/ALTER/DROP/RENAME TABLE, CREATE/DROP INDEX) pays for the schema rules, and an ALTER or CREATE INDEX for
 * reading its table from the server when it is not cached ({@link LiveSchema}).
 *
 * <p>Used by one thread at a time, like the connection.
 */
final class EngineHook implements ConnectionHook {

    private final RuleSource rules;
    private final JudgementMemo judgements;
    private final Funnel funnel;
    private final TargetMetrics target;
    /** The redacted target, {@code user@host:port/database}, that findings name. */
    private final String label;
    private final StatementTimings timings;
    private final ConnectionHook connection;
    private final QueryCheckHook queries;
    /** The judge of schema tools' statements ({@code guard.schema-scripts}), or null. */
    private final StatementJudge schemaScripts;
    /** The target's live schema, which DDL statements are judged against. */
    private final LiveSchema schema;
    /** The target driver's connection (set at {@link #connected}): its database and server version, for DDL only. */
    private Connection raw;
    /** The size of the batch running now ({@link #batchExecuting}), 1 for any other execution. */
    private int batchSize = 1;
    /**
     * The texts added with {@code addBatch(String)} since the last execution, for the statement listeners (kept
     * only while one is registered). Per connection: batches of two statements built at once are told mixed.
     */
    private final List<Judgement> batchTexts = new ArrayList<>();
    /** Where warnings go (set at {@link #connected}): the statement or connection whose call is running. */
    private WarningSink warnings;

    /**
     * @param connection the connection rules' hook for this connect (cold path: connect and close only)
     * @param queries    the query checks of this connection
     * @param schema     the target's live schema, for the schema-aware DDL rules
     */
    EngineHook(GuardEngine engine, TargetMetrics target, String label, ConnectionHook connection,
               QueryCheckHook queries, LiveSchema schema) {
        this.label = label;
        this.rules = engine.rules();
        this.judgements = new JudgementMemo(engine.judge());
        this.funnel = engine.funnel();
        this.target = target;
        this.timings = target.openTimings();
        this.connection = connection;
        this.queries = queries;
        this.schemaScripts = engine.schemaScripts();
        this.schema = schema;
    }

    @Override
    public void connected(Connection raw, WarningSink warnings) throws SQLException {
        this.warnings = warnings;
        this.raw = raw;
        connection.connected(raw, warnings);
        queries.connected(raw, warnings);
    }

    @Override
    public void connectFailed(Throwable failure) {
        target.closeTimings(timings);
        queries.connectFailed(failure);
        connection.connectFailed(failure);
    }

    @Override
    public void closed(boolean aborted) {
        target.closeTimings(timings);
        queries.closed(aborted);
        connection.closed(aborted);
    }

    @Override
    public Object beforeSql(SqlSource source, String sql, Object prepared, Statement target, long startNanos)
            throws SQLException {
        if (source == SqlSource.NATIVE_SQL) {
            return null; // only translated, never executed: judged when it runs
        }
        Judgement judgement = prepared instanceof Judgement known && known.ruleSet() == rules.current()
                ? known : judgements.judge(sql);
        boolean preparing = source == SqlSource.PREPARE || source == SqlSource.PREPARE_CALL;
        if (!judgement.clean()) {
            enforce(judgement, sql, !preparing);
        }
        if (preparing) {
            return judgement;
        }
        if (source == SqlSource.BATCH_ADD) {
            return addedToBatch(judgement);
        }
        return queries.execute(judgement, sql, target, startNanos);
    }

    /** A text added with {@code addBatch(String)}: kept for the statement listeners while there are some. */
    private Judgement addedToBatch(Judgement judgement) {
        if (GuardListeners.statementListenersPresent()) {
            batchTexts.add(judgement);
        }
        return judgement;
    }

    /**
     * Cold path (out of {@link #beforeSql}, which stays small enough to inline): a statement some rule fired on.
     * A block from a schema tool ({@code guard.schema-scripts}) is judged again by that setting's profile, or
     * names the setting in its fix. A schema change is judged against the live schema too ({@link LiveSchema}).
     * Blocks on the first {@code block} finding, else warns each.
     */
    private void enforce(Judgement judgement, String sql, boolean warn) throws SQLException {
        Judgement judged = judgement;
        String tool = judgement.blocked() ? SchemaTools.caller() : null;
        if (tool != null && schemaScripts != null) {
            judged = schemaScripts.judge(sql);
            tool = null;
        }
        Verdict verdict = judged.schemaChange() ? schema.judge(judged, raw, warn) : judged.verdict();
        List<dev.jdbcguard.rules.engine.Finding> findings = verdict.findings();
        // a prepare under observe mode reports nothing: each execution reports its would-be block once
        if (verdict.worst() == Action.BLOCK && (warn || !funnel.observing())) {
            for (int i = 0; i < findings.size(); i++) {
                dev.jdbcguard.rules.engine.Finding finding = findings.get(i);
                if (finding.action() == Action.BLOCK) {
                    Detection detection = detection(finding, judgement);
                    // throws unless an allow entry accepts it or observe mode lets it run (then: a warning)
                    warn(funnel.report(tool == null ? detection : SchemaTools.withFix(detection, tool), Action.BLOCK,
                            true, null), warn);
                }
            }
        }
        if (!warn) {
            return;
        }
        for (int i = 0; i < findings.size(); i++) {
            dev.jdbcguard.rules.engine.Finding finding = findings.get(i);
            if (finding.action() != Action.BLOCK) {
                warn(funnel.report(detection(finding, judgement), finding.action(), false, null), true);
            }
        }
    }

    private void warn(SQLWarning warning, boolean onChain) {
        if (warning != null && onChain) {
            warnings.addWarning(warning);
        }
    }

    /** The rule engine's finding as the funnel takes it: what happened, the statement's tables, this target. */
    private Detection detection(dev.jdbcguard.rules.engine.Finding finding, Judgement judgement) {
        List<StatementInfo> statements = judgement.classification().statements();
        List<String> tables = finding.statementIndex() < statements.size()
                ? statements.get(finding.statementIndex()).tables() : List.of();
        return Detection.of(finding.ruleId(), finding.detail(), finding.fingerprint()).about(tables).at(label);
    }

    @Override
    public void serverStatus(boolean noIndexUsed, boolean noGoodIndexUsed) {
        queries.serverStatus(noIndexUsed, noGoodIndexUsed);
    }

    @Override
    public void batchExecuting(int statements) {
        batchSize = statements;
    }

    @Override
    public void afterExecute(Object token, long elapsedNanos, Throwable failure) throws SQLException {
        long statementNanos = queries.statementNanos(token, elapsedNanos);
        timings.record(statementNanos);
        if (GuardListeners.statementListenersPresent()) {
            statementRan(token, statementNanos, failure);
        }
        batchSize = 1;
        queries.afterExecute(token, elapsedNanos, failure);
    }

    /**
     * Tells the statement listeners (only called when there are some). A plain statement's batch (token
     * {@code null}) is told as one event: the kind its texts share (else {@code OTHER}) and their distinct
     * fingerprints joined by {@code "; "}, as a multi-statement string's are.
     */
    private void statementRan(Object token, long elapsedNanos, Throwable failure) {
        Judgement judgement = token instanceof Judgement known ? known : null;
        StatementEvent.Kind kind = judgement == null ? StatementEvent.Kind.OTHER : kind(judgement);
        String fingerprint = judgement == null ? "" : judgement.fingerprint();
        if (judgement == null && !batchTexts.isEmpty()) {
            Set<String> fingerprints = new LinkedHashSet<>();
            kind = kind(batchTexts.get(0));
            for (Judgement added : batchTexts) {
                fingerprints.add(added.fingerprint());
                kind = kind(added) == kind ? kind : StatementEvent.Kind.OTHER;
            }
            fingerprint = String.join("; ", fingerprints);
        }
        batchTexts.clear();
        GuardListeners.publish(new StatementEvent(kind, fingerprint, label, elapsedNanos, batchSize, failure != null));
    }

    /** The family a statement budget counts it in; REPLACE inserts, and a multi-statement string is OTHER. */
    private static StatementEvent.Kind kind(Judgement judgement) {
        List<StatementInfo> statements = judgement.classification().statements();
        if (statements.size() != 1) {
            return StatementEvent.Kind.OTHER;
        }
        return switch (statements.get(0).kind()) {
            case SELECT -> StatementEvent.Kind.SELECT;
            case INSERT, REPLACE -> StatementEvent.Kind.INSERT;
            case UPDATE -> StatementEvent.Kind.UPDATE;
            case DELETE -> StatementEvent.Kind.DELETE;
            default -> StatementEvent.Kind.OTHER;
        };
    }

    @Override
    public long rowsRead(Object token, long rows) throws SQLException {
        return queries.rowsRead(token, rows);
    }

    @Override
    public void transaction(TransactionEvent event) {
        queries.transaction(event);
    }
}
