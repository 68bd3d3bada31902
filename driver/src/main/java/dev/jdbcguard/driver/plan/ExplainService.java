package dev.jdbcguard.driver.plan;

import dev.jdbcguard.driver.mariadb.MariaDbObjects;
import dev.jdbcguard.driver.mysql.ConnectorJObjects;
import java.sql.Statement;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * EXPLAINs each fingerprint once, off the application's threads, on a connection of the guard's
 * own, and caches the verdict (bounded, Caffeine).
 *
 * <p><b>Hot path:</b> {@link #verdict} is two hash lookups ({@link Verdicts}: the requests in flight,
 * then the cache of answers) when the fingerprint is known. The first time it is seen, the call
 * allocates a {@link PlanVerdict.Pending}, records it as the request in flight (so concurrent first
 * sightings queue one EXPLAIN) and hands the work to a single background thread
 * through a bounded first-in first-out queue (one entry per fingerprint, so no shape can crowd out the
 * others by repeating). A full queue drops the request (counted in {@link Stats#dropped()}) and
 * leaves the fingerprint unknown, so a later execution asks again.
 *
 * <p><b>Rate limit:</b> the thread sends at most {@code explainsPerSecond} EXPLAINs to the server,
 * spaced evenly, so that an application deploying with thousands of new shapes does not hit its
 * server with thousands of EXPLAINs within seconds; what waits meanwhile sits in the queue, and what
 * does not fit is dropped as above and explained when its statement runs again.
 *
 * <p><b>The EXPLAIN connection</b> is opened on first need by the {@link ConnectionOpener} the
 * guard supplies (the target driver with the user's URL and properties, not the guard's own
 * {@code connect}, so it never counts against {@code conn.cap} and is never a user's connection);
 * it runs in autocommit mode, so an EXPLAIN is never part of anyone's transaction. It is closed by
 * {@link #close()}. There is at most one per service (one thread uses it); a connection that failed is
 * closed at once and reopened on the next request after a pause that starts at {@code firstRetry}
 * and doubles with each failed reopen up to {@code retryAfter}; requests in between end
 * {@link PlanVerdict.Unexplained} without being cached, and they never lengthen the pause, so under
 * steady traffic EXPLAIN is back at most {@code retryAfter} after the server is.
 *
 * <p><b>Rechecks:</b> a plan is the plan for the values first explained; other values can make the optimizer choose
 * otherwise (an index lookup for a rare value, a scan for a common one). When the server flags a scan that the cached
 * plan does not show, {@link #recheck} EXPLAINs the shape again with that execution's values, at most once per
 * fingerprint per {@code recheckInterval}, on the same thread, queue and rate limit; its verdict judges that flag and
 * the flags of the interval, and never replaces the cached plan (which judges every execution before it is sent).
 *
 * <p>Verdicts: a plan is cached until evicted (least recently used beyond {@code maxPlans}); a
 * statement the server refuses to EXPLAIN is cached as unexplained with its SQLState and error code
 * only (a server message can quote the statement, parameter values included); a connection
 * failure is not cached.
 *
 * <p>Thread-safe. Owned by one guard (driver or data source) for one target.
 */
public final class ExplainService implements AutoCloseable {

    /** Opens the connection EXPLAINs run on: the target driver, the user's URL and properties. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /** Work of another check that reads the server on the guard's own connection (it must not change anything). */
    @FunctionalInterface
    public interface ConnectionTask {
        void run(Connection connection) throws SQLException;

        /**
         * Called instead of {@link #run} when the task's turn came and there was no connection to run it on (a
         * failed one waiting out its pause, or the reopen failed), for a caller that waits on the answer.
         */
        default void skipped() {
        }
    }

    /**
     * Counters since the service was created.
     *
     * @param explained   EXPLAIN statements the server answered
     * @param dropped     requests dropped because the queue was full or the service closed
     * @param refused     statements the server refused to EXPLAIN (cached as unexplained)
     * @param unavailable requests that found the EXPLAIN connection failing (not cached)
     */
    public record Stats(long explained, long dropped, long refused, long unavailable) {
    }

    private static final PlanVerdict.Unexplained QUEUE_FULL =
            new PlanVerdict.Unexplained("EXPLAIN queue full; the plan will be requested again");
    private static final PlanVerdict.Unexplained CLOSED = new PlanVerdict.Unexplained("the guard is closed");
    private static final PlanVerdict.Unexplained FAILED_RECENTLY =
            new PlanVerdict.Unexplained("EXPLAIN connection failed recently; it is reopened after a pause");

    private final ConnectionOpener opener;
    private final long firstRetryNanos;
    private final long retryAfterNanos;
    private final long explainIntervalNanos;
    private final Verdicts verdicts;
    /** Second EXPLAINs with other values ({@link #recheck}), each kept for the recheck interval. */
    private final Verdicts rechecks;
    private final ThreadPoolExecutor executor;
    private final LongAdder explained = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    /** Moves on each eviction and on close, so that per-connection memos ({@link PlanMemo}) drop what the cache dropped. */
    private final AtomicInteger generation = new AtomicInteger();

    // Touched only by the single EXPLAIN thread, and by close() once that thread has stopped.
    private Connection connection;
    private String connectionCatalog;
    private long reopenNotBefore;
    private long retryPauseNanos;
    private long nextExplainAt;

    private volatile boolean closed;

    /**
     * @param opener        opens the guard's own EXPLAIN connection
     * @param queueCapacity how many first sightings may wait for the EXPLAIN thread
     * @param maxPlans      how many verdicts to keep
     * @param firstRetry    the pause before reopening an EXPLAIN connection that just failed
     * @param retryAfter    the longest pause, reached by doubling {@code firstRetry} at each failed reopen
     * @param explainsPerSecond how many EXPLAINs at most the server gets per second, {@code > 0}
     * @param recheckInterval how long a {@link #recheck} of a fingerprint stands before the next one may run
     */
    public ExplainService(ConnectionOpener opener, int queueCapacity, long maxPlans, Duration firstRetry,
                          Duration retryAfter, int explainsPerSecond, Duration recheckInterval) {
        if (explainsPerSecond <= 0) {
            throw new IllegalArgumentException("explainsPerSecond must be > 0: " + explainsPerSecond);
        }
        this.opener = Objects.requireNonNull(opener, "opener");
        this.firstRetryNanos = Math.min(firstRetry.toNanos(), retryAfter.toNanos());
        this.retryAfterNanos = retryAfter.toNanos();
        this.explainIntervalNanos = TimeUnit.SECONDS.toNanos(1) / explainsPerSecond;
        // evictions on the calling thread: no work for the application's common pool, and none left pending
        this.verdicts = new Verdicts(() -> Caffeine.newBuilder().maximumSize(maxPlans).executor(Runnable::run)
                .evictionListener((fingerprint, verdict, cause) -> generation.incrementAndGet())
                .build());
        this.rechecks = new Verdicts(() -> Caffeine.newBuilder().maximumSize(maxPlans).expireAfterWrite(recheckInterval)
                .executor(Runnable::run).build());
        this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                runnable -> {
                    Thread thread = new Thread(runnable, "jdbc-guard-explain");
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * A number that changes whenever a cached verdict is evicted or the service closes: a verdict read from the
     * cache while it was {@code g} is still the cached one as long as it is {@code g}. One volatile read.
     */
    int generation() {
        return generation.get();
    }

    /** The cached verdict for {@code fingerprint}, or null when it was never requested (or was evicted). */
    public PlanVerdict cached(Object fingerprint) {
        return verdicts.get(fingerprint);
    }

    /**
     * The verdict for {@code fingerprint}, requesting an EXPLAIN on first sight.
     *
     * @param sql         the statement text as the application gave it
     * @param statement   the target driver's statement, whose values bound to {@code ?} placeholders at this
     *                    execution are read (like the catalog) only when an EXPLAIN is requested, from
     *                    Connector/J or MariaDB Connector/J; null when there is none
     * @param application the application's connection, whose current database the EXPLAIN uses, or null
     *                    for the URL's; read ({@link Connection#getCatalog()}) only when an EXPLAIN is
     *                    requested, so a known fingerprint costs no JDBC call
     * @return a cached verdict, a {@link PlanVerdict.Pending} to wait on or ignore, or an
     *         uncached {@link PlanVerdict.Unexplained} when the request was dropped
     * @throws SQLException when reading the application connection's catalog or the bound values fails (nothing
     *                      is requested then)
     */
    public PlanVerdict verdict(Object fingerprint, String sql, Statement statement, Connection application)
            throws SQLException {
        return request(verdicts, fingerprint, sql, statement, application);
    }

    /**
     * A second EXPLAIN of {@code fingerprint}, with the values of the execution that just ran, for a status flag its
     * cached plan does not explain. The first call in a {@code recheckInterval} requests it; the others of the interval
     * get the same verdict, pending or settled. The cached plan stays as it is.
     *
     * @return as {@link #verdict}
     * @throws SQLException as {@link #verdict}
     */
    public PlanVerdict recheck(Object fingerprint, String sql, Statement statement, Connection application)
            throws SQLException {
        return request(rechecks, fingerprint, sql, statement, application);
    }

    private PlanVerdict request(Verdicts into, Object fingerprint, String sql, Statement statement,
                                Connection application) throws SQLException {
        PlanVerdict known = into.get(fingerprint);
        if (known != null) {
            return known;
        }
        if (closed) {
            return CLOSED;
        }
        String catalog = application == null ? null : application.getCatalog();
        // read now, on the application's thread: the statement may be re-bound before the EXPLAIN runs
        List<Object> values = statement == null ? null : boundValues(statement);
        PlanVerdict.Pending pending = new PlanVerdict.Pending();
        PlanVerdict raced = into.claim(fingerprint, pending);
        if (raced != null) {
            return raced;
        }
        try {
            executor.execute(() -> run(into, fingerprint, sql, values, catalog, pending));
            return pending;
        } catch (RejectedExecutionException e) {
            into.drop(fingerprint, pending);
            dropped.increment();
            PlanVerdict verdict = closed ? CLOSED : QUEUE_FULL;
            pending.complete(verdict);
            return verdict;
        }
    }

    /**
     * Runs {@code task} on the EXPLAIN thread and connection, after the EXPLAINs queued before it, so a server read
     * never runs on an application thread nor opens a connection of its own. A failed connection is handled as for
     * an EXPLAIN (closed, reopened later); a task that fails otherwise has only itself to blame.
     *
     * @return false when the task was dropped: the queue is full or the service closed
     */
    public boolean submit(ConnectionTask task) {
        if (closed) {
            return false;
        }
        try {
            executor.execute(() -> {
                Connection open = null;
                try {
                    open = connection(null);
                    if (open != null) { // null: a failed connection is waiting out its pause
                        task.run(open);
                    }
                } catch (SQLException e) {
                    if (connectionFailed(e)) {
                        connectionLost();
                    }
                } catch (RuntimeException e) {
                    // the task's own failure: the connection is still good for the next EXPLAIN
                }
                if (open == null) {
                    task.skipped();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            dropped.increment();
            return false;
        }
    }

    /** The values bound to the target driver's statement, from Connector/J or MariaDB Connector/J; null otherwise. */
    private static List<Object> boundValues(Statement statement) throws SQLException {
        List<Object> values = ConnectorJObjects.boundValues(statement);
        return values != null ? values : MariaDbObjects.boundValues(statement);
    }

    public Stats stats() {
        return new Stats(explained.sum(), dropped.sum(), refused.sum(), unavailable.sum());
    }

    /** Stops the EXPLAIN thread (waiting up to a second for a running EXPLAIN) and closes its connection. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
        for (Verdicts kind : List.of(verdicts, rechecks)) {
            for (PlanVerdict.Pending pending : kind.unanswered()) {
                pending.complete(CLOSED); // requests the stopped thread will never run: release their waiters
            }
        }
        rechecks.clear();
        verdicts.clear();
        generation.incrementAndGet(); // after the invalidation: a memo refilled before it is dropped by this
    }

    /** On the EXPLAIN thread: explains {@code sql} and puts the verdict {@code into} the cache that asked. */
    private void run(Verdicts into, Object fingerprint, String sql, List<?> parameters, String catalog,
                     PlanVerdict.Pending pending) {
        PlanVerdict verdict;
        try {
            Connection explaining = connection(catalog);
            if (explaining == null) {
                // waiting out the pause: not a failure of its own, so it does not lengthen the pause
                unavailable.increment();
                into.drop(fingerprint, pending);
                pending.complete(FAILED_RECENTLY);
                return;
            }
            if (!awaitTurn()) {
                into.drop(fingerprint, pending);
                pending.complete(CLOSED);
                return;
            }
            verdict = Explainer.explain(explaining, sql, parameters);
            into.answer(fingerprint, pending, verdict);
            if (verdict instanceof PlanVerdict.Explained) {
                explained.increment(); // after the put: a counted plan is already the cached verdict
            }
        } catch (SQLException e) {
            if (connectionFailed(e)) {
                connectionLost();
                into.drop(fingerprint, pending);
                verdict = new PlanVerdict.Unexplained("EXPLAIN connection unavailable (SQLState " + e.getSQLState() + ")");
            } else {
                refused.increment();
                verdict = new PlanVerdict.Unexplained(
                        "the server refused EXPLAIN (SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + ")");
                into.answer(fingerprint, pending, verdict);
            }
        } catch (RuntimeException e) {
            refused.increment();
            verdict = new PlanVerdict.Unexplained("EXPLAIN failed: " + e.getClass().getSimpleName());
            into.answer(fingerprint, pending, verdict);
        }
        pending.complete(verdict);
    }

    /** The connection failed: closed now, reopened after a pause that doubles per failed reopen up to the longest. */
    private void connectionLost() {
        unavailable.increment();
        closeConnection();
        retryPauseNanos = retryPauseNanos == 0 ? firstRetryNanos : Math.min(retryAfterNanos, retryPauseNanos * 2);
        reopenNotBefore = System.nanoTime() + retryPauseNanos;
    }

    /**
     * Waits until the rate limit lets the next EXPLAIN go: EXPLAINs are spaced at least
     * {@code 1 s / explainsPerSecond} apart. False when the service was closed meanwhile.
     */
    private boolean awaitTurn() {
        long now = System.nanoTime();
        long wait = nextExplainAt - now;
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // close(): shutdownNow interrupts this thread
                return false;
            }
            now = System.nanoTime();
        }
        nextExplainAt = now + explainIntervalNanos;
        return !closed;
    }

    /** The open EXPLAIN connection, opened now if need be; null while a failed one waits out its pause. */
    private Connection connection(String catalog) throws SQLException {
        if (connection == null) {
            if (System.nanoTime() - reopenNotBefore < 0) {
                return null;
            }
            Connection opened = opener.open();
            try {
                opened.setAutoCommit(true);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(opened); // never two sessions: the broken one is closed before the next opens
                throw e;
            }
            connection = opened;
            connectionCatalog = opened.getCatalog();
            retryPauseNanos = 0;
        }
        if (catalog != null && !catalog.equals(connectionCatalog)) {
            connection.setCatalog(catalog);
            connectionCatalog = catalog;
        }
        return connection;
    }

    private void closeConnection() {
        Connection open = connection;
        connection = null;
        connectionCatalog = null;
        if (open != null) {
            closeQuietly(open);
        }
    }

    private static void closeQuietly(Connection open) {
        try {
            open.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being discarded; nothing else holds it
        }
    }

    /** Whether {@code e} says the connection is gone (rather than the server refusing one statement). */
    static boolean connectionFailed(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException || state != null && state.startsWith("08");
    }
}
