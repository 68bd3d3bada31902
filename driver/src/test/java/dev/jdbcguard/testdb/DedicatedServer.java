package dev.jdbcguard.testdb;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A throwaway server (without TLS) that belongs to one test class alone, for tests that change global state
 * the shared servers must not see ({@code SET GLOBAL max_connections}, long transactions, start-up options such as
 * {@code --performance-schema=ON}) and for fault tests that crash it ({@link #kill()}, {@link #restart()}). It costs
 * a server start (seconds): use it only for such tests. The caller closes it, which stops the server and deletes its
 * files.
 */
public final class DedicatedServer implements AutoCloseable {

    private final RunningServer server;
    private final TestDatabase database;

    private DedicatedServer(RunningServer server) {
        this.server = server;
        this.database = new TestDatabase(server.endpoint(), server.tls(), server.description(), () -> {
            throw new IllegalStateException("a dedicated server has no plaintext twin; it is plaintext already");
        });
    }

    /**
     * Starts a local {@code mariadbd}/{@code mysqld}, else the embedded MariaDB, with {@code serverOptions} appended
     * to its command line. {@value TestServers#KIND_VARIABLE} ({@code local}, {@code embedded} or {@code container})
     * forces one kind with no fallback, as for the shared servers.
     *
     * @return empty when neither is available here and no kind is forced (the caller skips, saying so)
     * @throws IllegalStateException when the server is there but does not start, with its log tail, or the forced
     *                               kind cannot be had here
     */
    public static Optional<DedicatedServer> start(String... serverOptions) {
        return start(System.getenv(), serverOptions);
    }

    /** As {@link #start(String...)}, choosing by {@code environment} rather than this process's. */
    static Optional<DedicatedServer> start(Map<String, String> environment, String... serverOptions) {
        Optional<TestServers.Kind> forced = TestServers.forcedKind(environment);
        if (forced.isPresent()) {
            return Optional.of(new DedicatedServer(
                    TestServers.start(forced.get(), environment, false, List.of(serverOptions))));
        }
        Optional<ServerBinaries> binaries = ServerBinaries.find(environment.get("PATH"));
        if (binaries.isEmpty() && EmbeddedBinaries.unavailableReason() == null) {
            binaries = Optional.of(EmbeddedBinaries.unpack());
        }
        return binaries.map(b -> new DedicatedServer(LocalServer.start(b, false, List.of(serverOptions))));
    }

    /**
     * Starts MySQL {@value ContainerServer#IMAGE} through Testcontainers with {@code serverOptions} appended to its
     * command line, whatever the local servers: the other server family's performance_schema and variables.
     *
     * @return empty when there is no Docker engine (the caller skips, saying so)
     */
    public static Optional<DedicatedServer> startMySqlContainer(String... serverOptions) {
        if (!ContainerServer.dockerAvailable()) {
            return Optional.empty();
        }
        return Optional.of(new DedicatedServer(ContainerServer.start(false, List.of(serverOptions))));
    }

    /** The server as the tests see it; {@link TestDatabase#tlsAvailable()} is false. */
    public TestDatabase database() {
        return database;
    }

    /**
     * Whether {@link #kill()} and {@link #restart()} work here: for a server process this run launched, not for a
     * container (Docker would map the port anew on restart).
     */
    public boolean restartable() {
        return server.process().isPresent();
    }

    /**
     * Kills the server with SIGKILL, as a crash does: every client connection breaks without a goodbye, and new
     * ones are refused until {@link #restart()}. Returns once the process has exited.
     *
     * @throws IllegalStateException when the server is not {@link #restartable()}
     */
    public void kill() {
        process().kill();
    }

    /**
     * Starts the killed server again on the same port, with its datadir (InnoDB recovers what was committed) and
     * logins; returns once the admin can log in, typically within a second or two.
     *
     * @throws IllegalStateException when the server is not {@link #restartable()}, is still running, or does not
     *                               come back within {@link LocalServer#READY_TIMEOUT}
     */
    public void restart() {
        process().restart();
    }

    private ServerProcess process() {
        return server.process().orElseThrow(() -> new IllegalStateException(
                "kill and restart need a server process of this run's own, not " + server.description()));
    }

    @Override
    public void close() {
        server.close();
    }
}
