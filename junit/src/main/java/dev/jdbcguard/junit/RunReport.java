package dev.jdbcguard.junit;

import dev.jdbcguard.FindingsReport;
import dev.jdbcguard.GuardListeners;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The findings report of a whole test run: every finding and statement from the first test class that uses the
 * extension to the end of the run, written as {@code report.html} and {@code report.json} into the directory the
 * configuration parameter {@value #DIRECTORY} names ({@code target/jdbc-guard} by default, relative to the working
 * directory: the module's under Maven and Gradle; {@code off} writes nothing). Lives in the run's root store, which
 * closes it when the run ends.
 */
final class RunReport implements AutoCloseable {

    static final String DIRECTORY = "jdbcguard.junit.report";
    static final String DEFAULT_DIRECTORY = "target/jdbc-guard";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcGuardExtension.LOGGER);

    private final Path directory;
    private final FindingsReport report = new FindingsReport("junit", "as each connection selects (guard.profile,"
            + " guard.rules, JDBC_GUARD_PROFILE)");
    private final GuardListeners.Registration findings;
    private final GuardListeners.Registration statements;

    private RunReport(Path directory) {
        this.directory = directory;
        this.findings = GuardListeners.addFindingListener(report);
        this.statements = GuardListeners.addStatementListener(report);
    }

    /** Starts the run's report at the first call of the run, unless the configuration turns it off. */
    static void startFor(ExtensionContext context) {
        String configured = context.getConfigurationParameter(DIRECTORY).orElse(DEFAULT_DIRECTORY).trim();
        if (configured.equalsIgnoreCase("off")) {
            return;
        }
        context.getRoot().getStore(ExtensionContext.Namespace.create(RunReport.class))
                .getOrComputeIfAbsent(RunReport.class, key -> new RunReport(Path.of(configured)), RunReport.class);
    }

    @Override
    public void close() {
        findings.close();
        statements.close();
        try {
            Path html = report.write(directory.resolve("report"));
            LOG.info("[jdbc-guard] findings report of this test run: {} (and report.json)", html.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            // the run's result stands; only its report is missing, and says why
            LOG.warn("[jdbc-guard] could not write the findings report to {}: {}", directory.toAbsolutePath(),
                    e.toString());
        }
    }
}
