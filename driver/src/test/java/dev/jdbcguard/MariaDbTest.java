package dev.jdbcguard;

import static dev.jdbcguard.driver.testing.Guarded.login;
import static dev.jdbcguard.driver.testing.Guarded.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.driver.proxy.GuardConnection;
import dev.jdbcguard.driver.proxy.GuardResultSet;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MariaDB Connector/J as the target: {@code jdbc:guard:mariadb://}. */
@ExtendWith(TestDatabaseExtension.class)
class MariaDbTest {

    private final TestDatabase db;

    MariaDbTest(TestDatabase db) {
        this.db = db;
    }

    private String url(String query) {
        return "jdbc:guard:mariadb://" + db.host() + ":" + db.port() + "/" + db.database() + (query.isEmpty() ? "" : "?" + query);
    }

    @Test
    void roundTripThroughMariaDbConnectorJ() throws SQLException {
        RecordingHook hook = new RecordingHook();
        try (Connection connection = new GuardDriver(hook).connect(url("guard.profile=production&connectTimeout=5000"), login(db.app()))) {
            assertThat(connection).isInstanceOf(GuardConnection.class);
            assertThat(connection.unwrap(org.mariadb.jdbc.Connection.class)).isNotNull();
            assertThat(connection.isWrapperFor(org.mariadb.jdbc.Connection.class)).isTrue();
            try (PreparedStatement statement = connection.prepareStatement("SELECT ? * 2")) {
                statement.setInt(1, 21);
                try (ResultSet result = statement.executeQuery()) {
                    assertThat(result).isInstanceOf(GuardResultSet.class);
                    assertThat(result.getStatement()).isSameAs(statement);
                    assertThat(result.next()).isTrue();
                    assertThat(result.getInt(1)).isEqualTo(42);
                }
                assertThat(statement.getConnection()).isSameAs(connection);
            }
            assertThat(single(connection, "SELECT DATABASE()")).isEqualTo(db.database());
        }
        assertThat(hook.requests.get(0).targetUrl()).startsWith("jdbc:mariadb://").endsWith("?connectTimeout=5000");
        assertThat(hook.events).containsSubsequence("PREPARE SELECT ? * 2", "EXECUTE_PREPARED SELECT ? * 2 [verdict:SELECT ? * 2]",
                "EXECUTE SELECT DATABASE()", "CLOSED");
        assertThat(hook.only("FLAGS")).as("status flags come only from mysql-connector-j").isEmpty();
    }

    @Test
    void driverManagerPicksTheGuardForMariaDbUrls() throws SQLException {
        // The registered driver enforces production's tls.required (verify-identity): MariaDB's spelling, with the harness CA.
        String tls = "sslMode=verify-full&serverSslCert=" + db.caCertificatePem();
        try (Connection connection = DriverManager.getConnection(url(tls), login(db.app()))) {
            assertThat(connection).isInstanceOf(GuardConnection.class);
            assertThat(connection.unwrap(java.sql.Connection.class).getClass().getName()).startsWith("org.mariadb.jdbc.");
        }
    }
}
