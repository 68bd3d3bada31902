package dev.jdbcguard.testdb;

import java.util.List;
import java.util.Optional;

/**
 * A throwaway server (without TLS) that belongs to one test class alone, for tests that change global state
 * the shared servers must not see ({@code SET GLOBAL max_connections}, long transactions, start-up options such as
 * {@code --performance-schema=ON}). It costs a server start (seconds): use it only for such tests. The caller closes
 * it, which stops the server and deletes its files.
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
     * to its command line.
     *
     * @return empty when neither is available here (the caller skips, saying so)
     * @throws IllegalStateException when the server is there but does not start, with its log tail
     */
    public static Optional<DedicatedServer> start(String... serverOptions) {
        Optional<ServerBinaries> binaries = ServerBinaries.find(System.getenv("PATH"));
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

    @Override
    public void close() {
        server.close();
    }
}
