package dev.jdbcguard.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Moves the loopback server to CPUs of its own with {@code taskset}, so that the server and the benchmark JVM
 * (which {@code run.sh} starts under {@code taskset} on the other CPUs) stop taking each other's cores and
 * caches in turns. The harness starts the server as a child of the benchmark JVM, so it inherits the JVM's
 * CPUs; this re-pins every thread of it, found through its pid file ({@code @@pid_file}). Threads the server
 * starts later (one per new connection) inherit the new CPUs. Done once per fork, before any connection is
 * opened; costs one query and one process start.
 */
final class ServerPinning {

    /** The CPU list for the server, in {@code taskset -c} syntax (e.g. {@code 0}); unset or blank: no pinning. */
    static final String VARIABLE = "JDBC_GUARD_BENCH_SERVER_CPUS";

    private ServerPinning() {
    }

    /** The CPU list asked for in the environment, if any. */
    static Optional<String> requested() {
        return Optional.ofNullable(System.getenv(VARIABLE)).map(String::strip).filter(cpus -> !cpus.isEmpty());
    }

    /**
     * Pins every thread of the server {@code admin} is connected to onto {@code cpus}.
     *
     * @throws IllegalStateException when the server is not a local process this user can pin (an external server
     *                               named by the harness's URL variable, say): pinning was asked for, so a run
     *                               without it would measure something else than it claims
     */
    static void pin(Connection admin, String cpus) throws SQLException {
        long pid = pid(admin);
        List<String> command = List.of("taskset", "--all-tasks", "--cpu-list", "--pid", cpus, Long.toString(pid));
        try {
            Process taskset = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + " (" + VARIABLE + " is set)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning the server", e);
        }
    }

    private static long pid(Connection admin) throws SQLException {
        Path pidFile;
        try (Statement statement = admin.createStatement(); ResultSet row = statement.executeQuery("SELECT @@pid_file")) {
            row.next();
            pidFile = Path.of(row.getString(1));
        }
        try {
            return Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the server's pid from " + pidFile + " (" + VARIABLE
                    + " is set, but the server is not a local process)", e);
        }
    }
}
