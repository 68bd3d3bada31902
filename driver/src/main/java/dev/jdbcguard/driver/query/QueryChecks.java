package dev.jdbcguard.driver.query;

import dev.jdbcguard.driver.hook.ConnectRequest;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.driver.plan.ExplainService;
import dev.jdbcguard.driver.schema.LiveSchema;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.Funnel;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.engine.Judgement;
import dev.jdbcguard.rules.engine.StatementJudge;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The query checks of one guard (a driver or data source): unindexed queries, slow queries, large
 * results, N+1 and long transactions. Makes one {@link QueryCheckHook} per connection and owns
 * what the connections share: the statement judge's cache, the engine's findings funnel and one
 * {@link ExplainService} per target (URL and user).
 *
 * <p>The EXPLAIN connection of a target is opened through the target driver itself
 * ({@link DriverManager#getDriver}, the user's URL and properties), never through the guard, so
 * it is not one of the user's connections and does not count against {@code conn.cap}. A wrapped
 * {@code DataSource} has no URL to reopen: its connections are checked by the status flags only.
 *
 * <p>One thread of its own, started with the first connection, looks at the open transactions once a
 * second ({@code tx.long} for a transaction whose thread is away between statements) and, every
 * {@code conn.server-headroom} interval, has each target's EXPLAIN connection read how close the server is to
 * {@code max_connections}.
 *
 * <p>Thread-safe. {@link #close()} stops its threads and closes the EXPLAIN connections.
 */
public final class QueryChecks implements ConnectionHookFactory, AutoCloseable {

    /** First sightings that may wait for the EXPLAIN thread; more are dropped and asked again later. */
    static final int EXPLAIN_QUEUE = 256;
    /** Plans kept per target. */
    static final long MAX_PLANS = 10_000;
    /**
     * Pause before reopening a failed EXPLAIN connection, doubled at each failed reopen up to {@link #EXPLAIN_RETRY}:
     * EXPLAIN is back within two seconds of the server.
     */
    static final Duration EXPLAIN_FIRST_RETRY = Duration.ofMillis(100);
    static final Duration EXPLAIN_RETRY = Duration.ofSeconds(2);
    /**
     * How long the second EXPLAIN of a shape (with the values of an execution the server flagged while its cached plan
     * shows index lookups) judges that shape's flags before another may run: one per shape per minute.
     */
    static final Duration EXPLAIN_RECHECK = Duration.ofMinutes(1);
    /** How often the open transactions are looked at, for {@code tx.long} while no statement runs. */
    static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);

    private final int explainsPerSecond;
    private final RuleSource rules;
    private final StatementJudge judge;
    private final Funnel funnel;
    private final Map<String, ExplainService> explainers = new ConcurrentHashMap<>();
    /** {@code conn.server-headroom} per target, on the EXPLAIN connection of the same key; read by the sweep only. */
    private final Map<String, ServerHeadroom> headrooms = new ConcurrentHashMap<>();
    /** The schema-aware DDL rules' table cache per target, on the EXPLAIN service of the same target. */
    private final Map<ExplainService, LiveSchema> schemas = new ConcurrentHashMap<>();
    /**
     * Open connections, for the transaction sweep. Weak: a connection the application dropped without
     * closing it leaves when it is collected. Guarded by itself.
     */
    private final Set<QueryCheckHook> connections = Collections.newSetFromMap(new WeakHashMap<>());
    /** Started with the first connection; stopped by {@link #close()}. Guarded by {@link #connections}. */
    private ScheduledExecutorService sweeper;
    private volatile Cached cached;
    private volatile boolean closed;

    /**
     * @param rules             the rules in force (the same source the judge reads)
     * @param judge             classifies and fingerprints each SQL string (cached per string)
     * @param funnel            where every finding goes: it counts, logs and builds the warnings and exceptions
     * @param explainsPerSecond EXPLAINs at most per second and target ({@code guard.explain-rate})
     */
    public QueryChecks(RuleSource rules, StatementJudge judge, Funnel funnel, int explainsPerSecond) {
        this.explainsPerSecond = explainsPerSecond;
        this.rules = Objects.requireNonNull(rules, "rules");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.funnel = Objects.requireNonNull(funnel, "funnel");
    }

    /**
     * The query checks of one connection, which its findings name by {@code request.target()}: the one entrance,
     * for the engine and for a test that drives these checks alone as the driver's hook factory.
     */
    @Override
    public QueryCheckHook open(ConnectRequest request) {
        return new QueryCheckHook(this, explainer(request), request.target().toString());
    }

    RuleSet rules() {
        return rules.current();
    }

    Judgement judge(String sql) {
        return judge.judge(sql);
    }

    Funnel funnel() {
        return funnel;
    }

    /** The settings of {@code rules}, read once per rule set. */
    QueryCheckSettings settings(RuleSet rules) {
        Cached last = cached;
        if (last != null && last.rules == rules) {
            return last.settings;
        }
        QueryCheckSettings settings = QueryCheckSettings.from(rules);
        cached = new Cached(rules, settings);
        return settings;
    }

    /**
     * The live schema of this request's target for the schema-aware DDL rules, read on the target's EXPLAIN
     * connection; one per target, made on first use. Without a target URL (a wrapped DataSource) it reads nothing.
     *
     * @param target the redacted target its log line names
     */
    public LiveSchema schema(ConnectRequest request, String target) {
        ExplainService service = explainer(request);
        return service == null ? new LiveSchema(null, target)
                : schemas.computeIfAbsent(service, s -> new LiveSchema(s, target));
    }

    /** The EXPLAIN service of this request's target, made on first use; null without a target URL. */
    private ExplainService explainer(ConnectRequest request) {
        String url = request.targetUrl();
        if (url == null || closed) {
            return null;
        }
        Properties properties = new Properties();
        properties.putAll(request.properties());
        // a safety net under StatementText.explainable(): "EXPLAIN a; b" must never run b
        properties.setProperty("allowMultiQueries", "false");
        String key = url + '\u0000' + properties.getProperty("user", "");
        return explainers.computeIfAbsent(key, k -> {
            ExplainService service = new ExplainService(() -> DriverManager.getDriver(url).connect(url, properties),
                    EXPLAIN_QUEUE, MAX_PLANS, EXPLAIN_FIRST_RETRY, EXPLAIN_RETRY, explainsPerSecond, EXPLAIN_RECHECK);
            headrooms.put(k, new ServerHeadroom(service));
            return service;
        });
    }

    /** A connection is open: its transactions are swept from now on (the sweep starts with the first). */
    void track(QueryCheckHook connection) {
        synchronized (connections) {
            if (closed) {
                return;
            }
            connections.add(connection);
            if (sweeper == null) {
                sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "jdbc-guard-transactions");
                    thread.setDaemon(true);
                    return thread;
                });
                sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_PERIOD.toMillis(), SWEEP_PERIOD.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    void untrack(QueryCheckHook connection) {
        synchronized (connections) {
            connections.remove(connection);
        }
    }

    /** Looks at every open connection's transaction: a copy under the lock, the checks outside it. */
    private void sweep() {
        QueryCheckHook[] open;
        synchronized (connections) {
            open = connections.toArray(new QueryCheckHook[0]);
        }
        long now = System.nanoTime();
        if (open.length > 0) { // an idle guard leaves the server alone
            RuleConfig headroom = rules().rule(RuleCatalog.CONN_SERVER_HEADROOM);
            for (ServerHeadroom target : headrooms.values()) {
                target.sweep(now, headroom, this::background);
            }
        }
        for (QueryCheckHook connection : open) {
            try {
                connection.sweep(now);
            } catch (SQLException | RuntimeException e) {
                // a warning only: the sink has logged what it could, and the other connections still get looked at
            }
        }
    }

    /** A finding of the sweep's, about the server rather than a connection: a warning, on no application frame. */
    private void background(Detection detection) {
        try {
            funnel.report(detection, false, null);
        } catch (SQLException cannotHappen) {
            // canBlock is false: the funnel warns instead of throwing
        }
    }

    /** The application frame {@code thread} is at now, or null: a look at its stack (rare: a report is due). */
    String whereIs(Thread thread) {
        return funnel.applicationFrame(thread.getStackTrace());
    }

    /** Counters of the EXPLAIN services, for tests and metrics: the sum over targets. */
    public ExplainService.Stats explainStats() {
        long explained = 0;
        long dropped = 0;
        long refused = 0;
        long unavailable = 0;
        for (ExplainService service : explainers.values()) {
            ExplainService.Stats stats = service.stats();
            explained += stats.explained();
            dropped += stats.dropped();
            refused += stats.refused();
            unavailable += stats.unavailable();
        }
        return new ExplainService.Stats(explained, dropped, refused, unavailable);
    }

    @Override
    public void close() {
        synchronized (connections) {
            closed = true;
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
            connections.clear();
        }
        explainers.values().forEach(ExplainService::close);
        explainers.clear();
        headrooms.clear();
        schemas.clear();
    }

    private record Cached(RuleSet rules, QueryCheckSettings settings) {
    }
}
