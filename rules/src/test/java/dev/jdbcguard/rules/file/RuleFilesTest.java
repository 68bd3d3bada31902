package dev.jdbcguard.rules.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

    private static RuleSet parse(String yaml) {
        return RuleFiles.parse(yaml, "rules.yaml", "production");
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(RuleFileException.class).hasMessage(message);
    }

    @Test
    void mostSpecificEntryOfAFileWinsAndAPrefixOverridesWhatItInherits() {
        RuleSet rules = parse("""
                rules:
                  ddl: warn
                  ddl.drop-table: block
                  conn: off
                """);
        assertThat(rules.action("ddl.drop-table")).isEqualTo(Action.BLOCK);
        assertThat(rules.action("ddl.truncate")).isEqualTo(Action.WARN);
        assertThat(rules.action("ddl.drop-database")).isEqualTo(Action.WARN);
        assertThat(rules.action("conn.cap")).as("production's conn.cap: block is under the file's conn: off")
                .isEqualTo(Action.OFF);
        assertThat(rules.action("dml.no-where")).as("not covered: inherited").isEqualTo(Action.BLOCK);
    }

    @Test
    void parametersOverrideWithoutChangingTheInheritedAction() {
        RuleSet rules = parse("""
                extends: planetscale
                rules:
                  query.slow: {threshold: 500ms}
                  query.large-result:
                    max-rows: 100000
                  conn.cap: {max: 5, wait: 2m}
                  tls.required: {mode: VERIFY-CA, upgrade: true}
                  query.unindexed: {action: block, detect: explain, min-rows: 50_000}
                """);
        assertThat(rules.action("query.slow")).isEqualTo(Action.WARN);
        assertThat(rules.rule("query.slow").duration("threshold")).isEqualTo(Duration.ofMillis(500));
        assertThat(rules.rule("query.large-result").count("max-rows")).isEqualTo(100_000);
        assertThat(rules.rule("conn.cap").count("max")).isEqualTo(5);
        assertThat(rules.rule("conn.cap").duration("wait")).isEqualTo(Duration.ofMinutes(2));
        assertThat(rules.rule("tls.required").choice("mode")).isEqualTo("verify-ca");
        assertThat(rules.rule("tls.required").flag("upgrade")).isTrue();
        assertThat(rules.action("query.unindexed")).isEqualTo(Action.BLOCK);
        assertThat(rules.rule("query.unindexed").choice("detect")).isEqualTo("explain");
        assertThat(rules.rule("query.unindexed").count("min-rows")).isEqualTo(50_000);
        assertThat(rules.action("planetscale.load-data")).as("extends planetscale").isEqualTo(Action.BLOCK);
        assertThat(rules.rule("tx.long").duration("threshold")).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void tableExceptionsFromIgnoreTablesAndTheTablesSection() {
        RuleSet rules = parse("""
                rules:
                  query: {ignore-tables: [audit_log, "`App`.Sessions"]}
                  query.select-star: warn
                tables:
                  audit_log:
                    dml.no-where: off
                    query.select-star: block
                """);
        RuleConfig selectStar = rules.rule("query.select-star");
        assertThat(selectStar.actionFor("orders")).isEqualTo(Action.WARN);
        assertThat(selectStar.actionFor("audit_log")).as("tables: beats ignore-tables").isEqualTo(Action.BLOCK);
        assertThat(rules.rule("query.unindexed").actionFor("app.sessions")).isEqualTo(Action.OFF);
        assertThat(rules.rule("query.unindexed").actionFor("other.sessions")).isEqualTo(Action.WARN);
        assertThat(rules.rule("query.unindexed").tables("ignore-tables")).containsExactly("audit_log", "app.sessions");
        RuleConfig noWhere = rules.rule("dml.no-where");
        assertThat(noWhere.actionFor("audit_log")).isEqualTo(Action.OFF);
        assertThat(noWhere.actionFor("shop.AUDIT_LOG")).isEqualTo(Action.OFF);
        assertThat(noWhere.actionFor("orders")).isEqualTo(Action.BLOCK);
        assertThat(noWhere.actionFor(null)).isEqualTo(Action.BLOCK);
    }

    @Test
    void maxActionCapsOnlyWhatIsInherited() {
        RuleSet rules = parse("""
                extends: development
                rules:
                  ddl.drop-database: block
                """);
        assertThat(rules.action("ddl.drop-database")).isEqualTo(Action.BLOCK);
        assertThat(rules.action("ddl.drop-table")).isEqualTo(Action.WARN);
        RuleSet capped = parse("max-action: off\nrules: {dml.no-where: warn}\n");
        assertThat(capped.rules().values()).allMatch(c -> c.action() == Action.OFF || c.id().equals("dml.no-where"));
        assertThat(capped.action("dml.no-where")).isEqualTo(Action.WARN);
    }

    @Test
    void anEmptyFileIsTheProfileItExtends() {
        RuleSet empty = RuleFiles.parse("# nothing yet\n", "rules.yaml", "planetscale");
        assertThat(empty.rules()).isEqualTo(RuleFiles.profile("planetscale").rules());
    }

    @Test
    void malformedYamlNamesTheLineAndColumn() {
        assertThatThrownBy(() -> parse("rules:\n  ddl: [warn\n"))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith("rules.yaml:3:1: malformed YAML: ")
                .satisfies(e -> assertThat(((RuleFileException) e).line()).isEqualTo(3));
    }

    @Test
    void unknownRuleIdSuggestsTheNearestOne() {
        assertRejected("rules:\n  ddl.drop-tabel: warn\n",
                "rules.yaml:2:3: unknown rule id 'ddl.drop-tabel'; did you mean 'ddl.drop-table'?");
        assertRejected("tables:\n  t:\n    dml.nowhere: off\n",
                "rules.yaml:3:5: unknown rule id 'dml.nowhere'; did you mean 'dml.no-where'?");
        assertRejected("rules:\n  completely.unrelated.thing: warn\n",
                "rules.yaml:2:3: unknown rule id 'completely.unrelated.thing'");
    }

    @Test
    void unknownKeysAndParametersSuggestTheNearestOne() {
        assertRejected("extend: production\n",
                "rules.yaml:1:1: unknown key 'extend'; did you mean 'extends'?; expected one of extends, description, max-action, inline-allows, mode, rules, tables, allow");
        assertRejected("rules:\n  query.slow: {treshold: 2s}\n",
                "rules.yaml:2:16: unknown parameter 'treshold' for query.slow; did you mean 'threshold'?; expected one of action, threshold");
    }

    @Test
    void badActionsDurationsNumbersAndChoicesSayWhatWasExpected() {
        assertRejected("rules:\n  ddl: deny\n", "rules.yaml:2:8: expected off, warn or block, found 'deny'");
        assertRejected("rules:\n  ddl:\n", "rules.yaml:2:7: expected off, warn or block, or a map with 'action' and parameters, for ddl");
        assertRejected("rules:\n  query.slow: {threshold: 30sec}\n",
                "rules.yaml:2:27: bad value for query.slow threshold: unknown duration unit 'sec' in '30sec'; expected ms, s, m, h or d");
        assertRejected("rules:\n  query.slow: {threshold: fast}\n",
                "rules.yaml:2:27: bad value for query.slow threshold: expected a duration such as 500ms, 30s, 2m, 1h or 1d, found 'fast'");
        assertRejected("rules:\n  conn.cap: {max: -3}\n",
                "rules.yaml:2:19: bad value for conn.cap max: expected a whole number >= 0 such as 20 or 100_000, found '-3'");
        assertRejected("rules:\n  conn.cap: {max: 1__0}\n",
                "rules.yaml:2:19: bad value for conn.cap max: expected a whole number >= 0 such as 20 or 100_000, found '1__0'");
        assertRejected("rules:\n  tls.required: {mode: preferred}\n",
                "rules.yaml:2:24: bad value for tls.required mode: expected one of required, verify-ca, verify-identity, found 'preferred'");
        assertRejected("rules:\n  tls.required: {upgrade: yes}\n",
                "rules.yaml:2:27: bad value for tls.required upgrade: expected true or false, found 'yes'");
        assertRejected("rules:\n  query.slow: {threshold: [1s]}\n",
                "rules.yaml:2:27: bad value for query.slow threshold: expected a duration from 1ms to 365d (units ms, s, m, h, d), found a list");
    }

    @Test
    void unknownProfileAndDuplicateKeysAndWrongShapes() {
        assertRejected("extends: prod\n", "rules.yaml:1:10: unknown profile 'prod'; expected one of production, planetscale, development, migration");
        assertRejected("extends: planetscal\n", "rules.yaml:1:10: unknown profile 'planetscal'; did you mean 'planetscale'?; expected one of production, planetscale, development, migration");
        assertRejected("rules:\n  ddl: warn\n  ddl: off\n", "rules.yaml:3:3: duplicate key 'ddl'");
        assertRejected("- ddl\n", "rules.yaml:1:1: expected a map with keys extends, description, max-action, inline-allows, mode, rules, tables, allow");
        assertRejected("rules: [ddl]\n", "rules.yaml:1:8: expected a map from rule id to an action or a map");
        assertRejected("tables:\n  audit_log:\n    dml.no-where: {action: off}\n",
                "rules.yaml:3:19: expected off, warn or block for dml.no-where");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> RuleFiles.load(missing, "production"))
                .isInstanceOf(RuleFileException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void loadsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), "rules:\n  query.select-star: warn\n");
        RuleSet rules = RuleFiles.load(file, "migration");
        assertThat(rules.action("query.select-star")).isEqualTo(Action.WARN);
        assertThat(rules.action("ddl.create-table")).as("no extends: builds on the default given").isEqualTo(Action.OFF);
        assertThat(rules.description()).isEqualTo(file + " (extends migration)");
        assertThatThrownBy(() -> rules.action("ddl.drop-tabel")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean 'ddl.drop-table'");
        assertThatThrownBy(() -> rules.rule("query.slow").count("threshold")).isInstanceOf(IllegalArgumentException.class);
        assertThat(rules.rule("query.select-star").tables("ignore-tables")).isEqualTo(List.of());
    }
}
