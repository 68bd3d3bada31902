package dev.jdbcguard.rules.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintTest {

    private static final String EXAMPLES = Path.of("..", "examples", "db", "migration").toString();
    private static final String V3 = Path.of(EXAMPLES, "V3__drop_legacy_columns.sql").toString();
    private static final String V4 = Path.of(EXAMPLES, "V4__backfill_status.sql").toString();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lint(Map<String, String> env, String... args) {
        return Lint.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private int lint(String... args) {
        return lint(Map.of(), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void migrationProfileWarnsOnTheDestructiveAndUnboundedStatementsOnly() {
        assertThat(lint("--profile", "migration", EXAMPLES)).isEqualTo(Lint.PASSED);
        assertThat(out()).isEqualTo(String.join("\n",
                V3 + ":3:1: warn ddl.drop-column: ALTER TABLE DROP COLUMN on customers [MySQL 8.0: INSTANT, writes allowed; state ALGORITHM=INSTANT]",
                "    fix: Expand/contract: stop reading and writing the column (and remove it from ORM mappings) in one release, drop it in a later migration.",
                V3 + ":4:1: warn ddl.drop-table: DROP TABLE on legacy_orders",
                "    fix: Stop all reads and writes in one release, then drop in a later migration (expand/contract); keep a backup.",
                V4 + ":13:1: warn dml.no-where: UPDATE without WHERE on customers",
                "    fix: Add the WHERE clause you meant. To really change every row, say so on that statement with `/* guard:allow dml.no-where */` (not `WHERE 1=1`, which hides the intent from reviewers and trips `query.always-true-where`).",
                "4 files, 3 findings (0 block, 3 warn) under profile migration; fails on block: passed", ""));
        assertThat(err()).isEmpty();
    }

    @Test
    void failOnWarnFailsTheSameRun() {
        assertThat(lint("--profile", "migration", "--fail-on", "warn", EXAMPLES)).isEqualTo(Lint.FAILED);
        assertThat(out()).endsWith("fails on warn: FAILED\n");
    }

    @Test
    void productionBlocksEveryDdlAndTheGuardAllowExceptionHolds() {
        assertThat(lint(EXAMPLES)).isEqualTo(Lint.FAILED);
        assertThat(out()).contains(":2:1: block ddl.create-table: CREATE TABLE on customers")
                .contains(":12:1: block ddl.create-table: CREATE TABLE on orders")
                .contains(":3:1: block ddl.add-column: ALTER TABLE ADD COLUMN on orders")
                .contains(":4:1: block ddl.add-index: CREATE INDEX on orders")
                .contains(V4 + ":13:1: block dml.no-where")
                .doesNotContain("order_import_staging")
                .endsWith("4 files, 7 findings (7 block, 0 warn) under profile production; fails on block: FAILED\n");
    }

    @Test
    void jsonForCiTools() {
        assertThat(lint("--profile", "migration", "--format", "json", V4)).isEqualTo(Lint.PASSED);
        // "failed" follows the findings, which are written as they are found
        assertThat(out()).startsWith("{\n  \"rules\": \"profile migration\",\n  \"failOn\": \"block\",\n  \"files\": 1,\n  \"findings\": [\n")
                .contains("{\"file\": " + jsonString(V4) + ", \"line\": 13, \"column\": 1, \"rule\": \"dml.no-where\", \"action\": \"warn\", "
                        + "\"detail\": \"UPDATE without WHERE on customers\", \"table\": \"customers\", \"fingerprint\": ")
                .contains("\"fix\": \"Add the WHERE clause you meant. To really change every row, say so on that statement with `/* guard:allow dml.no-where */` (not `WHERE 1=1`, which hides the intent from reviewers and trips `query.always-true-where`).\"}")
                .endsWith("\n  ],\n  \"failed\": false\n}\n");
    }

    @Test
    void htmlIsTheFindingsReportWithOneRowPerRuleAndStatementNamingTheFileAndLine() {
        assertThat(lint("--profile", "migration", "--format", "html", EXAMPLES)).isEqualTo(Lint.PASSED);
        String html = out();
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<dt>Written by</dt><dd>lint · jdbc-guard ")
                .contains("<dt>Rules</dt><dd>profile migration</dd>")
                .contains("<code>" + V3 + ":3:1</code> ×1")
                .contains("<td class=\"rule\">ddl.drop-column</td>")
                .contains("<td class=\"rule\">dml.no-where</td>")
                .contains("No statements ran through the guard.");
        assertThat(html.split("<tr class=\"warn\">", -1)).as("three finding rows").hasSize(4);
        assertThat(err()).isEmpty();
        assertThat(lint("--format", "xml", EXAMPLES)).isEqualTo(Lint.BAD_INPUT);
        assertThat(err()).startsWith("lint: --format must be text, json, sarif, github or html, not 'xml'");
    }

    @Test
    void jsonEscapesAndACleanRunHasAnEmptyList(@TempDir Path dir) throws Exception {
        Path clean = Files.writeString(dir.resolve("a \"quoted\"\tname.sql"), "SELECT id FROM t WHERE id = 1;\n");
        assertThat(lint("--format", "json", clean.toString())).isEqualTo(Lint.PASSED);
        assertThat(out()).isEqualTo("{\n  \"rules\": \"profile production\",\n  \"failOn\": \"block\",\n  \"files\": 1,\n"
                + "  \"findings\": [],\n  \"failed\": false\n}\n");
        assertThat(Json.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    @Test
    void aGuardAllowCoversOnlyTheStatementItPrecedes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.sql"), "-- note; not a terminator\n/* guard:allow ddl.drop-table */ DROP TABLE a;\n"
                + "SELECT ';' FROM dual; DROP TABLE b; /* end; */\n");
        assertThat(lint(file.toString())).isEqualTo(Lint.FAILED);
        assertThat(out()).isEqualTo(file + ":3:23: block ddl.drop-table: DROP TABLE on b\n"
                + "    fix: Stop all reads and writes in one release, then drop in a later migration (expand/contract); keep a backup.\n"
                + "1 file, 1 finding (1 block, 0 warn) under profile production; fails on block: FAILED\n");
    }

    @Test
    void dynamicSqlIsJudgedByTheTextItRuns(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.sql"), "PREPARE s FROM 'DROP TABLE a';\nEXECUTE s;\n"
                + "SET @q = CONCAT('TRUNCATE ', 'b');\nPREPARE s FROM @q;\nCALL refresh();\n");
        assertThat(lint(file.toString())).isEqualTo(Lint.FAILED);
        assertThat(out()).contains(file + ":1:1: block ddl.drop-table: DROP TABLE on a\n")
                .contains(file + ":4:1: block query.dynamic-sql: PREPARE/EXECUTE IMMEDIATE of SQL text the statement does not spell out\n")
                .contains("2 findings (2 block, 0 warn)");
    }

    @Test
    void rulesComeFromTheEnvironmentWhenNoOptionSaysOtherwise(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "extends: migration\nrules:\n  ddl.drop-table: block\n");
        assertThat(lint(Map.of("JDBC_GUARD_RULES", rules.toString()), V3)).isEqualTo(Lint.FAILED);
        assertThat(out()).contains(":4:1: block ddl.drop-table").contains(":3:1: warn ddl.drop-column")
                .contains("under " + rules + " (extends migration)");
    }

    @Test
    void badInputExitsTwoWithThePreciseError(@TempDir Path dir) throws Exception {
        assertThat(lint("--profile", "migration", dir.resolve("missing").toString())).isEqualTo(Lint.BAD_INPUT);
        assertThat(err()).isEqualTo("lint: " + dir.resolve("missing") + ": no such file or directory\n");

        err.reset();
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n  dml.no-wher: warn\n");
        assertThat(lint("--rules", rules.toString(), EXAMPLES)).isEqualTo(Lint.BAD_INPUT);
        assertThat(err()).isEqualTo("lint: bad rules: " + rules + ":2:3: unknown rule id 'dml.no-wher'; did you mean 'dml.no-where'?\n");

        err.reset();
        assertThat(lint("--profile", "prod", EXAMPLES)).isEqualTo(Lint.BAD_INPUT);
        assertThat(err()).startsWith("lint: bad rules: guard.profile/JDBC_GUARD_PROFILE: unknown profile 'prod'");

        for (String[] args : new String[][] {{}, {"--format", "xml", EXAMPLES}, {"--fail-on", "off", EXAMPLES},
                {"--profile"}, {"--verbose", EXAMPLES}}) {
            err.reset();
            assertThat(lint(args)).as(String.join(" ", args)).isEqualTo(Lint.BAD_INPUT);
            assertThat(err()).startsWith("lint: ").contains(Lint.USAGE);
        }

        err.reset();
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(lint(empty.toString())).isEqualTo(Lint.BAD_INPUT);
        assertThat(err()).isEqualTo("lint: no .sql files in [" + empty + "]\n");

        err.reset();
        Path binary = Files.write(dir.resolve("bad.sql"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThat(lint(binary.toString())).isEqualTo(Lint.BAD_INPUT);
        assertThat(err()).isEqualTo("lint: " + binary + ": not UTF-8 text\n");
        assertThat(out()).isEmpty();
    }

    private static String jsonString(String value) {
        return Json.string(value);
    }
}
