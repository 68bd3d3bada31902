package dev.jdbcguard.testdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived external command (openssl, mariadb-install-db) to completion.
 *
 * <p>Output goes to a file rather than a pipe so a chatty command can never block on a full pipe
 * buffer; on failure the exception carries the command line, exit code and the output tail, which is
 * all a reader needs to see why the harness could not start.
 */
final class Commands {

    private static final int TAIL_CHARS = 4_000;

    private Commands() {
    }

    /**
     * Runs {@code command} in {@code workDir} and waits at most {@code timeout}.
     *
     * @return the combined stdout/stderr of the command
     * @throws IllegalStateException if the command cannot start, times out or exits non-zero
     */
    static String run(Path workDir, Duration timeout, List<String> command) {
        Path log = workDir.resolve("command-" + System.nanoTime() + ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s: "
                        + String.join(" ", command) + "\n" + tail(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Exit code " + process.exitValue() + ": "
                        + String.join(" ", command) + "\n" + tail(output));
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // The whole work directory is deleted at the end of the run anyway.
            }
        }
    }

    /** The last few thousand characters of a log file, or a note that it is unreadable. */
    static String tail(Path file) {
        try {
            return Files.exists(file) ? tail(Files.readString(file, StandardCharsets.ISO_8859_1)) : "(no " + file + ")";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static String tail(String text) {
        return text.length() <= TAIL_CHARS ? text : "..." + text.substring(text.length() - TAIL_CHARS);
    }
}
