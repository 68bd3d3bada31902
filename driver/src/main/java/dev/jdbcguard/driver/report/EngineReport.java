package dev.jdbcguard.driver.report;

import dev.jdbcguard.Finding;
import dev.jdbcguard.FindingListener;
import dev.jdbcguard.FindingsReport;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.StatementEvent;
import dev.jdbcguard.StatementListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The findings report one guard keeps when {@code guard.report=PATH} is set: written to {@code PATH.html} and
 * {@code PATH.json} when the guard closes and when the JVM shuts down (the registered driver's guard never closes),
 * and on request through JMX ({@link GuardReportMXBean}).
 *
 * <p>It listens to the JVM-wide {@link GuardListeners} and keeps what comes from the targets this guard opened
 * connections to, so two guards in one JVM (two rule selections) do not fill each other's report. Listening to
 * statements makes every statement publish an event (the cost the report's statement table needs), which is why the
 * report is off unless asked for.
 */
public final class EngineReport implements FindingListener, StatementListener, GuardReportMXBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("jdbcguard.report");

    private final Path path;
    private final FindingsReport report;
    private final Set<String> targets = ConcurrentHashMap.newKeySet();
    private final GuardListeners.Registration findings;
    private final GuardListeners.Registration statements;
    private final Thread shutdownWrite;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName objectName;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EngineReport(Path path, String rules, String name) {
        this.path = path;
        this.report = new FindingsReport("driver", rules);
        this.findings = GuardListeners.addFindingListener(this);
        this.statements = GuardListeners.addStatementListener(this);
        this.shutdownWrite = new Thread(this::writeQuietly, "jdbc-guard report " + name);
        Runtime.getRuntime().addShutdownHook(shutdownWrite);
        this.objectName = register(name);
    }

    /**
     * Starts collecting.
     *
     * @param path  {@code guard.report}: where the report goes ({@code .html}/{@code .json} are added)
     * @param rules the rules that judged, as the report's header names them
     * @param name  the guard's name in JMX (its metrics' {@code name} key)
     */
    public static EngineReport start(Path path, String rules, String name) {
        return new EngineReport(path, rules, name);
    }

    /** A target this guard opens connections to: its findings and statements belong in this report. */
    public void target(String label) {
        targets.add(label);
    }

    @Override
    public void onFinding(Finding finding) {
        if (targets.contains(finding.target())) {
            report.onFinding(finding);
        }
    }

    @Override
    public void onStatement(StatementEvent statement) {
        if (targets.contains(statement.target())) {
            report.onStatement(statement);
        }
    }

    @Override
    public String reportJson() {
        return report.json();
    }

    @Override
    public String writeReport() {
        try {
            return report.write(path).toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the findings report to " + path.toAbsolutePath(), e);
        }
    }

    /** Stops collecting and writes the report; the shutdown write is no longer needed. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        findings.close();
        statements.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownWrite);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: its hook writes the report anyway
        }
        writeQuietly();
        if (objectName != null) {
            try {
                server.unregisterMBean(objectName);
            } catch (JMException e) {
                LOG.debug("[jdbc-guard] report MXBean {} was already gone: {}", objectName, e.toString());
            }
        }
    }

    /** At close and shutdown: a report that cannot be written says why in the log and fails nothing. */
    private void writeQuietly() {
        try {
            LOG.info("[jdbc-guard] findings report written to {} (and .json)", writeReport());
        } catch (RuntimeException e) {
            LOG.warn("[jdbc-guard] {}", e.getMessage(), e.getCause());
        }
    }

    /** Registers under the guard's name; the report works without JMX when the name cannot be registered. */
    private ObjectName register(String name) {
        Hashtable<String, String> keys = new Hashtable<>();
        keys.put("type", "Report");
        keys.put("name", name);
        try {
            ObjectName candidate = new ObjectName("dev.jdbcguard", keys);
            server.registerMBean(this, candidate);
            return candidate;
        } catch (JMException e) {
            LOG.warn("[jdbc-guard] the findings report is not in JMX ({}); it is still written to {}", e.toString(),
                    path.toAbsolutePath());
            return null;
        }
    }
}
