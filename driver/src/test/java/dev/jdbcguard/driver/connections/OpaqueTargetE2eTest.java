package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.metrics.GuardBeans;
import static dev.jdbcguard.driver.testing.Guarded.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.driver.metrics.GuardMXBean;
import dev.jdbcguard.driver.metrics.TargetStats;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A target driver whose URLs have no {@code //host} ({@code jdbc:guard:relay:shop}), through the
 * registered guard driver and its engine: it connects, is capped per URL, and is named in the
 * metrics by its URL with the password masked.
 */
@ExtendWith(TestDatabaseExtension.class)
class OpaqueTargetE2eTest {

    private static final String ENGINE = "opaque-target.yaml (production)";
    private final TestDatabase db;

    OpaqueTargetE2eTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aUrlWithoutAHostConnectsIsCappedPerUrlAndNamedWithoutItsPassword() throws Exception {
        String password = db.app().password();
        Path rules = Files.createTempDirectory("jdbc-guard-opaque").resolve("opaque-target.yaml");
        Files.writeString(rules, "rules:\n  conn.cap: {action: block, max: 1, wait: 50ms}\n");
        String shop = "jdbc:guard:relay:shop?guard.rules=" + rules + "&password=" + password;
        String other = "jdbc:guard:relay:other?guard.rules=" + rules;
        Properties login = db.tls("VERIFY_IDENTITY", db.app());
        RelayDriver relay = new RelayDriver(db.mysqlUrl(""));
        DriverManager.registerDriver(relay);
        try (AllLogs logs = new AllLogs()) {
            try (Connection held = DriverManager.getConnection(shop, login)) {
                assertThat(single(held, "SELECT DATABASE()")).isEqualTo(db.database());

                Throwable refused = catchThrowable(() -> DriverManager.getConnection(shop, login).close());
                assertThat(refused).isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageStartingWith("[jdbc-guard] conn.cap: 1 connections open to ")
                        .hasMessageContaining("jdbc:relay:shop?password=***").hasMessageNotContaining(password);
                try (Connection elsewhere = DriverManager.getConnection(other, login)) {
                    assertThat(single(elsewhere, "SELECT 1")).as("another URL has its own cap").isEqualTo("1");
                }

                List<TargetStats> targets = engine().getTargets();
                assertThat(targets).extracting(TargetStats::getTarget)
                        .containsExactlyInAnyOrder("jdbc:relay:shop?password=***", "jdbc:relay:other");
                assertThat(targets).filteredOn(t -> t.getTarget().startsWith("jdbc:relay:shop")).singleElement()
                        .satisfies(t -> {
                            assertThat(t.getOpenConnections()).isEqualTo(1);
                            assertThat(t.getMaxConnections()).isEqualTo(1);
                            assertThat(t.getStatementCount()).isEqualTo(1L);
                        });
            }
            assertThat(logs.rendered()).isNotEmpty().noneMatch(line -> line.contains(password));
        } finally {
            DriverManager.deregisterDriver(relay);
        }
    }

    private static GuardMXBean engine() throws Exception {
        return GuardBeans.view(ENGINE);
    }

    /**
     * {@code jdbc:relay:<anything>}: connects to the harness's real server through the driver that
     * accepts its {@code jdbc:mysql://} URL. Not a mock: every call reaches MariaDB.
     */
    private static final class RelayDriver implements Driver {
        private final String serverUrl;
        private final Driver server;

        RelayDriver(String serverUrl) throws SQLException {
            this.serverUrl = serverUrl;
            this.server = DriverManager.getDriver(serverUrl);
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            return acceptsURL(url) ? server.connect(serverUrl, info) : null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith("jdbc:relay:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
            return server.getPropertyInfo(serverUrl, info);
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging");
        }
    }
}
