package dev.jdbcguard.testdb;

/**
 * A ready, provisioned test server that this run is responsible for (or, for an external server, the
 * resources this run created for it). {@link #close()} stops it and deletes whatever it left on disk.
 */
interface RunningServer extends AutoCloseable {

    ServerEndpoint endpoint();

    TlsSupport tls();

    /** One line: which server, how it was obtained, its TLS state and startup time. */
    String description();

    /** Stops the server and deletes its files; never throws, so every server gets its turn to stop. */
    @Override
    void close();
}
