package dev.jdbcguard.driver.query;

import dev.jdbcguard.Finding.Evidence;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.FindingSink;
import dev.jdbcguard.driver.warnings.FindingSink.Stage;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.sql.StatementKind;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The threshold rules of one connection: {@code query.slow}, {@code query.large-result},
 * {@code query.n-plus-one} and {@code tx.long}.
 *
 * <p>The connection's hook calls it with times from {@link System#nanoTime()}. Nothing allocates
 * unless a rule fires; each rule fires once per occurrence (one slow execution, one result set,
 * one crossing of the N+1 count per transaction or window, one long transaction).
 *
 * <p>Transactions: with autocommit off, a transaction starts at the first statement after
 * {@code setAutoCommit(false)}, {@code commit()} or {@code rollback()} (as on the server) and ends
 * at {@code commit()}, {@code rollback()} or {@code setAutoCommit(true)}. An explicit
 * {@code BEGIN}/{@code START TRANSACTION} in autocommit mode is reported through
 * {@link #transactionBegan(long)}. A transaction that is still open is checked at each of its
 * statements, so a transaction stuck before its last statement is reported when it resumes; one
 * that never runs another statement is reported at its end. The guard's {@link #sweep} also logs a
 * transaction past the threshold while its thread is away, without taking the report from its next
 * statement (where {@code block} refuses it).
 *
 * <p>Not thread-safe, like the connection it belongs to, except {@link #sweep}, which the guard's own
 * thread calls.
 */
final class RuntimeChecks {

    private final FindingSink sink;
    private long slowNanos;
    private long maxRows;
    private int nPlusOneCount;
    private long nPlusOneWindowNanos;
    private long txMaxNanos;
    private final FingerprintCounter executions = new FingerprintCounter();

    private boolean autoCommit;
    private boolean explicitTransaction;
    private boolean transactionOpen;
    private long transactionStart;
    /** Transactions begun on this connection; the open one's number names it to {@link #sweep}. */
    private long transactions;
    private Thread transactionThread;
    /** The number of the last transaction this connection's thread reported as long. */
    private volatile long reportedTransaction;
    // Read by sweep() on the guard's thread. transactionStart and transactionThread are written before
    // openTransaction, so a sweep that reads openTransaction first sees them (or a newer transaction's).
    /** The number of the open transaction, or 0. */
    private volatile long openTransaction;
    /** The number of the last transaction sweep() reported; touched by the sweeping thread only. */
    private long sweptTransaction;

    /**
     * @param thresholds the limits; a zero limit switches its rule off
     * @param autoCommit the connection's autocommit mode when it was opened
     * @param sink       receives every finding; may throw to block
     */
    RuntimeChecks(Thresholds thresholds, boolean autoCommit, FindingSink sink) {
        this.sink = sink;
        this.autoCommit = autoCommit;
        reconfigure(thresholds);
    }

    /** Applies new limits (a reloaded rule set) from the next event on; counts and clocks are kept. */
    void reconfigure(Thresholds thresholds) {
        slowNanos = thresholds.slow().toNanos();
        maxRows = thresholds.maxRows();
        nPlusOneCount = thresholds.nPlusOneCount();
        nPlusOneWindowNanos = thresholds.nPlusOneWindow().toNanos();
        txMaxNanos = thresholds.txMax().toNanos();
    }

    /**
     * Before a statement is sent: starts the transaction clock, reports a transaction that has
     * been open too long, and counts the fingerprint for N+1. Not for the statement that ends the
     * transaction (COMMIT, ROLLBACK): refusing it would keep the transaction open longer.
     *
     * @param kind what the statement does, or null for several statements in one text. Only SELECT,
     *             INSERT, UPDATE, DELETE, REPLACE and mixed texts count for N+1: drivers and pools repeat
     *             SET, SHOW and the like legitimately. The kind also picks the fix the warning suggests:
     *             one query for reads, one batch for writes.
     * @throws SQLException when the sink blocks ({@code tx.long} or {@code query.n-plus-one})
     */
    void beforeExecute(Object fingerprint, long nowNanos, StatementKind kind) throws SQLException {
        if (!autoCommit || explicitTransaction) {
            if (!transactionOpen) {
                open(nowNanos);
            } else {
                checkOpenTransaction(nowNanos);
            }
        }
        if (nPlusOneCount > 0 && (kind == null || kind.isDml())) {
            boolean inTransaction = transactionOpen;
            if (inTransaction || nPlusOneWindowNanos > 0) {
                int count = executions.increment(fingerprint, nowNanos, inTransaction ? 0 : nPlusOneWindowNanos);
                if (count == nPlusOneCount + 1) {
                    sink.report(nPlusOne(fingerprint, count, inTransaction, kind)
                            .measured(new Evidence.Repeats(count, Duration.ofNanos(inTransaction
                                    ? nowNanos - transactionStart : nPlusOneWindowNanos))), Stage.BEFORE);
                }
            }
        }
    }

    /**
     * After a statement returned (successfully or not).
     *
     * @param elapsedNanos from just before the statement was sent until the driver returned
     * @throws SQLException when the sink blocks {@code query.slow}
     */
    void afterExecute(Object fingerprint, long elapsedNanos) throws SQLException {
        if (slowNanos > 0 && elapsedNanos > slowNanos) {
            sink.report(Detection.of(RuleCatalog.QUERY_SLOW,
                    "query took " + millis(elapsedNanos) + " (threshold " + millis(slowNanos) + ")",
                    fingerprint.toString()).measured(timing(elapsedNanos, slowNanos)), Stage.AFTER);
        }
    }

    /**
     * Rows the application has read so far from one result set. Fires once, as the count first
     * exceeds the limit, so a {@code block} stops the reading there.
     *
     * @return the row count at which to call again: one past the limit, or {@code Long.MAX_VALUE}
     *         once fired (or when the rule is off)
     * @throws SQLException when the sink blocks {@code query.large-result}
     */
    long rowsRead(Object fingerprint, long rowsRead) throws SQLException {
        if (maxRows <= 0) {
            return Long.MAX_VALUE;
        }
        if (rowsRead <= maxRows) {
            return maxRows + 1;
        }
        sink.report(Detection.of(RuleCatalog.QUERY_LARGE_RESULT, "read more than " + maxRows + " rows from one result set",
                fingerprint.toString()).measured(new Evidence.Rows(rowsRead, maxRows)), Stage.AFTER);
        return Long.MAX_VALUE;
    }

    /**
     * {@code setAutoCommit(on)}: switching it on commits an open transaction, as JDBC says.
     *
     * @throws SQLException when the sink blocks {@code tx.long}
     */
    void autoCommitChanged(boolean on, long nowNanos) throws SQLException {
        if (on && !autoCommit) {
            transactionEnded(nowNanos);
        }
        autoCommit = on;
    }

    /**
     * The application returned the connection to its pool (the pool cleared its warnings). Outside a
     * transaction the N+1 counts start again: the next borrower's statements are another unit of work,
     * not the same loop, even when they follow within the window. Inside one they are kept until it ends.
     */
    void unitOfWorkEnded() {
        if (!transactionOpen) {
            executions.clear();
        }
    }

    /** An explicit {@code BEGIN} / {@code START TRANSACTION} (any mode): the clock starts now. */
    void transactionBegan(long nowNanos) throws SQLException {
        if (transactionOpen) {
            transactionEnded(nowNanos); // the server commits the open transaction implicitly
        }
        explicitTransaction = true;
        open(nowNanos);
    }

    private void open(long nowNanos) {
        transactionOpen = true;
        transactionStart = nowNanos;
        transactionThread = Thread.currentThread();
        openTransaction = ++transactions;
    }

    /**
     * Whether the connection's thread still has to report transaction {@code number} as long (once). A sweep
     * having logged it does not count: a {@code block} must still refuse the transaction's next statement.
     */
    private boolean claimReport(long number) {
        if (reportedTransaction == number) {
            return false;
        }
        reportedTransaction = number;
        return true;
    }

    /**
     * {@code commit()}, {@code rollback()} or their SQL forms: reports the transaction if it was
     * too long and not reported yet, then forgets it and its N+1 counts.
     *
     * @throws SQLException when the sink blocks {@code tx.long}; the transaction is forgotten anyway
     */
    void transactionEnded(long nowNanos) throws SQLException {
        boolean wasOpen = transactionOpen;
        transactionOpen = false;
        explicitTransaction = false;
        openTransaction = 0;
        executions.clear();
        if (wasOpen && txMaxNanos > 0 && nowNanos - transactionStart > txMaxNanos && claimReport(transactions)) {
            sink.report(longTransaction(nowNanos - transactionStart, "ended", ""), Stage.AFTER);
        }
    }

    private void checkOpenTransaction(long nowNanos) throws SQLException {
        long open = nowNanos - transactionStart;
        if (txMaxNanos > 0 && open > txMaxNanos && claimReport(transactions)) {
            sink.report(longTransaction(open, "still open", ""), Stage.BEFORE);
        }
    }

    /**
     * Called on the guard's own thread, about once a second: reports the open transaction once it is past
     * the threshold, if no statement has reported it yet (a warning only: nobody waits on this thread). A
     * transaction whose thread is stuck between two statements (a remote call, a lock in the application,
     * a thread that died) is reported while it is stuck, naming where that thread is now, instead of only
     * at its next statement or its end.
     *
     * @param whereIs the application frame a thread is at now, or null (a look at that thread's stack)
     */
    void sweep(long nowNanos, Function<Thread, String> whereIs) throws SQLException {
        long number = openTransaction;
        if (number == 0) {
            return;
        }
        long open = nowNanos - transactionStart;
        Thread holder = transactionThread;
        if (txMaxNanos <= 0 || open <= txMaxNanos || openTransaction != number || sweptTransaction == number
                || reportedTransaction == number) {
            return;
        }
        sweptTransaction = number;
        String frame = holder.isAlive() ? whereIs.apply(holder) : null;
        String thread = "; the thread that began it, " + holder.getName() + ", "
                + (!holder.isAlive() ? "has ended" : frame == null ? "is outside application code" : "is at " + frame);
        sink.report(longTransaction(open, "still open", thread), Stage.BACKGROUND);
    }

    private Detection longTransaction(long openNanos, String state, String where) {
        return Detection.ofConnection(RuleCatalog.TX_LONG,
                "transaction " + state + " after " + millis(openNanos) + " (threshold " + millis(txMaxNanos) + ")" + where)
                .measured(timing(openNanos, txMaxNanos));
    }

    private static Evidence timing(long elapsedNanos, long thresholdNanos) {
        return new Evidence.Timing(Duration.ofNanos(elapsedNanos), Duration.ofNanos(thresholdNanos));
    }

    /**
     * The catalog's fix covers reads and writes; a loop of writes (a batch job changing rows one by one) is fixed by
     * batching, not by a JOIN, so that one gets the driver setting that makes a batch one round trip.
     */
    private Detection nPlusOne(Object fingerprint, int count, boolean inTransaction, StatementKind kind) {
        String where = inTransaction
                ? "in one transaction"
                : "within " + millis(nPlusOneWindowNanos) + " on one connection";
        Detection detection = Detection.of(RuleCatalog.QUERY_N_PLUS_ONE,
                "the same statement ran " + count + " times " + where + " (threshold " + nPlusOneCount + ")",
                fingerprint.toString());
        boolean write = kind != null && kind != StatementKind.SELECT;
        return write ? detection.hinting("with Connector/J add rewriteBatchedStatements=true so a batch is sent as"
                + " one statement; a job meant to write row by row can mark it /* guard:allow query.n-plus-one */")
                : detection;
    }

    /** Milliseconds below ten seconds, seconds with one decimal above: what people read fastest. */
    static String millis(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
