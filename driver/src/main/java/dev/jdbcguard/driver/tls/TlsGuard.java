package dev.jdbcguard.driver.tls;

import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.driver.url.TargetUrl;
import dev.jdbcguard.driver.warnings.Detection;
import dev.jdbcguard.driver.warnings.FindingSink;
import dev.jdbcguard.driver.warnings.FindingSink.Stage;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.driver.warnings.Redaction;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tls.required} and {@code tls.version} for one driver instance: before a connect, the
 * effective {@code sslMode} must be at least the rule's mode (or is strengthened when the rule says
 * {@code upgrade}); after it, the session must really be encrypted with at least the minimum
 * protocol, whatever the client asked for, because {@code PREFERRED} falls back to plaintext
 * without a word.
 *
 * <p>Messages name the target as {@code user@host:port/database} and URLs only redacted: never a
 * password. Holds no static state; the loopback exemption is logged once per target per instance.
 */
public final class TlsGuard {

    private static final Logger LOG = LoggerFactory.getLogger("jdbcguard." + RuleCatalog.TLS_REQUIRED);
    private static final String SQL_STATE = "08001";

    private final Set<Target> logged = ConcurrentHashMap.newKeySet();

    /**
     * Checks, and with {@code upgrade} strengthens, the TLS setting of a connect about to happen.
     *
     * @param url  the target driver's URL ({@code jdbc:mysql://...}, guard settings removed), its query read
     * @return the properties to connect with: {@code info} itself, or a strengthened copy
     * @throws SQLNonTransientConnectionException when the setting is weaker and the rule blocks; the
     *         message says which setting to change
     */
    public Properties beforeConnect(TargetUrl url, Target target, Properties info, TlsRequirement requirement,
                                    FindingSink sink) throws SQLException {
        if (requirement.action() == Action.OFF || exempt(target, requirement, true)) {
            return info;
        }
        DriverTlsSettings settings = DriverTlsSettings.of(url);
        if (settings == null) {
            // The session check after connecting still applies; only the setting cannot be read.
            return info;
        }
        EffectiveSslMode effective = settings.resolve(url, info);
        if (effective.mode().satisfies(requirement.mode())) {
            return info;
        }
        if (requirement.upgrade()) {
            Properties stronger = settings.strengthen(info, requirement.mode());
            EffectiveSslMode upgraded = settings.resolve(url, stronger);
            if (upgraded.mode().satisfies(requirement.mode())) {
                if (logged.add(target)) {
                    LOG.info("[jdbc-guard] tls.required: connections to {} upgraded from {} to {} (upgrade: true)",
                            target, effective.setting(), settings.setting(requirement.mode()));
                }
                return stronger;
            }
            effective = upgraded; // a URL setting outranks the properties: say which one
        }
        report(Detection.ofConnection(RuleCatalog.TLS_REQUIRED,
                "connection to " + target + " would use sslMode=" + effective.mode() + " (" + effective.setting()
                        + "), weaker than the required " + requirement.mode())
                .hinting(fix(settings, effective, requirement.mode()) + (target.isLoopback() ? localWork(target) : "")),
                null, sink);
        return info;
    }

    private static String fix(DriverTlsSettings settings, EffectiveSslMode effective, SslMode required) {
        String wanted = settings.setting(required);
        String where = switch (effective.origin()) {
            case DEFAULT -> "add " + wanted + " to the URL";
            case URL -> "change " + effective.setting() + " to " + wanted + " in the URL";
            case PROPERTIES -> "set the connection property " + wanted + " instead of " + effective.setting();
        };
        String trust = required.satisfies(SslMode.VERIFY_CA) ? " (with " + settings.trustHint() + ")" : "";
        return where + trust + ", or let the guard do it with tls.required upgrade: true; either needs TLS on the"
                + " server (ssl_cert, ssl_key): against a server without it the connect fails (Connector/J: \"SSL"
                + " Connection required, but not provided by server\")";
    }

    /**
     * What a developer does instead of fixing TLS: a database on the laptop or in a local container usually
     * has none, and its URL often says {@code useSSL=false}. {@code allow-loopback} keeps every other rule.
     */
    private static String localWork(Target target) {
        String development = "guard.profile=development in the URL or JDBC_GUARD_PROFILE=development (every block"
                + " becomes a warning)";
        return target.isLoopback()
                ? ". For local work against a server on this machine without TLS: " + development + ", or a rule file"
                        + " (guard.rules) with tls.required allow-loopback: true, which keeps every other rule as it is"
                : ". For local work against a development server without TLS: " + development;
    }

    /**
     * Confirms an open session is encrypted with at least the minimum protocol. When the rule
     * blocks, the connection is closed before the exception is thrown.
     *
     * @throws SQLNonTransientConnectionException for a plaintext session ({@code tls.required}) or an
     *         old protocol ({@code tls.version}) under {@code block}
     */
    public void afterConnect(Connection connection, Target target, TlsRequirement requirement, FindingSink sink)
            throws SQLException {
        if (!requirement.checked() || exempt(target, requirement, false)) {
            return;
        }
        String protocol = NegotiatedTls.of(connection);
        if (protocol.equals(NegotiatedTls.NONE)) {
            report(Detection.ofConnection(RuleCatalog.TLS_REQUIRED,
                    "the server of " + target + " accepted the session without TLS (a client set to PREFERRED falls"
                            + " back to plaintext without a word)")
                    .hinting("enable TLS on the server (ssl_cert, ssl_key) or connect to its TLS endpoint, and set"
                            + " sslMode=" + requirement.mode() + " so the driver never falls back" + localWork(target)),
                    connection, sink);
        } else if (!TlsVersions.atLeast(protocol, requirement.minVersion())) {
            report(Detection.ofConnection(RuleCatalog.TLS_VERSION,
                    "the session to " + target + " negotiated " + protocol + ", older than the required "
                            + requirement.minVersion()), connection, sink);
        }
    }

    private boolean exempt(Target target, TlsRequirement requirement, boolean log) {
        if (!requirement.allowLoopback() || !target.isLoopback()) {
            return false;
        }
        if (log && logged.add(target)) {
            LOG.info("[jdbc-guard] tls.required: {} is a loopback target and allow-loopback is on, so its TLS is not"
                    + " checked; the tunnel or proxy behind it (e.g. pscale connect) must encrypt the rest of the way",
                    target);
        }
        return true;
    }

    /**
     * {@code conn.credentials-in-url}: reports a login password in the URL ({@code password=},
     * {@code user:password@host}); {@code block} refuses the connect before it happens.
     */
    public void checkCredentialsInUrl(String url, Target target, Action action, FindingSink sink) throws SQLException {
        if (action != Action.OFF && Redaction.hasPassword(url)) {
            report(Detection.ofConnection(RuleCatalog.CONN_CREDENTIALS_IN_URL,
                    "the URL for " + target + " carries a password (" + Redaction.redact(url) + ")"), null, sink);
        }
    }

    /**
     * Hands the finding to the funnel, which applies the rule's action; a refusal becomes the connection exception
     * (closing {@code open} first when given): a refused connect is not a statement error.
     */
    private static void report(Detection detection, Connection open, FindingSink sink) throws SQLException {
        try {
            sink.report(detection, Stage.BEFORE);
        } catch (GuardViolationException refusal) {
            SQLNonTransientConnectionException refused = new SQLNonTransientConnectionException(
                    open == null ? refusal.getMessage() : refusal.getMessage() + " The connection was closed.",
                    SQL_STATE); // not caused by a statement error: the refusal's text is all it takes
            if (open != null) {
                try {
                    open.close();
                } catch (SQLException | RuntimeException e) {
                    refused.addSuppressed(e);
                }
            }
            throw refused;
        }
    }
}
