package dev.jdbcguard.driver.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.driver.url.GuardUrl;
import dev.jdbcguard.rules.Mode;
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
        assertThat(settings.schemaScripts()).as("schema tools' statements get the connection's rules").isNull();
    }

    @Test
    void modeIsTheSettingElseTheEnvironmentElseLeftToTheRuleFile() throws SQLException {
        Map<String, String> observe = Map.of(Mode.ENVIRONMENT, "observe");
        assertThat(of("", Map.of()).mode()).as("unset: the rule file's mode:, else enforce").isNull();
        assertThat(of("", observe).mode()).isEqualTo(Mode.OBSERVE);
        assertThat(of("?guard.mode=enforce", observe).mode()).isEqualTo(Mode.ENFORCE);
        assertThat(of("?guard.mode=OBSERVE", Map.of()).mode()).isEqualTo(Mode.OBSERVE);
        assertThatThrownBy(() -> of("", Map.of(Mode.ENVIRONMENT, "dry-run")))
                .isInstanceOf(SQLException.class)
                .hasMessage("[jdbc-guard] invalid JDBC_GUARD_MODE='dry-run': expected enforce or observe");
    }

    @Test
    void schemaScriptsNameAProfileAndAnUnknownOneStopsTheEngine() throws SQLException {
        assertThat(of("?guard.schema-scripts=migration", Map.of()).schemaScripts()).isEqualTo("migration");
        assertThatThrownBy(() -> GuardEngine.start(of("?guard.schema-scripts=migrations", Map.of())))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("[jdbc-guard] invalid guard.schema-scripts='migrations': ");
    }

    @Test
    void theSchemaToolsAreSpringsScriptInitializerAndHibernatesSchemaToolOnly() {
        assertThat(SchemaTools.tool("org.springframework.jdbc.datasource.init.ScriptUtils")).startsWith("Spring's SQL script initializer");
        assertThat(SchemaTools.tool("org.hibernate.tool.schema.internal.exec.GenerationTargetToDatabase"))
                .startsWith("Hibernate's schema tool");
        assertThat(SchemaTools.tool("org.springframework.jdbc.core.JdbcTemplate")).isNull();
        assertThat(SchemaTools.tool("org.hibernate.engine.jdbc.internal.ResultSetReturnImpl")).isNull();
        assertThat(SchemaTools.tool("com.acme.Setup")).isNull();
        assertThat(SchemaTools.caller()).as("no schema tool on a test's stack").isNull();
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
