package dev.jdbcguard.driver.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.GuardDriver;
import dev.jdbcguard.testdb.CauseChain;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Databases in local containers: the documented rule file {@code examples/rules/containers.yaml} (loopback
 * without TLS, every other rule as in production), and {@code jdbc:guard:tc:} URLs reaching Testcontainers' own
 * JDBC driver.
 */
@ExtendWith(TestDatabaseExtension.class)
class ContainerRulesTest {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerRulesTest.class);
    /** The file the README documents, as a user points guard.rules at it (tests run in driver/). */
    static final Path RULES = Path.of("..", "examples", "rules", "containers.yaml").toAbsolutePath().normalize();

    @Test
    void theContainerRulesLetALoopbackSessionWithoutTlsInAndKeepEveryStatementRule(TestDatabase db) throws SQLException {
        assumeTrue(db.host().equals("127.0.0.1") || db.host().equals("localhost"), "the test server is not on loopback");
        assertThat(Files.isRegularFile(RULES)).as(RULES.toString()).isTrue();
        String plaintext = db.guardUrl("useSSL=false");
        assertThatThrownBy(() -> new GuardDriver().connect(plaintext, login(db)).close())
                .as("production refuses it").hasMessageStartingWith("[jdbc-guard] tls.required:");
        try (Connection connection = new GuardDriver().connect(plaintext + "&guard.rules=" + RULES, login(db));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE containers_scratch (id INT PRIMARY KEY)");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM containers_scratch"))
                    .hasMessageStartingWith("[jdbc-guard] dml.no-where: DELETE without WHERE on containers_scratch");
            assertThatThrownBy(() -> statement.execute("ALTER TABLE containers_scratch ADD COLUMN note TEXT"))
                    .hasMessageStartingWith("[jdbc-guard] ddl.add-column:");
        }
    }

    @Test
    void aTestcontainersUrlReachesTestcontainersDriver(TestInfo test) throws SQLException {
        String url = "jdbc:guard:tc:mysql:8.4:///shop?guard.rules=" + RULES;
        if (!dockerAvailable()) {
            // Without Docker the failure is Testcontainers' own: its driver took the URL, the guard found it.
            Throwable refused = catchThrowable(() -> DriverManager.getConnection(url).close());
            assertThat(refused).as("only SQLException leaves connect").isInstanceOf(SQLException.class);
            assertThat(refused.getCause()).isNotNull();
            assertThat(refused.getCause().getStackTrace()[0].getClassName()).startsWith("org.testcontainers.");
            assertThat(CauseChain.messages(refused)).doesNotContain("no registered JDBC driver");
            String reason = "Docker engine absent: the Testcontainers mysql:8.4 container cannot start on this machine"
                    + " (its driver was reached: " + refused.getMessage() + ")";
            LOG.warn("SKIPPED {}: {}", test.getDisplayName(), reason);
            abort(reason);
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE orders (id INT PRIMARY KEY)");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM orders"))
                    .hasMessageStartingWith("[jdbc-guard] dml.no-where: DELETE without WHERE on orders");
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Properties login(TestDatabase db) {
        Properties login = new Properties();
        login.setProperty("user", db.app().user());
        login.setProperty("password", db.app().password());
        return login;
    }
}
