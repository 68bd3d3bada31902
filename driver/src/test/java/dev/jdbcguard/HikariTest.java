package dev.jdbcguard;

import static dev.jdbcguard.driver.testing.Guarded.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.driver.proxy.GuardConnection;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HikariCP on top of the guard, the way users configure it. */
@ExtendWith(TestDatabaseExtension.class)
class HikariTest {

    private final TestDatabase db;

    HikariTest(TestDatabase db) {
        this.db = db;
    }

    private HikariConfig config() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.guardUrl("guard.profile=production"));
        // production's tls.required: verify-identity, with the harness CA
        config.setDataSourceProperties(db.tls("VERIFY_IDENTITY", db.app()));
        config.setUsername(db.app().user());
        config.setPassword(db.app().password());
        config.setMaximumPoolSize(2);
        return config;
    }

    @Test
    void jdbcUrlAlone() throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(config())) {
            roundTrip(pool);
        }
    }

    @Test
    void driverClassName() throws SQLException {
        HikariConfig config = config();
        config.setDriverClassName(GuardDriver.class.getName());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            roundTrip(pool);
        }
    }

    @Test
    void guardDataSourceUnderThePoolSeesThePoolsSql() throws SQLException {
        RecordingHook hook = new RecordingHook();
        GuardDataSource guarded = new GuardDataSource(null, hook);
        guarded.setUrl(db.guardUrl(""));
        guarded.setUser(db.app().user());
        guarded.setPassword(db.app().password());
        HikariConfig config = new HikariConfig();
        config.setDataSource(guarded);
        config.setMaximumPoolSize(1);
        config.setConnectionTestQuery("SELECT 'pool-check'");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            roundTrip(pool);
        }
        assertThat(hook.events).contains("EXECUTE SELECT 'pool-check'", "PREPARE SELECT ? + 1", "CLOSED");
        assertThat(hook.only("OPEN")).hasSameSizeAs(hook.only("CLOSED"));
    }

    private static void roundTrip(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            assertThat(connection.isWrapperFor(GuardConnection.class)).isTrue();
            // HikariCP unwraps to its delegate when that implements the type: the guard's proxy does, so vendor calls stay guarded
            assertThat(connection.unwrap(JdbcConnection.class)).isInstanceOf(GuardConnection.class);
            try (PreparedStatement statement = connection.prepareStatement("SELECT ? + 1")) {
                statement.setInt(1, 41);
                try (ResultSet result = statement.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getInt(1)).isEqualTo(42);
                }
            }
            assertThat(single(connection, "SELECT 'through the pool'")).isEqualTo("through the pool");
        }
    }

}
