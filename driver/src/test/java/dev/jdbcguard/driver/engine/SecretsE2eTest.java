package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.metrics.GuardBeans;
import static dev.jdbcguard.driver.testing.Guarded.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No password reaches a log line, an exception message or a metric: every path that talks about a
 * connection is driven with the password in the URL and in the properties, then everything the guard
 * produced is searched for it.
 */
@ExtendWith(TestDatabaseExtension.class)
class SecretsE2eTest {

    private final TestDatabase db;

    SecretsE2eTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void thePasswordAppearsInNoLogLineExceptionOrMetric() throws Exception {
        String password = db.app().password();
        assertThat(password).hasSizeGreaterThan(6);
        Path capRules = Guarded.rulesFile("secret-cap.yaml", """
                rules:
                  tls: off
                  conn.cap: {action: block, max: 1, wait: 50ms}
                  conn.leak: {action: warn, threshold: 100ms}
                """);
        List<Throwable> thrown = new ArrayList<>();
        List<String> logged;
        try (AllLogs logs = new AllLogs()) {
            // conn.credentials-in-url warns (production: conn warn) and the connection works.
            Properties tlsOnly = db.tls("VERIFY_IDENTITY", db.app());
            tlsOnly.remove("password");
            String withPassword = db.guardUrl("password=" + password);
            try (Connection c = DriverManager.getConnection(withPassword, tlsOnly); Statement s = c.createStatement()) {
                // A refused statement whose literal is the password: the message shows the fingerprint.
                thrown.add(catchThrowable(() -> s.executeUpdate("UPDATE qc_secret SET note = '" + password + "'")));
                thrown.add(catchThrowable(() -> s.executeQuery("SELECT '" + password + "' FROM DUAL WHERE 1 = '")));
            }
            assertThat(logs.from("jdbcguard.conn.credentials-in-url ")).singleElement().asString()
                    .startsWith("jdbcguard.conn.credentials-in-url [jdbc-guard] conn.credentials-in-url WARN: the URL for ");
            // TLS refusal with the password in the URL.
            Properties userOnly = new Properties();
            userOnly.setProperty("user", db.app().user());
            thrown.add(catchThrowable(() -> DriverManager.getConnection(db.guardUrl("sslMode=DISABLED&password=" + password), userOnly)));
            // A wrong password, and a cap refusal, and a leak report with its opening stack.
            Properties wrong = db.tls("VERIFY_IDENTITY", db.app());
            wrong.setProperty("password", password + "x");
            thrown.add(catchThrowable(() -> DriverManager.getConnection(db.guardUrl(""), wrong)));
            String capUrl = db.guardUrl("guard.rules=" + capRules + "&password=" + password);
            try (Connection held = DriverManager.getConnection(capUrl, login(db.app()))) {
                thrown.add(catchThrowable(() -> DriverManager.getConnection(capUrl, login(db.app()))));
                Thread.sleep(300);
            }
            logged = logs.rendered();
            assertThat(logs.from("jdbcguard.conn.leak ")).isNotEmpty();
        }
        assertThat(thrown).hasSize(5).doesNotContainNull();
        assertThat(thrown.get(2)).hasMessageStartingWith("[jdbc-guard] tls.required: ");
        assertThat(thrown.get(3)).hasMessageContaining("Access denied");
        assertThat(thrown.get(4)).hasMessageStartingWith("[jdbc-guard] conn.cap: ");

        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(password));
        for (Throwable first : thrown) {
            for (Throwable t = first; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(password);
                for (Throwable suppressed : t.getSuppressed()) {
                    assertThat(String.valueOf(suppressed.getMessage())).doesNotContain(password);
                }
            }
        }
        GuardBeans.named("secret-cap.yaml (production)"); // registered on a thread of its own: wait for it
        assertThat(jmxText()).contains("secret-cap.yaml").doesNotContain(password);
        List<String> meters = Metrics.globalRegistry.getMeters().stream().map(Meter::getId).map(Object::toString).toList();
        assertThat(meters).anyMatch(id -> id.contains("jdbcguard.rule.findings")).noneMatch(id -> id.contains(password));
    }

    /** Every attribute of every jdbc-guard MBean, as text. */
    private static String jmxText() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder text = new StringBuilder();
        for (ObjectName name : server.queryNames(new ObjectName("dev.jdbcguard:*"), null)) {
            text.append(name).append('\n');
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                Object value = server.getAttribute(name, attribute.getName());
                text.append(attribute.getName()).append('=')
                        .append(value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value)).append('\n');
            }
        }
        return text.toString();
    }
}
