package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.connections.ConnectionRules;
import dev.jdbcguard.driver.hook.ConnectRequest;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.driver.metrics.GuardMetrics;
import dev.jdbcguard.driver.metrics.TargetMetrics;
import dev.jdbcguard.driver.url.GuardSetting;
import dev.jdbcguard.driver.query.QueryChecks;
import dev.jdbcguard.driver.report.EngineReport;
import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.driver.warnings.AppFrames;
import dev.jdbcguard.driver.warnings.Funnel;
import dev.jdbcguard.driver.warnings.WarningReporter;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.file.RuleFiles;
import dev.jdbcguard.rules.file.RuleFileException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard for one rule selection: joins the driver's hook to the rules and the checks. Owns the
 * rule source (with its reload thread when a rule file is watched), the statement judge and its
 * cache, the warning reporter, the metrics (JMX {@code dev.jdbcguard:type=Guard,name=<profile or
 * file>}), the connection rules (gates and their scheduler) and the query checks (one EXPLAIN
 * service per target).
 *
 * <p>Each {@link #open} makes one {@link EngineHook} for the connection: a final class that calls
 * these components directly. Every component reads the rule set in force from the one source:
 * statement rules and every rule's action follow a reload at once, the query checks translate a
 * new rule set into their settings once (not per statement), and TLS and connection rules apply
 * from the next connect.
 *
 * <p>Lifetime: an engine lives as long as the {@link Engines} that made it (the registered
 * driver's for the JVM's life; a {@code GuardDataSource}'s until its {@code close()}).
 * {@link #close()} stops its threads, closes its EXPLAIN connections and unregisters its metrics;
 * connections already open keep working, unchecked by the stopped parts.
 */
public final class GuardEngine implements ConnectionHookFactory, AutoCloseable {

    /** The guard's root logger: its one line that says it is on. */
    private static final Logger LOG = LoggerFactory.getLogger("jdbcguard");
    /** Schema scripts are a few hundred statements, run once. */
    private static final long SCHEMA_SCRIPT_CACHE = 1_000;

    private final EngineSettings settings;
    private final AtomicBoolean announced = new AtomicBoolean();
    private final RuleSource source;
    private final StatementJudge judge;
    private final Funnel funnel;
    private final GuardMetrics metrics;
    private final ConnectionRules connections;
    private final QueryChecks queries;
    /** Judges schema tools' statements ({@code guard.schema-scripts}); null when unset. */
    private final StatementJudge schemaScripts;
    /** The findings report ({@code guard.report}); null when unset. */
    private final EngineReport report;

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
        StatementJudge schemaScripts = null;
        if (settings.schemaScripts() != null) {
            try {
                schemaScripts = new StatementJudge(RuleSource.fixed(RuleFiles.profile(settings.schemaScripts())),
                        SCHEMA_SCRIPT_CACHE);
            } catch (RuleFileException e) {
                source.close();
                throw new SQLException("[jdbc-guard] invalid " + GuardSetting.SCHEMA_SCRIPTS.key() + "='"
                        + settings.schemaScripts() + "': " + e.problem(), "08001", e);
            }
        }
        try {
            return new GuardEngine(settings, source, schemaScripts);
        } catch (RuntimeException e) {
            source.close(); // its reload thread must not outlive an engine that never started
            throw e;
        }
    }

    private GuardEngine(EngineSettings settings, RuleSource source, StatementJudge schemaScripts) {
        this.settings = settings;
        this.source = source;
        this.schemaScripts = schemaScripts;
        this.judge = new StatementJudge(source, settings.cacheSize());
        this.metrics = GuardMetrics.start(name(settings), RuleCatalog.rules().stream().map(Rule::id).toList(), true);
        this.funnel = new Funnel(source::current, settings.mode(), new WarningReporter(settings.warningWindow(),
                WarningReporter.DEFAULT_MAX_TRACKED, AppFrames.defaults()), metrics);
        this.connections = new ConnectionRules(source::current, funnel,
                target -> metrics.target(target.host(), target.port(), target.database()));
        this.queries = new QueryChecks(source, judge, funnel, settings.explainRate());
        this.report = settings.report() == null ? null : EngineReport.start(settings.report(), rulesDescription(),
                metrics.objectName().getKeyProperty("name"));
    }

    /**
     * Runs the connection rules (TLS setting, credentials in the URL, the cap: may wait or refuse),
     * then makes the connection's hook.
     */
    @Override
    public ConnectionHook open(ConnectRequest request) throws SQLException {
        Target target = request.target();
        String label = target.toString();
        if (report != null) {
            report.target(label); // before the connection rules, whose refusals belong in the report
        }
        ConnectionHook connection = connections.open(request);
        try {
            TargetMetrics timings = metrics.target(target.host(), target.port(), target.database());
            if (!announced.get() && announced.compareAndSet(false, true)) {
                announce(request.url() == null ? "a wrapped DataSource" : label);
            }
            return new EngineHook(this, timings, label, connection, queries.open(request),
                    queries.schema(request, label));
        } catch (RuntimeException e) {
            connection.connectFailed(e);
            throw e;
        }
    }

    /**
     * Says once, at the first connect the connection rules let through, that the guard is in the path and
     * with which rules: {@code jdbc-guard active for app@db:3306/shop: profile production, rules built-in}.
     * A rule file is named with the profile it extends, as its rule set describes itself.
     */
    private void announce(String target) {
        LOG.info("jdbc-guard active for {}: {}{}", target, rulesDescription(),
                funnel.observing() ? "; observe mode: blocks are logged as WOULD_BLOCK and the statements run" : "");
    }

    /** The rules in force as a user names them: {@code profile production, rules built-in} or the rule file's. */
    private String rulesDescription() {
        var selection = settings.selection();
        return selection.rulesFile() == null ? "profile " + selection.profile() + ", rules built-in"
                : "rules " + source.current().description();
    }

    RuleSource rules() {
        return source;
    }

    StatementJudge judge() {
        return judge;
    }

    /** The judge of schema tools' statements, or null when {@code guard.schema-scripts} is unset. */
    StatementJudge schemaScripts() {
        return schemaScripts;
    }

    /** Where every finding of this engine goes. */
    Funnel funnel() {
        return funnel;
    }

    /**
     * Stops the reload and scheduler threads, the EXPLAIN services, and unregisters the metrics; writes the findings
     * report when {@code guard.report} is set.
     */
    @Override
    public void close() {
        if (report != null) {
            report.close();
        }
        source.close();
        connections.close();
        queries.close();
        metrics.close();
    }

    private static String name(EngineSettings settings) {
        var selection = settings.selection();
        return selection.rulesFile() == null ? selection.profile()
                : selection.rulesFile().getFileName() + " (" + selection.profile() + ")";
    }
}
