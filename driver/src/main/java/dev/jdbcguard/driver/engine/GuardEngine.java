package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.connections.ConnectionRules;
import dev.jdbcguard.driver.connections.FindingSink;
import dev.jdbcguard.driver.connections.ReporterSink;
import dev.jdbcguard.driver.connections.Target;
import dev.jdbcguard.driver.hook.ConnectRequest;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.driver.metrics.GuardMetrics;
import dev.jdbcguard.driver.metrics.TargetMetrics;
import dev.jdbcguard.driver.plan.ExplainService;
import dev.jdbcguard.driver.plan.UnindexedDetector;
import dev.jdbcguard.driver.warnings.AppFrames;
import dev.jdbcguard.driver.warnings.Finding;
import dev.jdbcguard.driver.warnings.WarningReporter;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.file.RuleFileException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The guard for one rule selection: joins the driver's hook to the rules and the checks. Owns the
 * rule source (with its reload thread when a rule file is watched), the statement judge and its
 * cache, the warning reporter, the metrics (JMX {@code dev.jdbcguard:type=Guard,name=<profile or
 * file>}), the connection gates and their scheduler, and one EXPLAIN service per target.
 *
 * <p>Each {@link #open} makes one {@link EngineHook} for the connection: a final class that calls
 * these components directly. The rule set's parameters are translated into the components'
 * settings once per rule-set generation ({@link RuleGeneration}), when the engine starts and on
 * every reload, never per statement. Statement rules and every rule's action follow a reload at
 * once; the runtime thresholds ({@code query.slow}, {@code query.large-result},
 * {@code query.n-plus-one}, {@code tx.long}) apply to connections opened after it; TLS and
 * connection rules to the next connect.
 *
 * <p>Lifetime: an engine lives as long as the {@link Engines} that made it (the registered
 * driver's for the JVM's life; a {@code GuardDataSource}'s until its {@code close()}).
 * {@link #close()} stops its threads, closes its EXPLAIN connections and unregisters its metrics;
 * connections already open keep working, unchecked by the stopped parts.
 */
public final class GuardEngine implements ConnectionHookFactory, AutoCloseable {

    private static final int EXPLAIN_QUEUE = 256;
    private static final Duration EXPLAIN_RETRY = Duration.ofSeconds(30);

    private final EngineSettings settings;
    private final RuleSource source;
    private final StatementJudge judge;
    private final WarningReporter reporter;
    private final GuardMetrics metrics;
    private final ConnectionRules connections;
    private final ConcurrentMap<Target, Plans> plans = new ConcurrentHashMap<>();
    private final UnindexedDetector flagsOnly = new UnindexedDetector(null);
    private volatile RuleGeneration generation;

    /**
     * Loads the selected rules and starts the components.
     *
     * @throws SQLException (SQLState 08001) naming the file, line and column when the rules cannot be
     *                      loaded: nothing starts on bad rules
     */
    public static GuardEngine start(EngineSettings settings) throws SQLException {
        RuleSource source;
        try {
            source = settings.selection().open(settings.reloadInterval());
        } catch (RuleFileException e) {
            throw new SQLException("[jdbc-guard] cannot load the rules: " + e.getMessage(), "08001", e);
        }
        return new GuardEngine(settings, source);
    }

    private GuardEngine(EngineSettings settings, RuleSource source) {
        this.settings = settings;
        this.source = source;
        this.judge = new StatementJudge(source, settings.cacheSize());
        this.reporter = new WarningReporter(settings.warningWindow(), WarningReporter.DEFAULT_MAX_TRACKED,
                AppFrames.defaults());
        this.metrics = GuardMetrics.start(name(settings), RuleCatalog.rules().stream().map(Rule::id).toList(), true);
        this.connections = new ConnectionRules(() -> generation.rules(),
                new CountingSink(new ReporterSink(reporter, AppFrames.defaults()), metrics),
                target -> metrics.target(target.host(), target.port(), target.database()));
        source.addListener((previous, current) -> refresh());
        refresh();
    }

    /** Re-reads the source, so the last of a racing listener and the constructor installs the newest set. */
    private synchronized void refresh() {
        generation = RuleGeneration.of(source.current(), settings.explainWait());
    }

    /**
     * Runs the connection rules (TLS setting, credentials in the URL, the cap: may wait or refuse),
     * then makes the connection's hook.
     */
    @Override
    public ConnectionHook open(ConnectRequest request) throws SQLException {
        ConnectionHook connection = connections.open(request);
        try {
            String url = request.targetUrl();
            if (url == null) {
                return new EngineHook(this, connection, metrics.target("data-source", 0, null), flagsOnly);
            }
            Target target = Target.of(url, request.properties());
            return new EngineHook(this, connection, metrics.target(target.host(), target.port(), target.database()),
                    detector(target, url, request.properties()));
        } catch (SQLException | RuntimeException e) {
            connection.connectFailed(e);
            throw e;
        }
    }

    /**
     * The unindexed detector of a target, with its EXPLAIN service. The service connects through the
     * target driver with the first connect's URL and properties (TLS settings as the guard let them
     * through), never through the guard: it takes no place under {@code conn.cap}.
     */
    private UnindexedDetector detector(Target target, String url, Properties properties) {
        Plans known = plans.get(target);
        if (known != null) {
            return known.detector();
        }
        Properties own = new Properties();
        own.putAll(properties);
        return plans.computeIfAbsent(target, t -> Plans.of(new ExplainService(() -> openExplainConnection(url, own),
                EXPLAIN_QUEUE, settings.cacheSize(), EXPLAIN_RETRY))).detector();
    }

    private static Connection openExplainConnection(String url, Properties properties) throws SQLException {
        Connection connection = DriverManager.getDriver(url).connect(url, properties);
        if (connection == null) {
            throw new SQLException("[jdbc-guard] no driver accepted the EXPLAIN connection", "08001");
        }
        return connection;
    }

    /** The rule set and the settings derived from it, as of now. */
    RuleGeneration generation() {
        return generation;
    }

    StatementJudge judge() {
        return judge;
    }

    WarningReporter reporter() {
        return reporter;
    }

    GuardMetrics metrics() {
        return metrics;
    }

    /** Stops the reload and scheduler threads, the EXPLAIN services, and unregisters the metrics. */
    @Override
    public void close() {
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // ReloadingRules.close only stops its thread; nothing to recover
            }
        }
        connections.close();
        plans.values().forEach(target -> target.explain().close());
        metrics.close();
    }

    private static String name(EngineSettings settings) {
        var selection = settings.selection();
        return selection.rulesFile() == null ? selection.profile()
                : selection.rulesFile().getFileName() + " (" + selection.profile() + ")";
    }

    /** A target's EXPLAIN service and the detector that asks it. */
    private record Plans(ExplainService explain, UnindexedDetector detector) {
        static Plans of(ExplainService explain) {
            return new Plans(explain, new UnindexedDetector(explain));
        }
    }

    /** Counts the connection rules' findings in the metrics, then reports them. */
    private record CountingSink(FindingSink reporter, GuardMetrics metrics) implements FindingSink {

        @Override
        public void warn(Finding finding, Throwable openedAt) {
            metrics.finding(finding.ruleId(), false);
            reporter.warn(finding, openedAt);
        }

        @Override
        public String block(Finding finding) {
            metrics.finding(finding.ruleId(), true);
            return reporter.block(finding);
        }
    }
}
