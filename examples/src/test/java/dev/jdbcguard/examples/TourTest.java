package dev.jdbcguard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a user runs it: the tour in a JVM of its own, on its own throwaway
 * server, must print the guard's five lines in order and exit 0.
 */
class TourTest {

    /** Server start (up to ~20 s on a loaded 2-core machine, plus a first unpack) and five steps. */
    private static final long TIMEOUT_SECONDS = 240;

    @Test
    void theTourShowsTheGuardsFiveLinesInOrderAndExitsZero(@TempDir Path dir) throws IOException, InterruptedException {
        Path output = dir.resolve("tour.out");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process tour = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Tour.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        boolean ended = tour.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            tour.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(ended).as("the tour ended within %d s; it printed:%n%s", TIMEOUT_SECONDS, printed).isTrue();
        assertThat(tour.exitValue()).as("exit code; it printed:%n%s", printed).isZero();
        List<String> lines = printed.lines().toList();
        assertLinesInOrder(lines, printed,
                "1. TLS check.",
                "WARN jdbcguard.tls.required - [jdbc-guard] tls.required BLOCK: connection to app@127.0.0.1:",
                "   refused: the application got java.sql.SQLNonTransientConnectionException",
                "INFO jdbcguard - jdbc-guard active for app@127.0.0.1:",
                "   connected over TLSv1.",
                "2. DELETE without WHERE",
                "WARN jdbcguard.dml.no-where - [jdbc-guard] dml.no-where BLOCK: DELETE without WHERE on orders",
                "   refused: the application got ",
                "3. DROP COLUMN",
                "WARN jdbcguard.ddl.drop-column - [jdbc-guard] ddl.drop-column BLOCK: ALTER TABLE DROP COLUMN on orders",
                "   refused: the application got ",
                "4. N+1",
                "WARN jdbcguard.query.n-plus-one - [jdbc-guard] query.n-plus-one WARN: the same statement ran 11 times",
                "5. Unindexed query",
                "WARN jdbcguard.query.unindexed - [jdbc-guard] query.unindexed WARN: ",
                "Tour done: the guard did all five.");
        assertThat(printed).doesNotContain("UNEXPECTED");
    }

    /** Each prefix starts a printed line, each after the line the one before it started. */
    private static void assertLinesInOrder(List<String> lines, String printed, String... prefixes) {
        int from = 0;
        for (String prefix : prefixes) {
            int found = -1;
            for (int i = from; i < lines.size() && found < 0; i++) {
                if (lines.get(i).startsWith(prefix)) {
                    found = i;
                }
            }
            assertThat(found).as("a line starting with \"%s\" after line %d; the tour printed:%n%s", prefix, from, printed)
                    .isNotNegative();
            from = found + 1;
        }
    }
}
