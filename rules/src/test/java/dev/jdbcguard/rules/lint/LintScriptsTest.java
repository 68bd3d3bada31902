package dev.jdbcguard.rules.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lint on files written the way real projects write them: Flyway migrations with DELIMITER routines (procedures with
 * IF and WHILE, triggers, events), install scripts that drop and recreate, dumps, CHECK constraints; and on inputs
 * that used to take seconds or the whole heap.
 */
class LintScriptsTest {

    @TempDir
    Path dir;

    private Path migrations;
    private String out;

    @BeforeEach
    void migrations() throws IOException {
        migrations = Files.createDirectory(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__tables.sql"), String.join("\n",
                "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance DECIMAL(12,2) NOT NULL, legacy_flag INT, closed_at DATETIME);",
                "CREATE TABLE audit_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, account_id BIGINT, at DATETIME);", ""));
        Files.writeString(migrations.resolve("V2__routines.sql"), String.join("\n",
                "DELIMITER //",                                                         // 1
                "CREATE PROCEDURE close_dormant(IN days INT)",                          // 2
                "BEGIN",                                                                // 3
                "  DECLARE done INT DEFAULT 0;",                                        // 4
                "  DECLARE n INT DEFAULT 0;",                                           // 5
                "  IF days > 0 THEN",                                                   // 6
                "    UPDATE accounts SET closed_at = NOW() WHERE balance = 0;",        // 7
                "  ELSEIF days < 0 THEN",                                               // 8
                "    ALTER TABLE accounts DROP COLUMN legacy_flag;",                    // 9
                "  END IF;",                                                            // 10
                "  WHILE n < 10 DO",                                                    // 11
                "    SET n = n + 1;",                                                   // 12
                "    DELETE FROM audit_log;",                                           // 13
                "  END WHILE;",                                                         // 14
                "END //",                                                               // 15
                "delimiter ;",                                                          // 16
                "DELIMITER $$",                                                         // 17
                "CREATE TRIGGER accounts_bu BEFORE UPDATE ON accounts FOR EACH ROW",    // 18
                "BEGIN",                                                                // 19
                "  IF NEW.balance < 0 THEN",                                            // 20
                "    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'negative balance; refused';",
                "  END IF;",                                                            // 22
                "  INSERT INTO audit_log (account_id, at) VALUES (NEW.id, NOW());",    // 23
                "END$$",                                                                // 24
                "CREATE EVENT purge_audit ON SCHEDULE EVERY 1 DAY DO",                  // 25
                "  DELETE FROM audit_log WHERE at < NOW() - INTERVAL 90 DAY$$",         // 26
                "DELIMITER ;",                                                          // 27
                "ALTER TABLE accounts ADD CONSTRAINT balance_not_negative CHECK (balance >= 0);", // 28
                ""));
    }

    private int lint(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(migrations.toString());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = Lint.run(all, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of());
        out = stdout.toString(StandardCharsets.UTF_8);
        return status;
    }

    private String v2(int line) {
        return migrations.resolve("V2__routines.sql") + ":" + line + ":";
    }

    @Test
    void migrationProfileReportsTheDdlInsideRoutinesAndNothingUnparseable() {
        assertThat(lint("--profile", "migration")).isEqualTo(Lint.PASSED);
        assertThat(out).doesNotContain("query.unparseable")
                .contains(v2(9) + "5: warn ddl.drop-column: ALTER TABLE DROP COLUMN on accounts")
                .contains(v2(13) + "5: warn dml.no-where: DELETE without WHERE on audit_log")
                .doesNotContain(v2(7)).doesNotContain(v2(26))
                .endsWith("2 files, 2 findings (0 block, 2 warn) under profile migration; fails on block: passed\n");
    }

    @Test
    void productionJudgesEachRoutineAsOneStatementAndItsBodyStatementsAsWhatTheyAre() {
        assertThat(lint()).isEqualTo(Lint.FAILED);
        assertThat(out).doesNotContain("query.unparseable")
                .contains(v2(2) + "1: block ddl.other: CREATE/ALTER of a routine, trigger or event")
                .contains(v2(18) + "1: block ddl.other: CREATE/ALTER of a routine, trigger or event")
                .contains(v2(25) + "1: block ddl.other: CREATE/ALTER of a routine, trigger or event")
                .contains(v2(9) + "5: block ddl.drop-column")
                .contains(v2(13) + "5: block dml.no-where")
                .contains(v2(28) + "1: block ddl.add-check: ALTER TABLE ADD CHECK on accounts");
    }

    @Test
    void aGuardAllowOnTheRoutineCoversItsBody() throws IOException {
        Files.writeString(migrations.resolve("V2__routines.sql"), String.join("\n",
                "DELIMITER //",
                "-- guard:allow dml.no-where (the cleanup empties the log on purpose)",
                "CREATE PROCEDURE cleanup() BEGIN DELETE FROM audit_log; END //",
                "CREATE PROCEDURE other() BEGIN DELETE FROM accounts; END //",
                "DELIMITER ;", ""));
        assertThat(lint("--profile", "migration")).isEqualTo(Lint.PASSED);
        assertThat(out).doesNotContain("on audit_log").contains(v2(4) + "32: warn dml.no-where: DELETE without WHERE on accounts");
    }

    @Test
    void anInstallScriptThatRecreatesItsTablesIsNoDropUnderMigration() throws IOException {
        Files.writeString(migrations.resolve("V3__install.sql"), String.join("\n",
                "DROP TABLE IF EXISTS `settings`;",
                "/*!40101 SET character_set_client = utf8mb4 */;",
                "CREATE TABLE `settings` (k VARCHAR(64) PRIMARY KEY, v TEXT);",
                "DROP TABLE IF EXISTS sessions;",
                "-- the sessions table is recreated below",
                "CREATE TABLE sessions (id CHAR(36) PRIMARY KEY);",
                "DROP TABLE IF EXISTS old_reports;",
                "CREATE TABLE reports (id INT PRIMARY KEY);",
                "DROP TABLE IF EXISTS a; CREATE TABLE a (id INT PRIMARY KEY);", ""));
        assertThat(lint("--profile", "migration")).isEqualTo(Lint.PASSED);
        Path v3 = migrations.resolve("V3__install.sql");
        assertThat(out).contains(v3 + ":1:1: warn ddl.drop-table: DROP TABLE on settings")
                .as("a SET between them: not directly followed")
                .doesNotContain(v3 + ":4:1: warn ddl.drop-table")
                .contains(v3 + ":7:1: warn ddl.drop-table: DROP TABLE on old_reports")
                .doesNotContain(v3 + ":9:");

        assertThat(lint()).isEqualTo(Lint.FAILED);
        assertThat(out).contains(v3 + ":4:1: block ddl.recreate-table: DROP TABLE IF EXISTS directly followed by CREATE TABLE"
                        + " (replaced by an empty table) on sessions")
                .contains(v3 + ":9:1: block ddl.recreate-table")
                .doesNotContain(v3 + ":4:1: block ddl.drop-table").doesNotContain(v3 + ":9:1: block ddl.drop-table");
    }

    @Test
    void dashesWithoutASpaceAreExplained() throws IOException {
        Files.writeString(migrations.resolve("V3__typo.sql"), "--DROP TABLE accounts;\nSELECT 1;\n");
        assertThat(lint("--profile", "migration")).isEqualTo(Lint.FAILED);
        assertThat(out).contains(":1:1: block query.unparseable: unparseable SQL: no statement keyword at offset 0"
                + " ('--' at offset 0 is not a comment in MySQL: a comment needs a space after '--', as in '-- note', or '#')");
    }

    @Test
    void aOneMegabyteStatementWithAHundredThousandSemicolonsLintsInUnderASecond() throws IOException {
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            literal.append("{\"k\":").append(i % 1000).append("};");
        }
        while (literal.length() < 1_000_000) {
            literal.append(' ');
        }
        Files.writeString(migrations.resolve("V3__docs.sql"), "CREATE TABLE docs (id INT PRIMARY KEY, body LONGTEXT);\n"
                + "INSERT INTO docs (id, body) VALUES (1, '" + literal + "');\nDELETE FROM docs;\n");
        lint("--profile", "migration"); // warm-up: the second run is what a CI job's JVM does after a few files
        long started = System.nanoTime();
        assertThat(lint("--profile", "migration")).isEqualTo(Lint.PASSED);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(out).contains("V3__docs.sql:3:1: warn dml.no-where: DELETE without WHERE on docs");
        assertThat(millis).as("ms for a 1 MB statement with 100,000 ';'").isLessThan(1_000);
    }

    /**
     * 300,000 statements (about 20 MB, 40 MB as a Java string) in a JVM with a 48 MB heap: lint keeps one statement
     * at a time, so it passes; reading the file whole, or classifying it whole, runs out of memory.
     */
    @Test
    void aFileMuchLargerThanTheHeapLintsInAChildJvmWithA48MegabyteHeap() throws Exception {
        Path big = dir.resolve("big.sql");
        try (Writer writer = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            writer.write("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(100), qty INT);\n");
            for (int i = 0; i < 300_000; i++) {
                writer.write("INSERT INTO t (id, name, qty) VALUES (" + i + ", 'name " + i + "; seed', " + (i % 97) + ");\n");
            }
            writer.write("DELETE FROM t;\n");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                "dev.jdbcguard.rules.lint.LintScriptsTest$Main", "--profile", "migration", "--format", "json", big.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("\"rule\": \"dml.no-where\"").contains("\"failed\": false").doesNotContain("OutOfMemoryError");
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** lint in a child JVM. */
    static final class Main {
        public static void main(String[] args) {
            System.exit(Lint.run(List.of(args), System.out, System.err, Map.of()));
        }
    }
}
