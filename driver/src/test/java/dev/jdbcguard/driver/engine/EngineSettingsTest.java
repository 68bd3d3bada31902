package dev.jdbcguard.driver.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.driver.url.GuardUrl;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The engine-wide settings: defaults, the environment fallback of the rule selection, and clear errors. */
class EngineSettingsTest {

    private static EngineSettings of(String query, Map<String, String> environment) throws SQLException {
        return EngineSettings.of(GuardUrl.parse("jdbc:guard:mysql://db:3306/shop" + query, new Properties()).settings(),
                environment);
    }

    @Test
    void defaultsAreProductionWithoutAFile() throws SQLException {
        EngineSettings settings = of("", Map.of());
        assertThat(settings.selection().profile()).isEqualTo("production");
        assertThat(settings.selection().rulesFile()).isNull();
        assertThat(settings.cacheSize()).isEqualTo(10_000);
        assertThat(settings.reloadInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.warningWindow()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void settingsWinOverTheEnvironmentWhichWinsOverTheDefault() throws SQLException {
        Map<String, String> environment = Map.of("JDBC_GUARD_PROFILE", "planetscale", "JDBC_GUARD_RULES", "/etc/guard.yaml");
        assertThat(of("", environment).selection().profile()).isEqualTo("planetscale");
        assertThat(of("", environment).selection().rulesFile()).isEqualTo(Path.of("/etc/guard.yaml"));
        EngineSettings given = of("?guard.profile=migration&guard.cache-size=500&guard.reload-interval=0s&guard.warning-window=500ms",
                environment);
        assertThat(given.selection().profile()).isEqualTo("migration");
        assertThat(given.cacheSize()).isEqualTo(500);
        assertThat(given.reloadInterval()).isZero();
        assertThat(given.warningWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(given).as("equal settings share an engine").isEqualTo(of("?guard.cache-size=500&guard.profile=migration"
                + "&guard.warning-window=500ms&guard.reload-interval=0s", environment));
    }

    @Test
    void malformedValuesNameTheSettingAndWhatItExpects() {
        assertThatThrownBy(() -> of("?guard.cache-size=lots", Map.of()))
                .isInstanceOf(SQLException.class)
                .hasMessage("[jdbc-guard] invalid guard.cache-size='lots': expected a whole number >= 0 such as 20 or 100_000, found 'lots'");
        assertThatThrownBy(() -> of("?guard.cache-size=0", Map.of()))
                .hasMessage("[jdbc-guard] invalid guard.cache-size='0': expected a whole number from 1 to 10_000_000, found '0'");
        assertThatThrownBy(() -> of("?guard.reload-interval=5x", Map.of()))
                .hasMessageStartingWith("[jdbc-guard] invalid guard.reload-interval='5x': unknown duration unit 'x'");
    }
}
