package dev.jdbcguard.driver.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.GuardDataSource;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guard.report=PATH}: the driver writes the findings report of what it saw, when its guard closes, when the
 * JVM shuts down, and on request through JMX, against the real server.
 */
@ExtendWith(TestDatabaseExtension.class)
class EngineReportTest {

    private final TestDatabase db;

    EngineReportTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void table() throws SQLException {
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            s.execute("CREATE TABLE IF NOT EXISTS report_orders (id INT PRIMARY KEY, total INT)");
            s.execute("INSERT IGNORE INTO report_orders VALUES (1, 10), (2, 20)");
        }
    }

    @Test
    void aClosingGuardWritesItsFindingsAndStatementsAndJmxServesThemBefore(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("reports/app");
        GuardDataSource guarded = dataSource("guard.report=" + base, db.app());
        GuardDataSource other = dataSource("guard.profile=development", db.tlsUser());
        try (guarded; other) {
            try (Connection c = guarded.getConnection(); Statement s = c.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    s.executeQuery("SELECT total FROM report_orders WHERE id = 1").close();
                }
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM report_orders"))
                        .isInstanceOf(GuardViolationException.class);
            }
            try (Connection c = other.getConnection(); Statement s = c.createStatement()) {
                // development warns on it: a finding of another guard, on another target, not for this report
                s.executeUpdate("UPDATE report_orders SET total = total");
            }
            String json = (String) jmx().invoke(reportBean(), "reportJson", new Object[0], new String[0]);
            assertThat(json).contains("\"dml.no-where\"").contains("delete from report_orders")
                    .contains("select total from report_orders where id = ?")
                    .doesNotContain("update report_orders").doesNotContain(db.app().password());
            assertThat(Files.exists(base.resolveSibling("app.html"))).as("nothing written before close").isFalse();
        }
        String html = Files.readString(base.resolveSibling("app.html"));
        String json = Files.readString(base.resolveSibling("app.json"));
        assertThat(json).contains("\"schemaVersion\"").contains("\"dml.no-where\"").contains("\"BLOCK\"");
        assertThat(html).contains("dml.no-where").contains("report_orders").doesNotContain("<script src");
        assertThat(jmx().queryNames(new ObjectName("dev.jdbcguard:type=Report,*"), null))
                .as("unregistered at close").isEmpty();
    }

    @Test
    void theRegisteredDriversReportIsWrittenWhenTheJvmExits(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("shutdown");
        Path login = dir.resolve("login.properties");
        try (OutputStream out = Files.newOutputStream(login)) {
            db.tls("VERIFY_IDENTITY", db.app()).store(out, null);
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReportAtExit.class.getName(),
                db.guardUrl("guard.report=" + base), login.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
        assertThat(child.exitValue()).as(output).isEqualTo(0);
        assertThat(output).contains("blocked as expected");
        assertThat(Files.readString(base.resolveSibling("shutdown.json"))).as(output)
                .contains("\"dml.no-where\"").contains("delete from report_orders");
    }

    @Test
    void aReportPathThatIsNotAPathIsRefusedByName() {
        assertThatThrownBy(() -> {
            try (GuardDataSource bad = dataSource("guard.report=%00", db.app())) {
                bad.getConnection().close();
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("invalid guard.report=").hasMessageContaining("not a file path");
    }

    private GuardDataSource dataSource(String query, TestDatabase.Credentials who) {
        GuardDataSource dataSource = new GuardDataSource();
        dataSource.setUrl(db.guardUrl(query));
        Properties properties = db.tls("VERIFY_IDENTITY", who);
        dataSource.setProperties(properties);
        return dataSource;
    }

    private static MBeanServer jmx() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    private static ObjectName reportBean() throws Exception {
        Set<ObjectName> names = jmx().queryNames(new ObjectName("dev.jdbcguard:type=Report,*"), null);
        assertThat(names).as("one report in JMX").hasSize(1);
        return List.copyOf(names).get(0);
    }

    /** The child JVM: a blocked DELETE through the registered driver, then a plain exit without closing anything. */
    static final class ReportAtExit {
        public static void main(String[] args) throws SQLException, IOException {
            Properties login = new Properties();
            try (var in = Files.newInputStream(Path.of(args[1]))) {
                login.load(in);
            }
            Connection c = java.sql.DriverManager.getConnection(args[0], login);
            try {
                c.createStatement().executeUpdate("DELETE FROM report_orders");
                System.out.println("not blocked");
                System.exit(3);
            } catch (GuardViolationException e) {
                System.out.println("blocked as expected");
            }
            System.exit(0);
        }
    }
}
