package dev.jdbcguard.driver.tls;

import static dev.jdbcguard.driver.testing.Guarded.sessionsOfUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.MysqlDataSource;
import dev.jdbcguard.GuardDataSource;
import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.driver.connections.GuardedDriver;
import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** tls.required, tls.version and conn.credentials-in-url through the real driver against the real TLS server. */
@ExtendWith(TestDatabaseExtension.class)
class TlsRulesTest {

    /** How long a closed session may stay listed on the server: its thread ends after the client's close returns. */
    private static final Duration SESSION_END = Duration.ofSeconds(5);

    private static final String VERIFY_IDENTITY = """
            rules:
              tls.required:
                mode: verify-identity
            """;

    private final TestDatabase db;

    TlsRulesTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void needsTls() {
        assumeTrue(db.tlsAvailable(), db.tlsUnavailableReason());
    }

    @Test
    void connectorJDefaultIsRefusedNamingTheSettingToAdd() throws SQLException {
        try (GuardedDriver guard = GuardedDriver.withRules(VERIFY_IDENTITY)) {
            assertThatThrownBy(() -> guard.connect(db.guardUrl(""), login()))
                    .isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessageStartingWith("[jdbc-guard] tls.required: connection to " + db.app().user() + "@127.0.0.1:")
                    .hasMessageContaining("would use sslMode=PREFERRED (Connector/J's default sslMode=PREFERRED)")
                    .hasMessageContaining("Here: add sslMode=VERIFY_IDENTITY to the URL (with trustCertificateKeyStoreUrl");
            assertThat(guard.gauges(target()).openConnections()).isZero();
        }
    }

    @Test
    void requiredInThePropertiesIsRefusedNamingTheProperty() throws SQLException {
        try (GuardedDriver guard = GuardedDriver.withRules(VERIFY_IDENTITY)) {
            assertThatThrownBy(() -> guard.connect(db.guardUrl(""), db.tls("REQUIRED", db.app())))
                    .isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessageContaining("would use sslMode=REQUIRED")
                    .hasMessageContaining("set the connection property sslMode=VERIFY_IDENTITY instead of sslMode=REQUIRED");
        }
    }

    @Test
    void preferredAndLegacySettingsInTheUrlAreRefusedNamingThem() throws SQLException {
        try (GuardedDriver guard = GuardedDriver.withRules(VERIFY_IDENTITY)) {
            assertThatThrownBy(() -> guard.connect(db.guardUrl("sslMode=PREFERRED"), login()))
                    .hasMessageContaining("change sslMode=PREFERRED to sslMode=VERIFY_IDENTITY in the URL");
            assertThatThrownBy(() -> guard.connect(db.guardUrl("useSSL=true&requireSSL=true"), login()))
                    .hasMessageContaining("would use sslMode=REQUIRED (useSSL=true, requireSSL=true)")
                    .hasMessageContaining("change useSSL=true, requireSSL=true to sslMode=VERIFY_IDENTITY in the URL");
        }
    }

    @Test
    void verifyCaIsAcceptedWhereRequiredAndRefusedWhereIdentityIsRequired() throws SQLException {
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  tls.required:\n    mode: verify-ca\n");
             Connection connection = guard.connect(db.guardUrl(""), db.tls("VERIFY_CA", db.app()))) {
            assertThat(sslVersion(connection)).isIn("TLSv1.2", "TLSv1.3");
            assertThat(guard.reported("tls.required")).isEmpty();
        }
        try (GuardedDriver guard = GuardedDriver.withRules(VERIFY_IDENTITY)) {
            assertThatThrownBy(() -> guard.connect(db.guardUrl(""), db.tls("VERIFY_CA", db.app())))
                    .hasMessageContaining("set the connection property sslMode=VERIFY_IDENTITY instead of sslMode=VERIFY_CA");
        }
    }

    @Test
    void verifyIdentityIsAcceptedAndTheSessionIsEncrypted() throws SQLException {
        try (GuardedDriver guard = GuardedDriver.withRules(VERIFY_IDENTITY);
             Connection connection = guard.connect(db.guardUrl(""), db.tls("VERIFY_IDENTITY", db.tlsUser()))) {
            assertThat(sslVersion(connection)).isIn("TLSv1.2", "TLSv1.3");
            assertThat(guard.gauges(target(db.tlsUser().user())).openConnections()).isEqualTo(1);
        }
    }

    @Test
    void upgradeStrengthensPreferredToVerifyIdentity() throws SQLException {
        String rules = "rules:\n  tls.required:\n    mode: verify-identity\n    upgrade: true\n";
        try (GuardedDriver guard = GuardedDriver.withRules(rules);
             Connection connection = guard.connect(db.guardUrl("sslMode=PREFERRED"), db.tls("PREFERRED", db.app()))) {
            assertThat(connection.unwrap(JdbcConnection.class).getPropertySet()
                    .getEnumProperty(PropertyKey.sslMode).getValue().toString()).isEqualTo("VERIFY_IDENTITY");
            assertThat(sslVersion(connection)).isIn("TLSv1.2", "TLSv1.3");
        }
    }

    @Test
    void upgradeAgainstAServerWithoutTlsFailsInsteadOfFallingBack() throws SQLException {
        TestDatabase plain = db.plaintextServer();
        String rules = "rules:\n  tls.required:\n    mode: required\n    upgrade: true\n";
        try (GuardedDriver guard = GuardedDriver.withRules(rules)) {
            assertThatThrownBy(() -> guard.connect(plain.guardUrl(""), login(plain)))
                    .isInstanceOf(SQLException.class);
            assertThat(guard.gauges(target(plain, plain.app().user())).openConnections()).isZero();
        }
    }

    @Test
    void plaintextSessionIsRefusedAfterConnectingEvenWhenTheClientAskedOnlyForPreferred() throws Exception {
        // Through a DataSource the guard cannot read the TLS setting first: the session check is what stops it.
        TestDatabase plain = db.plaintextServer();
        MysqlDataSource target = new MysqlDataSource();
        target.setUrl(plain.mysqlUrl("sslMode=PREFERRED"));
        target.setUser(plain.app().user());
        target.setPassword(plain.app().password());
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  tls.required:\n    mode: required\n")) {
            GuardDataSource dataSource = new GuardDataSource(target, guard.rules());
            // Earlier tests' sessions of this user may still be ending; the count must start from none.
            assertThat(sessionsOfUser(plain, plain.app().user(), 0, SESSION_END)).isZero();
            assertThatThrownBy(dataSource::getConnection)
                    .isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessageContaining("[jdbc-guard] tls.required: the server of (data source) accepted")
                    .hasMessageContaining("accepted the session without TLS")
                    .hasMessageContaining("set sslMode=REQUIRED so the driver never falls back")
                    .hasMessageContaining("For local work against a development server without TLS: "
                            + "guard.profile=development in the URL or JDBC_GUARD_PROFILE=development")
                    .hasMessageEndingWith("(every block becomes a warning). The connection was closed.");
            assertThat(sessionsOfUser(plain, plain.app().user(), 0, SESSION_END))
                    .as("the refused session was closed, not leaked").isZero();
        }
    }

    @Test
    void loopbackExemptionLetsAPlaintextLocalTunnelThroughAndIsLoggedOnce() throws SQLException {
        TestDatabase plain = db.plaintextServer();
        String rules = "rules:\n  tls.required:\n    mode: verify-identity\n    allow-loopback: true\n";
        try (GuardedDriver guard = GuardedDriver.withRules(rules); AllLogs logs = new AllLogs()) {
            for (int i = 0; i < 2; i++) {
                try (Connection connection = guard.connect(plain.guardUrl(""), login(plain))) {
                    assertThat(sslVersion(connection)).isEmpty();
                }
            }
            assertThat(logs.from("jdbcguard.tls.required"))
                    .singleElement().asString().contains("is a loopback target and allow-loopback is on");
        }
        try (GuardedDriver strict = GuardedDriver.withRules(VERIFY_IDENTITY)) {
            assertThatThrownBy(() -> strict.connect(plain.guardUrl(""), login(plain)))
                    .hasMessageContaining("add sslMode=VERIFY_IDENTITY to the URL");
        }
    }

    @Test
    void olderProtocolThanTheMinimumIsRefusedAndClosed() throws SQLException {
        String rules = "rules:\n  tls.version:\n    min: TLSv1.3\n";
        Properties tls12 = db.tls("VERIFY_IDENTITY", db.app());
        tls12.setProperty("tlsVersions", "TLSv1.2");
        try (GuardedDriver guard = GuardedDriver.withRules(rules)) {
            assertThatThrownBy(() -> guard.connect(db.guardUrl(""), tls12))
                    .isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessageContaining("[jdbc-guard] tls.version: the session to " + target())
                    .hasMessageContaining("negotiated TLSv1.2, older than the required TLSv1.3");
            assertThat(guard.gauges(target()).openConnections()).isZero();
            try (Connection tls13 = guard.connect(db.guardUrl(""), db.tls("VERIFY_IDENTITY", db.app()))) {
                assertThat(sslVersion(tls13)).isEqualTo("TLSv1.3");
            }
        }
    }

    @Test
    void mariaDbConnectorIsCheckedInItsOwnTerms() throws SQLException {
        String url = "jdbc:guard:mariadb://" + db.host() + ":" + db.port() + "/" + db.database();
        try (GuardedDriver guard = GuardedDriver.withRules(VERIFY_IDENTITY)) {
            assertThatThrownBy(() -> guard.connect(url + "?sslMode=trust", login()))
                    .isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessageContaining("would use sslMode=REQUIRED (sslMode=trust)")
                    .hasMessageContaining("change sslMode=trust to sslMode=verify-full in the URL");
            assertThatThrownBy(() -> guard.connect(url, login()))
                    .hasMessageContaining("MariaDB Connector/J's default sslMode=disable")
                    .hasMessageContaining("add sslMode=verify-full to the URL");
            try (Connection connection = guard.connect(url + "?sslMode=verify-full&serverSslCert="
                    + db.caCertificatePem(), login())) {
                assertThat(sslVersion(connection)).isIn("TLSv1.2", "TLSv1.3");
            }
        }
    }

    @Test
    void noPasswordInAnyLogLineExceptionOrMetricName() throws SQLException {
        String password = db.app().password();
        String urlWithPassword = "jdbc:guard:mysql://" + db.app().user() + ":" + password + "@" + db.host() + ":"
                + db.port() + "/" + db.database() + "?password=" + password + "&sslMode=PREFERRED";
        Properties truststore = db.tls("VERIFY_IDENTITY", db.app());
        truststore.remove("user");
        truststore.remove("password");
        String rules = "rules:\n  conn.cap:\n    max: 1\n    wait: 50ms\n";
        try (GuardedDriver guard = GuardedDriver.withRules(VERIFY_IDENTITY); AllLogs logs = new AllLogs()) {
            Throwable refused = catchThrowable(() -> guard.connect(urlWithPassword, new Properties()).close());
            assertThat(refused).isInstanceOf(SQLNonTransientConnectionException.class);
            assertThat(fullChain(refused)).contains("tls.required").doesNotContain(password);
            assertThat(guard.reported("conn.credentials-in-url")).singleElement()
                    .satisfies(r -> assertThat(r.finding().message()).contains("?password=***&").doesNotContain(password));
            assertThat(String.join("\n", logs.rendered())).contains("conn.credentials-in-url").doesNotContain(password);
        }
        try (GuardedDriver guard = GuardedDriver.withRules(rules); AllLogs logs = new AllLogs()) {
            String accepted = urlWithPassword.replace("sslMode=PREFERRED", "sslMode=VERIFY_IDENTITY");
            try (Connection held = guard.connect(accepted, truststore)) {
                assertThat((Object) held.getWarnings()).isNotNull();
                assertThat(held.getWarnings().getMessage()).startsWith("[jdbc-guard] conn.credentials-in-url WARN: the URL for "
                        + target() + " carries a password").doesNotContain(password);
                Throwable capped = catchThrowable(() -> guard.connect(accepted, truststore).close());
                assertThat(capped).isInstanceOf(SQLTransientConnectionException.class);
                assertThat(fullChain(capped)).contains("conn.cap").doesNotContain(password);
            }
            assertThat(String.join("\n", logs.rendered())).contains("conn.cap").doesNotContain(password);
            assertThat(guard.gauges(target()).target()).doesNotContain(password);
        }
    }

    private static String fullChain(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private Properties login() {
        return login(db);
    }

    private static Properties login(TestDatabase server) {
        Properties p = new Properties();
        p.setProperty("user", server.app().user());
        p.setProperty("password", server.app().password());
        return p;
    }

    private Target target() {
        return target(db.app().user());
    }

    private Target target(String user) {
        return target(db, user);
    }

    private static Target target(TestDatabase server, String user) {
        return new Target(server.host(), server.port(), user, server.database());
    }

    static String sslVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
            return rs.next() ? rs.getString(2) : "";
        }
    }
}
