package dev.jdbcguard.driver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.driver.connections.GuardedDriver;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A developer's first connect, to a database on their machine without TLS, under the default profile: the
 * refusal says what to do for local work besides the production fix, and does not send them to an
 * sslMode their server cannot satisfy without saying so. Each piece of advice is then followed, against the
 * harness's real server without TLS, to prove it is true.
 */
@ExtendWith(TestDatabaseExtension.class)
class TlsLocalWorkTest {

    private static final String LOCAL_WORK = "For local work against a server on this machine without TLS: "
            + "guard.profile=development in the URL or JDBC_GUARD_PROFILE=development (every block becomes a warning),"
            + " or a rule file (guard.rules) with tls.required allow-loopback: true, which keeps every other rule as it is";
    /** Connector/J's own words when sslMode asks for TLS that the server does not have. */
    private static final String NO_TLS_ON_SERVER = "SSL Connection required, but not provided by server";

    private final TestDatabase plain;

    TlsLocalWorkTest(TestDatabase db) {
        this.plain = db.plaintextServer();
    }

    @Test
    void aLoopbackRefusalGivesTheProductionFixWithItsCaveatAndTheLocalWayOut() {
        Throwable refused = catchThrowable(() -> DriverManager.getConnection(plain.guardUrl("useSSL=false"), login()).close());

        assertThat(refused).isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageStartingWith("[jdbc-guard] tls.required: connection to " + plain.admin().user() + "@127.0.0.1:")
                .hasMessageContaining("would use sslMode=DISABLED (useSSL=false)")
                .hasMessageContaining("Here: change useSSL=false to sslMode=VERIFY_IDENTITY in the URL")
                .hasMessageContaining("either needs TLS on the server (ssl_cert, ssl_key): against a server without it "
                        + "the connect fails (Connector/J: \"" + NO_TLS_ON_SERVER + "\")")
                .hasMessageEndingWith(LOCAL_WORK + ".");
    }

    @Test
    void theCaveatQuotesWhatConnectorJReallySaysWhenTheServerHasNoTls() {
        Properties verify = login();
        verify.setProperty("sslMode", "VERIFY_IDENTITY");
        assertThatThrownBy(() -> DriverManager.getConnection(plain.guardUrl(""), verify).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(NO_TLS_ON_SERVER);
    }

    @Test
    void theDevelopmentProfileLetsTheLocalServerThroughWithAWarning() throws SQLException {
        try (Connection connection = DriverManager.getConnection(plain.guardUrl("useSSL=false&guard.profile=development"),
                login())) {
            assertThat(TlsRulesTest.sslVersion(connection)).isEmpty();
            assertThat((Object) connection.getWarnings()).isNotNull();
            assertThat(connection.getWarnings().getMessage()).startsWith("[jdbc-guard] tls.required WARN:");
        }
    }

    @Test
    void allowLoopbackLetsTheLocalServerThroughAndKeepsTheStatementRules() throws SQLException {
        try (GuardedDriver guard = GuardedDriver.withRules("rules:\n  tls.required:\n    allow-loopback: true\n");
             Connection connection = guard.connect(plain.guardUrl("useSSL=false"), login())) {
            assertThat(TlsRulesTest.sslVersion(connection)).isEmpty();
            assertThat(guard.reported("tls.required")).isEmpty();
        }
    }

    @Test
    void aRemoteTargetGetsTheCaveatButNoLocalAdvice() {
        // Refused before any network access: the setting alone is judged.
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:guard:mysql://db.example.invalid:3306/shop", login()))
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageContaining("Here: add sslMode=VERIFY_IDENTITY to the URL")
                .hasMessageContaining("either needs TLS on the server")
                .hasMessageNotContaining("For local work");
    }

    /**
     * The admin login: TlsRulesTest counts the server's sessions of the app login, and the guard's engines
     * made here (the registered driver keeps them) may hold an EXPLAIN connection for a while.
     */
    private Properties login() {
        Properties p = new Properties();
        p.setProperty("user", plain.admin().user());
        p.setProperty("password", plain.admin().password());
        return p;
    }
}
