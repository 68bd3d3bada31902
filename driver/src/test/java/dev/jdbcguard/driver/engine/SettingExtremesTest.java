package dev.jdbcguard.driver.engine;

import static dev.jdbcguard.driver.engine.Guarded.rulesFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.jdbcguard.GuardDataSource;
import dev.jdbcguard.rules.Param;
import dev.jdbcguard.rules.ParamType;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every number and duration a rule file or a {@code guard.*} setting can carry, at the ends of its range and just
 * beyond them: within the range a connection opens and works, beyond it the connect fails with an
 * {@link SQLException} naming the file, line and column; no other exception ever leaves {@code Driver.connect} or
 * {@code DataSource.getConnection} (issue 17, hole 4: {@code conn.cap max: 2147483648} used to escape as an
 * {@code ArithmeticException}).
 */
@ExtendWith(TestDatabaseExtension.class)
class SettingExtremesTest {

    private final TestDatabase db;

    SettingExtremesTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theIssuesOverflowsAreRefusedWithTheirPosition() {
        for (String param : List.of("conn.cap: {max: 2147483648}", "conn.cap: {max-total: 2147483648}",
                "conn.churn: {max-opens: 2147483648}", "conn.leak: {threshold: 9223372036854775807d}")) {
            Path file = rulesFile("rules:\n  " + param + "\n");
            assertThatThrownBy(() -> DriverManager.getConnection(db.guardUrl("guard.reload-interval=0s&guard.rules="
                    + file), db.tls("VERIFY_IDENTITY", db.app())))
                    .as(param).isExactlyInstanceOf(SQLException.class)
                    .hasMessageStartingWith("[jdbc-guard] cannot load the rules: " + file + ":2:")
                    .hasMessageContaining("bad value for");
        }
    }

    @Test
    void everyRangedParameterAtAndBeyondItsEnds() throws SQLException {
        // one connection with every number and duration at its minimum, one with every one at its maximum
        StringBuilder atMin = new StringBuilder("rules:\n");
        StringBuilder atMax = new StringBuilder("rules:\n");
        int refused = 0;
        for (Rule rule : RuleCatalog.rules()) {
            List<Param> ranged = rule.params().stream().filter(param -> param.min() != null).toList();
            if (ranged.isEmpty()) {
                continue;
            }
            atMin.append("  ").append(rule.id()).append(":\n");
            atMax.append("  ").append(rule.id()).append(":\n");
            for (Param param : ranged) {
                atMin.append("    ").append(param.name()).append(": ").append(Param.render(param.min())).append('\n');
                atMax.append("    ").append(param.name()).append(": ").append(Param.render(param.max())).append('\n');
                for (Object outside : beyond(param)) {
                    assertRefused(rulesProperties(rule.id() + ":\n    " + param.name() + ": " + Param.render(outside)),
                            "bad value for " + rule.id() + " " + param.name());
                    refused++;
                }
                assertRefused(rulesProperties(rule.id() + ":\n    " + param.name() + ": 99999999999999999999999"),
                        "bad value for " + rule.id() + " " + param.name());
                refused++;
            }
        }
        assertOpens(rulesProperties(atMin.substring("rules:\n  ".length())), "every parameter at its minimum:\n" + atMin);
        assertOpens(rulesProperties(atMax.substring("rules:\n  ".length())), "every parameter at its maximum:\n" + atMax);
        assertThat(refused).as("connects refused beyond the ranges").isGreaterThanOrEqualTo(26);
    }

    @Test
    void guardSettingsAtTheirExtremes() throws SQLException {
        for (String good : List.of("guard.cache-size=1", "guard.cache-size=10000000", "guard.reload-interval=1d",
                "guard.warning-window=0s", "guard.warning-window=1d", "guard.explain-rate=1", "guard.explain-rate=10000")) {
            assertOpens(settings(good), good);
        }
        for (String bad : List.of("guard.cache-size=0", "guard.cache-size=10000001", "guard.cache-size=2147483648",
                "guard.cache-size=99999999999999999999999", "guard.reload-interval=2d",
                "guard.reload-interval=9223372036854775807d", "guard.warning-window=9223372036854775807ms",
                "guard.warning-window=-1s", "guard.explain-rate=0", "guard.explain-rate=10001",
                "guard.explain-rate=2147483648")) {
            assertRefused(settings(bad), "[jdbc-guard] invalid " + bad.substring(0, bad.indexOf('=')));
        }
    }

    /** Settings with a rule file whose {@code rules:} map is {@code entries} (indented as its first entry). */
    private Properties rulesProperties(String entries) {
        Properties properties = settings("guard.reload-interval=0s");
        properties.setProperty("guard.rules", rulesFile("rules:\n  " + entries + "\n").toString());
        return properties;
    }

    private Properties settings(String keyValue) {
        Properties properties = db.tls("VERIFY_IDENTITY", db.app());
        int eq = keyValue.indexOf('=');
        properties.setProperty(keyValue.substring(0, eq), keyValue.substring(eq + 1));
        return properties;
    }

    /** Just below the minimum (when a whole number or duration can be) and just above the maximum. */
    private static List<Object> beyond(Param param) {
        List<Object> values = new ArrayList<>();
        if (param.type() == ParamType.COUNT) {
            if ((Long) param.min() > 0) {
                values.add((Long) param.min() - 1);
            }
            values.add((Long) param.max() + 1);
        } else {
            if (!((Duration) param.min()).isZero()) {
                values.add(((Duration) param.min()).minusMillis(1));
            }
            values.add(((Duration) param.max()).plusMillis(1));
        }
        return values;
    }

    private void assertOpens(Properties properties, String what) throws SQLException {
        try (GuardDataSource dataSource = dataSource(properties);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT 1")) {
            assertThat(result.next()).as(what).isTrue();
        } catch (SQLException e) {
            fail(what + " should connect", e);
        }
    }

    private void assertRefused(Properties properties, String message) {
        try (GuardDataSource dataSource = dataSource(properties)) {
            assertThatThrownBy(dataSource::getConnection).as(message).isExactlyInstanceOf(SQLException.class)
                    .hasMessageContaining(message);
        }
        String url = db.guardUrl("");
        assertThatThrownBy(() -> DriverManager.getConnection(url, properties)).as(message)
                .isExactlyInstanceOf(SQLException.class).hasMessageContaining(message);
    }

    private GuardDataSource dataSource(Properties properties) {
        GuardDataSource dataSource = new GuardDataSource();
        dataSource.setUrl(db.guardUrl(""));
        dataSource.setProperties(properties);
        return dataSource;
    }
}
