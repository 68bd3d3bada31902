package dev.jdbcguard.rules.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSelectionTest {

    @Test
    void driverSettingsBeatTheEnvironmentWhichBeatsTheDefault() {
        Map<String, String> env = Map.of("JDBC_GUARD_PROFILE", "development", "JDBC_GUARD_RULES", "/env/rules.yaml");
        assertThat(RuleSelection.select("planetscale", "/props/rules.yaml", env))
                .isEqualTo(new RuleSelection("planetscale", Path.of("/props/rules.yaml")));
        assertThat(RuleSelection.select(null, " ", env))
                .isEqualTo(new RuleSelection("development", Path.of("/env/rules.yaml")));
        assertThat(RuleSelection.select(null, null, Map.of())).isEqualTo(new RuleSelection("production", null));
    }

    @Test
    void aProfileSelectionLoadsThatProfile() {
        assertThat(RuleSelection.select("development", null, Map.of()).load().action("ddl.drop-table")).isEqualTo(Action.WARN);
        assertThatThrownBy(() -> RuleSelection.select(null, null, Map.of("JDBC_GUARD_PROFILE", "staging")).load())
                .isInstanceOf(RuleFileException.class)
                .hasMessage("guard.profile/JDBC_GUARD_PROFILE: unknown profile 'staging'; expected one of production, planetscale, development, migration");
        assertThatThrownBy(() -> new RuleSelection("prod", Path.of("/nowhere/rules.yaml")).load())
                .hasMessageStartingWith("guard.profile/JDBC_GUARD_PROFILE: unknown profile 'prod'");
    }

    @Test
    void aFileWithoutExtendsBuildsOnTheSelectedProfile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("r.yaml"), "rules:\n  query.select-star: block\n");
        try (RuleSource source = RuleSelection.select("planetscale", file.toString(), Map.of()).open(Duration.ZERO)) {
            assertThat(source).isInstanceOf(ReloadingRules.class);
            assertThat(source.current().action("query.select-star")).isEqualTo(Action.BLOCK);
            assertThat(source.current().action("planetscale.load-data")).isEqualTo(Action.BLOCK);
        }
        try (RuleSource source = RuleSelection.select("migration", null, Map.of()).open(Duration.ofSeconds(1))) {
            assertThat(source.current().rules()).isEqualTo(RuleFiles.profile("migration").rules());
        }
    }
}
