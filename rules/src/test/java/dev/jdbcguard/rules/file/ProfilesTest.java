package dev.jdbcguard.rules.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    private final RuleSet production = RuleFiles.profile("production");
    private final RuleSet planetscale = RuleFiles.profile("planetscale");

    /** The schema-aware ddl rules: they judge a change's content, not whether DDL may run, so they warn instead. */
    private static final java.util.Set<String> SCHEMA_RULES = java.util.Set.of(RuleCatalog.DDL_NO_PRIMARY_KEY,
            RuleCatalog.DDL_NOT_NULL_WITHOUT_DEFAULT, RuleCatalog.DDL_LOSSY_TYPE_CHANGE, RuleCatalog.DDL_ENUM_CHANGE,
            RuleCatalog.DDL_CHARSET_CHANGE, RuleCatalog.DDL_DUPLICATE_INDEX);

    @Test
    void productionBlocksEveryDdlUnboundedWriteAndUnreadableSql() {
        for (RuleSet rules : new RuleSet[] {production, planetscale}) {
            for (Rule rule : RuleCatalog.rulesUnder("ddl")) {
                if (!SCHEMA_RULES.contains(rule.id())) {
                    assertThat(rules.action(rule.id())).as(rules + " " + rule.id()).isEqualTo(Action.BLOCK);
                }
            }
            assertThat(rules.action("dml.no-where")).isEqualTo(Action.BLOCK);
            assertThat(rules.action("query.unparseable")).isEqualTo(Action.BLOCK);
            assertThat(rules.action("tls.required")).isEqualTo(Action.BLOCK);
            assertThat(rules.rule("tls.required").choice("mode")).isEqualTo("verify-identity");
            assertThat(rules.rule("tls.required").flag("upgrade")).isFalse();
            assertThat(rules.action("conn.cap")).isEqualTo(Action.BLOCK);
            assertThat(rules.rule("conn.cap").count("max")).isEqualTo(20);
            assertThat(rules.rule("conn.cap").duration("wait")).isEqualTo(Duration.ofSeconds(5));
            assertThat(rules.action("query.select-star")).isEqualTo(Action.OFF);
            for (String warns : new String[] {"query.slow", "query.unindexed", "query.bad-index", "query.n-plus-one",
                    "query.large-result", "tx.long", "conn.leak", "conn.churn", "conn.lifetime", "conn.credentials-in-url"}) {
                assertThat(rules.action(warns)).as(rules + " " + warns).isEqualTo(Action.WARN);
            }
        }
        assertThat(production.rule("query.slow").duration("threshold")).isEqualTo(Duration.ofSeconds(1));
        assertThat(production.rule("tx.long").duration("threshold")).isEqualTo(Duration.ofSeconds(30));
        assertThat(production.rule("query.large-result").count("max-rows")).isEqualTo(10_000);
        assertThat(production.rule("query.unindexed").choice("detect")).isEqualTo("auto");
    }

    @Test
    void schemaRulesWarnUnderProductionAndMigrationAndPlanetscaleBlocksATableWithoutAKey() {
        RuleSet migration = RuleFiles.profile("migration");
        for (String id : SCHEMA_RULES) {
            assertThat(production.action(id)).as(id).isEqualTo(Action.WARN);
            assertThat(migration.action(id)).as(id).isEqualTo(Action.WARN);
            assertThat(planetscale.action(id)).as(id).isEqualTo(id.equals(RuleCatalog.DDL_NO_PRIMARY_KEY) ? Action.BLOCK : Action.WARN);
        }
    }

    @Test
    void planetscaleAddsItsRulesAndLimits() {
        for (String id : new String[] {"planetscale.load-data", "planetscale.into-outfile", "planetscale.create-database",
                "planetscale.stored-routine"}) {
            assertThat(planetscale.action(id)).as(id).isEqualTo(Action.BLOCK);
            assertThat(production.action(id)).as(id).isEqualTo(Action.OFF);
        }
        assertThat(planetscale.action("planetscale.foreign-key")).isEqualTo(Action.WARN);
        assertThat(planetscale.action("planetscale.lock-tables")).isEqualTo(Action.WARN);
        assertThat(planetscale.action("planetscale.unsupported-syntax")).isEqualTo(Action.WARN);
        assertThat(production.action("planetscale.unsupported-syntax")).isEqualTo(Action.OFF);
        assertThat(planetscale.action("planetscale.direct-ddl")).isEqualTo(Action.OFF);
        assertThat(planetscale.rule("query.large-result").count("max-rows")).isEqualTo(100_000);
        assertThat(planetscale.rule("tx.long").duration("threshold")).isEqualTo(Duration.ofSeconds(20));
        assertThat(planetscale.rule("conn.lifetime").duration("threshold")).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void developmentTurnsEveryBlockIntoAWarningAndNothingElse() {
        RuleSet development = RuleFiles.profile("development");
        for (Rule rule : RuleCatalog.rules()) {
            Action expected = production.action(rule.id()).capAt(Action.WARN);
            assertThat(development.action(rule.id())).as(rule.id()).isEqualTo(expected);
        }
        assertThat(development.rules().values()).noneMatch(config -> config.action() == Action.BLOCK);
    }

    @Test
    void migrationAllowsDdlWarnsOnDestructiveDdlAndBlocksDropDatabase() {
        RuleSet migration = RuleFiles.profile("migration");
        assertThat(migration.action("ddl.drop-database")).isEqualTo(Action.BLOCK);
        for (Rule rule : RuleCatalog.rulesUnder("ddl")) {
            if (rule.id().equals("ddl.drop-database") || SCHEMA_RULES.contains(rule.id())) {
                continue;
            }
            assertThat(migration.action(rule.id())).as(rule.id()).isEqualTo(rule.destructive() ? Action.WARN : Action.OFF);
        }
        assertThat(migration.action("tls.required")).isEqualTo(Action.BLOCK);
        assertThat(migration.action("query.unparseable")).isEqualTo(Action.BLOCK);
    }

    @Test
    void unknownProfileIsRejectedWithASuggestion() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleFiles.profile("prodution"))
                .isInstanceOf(RuleFileException.class)
                .hasMessage("profile: unknown profile 'prodution'; did you mean 'production'?; expected one of "
                        + "production, planetscale, development, migration");
    }
}
