package dev.jdbcguard;

import static dev.jdbcguard.driver.testing.Guarded.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.driver.proxy.GuardConnection;
import dev.jdbcguard.driver.warnings.GuardWarning;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void requestsSharingAPooledConnectionAreNotOneNPlusOneLoop(@TempDir Path dir) throws Exception {
        // more than 10 executions of one statement within a minute on one connection, so timing plays no part
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n  query.n-plus-one: {max-repeats: 10, window: 60s}\n");
        HikariConfig config = config();
        config.setJdbcUrl(db.guardUrl("guard.rules=" + rules));
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            for (int request = 0; request < 15; request++) {
                try (Connection connection = pool.getConnection();
                     PreparedStatement lookup = connection.prepareStatement("SELECT ? + 2")) {
                    lookup.setInt(1, request);
                    lookup.executeQuery().close();
                    assertThat(nPlusOne(lookup.getWarnings())).as("request %d", request).isEmpty();
                }
            }
            try (Connection connection = pool.getConnection();
                 PreparedStatement lookup = connection.prepareStatement("SELECT ? + 2")) {
                for (int row = 0; row < 11; row++) {
                    lookup.setInt(1, row);
                    lookup.executeQuery().close();
                }
                assertThat(nPlusOne(lookup.getWarnings())).as("a loop within one borrow").hasSize(1);
            }
        }
    }

    private static List<SQLWarning> nPlusOne(SQLWarning chain) {
        List<SQLWarning> found = new ArrayList<>();
        for (SQLWarning w = chain; w != null; w = w.getNextWarning()) {
            if (w instanceof GuardWarning guard && guard.ruleId().equals("query.n-plus-one")) {
                found.add(w);
            }
        }
        return found;
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
