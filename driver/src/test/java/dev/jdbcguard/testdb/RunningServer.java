package dev.jdbcguard.testdb;

import java.util.Optional;

/**
 * A ready, provisioned test server that this run is responsible for (or, for an external server, the
 * files this run made for it). {@link #close()} stops it and deletes whatever it left on disk.
 *
 * @param description one line: which server, how it was obtained, its TLS state and startup time
 * @param stop        stops the server and deletes its files; must not throw, so every server gets its turn
 * @param process     the server's process, for kill and restart; empty when it is not this run's to kill (an
 *                    external server, a container)
 */
record RunningServer(ServerEndpoint endpoint, TlsSupport tls, String description, Runnable stop,
                     Optional<ServerProcess> process) implements AutoCloseable {

    /** A server whose process is not this run's to kill. */
    RunningServer(ServerEndpoint endpoint, TlsSupport tls, String description, Runnable stop) {
        this(endpoint, tls, description, stop, Optional.empty());
    }

    @Override
    public void close() {
        stop.run();
    }
}
