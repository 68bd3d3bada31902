package dev.jdbcguard.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The path of a machine with only a JDK, taken on every run (whatever server the rest of the suite got):
 * {@value TestServers#KIND_VARIABLE}=embedded starts the MariaDB from Maven Central with TLS from the
 * Java-generated CA, and a client verifies its identity.
 */
class EmbeddedServerTest {

    @Test
    void theEmbeddedServerRunsWithVerifiedTls() throws SQLException {
        String unavailable = EmbeddedBinaries.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        try (TestServers servers = new TestServers(Map.of(TestServers.KIND_VARIABLE, "embedded"))) {
            TestDatabase db = servers.primary();
            assertThat(db.describe()).startsWith("embedded (" + EmbeddedBinaries.ARTIFACT + ") mariadbd");
            try (Connection connection = DriverManager.getConnection(db.mysqlUrl(""),
                    db.tls("VERIFY_IDENTITY", db.tlsUser()));
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT VERSION(), DATABASE()")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).startsWith("10.11.").contains("MariaDB");
                assertThat(row.getString(2)).isEqualTo(db.database());
                try (ResultSet tls = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
                    assertThat(tls.next()).isTrue();
                    assertThat(tls.getString(2)).isIn("TLSv1.2", "TLSv1.3");
                }
            }
        }
    }

    @Test
    void anUnknownServerKindIsRefusedWithTheKnownOnes() {
        try (TestServers servers = new TestServers(Map.of(TestServers.KIND_VARIABLE, "embeded"))) {
            assertThatThrownBy(servers::primary)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JDBC_GUARD_TEST_SERVER=embeded is not one of local, embedded, container");
        }
    }
}
