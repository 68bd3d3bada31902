package dev.jdbcguard.rules.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps {@code rules/README.md} equal to what the catalog and profiles say. */
class RuleReferenceTest {

    private static final Path README = Path.of("README.md");

    @Test
    void committedReferenceIsTheGeneratedOne() throws Exception {
        String generated = RuleReference.markdown();
        if (Boolean.getBoolean("updateReference")) {
            Files.writeString(README, generated, StandardCharsets.UTF_8);
        }
        assertThat(README).as("rules/README.md is stale: regenerate with -DupdateReference=true").exists();
        assertThat(Files.readString(README, StandardCharsets.UTF_8)).isEqualTo(generated);
    }

    @Test
    void everyRuleHasItsSectionWithTextAndADefaultPerProfile() {
        String generated = RuleReference.markdown();
        for (Rule rule : RuleCatalog.rules()) {
            assertThat(generated).contains("\n### " + rule.id() + "\n");
            assertThat(rule.what()).isNotBlank();
            assertThat(rule.why()).isNotBlank();
            assertThat(rule.fix()).isNotBlank();
        }
        for (String profile : RuleFiles.PROFILES) {
            assertThat(RuleFiles.profileDescription(profile)).isNotBlank();
        }
        assertThat(generated).contains("| [`ddl.drop-table`](#ddldrop-table) | before execution; `lint` | block | block | warn | warn |");
        assertThat(generated).contains("| `max-rows` | a whole number from 1 to 1_000_000_000_000 | `10_000` (planetscale: `100_000`) |");
    }

    @Test
    void theParityTableNamesCatalogRulesAndSaysWhyWhereItNamesNone() {
        assertThat(Parity.PLANETSCALE).extracting(Parity.Row::check).contains("`NO_UNIQUE_KEY`", "`INVALID_CHARSET`");
        assertThat(Parity.BYTEBASE).extracting(Parity.Row::check).contains("`table.require-pk`", "`statement.where.require`");
        for (Parity.Row row : Parity.rows()) {
            for (String id : row.rules()) {
                assertThat(RuleCatalog.rule(id)).as(row.check() + " names " + id).isNotNull();
            }
            assertThat(row.how()).as(row.check()).isNotBlank().doesNotContain("|");
            if (row.rules().isEmpty()) {
                assertThat(row.how()).as(row.check()).startsWith("Not");
            }
        }
        assertThat(RuleReference.markdown()).contains("| `NO_UNIQUE_KEY` | [`ddl.no-primary-key`](#ddlno-primary-key) | ");
    }
}
