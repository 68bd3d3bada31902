package dev.jdbcguard.junit;

import static dev.jdbcguard.Finding.Action.WARN;
import static dev.jdbcguard.StatementEvent.Kind.SELECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The run's findings report, written when a run that used the extension ends. */
class RunReportTest {

    private static final String LOOKUP = "select name from customers where id = ?";

    @ExtendWith(JdbcGuardExtension.class)
    static class Run {
        @Test
        @AllowFinding("query.n-plus-one")
        void first() {
            for (int i = 0; i < 3; i++) {
                Published.statement(SELECT, LOOKUP);
            }
            Published.publish("query.n-plus-one", WARN, LOOKUP);
        }

        @Test
        void second() {
            Published.statement(SELECT, "select 1");
        }
    }

    @Test
    void aRunWritesTheHtmlAndJsonReportOfEverythingItsTestsRan(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("jdbc-guard");
        assertThat(Kit.run(Run.class, Map.of(RunReport.DIRECTORY, reports.toString())).failed().count()).isZero();

        String json = Files.readString(reports.resolve("report.json"));
        assertThat(json).contains("\"source\": \"junit\"")
                .contains("{\"action\": \"WARN\", \"rule\": \"query.n-plus-one\", \"tables\": [\"orders\"], \"fingerprint\": \""
                        + LOOKUP + "\", \"occurrences\": 1")
                .contains("\"fingerprint\": \"" + LOOKUP + "\", \"kind\": \"SELECT\", \"calls\": 3")
                .contains("\"fingerprint\": \"select 1\", \"kind\": \"SELECT\", \"calls\": 1")
                .contains("\"statements\": 4");
        assertThat(Files.readString(reports.resolve("report.html"))).startsWith("<!DOCTYPE html>")
                .contains("<td class=\"rule\">query.n-plus-one</td>");
        assertThat(reports).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void offWritesNothing(@TempDir Path dir) {
        assertThat(Kit.run(Run.class, Map.of(RunReport.DIRECTORY, "off")).failed().count()).isZero();
        assertThat(dir).isEmptyDirectory();
    }
}
