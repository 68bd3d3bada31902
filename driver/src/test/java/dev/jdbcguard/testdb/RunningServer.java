package dev.jdbcguard.testdb;

/**
 * A ready, provisioned test server that this run is responsible for (or, for an external server, the
 * files this run made for it). {@link #close()} stops it and deletes whatever it left on disk.
 *
 * @param description one line: which server, how it was obtained, its TLS state and startup time
 * @param stop        stops the server and deletes its files; must not throw, so every server gets its turn
 */
record RunningServer(ServerEndpoint endpoint, TlsSupport tls, String description, Runnable stop)
        implements AutoCloseable {

    @Override
    public void close() {
        stop.run();
    }
}
