package dev.jdbcguard;

import static dev.jdbcguard.driver.testing.Guarded.admin;
import static dev.jdbcguard.driver.testing.Guarded.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.MysqlDataSource;
import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.driver.mysql.GuardQueryInterceptor;
import dev.jdbcguard.driver.proxy.GuardConnection;
import dev.jdbcguard.driver.url.GuardSetting;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GuardDataSource: wrapping any DataSource, or configured by URL. */
@ExtendWith(TestDatabaseExtension.class)
class GuardDataSourceTest {

    private final TestDatabase db;

    GuardDataSourceTest(TestDatabase db) {
        this.db = db;
    }

    private MysqlDataSource appDataSource() {
        MysqlDataSource target = new MysqlDataSource();
        target.setUrl(db.mysqlUrl(""));
        target.setUser(db.app().user());
        target.setPassword(db.app().password());
        return target;
    }

    @Test
    void wrapsAnyDataSource() throws SQLException {
        MysqlDataSource target = appDataSource();
        RecordingHook hook = new RecordingHook();
        GuardDataSource guarded = new GuardDataSource(target, hook);
        Properties settings = new Properties();
        settings.setProperty("guard.profile", "production");
        guarded.setProperties(settings);
        try (Connection connection = guarded.getConnection()) {
            assertThat(connection).isInstanceOf(GuardConnection.class).isInstanceOf(JdbcConnection.class);
            assertThat(single(connection, "SELECT 7")).isEqualTo("7");
        }
        assertThat(hook.requests.get(0).targetUrl()).isNull();
        assertThat(hook.requests.get(0).settings().get(GuardSetting.PROFILE)).contains("production");
        assertThat(hook.events).containsSubsequence("OPEN", "CONNECTED", "EXECUTE SELECT 7", "CLOSED");
        assertThat(guarded.isWrapperFor(MysqlDataSource.class)).isTrue();
        assertThat(guarded.unwrap(MysqlDataSource.class)).isSameAs(target);
        assertThat(guarded.unwrap(DataSource.class)).isSameAs(guarded);
    }

    @Test
    void aWrappedConnectorJDataSourceReportsStatusFlagsWhenItListsTheGuardsInterceptor() throws SQLException {
        MysqlDataSource target = appDataSource();
        target.setQueryInterceptors(GuardQueryInterceptor.class.getName());
        admin(db, "CREATE OR REPLACE TABLE ds_scan (id INT PRIMARY KEY, b VARCHAR(10))", "INSERT INTO ds_scan VALUES (1, 'a'), (2, 'b')");
        RecordingHook hook = new RecordingHook();
        try (Connection connection = new GuardDataSource(target, hook).getConnection()) {
            assertThat(single(connection, "SELECT COUNT(*) FROM ds_scan WHERE b = 'b'")).isEqualTo("1");
        }
        assertThat(hook.events).containsSubsequence("EXECUTE SELECT COUNT(*) FROM ds_scan WHERE b = 'b'",
                "FLAGS noIndex=true noGoodIndex=false", "AFTER SELECT COUNT(*) FROM ds_scan WHERE b = 'b'");
    }

    @Test
    void configuredByUrl() throws SQLException {
        RecordingHook hook = new RecordingHook();
        GuardDataSource guarded = new GuardDataSource(null, hook);
        guarded.setUrl(db.guardUrl("guard.rules=classpath:x.yaml"));
        try (Connection connection = guarded.getConnection(db.app().user(), db.app().password())) {
            assertThat(single(connection, "SELECT CURRENT_USER()")).startsWith(db.app().user() + "@");
        }
        assertThat(hook.requests.get(0).targetUrl()).isEqualTo(db.mysqlUrl(""));
        assertThat(hook.requests.get(0).settings().get(GuardSetting.RULES)).contains("classpath:x.yaml");
    }

    @Test
    void misconfigurationIsAClearError() {
        assertThatThrownBy(() -> new GuardDataSource().getConnection())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("neither a URL");
        MysqlDataSource target = new MysqlDataSource();
        GuardDataSource guarded = new GuardDataSource(target);
        Properties settings = new Properties();
        settings.setProperty("guard.prodile", "x");
        guarded.setProperties(settings);
        assertThatThrownBy(guarded::getConnection)
                .hasMessageContaining("unknown setting 'guard.prodile'")
                .hasMessageContaining("guard.profile, guard.rules");
    }
}
