package dev.jdbcguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.jdbcguard.driver.testing.Guarded.login;
import static dev.jdbcguard.driver.testing.Guarded.single;

import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.driver.proxy.GuardConnection;
import dev.jdbcguard.driver.url.GuardSetting;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The driver contract against the real test server: URL handling, target lookup, settings, errors. */
@ExtendWith(TestDatabaseExtension.class)
class GuardDriverTest {

    private final TestDatabase db;

    GuardDriverTest(TestDatabase db) {
        this.db = db;
    }

    /** The app user over TLS with the harness CA: the registered driver enforces the production profile's tls.required. */
    private Properties app() {
        return db.tls("VERIFY_IDENTITY", db.app());
    }

    @Test
    void driverManagerFindsTheRegisteredGuardDriverThroughTheServiceFile() throws SQLException {
        assertThat(DriverManager.getDriver(db.guardUrl(""))).isInstanceOf(GuardDriver.class);
        try (Connection connection = DriverManager.getConnection(db.guardUrl(""), app())) {
            assertThat(connection).isInstanceOf(GuardConnection.class);
            assertThat(single(connection, "SELECT DATABASE()")).isEqualTo(db.database());
        }
    }

    @Test
    void otherDriversUrlsAreNotTaken() throws SQLException {
        GuardDriver driver = new GuardDriver();
        assertThat(driver.acceptsURL(db.mysqlUrl(""))).isFalse();
        assertThat(driver.acceptsURL("jdbc:mariadb://h/db")).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
        assertThat(driver.connect(db.mysqlUrl(""), app())).isNull();
        assertThat(DriverManager.getDriver(db.mysqlUrl(""))).isNotInstanceOf(GuardDriver.class);
    }

    @Test
    void guardSettingsReachTheHookAndNeverTheTarget() throws SQLException {
        RecordingHook hook = new RecordingHook();
        Properties info = app();
        info.setProperty("guard.rules", "classpath:rules.yaml");
        try (Connection connection = new GuardDriver(hook).connect(db.guardUrl("guard.profile=production&connectTimeout=5000"), info)) {
            assertThat(single(connection, "SELECT 1")).isEqualTo("1");
        }
        var request = hook.requests.get(0);
        assertThat(request.targetUrl()).isEqualTo(db.mysqlUrl("connectTimeout=5000"));
        assertThat(request.properties()).doesNotContainKeys("guard.rules", "guard.profile").containsKey("user");
        assertThat(request.settings().get(GuardSetting.PROFILE)).contains("production");
        assertThat(request.settings().get(GuardSetting.RULES)).contains("classpath:rules.yaml");
    }

    @Test
    void anUnknownGuardKeyFailsBeforeAnythingConnects() {
        RecordingHook hook = new RecordingHook();
        assertThatThrownBy(() -> new GuardDriver(hook).connect(db.guardUrl("guard.profiles=production"), app()))
                .isInstanceOf(SQLException.class)
                .hasMessage("[jdbc-guard] unknown setting 'guard.profiles' in the URL " + db.guardUrl("") + "?...;"
                        + " known settings: guard.profile, guard.rules, guard.cache-size, guard.reload-interval, guard.warning-window,"
                        + " guard.schema-scripts, guard.explain-rate, guard.report, guard.mode");
        assertThat(hook.events).isEmpty();
    }

    @Test
    void malformedUrlsFailClearlyInConnect() {
        GuardDriver driver = new GuardDriver();
        for (String url : new String[] {"jdbc:guard:", "jdbc:guard:mysql", "jdbc:guard:mysql:"}) {
            assertThatThrownBy(() -> driver.connect(url, app()))
                    .as(url)
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("[jdbc-guard] malformed URL '" + url + "'");
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:guard:mysql", app()))
                .hasMessageStartingWith("[jdbc-guard] malformed URL 'jdbc:guard:mysql'");
    }

    @Test
    void aTargetWithoutADriverIsNamed() {
        RecordingHook hook = new RecordingHook();
        assertThatThrownBy(() -> new GuardDriver(hook).connect("jdbc:guard:nosuchdb://127.0.0.1/x", app()))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("[jdbc-guard] no registered JDBC driver accepts jdbc:nosuchdb:...")
                .hasMessageContaining("jdbc:guard:nosuchdb");
        assertThat(hook.events).isEmpty();
    }

    @Test
    void aTargetUrlItsDriverRejectsIsCalledMalformedNotMissing() {
        String withoutSlashes = db.guardUrl("").replace("mysql://", "mysql:");
        assertThatThrownBy(() -> new GuardDriver().connect(withoutSlashes, app()))
                .isInstanceOf(SQLException.class)
                .hasMessage("[jdbc-guard] the registered driver for jdbc:mysql:... does not accept the rest of this URL"
                        + " (the target of jdbc:guard:mysql:); write jdbc:guard:mysql://host:port/database")
                .hasMessageNotContaining(db.host());
    }

    @Test
    void aDeregisteredTargetDriverIsNoLongerUsed() throws SQLException {
        GuardDriver driver = new GuardDriver();
        driver.connect(db.guardUrl(""), app()).close();
        Driver mysql = DriverManager.getDriver(db.mysqlUrl(""));
        DriverManager.deregisterDriver(mysql);
        try {
            assertThatThrownBy(() -> driver.connect(db.guardUrl(""), app()))
                    .hasMessageStartingWith("[jdbc-guard] no registered JDBC driver accepts jdbc:mysql:...");
        } finally {
            DriverManager.registerDriver(mysql);
        }
        try (Connection connection = driver.connect(db.guardUrl(""), app())) {
            assertThat(single(connection, "SELECT 2")).isEqualTo("2");
        }
    }

    @Test
    void propertyInfoIsTheTargetsForTheStrippedUrlPlusTheGuardSettings() throws SQLException {
        DriverPropertyInfo[] info = new GuardDriver().getPropertyInfo(db.guardUrl("guard.profile=production&sslMode=REQUIRED"), login(db.app()));
        assertThat(Arrays.stream(info).map(p -> p.name)).contains("sslMode", "queryInterceptors", "guard.profile", "guard.rules");
        assertThat(Arrays.stream(info).filter(p -> p.name.equals("sslMode")).findFirst().orElseThrow().value).isEqualTo("REQUIRED");
        DriverPropertyInfo profile = Arrays.stream(info).filter(p -> p.name.equals("guard.profile")).findFirst().orElseThrow();
        assertThat(profile.value).isEqualTo("production");
        assertThat(profile.description).isEqualTo(GuardSetting.PROFILE.description());
    }

    @Test
    void aFactoryMayAdjustThePropertiesOrRefuse() throws SQLException {
        RecordingHook hook = new RecordingHook();
        hook.onOpen = request -> request.properties().setProperty("sessionVariables", "wait_timeout=1234");
        try (Connection connection = new GuardDriver(hook).connect(db.guardUrl(""), app())) {
            assertThat(single(connection, "SELECT @@wait_timeout")).isEqualTo("1234");
        }
        SQLException refusal = new SQLException("refused by policy");
        hook.onOpen = request -> {
            throw refusal;
        };
        assertThatThrownBy(() -> new GuardDriver(hook).connect(db.guardUrl(""), app())).isSameAs(refusal);
    }

    @Test
    void aHookRefusingAfterConnectClosesTheTargetAndSeesTheFailure() throws SQLException {
        RecordingHook hook = new RecordingHook();
        Connection[] seen = new Connection[1];
        hook.acceptConnected = target -> {
            seen[0] = target;
            return false;
        };
        assertThatThrownBy(() -> new GuardDriver(hook).connect(db.guardUrl(""), app()))
                .hasMessage("refused by test hook after connect");
        assertThat(seen[0].isClosed()).isTrue();
        assertThat(hook.events).containsExactly("OPEN", "CONNECTED", "CONNECT_FAILED refused by test hook after connect");
    }

    @Test
    void aFailedTargetConnectReachesTheCallerAndTheHook() {
        RecordingHook hook = new RecordingHook();
        Properties wrong = app();
        wrong.setProperty("password", "not-the-password");
        assertThatThrownBy(() -> new GuardDriver(hook).connect(db.guardUrl(""), wrong))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
        assertThat(hook.events).hasSize(2).first().isEqualTo("OPEN");
        assertThat(hook.events.get(1)).startsWith("CONNECT_FAILED Access denied");
    }
}
