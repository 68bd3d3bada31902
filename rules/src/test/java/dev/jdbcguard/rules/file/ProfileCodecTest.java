package dev.jdbcguard.rules.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Allow;
import dev.jdbcguard.rules.Mode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ProfileCodecTest {

    static List<String> profiles() {
        return RuleFiles.PROFILES;
    }

    /** The build's binary form (target/classes) is what a fresh parse of the YAML gives: the two cannot drift apart. */
    @ParameterizedTest
    @MethodSource("profiles")
    void theBuiltBinaryFormReadsBackAsTheYamlParses(String profile) throws IOException {
        RuleFile parsed = RuleFileParser.parse(RuleFiles.yamlResource(profile), RuleFiles.profileSource(profile));
        try (InputStream built = RuleFiles.class.getResourceAsStream(RuleFiles.PROFILE_RESOURCES + profile + ".bin")) {
            assertThat(built).as("the build wrote %s.bin (exec:java at process-classes)", profile).isNotNull();
            assertThat(ProfileCodec.decode(built)).isEqualTo(parsed);
        }
        assertThat(parsed.description()).as("a profile, not an empty document").isNotBlank();
    }

    /** Every field and parameter type a rule file can hold survives the round trip, not only those the profiles use. */
    @Test
    void everyFieldAndParameterTypeRoundTrips() throws IOException {
        RuleFile file = RuleFileParser.parse("""
                extends: production
                description: every field
                max-action: warn
                inline-allows: false
                mode: observe
                allow:
                  - rule: dml.no-where
                    table: audit_log
                    reason: the nightly purge
                rules:
                  tls.required: {action: block, mode: verify-ca, upgrade: true}
                  query.slow: {action: block, threshold: 250ms}
                  query.large-result: {max-rows: 100_000}
                  query.unindexed: {min-rows: 5, ignore-tables: [audit_log, app.sessions]}
                tables:
                  app.sessions:
                    query.unindexed: off
                """, "every-field.yaml");
        assertThat(file.mode()).isEqualTo(Mode.OBSERVE);
        assertThat(file.maxAction()).isEqualTo(Action.WARN);
        assertThat(file.allows()).extracting(Allow::table).containsExactly("audit_log");
        assertThat(file.rules()).flatExtracting(setting -> setting.params().values())
                .contains("verify-ca", true, Duration.ofMillis(250), 100_000L, List.of("audit_log", "app.sessions"));
        assertThat(file.tables()).containsKey("app.sessions");

        assertThat(ProfileCodec.decode(new ByteArrayInputStream(ProfileCodec.encode(file)))).isEqualTo(file);
    }

    @Test
    void aBinaryFormOfAnotherFormatIsRefused() {
        byte[] other = {0, 0, 0, 99};
        assertThatThrownBy(() -> ProfileCodec.decode(new ByteArrayInputStream(other)))
                .isInstanceOf(IOException.class).hasMessageContaining("format 99");
    }
}
