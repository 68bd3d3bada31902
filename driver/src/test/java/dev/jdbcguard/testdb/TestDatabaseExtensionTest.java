package dev.jdbcguard.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension's lifecycle, observed from outside: two test classes run in a JUnit run of their own
 * (with its own root store, so its own server) must get the very same server, and that server must be
 * gone once the run ends.
 */
class TestDatabaseExtensionTest {

    private static final String KEY = "server";

    @Test
    void everyClassOfARunGetsTheSameServerAndItStopsWhenTheRunEnds() {
        List<String> servers = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                entry.getKeyValuePairs().entrySet().stream()
                        .filter(pair -> pair.getKey().equals(KEY))
                        .forEach(pair -> servers.add(pair.getValue()));
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    problems.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("?"));
                }
            }
        };

        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class))
                .build(), listener);

        assertThat(problems).isEmpty();
        assertThat(servers).hasSize(2);
        assertThat(servers.get(0)).isEqualTo(servers.get(1));
        assumeTrue(System.getenv(ExternalServerUrl.VARIABLE) == null,
                "the server is external: the harness does not stop it, so there is no stop to check");
        String[] server = servers.get(0).split(" ", 4);
        Properties admin = new Properties();
        admin.setProperty("user", server[2]);
        admin.setProperty("password", server[3]);
        admin.setProperty("connectTimeout", "2000");
        assertThatThrownBy(() -> DriverManager.getConnection(server[0], admin).close())
                .as("the run's server must be stopped when the run ends")
                .isInstanceOf(SQLException.class);
    }

    /** Publishes which server it was given: URL, object identity and admin login. */
    private static void report(TestDatabase db, TestReporter reporter) {
        reporter.publishEntry(KEY, db.mysqlUrl("") + " " + System.identityHashCode(db) + " "
                + db.admin().user() + " " + db.admin().password());
    }

    @ExtendWith(TestDatabaseExtension.class)
    static class FirstClass {
        @Test
        void reportsItsServer(TestDatabase db, TestReporter reporter) {
            report(db, reporter);
        }
    }

    @ExtendWith(TestDatabaseExtension.class)
    static class SecondClass {
        @Test
        void reportsItsServer(TestDatabase db, TestReporter reporter) {
            report(db, reporter);
        }
    }
}
