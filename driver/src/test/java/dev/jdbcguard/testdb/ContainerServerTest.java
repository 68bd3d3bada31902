package dev.jdbcguard.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Testcontainers MySQL path, exercised explicitly whatever the run's primary server is. Without a
 * Docker engine every test here is reported as SKIPPED with that reason, never as passed.
 */
class ContainerServerTest {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerServerTest.class);

    /** Per test, not per class: a class-level assumption is reported as zero tests run, not as skipped ones. */
    @BeforeEach
    void requireDocker(TestInfo test) {
        if (!ContainerServer.dockerAvailable()) {
            String reason = "Docker engine absent: the Testcontainers " + ContainerServer.IMAGE
                    + " path cannot run on this machine";
            // Surefire's console shows only a skip count; this line says which test and why.
            LOG.warn("SKIPPED {}: {}", test.getDisplayName(), reason);
            abort(reason);
        }
    }

    @Test
    void tlsContainerGivesVerifiedTlsAndRefusesTheTlsUserWithoutIt() throws SQLException {
        try (RunningServer server = ContainerServer.start(true)) {
            TestDatabase db = new TestDatabase(server.endpoint(), server.tls(), server.description(), () -> {
                throw new UnsupportedOperationException("not part of this test");
            });
            assertThat(db.describe()).startsWith("Testcontainers " + ContainerServer.IMAGE);
            assumeTrue(db.tlsAvailable(), db.tlsUnavailableReason());
            try (Connection connection = DriverManager.getConnection(db.mysqlUrl(""), db.tls("VERIFY_IDENTITY", db.tlsUser()))) {
                assertThat(status(connection, "SHOW SESSION STATUS LIKE 'Ssl_version'")).isIn("TLSv1.2", "TLSv1.3");
            }
            Properties plaintext = new Properties();
            plaintext.setProperty("user", db.tlsUser().user());
            plaintext.setProperty("password", db.tlsUser().password());
            plaintext.setProperty("sslMode", "DISABLED");
            assertThatThrownBy(() -> DriverManager.getConnection(db.mysqlUrl(""), plaintext).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied");
            plaintext.setProperty("user", db.app().user());
            plaintext.setProperty("password", db.app().password());
            try (Connection connection = DriverManager.getConnection(db.mysqlUrl(""), plaintext)) {
                assertThat(status(connection, "SELECT DATABASE()")).isEqualTo(db.database());
            }
        }
    }

    @Test
    void plaintextContainerOffersNoTls() throws SQLException {
        try (RunningServer server = ContainerServer.start(false)) {
            assertThat(server.tls()).isInstanceOf(TlsSupport.Unavailable.class);
            Properties app = new Properties();
            app.setProperty("user", server.endpoint().app().user());
            app.setProperty("password", server.endpoint().app().password());
            app.setProperty("sslMode", "REQUIRED");
            String url = "jdbc:mysql://" + server.endpoint().host() + ":" + server.endpoint().port() + "/"
                    + server.endpoint().database();
            assertThatThrownBy(() -> DriverManager.getConnection(url, app).close()).isInstanceOf(SQLException.class);
        }
    }

    private static String status(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(rows.getMetaData().getColumnCount());
        }
    }
}
