package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.hook.ConnectRequest;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.driver.hook.WarningSink;
import dev.jdbcguard.driver.metrics.ConnectionGauges;
import dev.jdbcguard.driver.tls.TlsGuard;
import dev.jdbcguard.driver.tls.TlsRequirement;
import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.FindingSink;
import dev.jdbcguard.driver.warnings.Funnel;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The connection-level rules plugged into the driver's hook: {@code conn.credentials-in-url},
 * {@code tls.required}/{@code tls.version}, {@code conn.cap}, {@code conn.churn},
 * {@code conn.leak}, {@code conn.lifetime}.
 *
 * <p>Order on connect: credentials and the TLS setting are judged first (a refusal takes no cap
 * place), then a place under the cap is taken (may wait); after the target connected, the session's
 * TLS is confirmed (a refusal closes it and gives the place back), then the connection counts for
 * churn and its leak and lifetime checks start. The place is given back exactly once, on
 * {@code connectFailed} or {@code closed} (close, abort, or a close after the server died).
 *
 * <p>Rules are read from {@code rules} on every connect, so a reload applies to the next connect.
 * One instance per driver or data source; {@link #close()} stops its scheduler thread.
 */
public final class ConnectionRules implements ConnectionHookFactory, AutoCloseable {

    private final Supplier<RuleSet> rules;
    private final Function<Target, ConnectionGauges> gauges;
    private final Funnel funnel;
    private final TlsGuard tls = new TlsGuard();
    private final ConnectionGuard connections = new ConnectionGuard();

    /**
     * @param rules  the rule set in force (read per connect)
     * @param funnel where findings go: the engine's one road for them
     * @param gauges the metrics of a target, e.g. {@code t -> metrics.target(t.host(), t.port(), t.database())}
     */
    public ConnectionRules(Supplier<RuleSet> rules, Funnel funnel, Function<Target, ConnectionGauges> gauges) {
        this.rules = rules;
        this.gauges = gauges;
        this.funnel = funnel;
    }

    @Override
    public ConnectionHook open(ConnectRequest request) throws SQLException {
        RuleSet ruleSet = rules.get();
        String url = request.targetUrl();
        Properties info = request.properties();
        TlsRequirement requirement = TlsRequirement.from(ruleSet);
        // A wrapped DataSource: no URL to read the target or the TLS setting from; the session check still runs.
        Target target = request.target();
        ConnectFindings findings = new ConnectFindings(funnel, target.toString());
        if (url != null) {
            tls.checkCredentialsInUrl(url, target, ruleSet.action(RuleCatalog.CONN_CREDENTIALS_IN_URL), findings);
            Properties effective = tls.beforeConnect(request.url(), target, info, requirement, findings);
            if (effective != info) {
                info.clear();
                info.putAll(effective);
            }
        }
        Lease lease = connections.acquire(target, ConnectionLimits.from(ruleSet), gauges.apply(target), findings,
                request.borrowedFromPool(), funnel.observing());
        return new Hook(lease, requirement, findings);
    }

    /** Connections holding a place under {@code target}'s cap. */
    public int open(Target target) {
        return connections.open(target);
    }

    /** Callers waiting at {@code target}'s cap, in arrival order (an estimate, as the semaphore's queue). */
    public int waiting(Target target) {
        return connections.waiting(target);
    }

    /** Opening stacks that open connections share now, for {@code conn.leak} (none for those a pool opened). */
    int sharedOpeningSites() {
        return connections.sharedSites();
    }

    @Override
    public void close() {
        connections.close();
    }

    private final class Hook implements ConnectionHook {
        private final Lease lease;
        private final TlsRequirement requirement;
        private final ConnectFindings findings;

        Hook(Lease lease, TlsRequirement requirement, ConnectFindings findings) {
            this.lease = lease;
            this.requirement = requirement;
            this.findings = findings;
        }

        @Override
        public void connected(Connection target, WarningSink warnings) throws SQLException {
            tls.afterConnect(target, lease.target(), requirement, findings);
            lease.connected();
            findings.attach(warnings);
        }

        @Override
        public void connectFailed(Throwable failure) {
            lease.release();
        }

        @Override
        public void closed(boolean aborted) {
            lease.release();
        }
    }

    /**
     * One connect's findings on their way to the funnel, with the connect's target: those found before the
     * connection existed (credentials, TLS setting, cap, churn) also join its {@code getWarnings()} chain when it
     * opens. Later ones (leak, lifetime: on the scheduler thread, while the application may be using the chain) are
     * only reported.
     */
    private static final class ConnectFindings implements FindingSink {
        private final Funnel funnel;
        /** The connect's target, redacted, which every finding of it names. */
        private final String target;
        private List<SQLWarning> pending = new ArrayList<>(2);

        ConnectFindings(Funnel funnel, String target) {
            this.funnel = funnel;
            this.target = target;
        }

        @Override
        public synchronized void report(Detection detection, Stage stage) throws SQLException {
            SQLWarning warning = funnel.report(detection.at(target), stage != Stage.BACKGROUND, null);
            if (warning != null && pending != null) {
                pending.add(warning);
            }
        }

        synchronized void attach(WarningSink chain) {
            pending.forEach(chain::addWarning);
            pending = null;
        }
    }
}
