package dev.jdbcguard.rules.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint --mode observe} and the rule file's {@code allow:} entries, the same model the driver applies. */
class LintObserveAndAllowTest {

    private static final String MIGRATION = """
            DELETE FROM sessions;
            DELETE FROM orders;
            DROP TABLE legacy_orders;
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lint(Map<String, String> environment, String... args) throws IOException {
        Files.writeString(dir.resolve("V1__purge.sql"), MIGRATION);
        return Lint.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String sql() {
        return dir.resolve("V1__purge.sql").toString();
    }

    @Test
    void observeReportsTheBlocksAsWouldBlockAndPassesUnlessWarningsFail() throws IOException {
        assertThat(lint(Map.of(), "--mode", "observe", sql())).isEqualTo(Lint.PASSED);
        assertThat(out()).contains(sql() + ":1:1: would-block dml.no-where: DELETE without WHERE on sessions")
                .contains(sql() + ":3:1: would-block ddl.drop-table: DROP TABLE on legacy_orders")
                .endsWith("1 file, 3 findings (3 would-block, 0 warn) under profile production in observe mode;"
                        + " fails on block: passed\n");
        out.reset();
        assertThat(lint(Map.of(), "--mode", "observe", "--fail-on", "warn", sql())).isEqualTo(Lint.FAILED);
        out.reset();
        assertThat(lint(Map.of(), sql())).as("enforce, the default").isEqualTo(Lint.FAILED);
        assertThat(out()).contains(":1:1: block dml.no-where: ").endsWith("fails on block: FAILED\n");
    }

    @Test
    void theOptionOutranksTheEnvironmentWhichOutranksTheRuleFile() throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "mode: observe\n");
        assertThat(lint(Map.of(), "--rules", rules.toString(), sql())).isEqualTo(Lint.PASSED);
        assertThat(out()).contains("would-block dml.no-where");
        out.reset();
        assertThat(lint(Map.of(Mode.ENVIRONMENT, "enforce"), "--rules", rules.toString(), sql())).isEqualTo(Lint.FAILED);
        out.reset();
        assertThat(lint(Map.of(Mode.ENVIRONMENT, "enforce"), "--mode", "observe", sql())).isEqualTo(Lint.PASSED);
        assertThat(lint(Map.of(Mode.ENVIRONMENT, "audit"), sql())).isEqualTo(Lint.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("lint: invalid JDBC_GUARD_MODE='audit': expected enforce or observe");
    }

    @Test
    void allowEntriesLeaveTheirFindingsOutAndAreCounted() throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                allow:
                  - rule: dml.no-where
                    fingerprint: delete from sessions
                    reason: the session sweeper empties it every night
                  - rule: ddl
                    table: legacy_orders
                    reason: dropped after the export, ticket OPS-12
                """);
        assertThat(lint(Map.of(), "--rules", rules.toString(), "--format", "json", sql())).isEqualTo(Lint.FAILED);
        assertThat(out()).contains("\"allowed\": 2").doesNotContain("\"mode\"")
                .contains("DELETE without WHERE on orders")
                .doesNotContain("on sessions").doesNotContain("legacy_orders");
        out.reset();
        assertThat(lint(Map.of(), "--rules", rules.toString(), sql())).isEqualTo(Lint.FAILED);
        assertThat(out()).endsWith("1 file, 1 finding (1 block, 0 warn; 2 allowed by the rule file) under "
                + rules + " (extends production); fails on block: FAILED\n");
    }
}
