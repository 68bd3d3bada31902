package dev.jdbcguard.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Dedicated servers: one killed with SIGKILL comes back on its port with its data and logins, and
 * {@value TestServers#KIND_VARIABLE} chooses their kind as it does the shared servers'.
 */
@Tag("faults")
class DedicatedServerTest {

    @Test
    void aKilledServerRestartsOnTheSamePortWithItsCommittedData() throws SQLException {
        Optional<DedicatedServer> started = DedicatedServer.start();
        assumeTrue(started.isPresent(), "neither a local mariadbd/mysqld nor the embedded MariaDB");
        try (DedicatedServer server = started.get()) {
            assumeTrue(server.restartable(), "not restartable: " + server.database().describe());
            TestDatabase db = server.database();
            Connection before = db.adminConnection();
            try (Statement s = before.createStatement()) {
                s.execute("CREATE TABLE " + db.database() + ".kept (id INT PRIMARY KEY) ENGINE=InnoDB");
                s.execute("INSERT INTO " + db.database() + ".kept VALUES (1), (2), (3)");
            }

            server.kill();
            assertThatThrownBy(() -> before.createStatement().executeQuery("SELECT 1"))
                    .as("a connection open at the crash").isInstanceOf(SQLException.class);
            assertThatThrownBy(db::adminConnection).as("nothing listens until the restart")
                    .isInstanceOf(SQLException.class);
            before.close();

            server.restart();
            // on the port the test knew before the crash: db is the same object, its URL unchanged
            try (Connection after = db.adminConnection(); Statement s = after.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + db.database() + ".kept")) {
                r.next();
                assertThat(r.getInt(1)).as("committed rows survive the crash").isEqualTo(3);
            }
            try (Connection app = RawConnections.open(db.mysqlUrl(""), login(db.app()))) {
                assertThat(app.isValid(5)).as("the logins survive too").isTrue();
            }
            assertThatThrownBy(server::restart).as("a running server is not started twice")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");
        }
    }

    @Test
    void theServerKindVariableChoosesTheDedicatedServerToo() {
        String unavailable = EmbeddedBinaries.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        try (DedicatedServer server = DedicatedServer.start(Map.of(TestServers.KIND_VARIABLE, "embedded")).orElseThrow()) {
            assertThat(server.database().describe()).startsWith("embedded (" + EmbeddedBinaries.ARTIFACT + ") mariadbd")
                    .contains("no TLS");
        }
        assertThatThrownBy(() -> DedicatedServer.start(Map.of(TestServers.KIND_VARIABLE, "embeded")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not one of local, embedded");
    }

    private static Properties login(TestDatabase.Credentials who) {
        Properties properties = new Properties();
        properties.setProperty("user", who.user());
        properties.setProperty("password", who.password());
        properties.setProperty("sslMode", "DISABLED");
        return properties;
    }
}
