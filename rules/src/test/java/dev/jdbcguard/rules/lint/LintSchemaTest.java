package dev.jdbcguard.rules.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint replays a migration directory into a schema model and judges each statement against the schema before it. */
class LintSchemaTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String lint(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(dir.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Lint.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isIn(Lint.PASSED, Lint.FAILED);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void migration(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql, StandardCharsets.UTF_8);
    }

    /** The finding lines, without the algorithm note of ALTER findings (its own tests below pin it). */
    private static String findingLines(String output) {
        StringBuilder lines = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.contains(": warn ") || line.contains(": block ")) {
                lines.append(line.substring(line.indexOf(".sql:") + 1).replaceAll(" \\[(MySQL|MariaDB) [^\\]]*\\]$", "")).append('\n');
            }
        }
        return lines.toString();
    }

    @Test
    void everyAlterFindingSaysHowTheTargetServerRunsIt() throws IOException {
        migration("V1__t.sql", String.join("\n",
                "CREATE TABLE t (id BIGINT PRIMARY KEY, note VARCHAR(20), qty INT NOT NULL);",
                "ALTER TABLE t MODIFY note VARCHAR(10);",
                "ALTER TABLE t ADD COLUMN tenant_id BIGINT NOT NULL FIRST;",
                "ALTER TABLE t DROP COLUMN qty;", ""));
        String mysql = lint("--profile", "migration");
        assertThat(mysql).contains("VARCHAR(10): values longer than 10 characters are cut or refused on t [MySQL 8.0: COPY, writes blocked;"
                        + " on a large table use gh-ost, pt-online-schema-change or a PlanetScale deploy request, else state ALGORITHM=COPY, LOCK=SHARED]")
                .contains("ADD COLUMN tenant_id BIGINT NOT NULL without DEFAULT on t [MySQL 8.0: INSTANT, writes allowed; state ALGORITHM=INSTANT]")
                .contains("ALTER TABLE DROP COLUMN on t [MySQL 8.0: INSTANT, writes allowed; state ALGORITHM=INSTANT]");
        out.reset();
        // Before 8.0.29 an ADD COLUMN not at the end, and any DROP COLUMN, rebuild the table in place.
        assertThat(lint("--profile", "migration", "--server", "mysql-8.0.20"))
                .contains("without DEFAULT on t [MySQL 8.0.20: INPLACE, writes allowed; state ALGORITHM=INPLACE, LOCK=NONE]")
                .contains("ALTER TABLE DROP COLUMN on t [MySQL 8.0.20: INPLACE, writes allowed; state ALGORITHM=INPLACE, LOCK=NONE]");
        out.reset();
        assertThat(lint("--profile", "migration", "--server", "mariadb-10.11"))
                .contains("ALTER TABLE DROP COLUMN on t [MariaDB 10.11: INSTANT, writes allowed; state ALGORITHM=INSTANT]");
    }

    @Test
    void aBadServerIsBadInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Lint.run(List.of("--server", "oracle-19", dir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertThat(status).isEqualTo(Lint.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("server must look like mysql-8.0.40 or mariadb-10.11, not 'oracle-19'");
    }

    @Test
    void wideningIsQuietAndNarrowingIsLossyAgainstTheReplayedSchema() throws IOException {
        migration("V1__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20));\n");
        migration("V2__widen_id.sql", "ALTER TABLE orders MODIFY id BIGINT;\n");
        migration("V3__narrow_note.sql", "ALTER TABLE orders MODIFY note VARCHAR(10);\n");
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(
                "sql:1:1: warn ddl.lossy-type-change: MODIFY note VARCHAR(20) -> VARCHAR(10): values longer than 10 characters are cut or refused on orders\n");
    }

    @Test
    void flywayVersionsAreReplayedInVersionOrderNotNameOrder() throws IOException {
        // By name V10 sorts before V9: the ALTER would then meet an unknown table.
        migration("V10__narrow.sql", "ALTER TABLE t MODIFY c SMALLINT;\n");
        migration("V9__create.sql", "CREATE TABLE t (id BIGINT PRIMARY KEY, c INT NOT NULL);\n");
        assertThat(findingLines(lint("--profile", "migration")))
                .isEqualTo("sql:1:1: warn ddl.lossy-type-change: MODIFY c INT -> SMALLINT: values above 32767 are refused or clipped on t\n");
    }

    @Test
    void aTableTheReplayNeverCreatedIsUnknownAndModifyColumnWarnsAsWithoutAModel() throws IOException {
        migration("V1__alter.sql", "ALTER TABLE baseline_table MODIFY c VARCHAR(10);\n");
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(
                "sql:1:1: warn ddl.modify-column: ALTER TABLE MODIFY COLUMN on baseline_table"
                        + " (type change not judged: table baseline_table is not in the schema model)\n");
    }

    @Test
    void aConversionBetweenUnrelatedTypesKeepsModifyColumn() throws IOException {
        migration("V1__t.sql", "CREATE TABLE t (id BIGINT PRIMARY KEY, c INT);\nALTER TABLE t MODIFY c VARCHAR(20);\n");
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(
                "sql:2:1: warn ddl.modify-column: ALTER TABLE MODIFY COLUMN on t (INT -> VARCHAR(20): a conversion between unrelated types)\n");
    }

    @Test
    void aTableWithoutAKeyIsReportedAndAUniqueNotNullKeyCounts() throws IOException {
        migration("V1__tables.sql", String.join("\n",
                "CREATE TABLE audit (at DATETIME, what VARCHAR(200));",
                "CREATE TABLE by_email (email VARCHAR(255) NOT NULL, UNIQUE KEY uk_email (email));",
                "CREATE TABLE nullable_unique (email VARCHAR(255), UNIQUE KEY uk_email (email));",
                "CREATE TABLE keyed (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (id));",
                "ALTER TABLE keyed DROP PRIMARY KEY;", ""));
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(String.join("\n",
                "sql:1:1: warn ddl.no-primary-key: CREATE TABLE without a primary key or NOT NULL unique key on audit",
                "sql:3:1: warn ddl.no-primary-key: CREATE TABLE without a primary key or NOT NULL unique key on nullable_unique",
                "sql:5:1: warn ddl.no-primary-key: ALTER TABLE leaves the table without a primary key or NOT NULL unique key on keyed", ""));
    }

    @Test
    void aKeyOnAPrefixOrATextColumnIsNoRowKeyAsPlanetScaleSays() throws IOException {
        migration("V1__tables.sql", String.join("\n",
                "CREATE TABLE customers (email VARCHAR(255) NOT NULL, PRIMARY KEY (email(32)));",
                "CREATE TABLE documents (body TEXT NOT NULL, UNIQUE KEY uk_body (body(255)));",
                "CREATE TABLE by_email (email VARCHAR(255) NOT NULL, note TEXT, UNIQUE KEY uk_email (email), KEY k_note (note(20)));",
                "CREATE TABLE later (email VARCHAR(255) NOT NULL, body TEXT NOT NULL);",
                "CREATE UNIQUE INDEX uk_later ON later (email(10));",
                "ALTER TABLE by_email DROP INDEX uk_email, ADD UNIQUE KEY uk_prefix (email(8));", ""));
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(String.join("\n",
                "sql:1:1: warn ddl.no-primary-key: CREATE TABLE whose primary or NOT NULL unique keys index a column prefix or a"
                        + " TEXT/BLOB column, which does not identify a row on customers",
                "sql:2:1: warn ddl.no-primary-key: CREATE TABLE whose primary or NOT NULL unique keys index a column prefix or a"
                        + " TEXT/BLOB column, which does not identify a row on documents",
                "sql:4:1: warn ddl.no-primary-key: CREATE TABLE without a primary key or NOT NULL unique key on later",
                "sql:6:1: warn ddl.drop-index: ALTER TABLE DROP INDEX on by_email",
                "sql:6:1: warn ddl.no-primary-key: ALTER TABLE leaves the table without a primary key or NOT NULL unique key on by_email", ""));
    }

    @Test
    void aProfileThatRefusesDdlKeepsRefusingAModifyTheSchemaJudged() throws IOException {
        migration("V1__t.sql", String.join("\n",
                "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20));",
                "ALTER TABLE orders MODIFY id BIGINT;",
                "ALTER TABLE orders MODIFY note VARCHAR(10);", ""));
        // production's `ddl: block` refuses DDL as such: a widening is still refused, a lossy change warns on top
        assertThat(findingLines(lint("--profile", "production"))).contains(
                "sql:2:1: block ddl.modify-column: ALTER TABLE MODIFY COLUMN on orders (judged against the schema: MODIFY id INT -> BIGINT: every value fits)",
                "sql:3:1: block ddl.modify-column: ALTER TABLE MODIFY COLUMN on orders (judged against the schema: MODIFY note"
                        + " VARCHAR(20) -> VARCHAR(10): values longer than 10 characters are cut or refused)",
                "sql:3:1: warn ddl.lossy-type-change: MODIFY note VARCHAR(20) -> VARCHAR(10)");
    }

    @Test
    void planetscaleBlocksATableWithoutAKey() throws IOException {
        migration("V1__t.sql", "CREATE TABLE events (payload JSON);\n");
        assertThat(lint("--profile", "planetscale")).contains("block ddl.no-primary-key: CREATE TABLE without a primary key");
    }

    @Test
    void notNullWithoutDefaultOnAddAndOnNullToNotNull() throws IOException {
        migration("V1__t.sql", String.join("\n",
                "CREATE TABLE t (id BIGINT PRIMARY KEY, email VARCHAR(100) NULL);",
                "ALTER TABLE t ADD COLUMN tenant_id BIGINT NOT NULL;",
                "ALTER TABLE t ADD COLUMN flag TINYINT NOT NULL DEFAULT 0, ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE;",
                "ALTER TABLE t MODIFY email VARCHAR(100) NOT NULL;",
                "ALTER TABLE t MODIFY email VARCHAR(100) NULL;", ""));
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(String.join("\n",
                "sql:2:1: warn ddl.not-null-without-default: ADD COLUMN tenant_id BIGINT NOT NULL without DEFAULT on t",
                "sql:4:1: warn ddl.not-null-without-default: MODIFY email NULL -> NOT NULL: fails on the first existing NULL on t", ""));
    }

    @Test
    void enumChangesOtherThanAppendingAreReported() throws IOException {
        migration("V1__t.sql", String.join("\n",
                "CREATE TABLE t (id BIGINT PRIMARY KEY, status ENUM('new','paid') NOT NULL DEFAULT 'new');",
                "ALTER TABLE t MODIFY status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new';",
                "ALTER TABLE t MODIFY status ENUM('new','cancelled','paid','shipped') NOT NULL DEFAULT 'new';",
                "ALTER TABLE t MODIFY status ENUM('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new';",
                "ALTER TABLE t MODIFY status ENUM('new','paid') NOT NULL DEFAULT 'new';", ""));
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(String.join("\n",
                "sql:3:1: warn ddl.enum-change: MODIFY status ENUM values are inserted before existing ones: the table is rebuilt and ORDER BY changes on t",
                "sql:4:1: warn ddl.enum-change: MODIFY status ENUM values are reordered: the stored index of each value changes meaning and ORDER BY changes on t",
                "sql:5:1: warn ddl.enum-change: MODIFY status ENUM values [shipped, cancelled] are removed: rows holding them are refused or stored as '' on t", ""));
    }

    @Test
    void charsetChangesAndNarrowings() throws IOException {
        migration("V1__t.sql", String.join("\n",
                "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(50)) DEFAULT CHARSET=latin1;",
                "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;",
                "ALTER TABLE t MODIFY name VARCHAR(50) CHARACTER SET latin1;",
                "ALTER TABLE t DEFAULT CHARSET = utf8mb4;",
                "ALTER TABLE t DEFAULT CHARSET = latin1;", ""));
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(String.join("\n",
                "sql:2:1: warn ddl.charset-change: CONVERT TO CHARACTER SET utf8mb4 converts column name on t",
                "sql:3:1: warn ddl.lossy-type-change: MODIFY name character set utf8mb4 -> latin1: characters latin1 cannot hold are replaced by '?' or refused on t",
                "sql:5:1: warn ddl.charset-change: default CHARACTER SET utf8mb4 -> latin1 (columns added later use it; existing ones keep theirs) on t", ""));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("ddl.modify-column");
    }

    @Test
    void duplicateAndRedundantIndexes() throws IOException {
        migration("V1__t.sql", String.join("\n",
                "CREATE TABLE t (id BIGINT PRIMARY KEY, email VARCHAR(100) NOT NULL, a INT, b INT, UNIQUE KEY uk_email (email), KEY idx_email (email));",
                "CREATE INDEX idx_a_b ON t (a, b);",
                "CREATE INDEX idx_a ON t (a);",
                "ALTER TABLE t ADD INDEX idx_b (b), ADD INDEX idx_b_a (b, a);",
                "CREATE UNIQUE INDEX uk_a_b ON t (a, b);",
                "ALTER TABLE t DROP INDEX idx_b_a, ADD INDEX idx_b_a (b, a, id);", ""));
        assertThat(findingLines(lint("--profile", "migration"))).isEqualTo(String.join("\n",
                "sql:1:1: warn ddl.duplicate-index: index idx_email duplicates uk_email (same columns) on t",
                "sql:3:1: warn ddl.duplicate-index: index idx_a is redundant: its columns are a leftmost prefix of idx_a_b on t",
                "sql:4:1: warn ddl.duplicate-index: index idx_b_a makes idx_b redundant: its columns are a leftmost prefix of the new one on t",
                "sql:5:1: warn ddl.duplicate-index: index uk_a_b makes idx_a_b redundant (same columns); index uk_a_b makes idx_a redundant: its columns are a leftmost prefix of the new one on t",
                // the index dropped by the same ALTER is no duplicate of its replacement; idx_b still is redundant
                "sql:6:1: warn ddl.duplicate-index: index idx_b_a makes idx_b redundant: its columns are a leftmost prefix of the new one on t", ""));
    }

    @Test
    void guardAllowAndTableExceptionsCoverSchemaRules() throws IOException {
        migration("V1__t.sql", String.join("\n",
                "/* guard:allow ddl.no-primary-key */ CREATE TABLE log1 (line TEXT);",
                "CREATE TABLE log2 (line TEXT);", ""));
        Path rules = dir.resolveSibling(dir.getFileName() + "-rules.yaml");
        Files.writeString(rules, "extends: migration\ntables:\n  log2:\n    ddl.no-primary-key: off\n");
        assertThat(findingLines(lint("--rules", rules.toString()))).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 file, 0 findings");
    }

    @Test
    void renamesAndDropsMoveTheModel() throws IOException {
        migration("V1__t.sql", String.join("\n",
                "CREATE TABLE t (id INT PRIMARY KEY, c VARCHAR(20));",
                "RENAME TABLE t TO u;",
                "ALTER TABLE u RENAME COLUMN c TO d;",
                "ALTER TABLE u MODIFY d VARCHAR(5);",
                "DROP TABLE u;",
                "ALTER TABLE u MODIFY d VARCHAR(1);", ""));
        String findings = findingLines(lint("--profile", "migration", "--fail-on", "warn"));
        assertThat(findings).contains("sql:4:1: warn ddl.lossy-type-change: MODIFY d VARCHAR(20) -> VARCHAR(5)")
                .contains("sql:6:1: warn ddl.modify-column: ALTER TABLE MODIFY COLUMN on u (type change not judged: table u is not in the schema model)");
    }
}
