package dev.jdbcguard.testdb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, starts and finally stops the test servers of one run: the primary one (with TLS) and, on
 * request, a second one without TLS. {@link TestDatabaseExtension} keeps one instance per JVM in the
 * JUnit root store; benchmarks and other non-JUnit users create one and close it themselves.
 *
 * <p>Order of choice: an external server named by {@value ExternalServerUrl#VARIABLE}; else a local
 * {@code mariadbd}/{@code mysqld}; else the embedded MariaDB from Maven Central ({@link EmbeddedBinaries});
 * else Testcontainers MySQL when a Docker engine exists; else failure with a message that says what to
 * do. The plaintext server follows the same order minus the external URL (an external server cannot be
 * asked to turn its TLS off). {@value #KIND_VARIABLE} ({@code local}, {@code embedded} or
 * {@code container}) forces one kind of throwaway server, with no fallback: how a machine that has a
 * system MariaDB proves the path a machine with only a JDK takes.
 *
 * <p>A start that failed is not retried: every later request gets the same exception at once, instead
 * of each test class waiting out the same timeout. A JVM shutdown hook stops the servers should
 * {@link #close()} never be called (a run aborted with Ctrl-C, a harness user that forgot).
 */
public final class TestServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);

    /** Forces one kind of throwaway server: {@code local}, {@code embedded} or {@code container}. */
    static final String KIND_VARIABLE = "JDBC_GUARD_TEST_SERVER";

    static final String NOTHING_TO_RUN = "No database server for the tests. Do one of: "
            + "(1) install MariaDB, e.g. on Debian/Ubuntu `apt-get install mariadb-server` "
            + "(the tests need `mariadbd` and `mariadb-install-db` on PATH or in /usr/sbin, and start their own "
            + "throwaway instance; the system service need not run); "
            + "(2) install MySQL 8 so that `mysqld` is on PATH; "
            + "(3) start a Docker engine, for Testcontainers " + ContainerServer.IMAGE + "; "
            + "(4) set " + ExternalServerUrl.VARIABLE + "=jdbc:mysql://user:password@host:port/database "
            + "to use a server you run (its database is dropped and recreated). "
            + "The embedded MariaDB (" + EmbeddedBinaries.ARTIFACT + ", a test dependency) was not usable: ";

    /** The kinds of throwaway server, in the order they are tried. */
    enum Kind {
        LOCAL, EMBEDDED, CONTAINER;

        static Kind parse(String value) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(value.strip())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(KIND_VARIABLE + "=" + value + " is not one of local, embedded, "
                    + "container (or unset, to take the first available in that order)");
        }
    }

    private final Map<String, String> environment;
    private final Thread shutdownHook = new Thread(this::close, "jdbc-guard-test-servers-shutdown");
    private final Slot primary = new Slot(this::startPrimary);
    private final Slot plaintext = new Slot(() -> startThrowaway(false));
    private boolean hookRegistered;

    /** Servers chosen by this process's environment. Nothing starts before the first request. */
    public TestServers() {
        this(System.getenv());
    }

    TestServers(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The primary server with TLS, started on first call (seconds) and then shared.
     *
     * @throws IllegalStateException    if no server can be had, saying what to install
     * @throws IllegalArgumentException if {@value ExternalServerUrl#VARIABLE} is malformed
     */
    public synchronized TestDatabase primary() {
        return primary.get();
    }

    /**
     * The server without TLS, started on first call and then shared.
     *
     * @throws IllegalStateException if no such server can be started here, saying what to install
     */
    public synchronized TestDatabase plaintext() {
        return plaintext.get();
    }

    /** Stops every server this instance started and deletes its files. Idempotent. */
    @Override
    public synchronized void close() {
        plaintext.close();
        primary.close();
        if (hookRegistered && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to; it will find nothing left to stop.
            }
        }
        hookRegistered = false;
    }

    private RunningServer startPrimary() {
        String url = environment.get(ExternalServerUrl.VARIABLE);
        if (url != null && !url.isBlank()) {
            return ExternalServer.connect(url, environment.get(ExternalServer.CA_VARIABLE));
        }
        return startThrowaway(true);
    }

    private RunningServer startThrowaway(boolean withTls) {
        Optional<Kind> forced = forcedKind(environment);
        if (forced.isPresent()) {
            return start(forced.get(), environment, withTls, List.of());
        }
        Optional<ServerBinaries> binaries = ServerBinaries.find(environment.get("PATH"));
        if (binaries.isPresent()) {
            return LocalServer.start(binaries.get(), withTls);
        }
        String embeddedUnavailable = EmbeddedBinaries.unavailableReason();
        if (embeddedUnavailable == null) {
            LOG.info("No local mariadbd/mysqld found; starting the embedded MariaDB from {}", EmbeddedBinaries.ARTIFACT);
            return LocalServer.start(EmbeddedBinaries.unpack(), withTls);
        }
        LOG.info("No local mariadbd/mysqld found and {}; asking Testcontainers for a Docker engine",
                embeddedUnavailable);
        if (ContainerServer.dockerAvailable()) {
            return ContainerServer.start(withTls);
        }
        throw new IllegalStateException(NOTHING_TO_RUN + embeddedUnavailable);
    }

    /** The kind {@value #KIND_VARIABLE} forces in {@code environment}, or empty when it is unset. */
    static Optional<Kind> forcedKind(Map<String, String> environment) {
        String forced = environment.get(KIND_VARIABLE);
        return forced == null || forced.isBlank() ? Optional.empty() : Optional.of(Kind.parse(forced));
    }

    /**
     * Starts a throwaway server of {@code kind}, with no fallback, {@code serverOptions} appended to its command line.
     *
     * @throws IllegalStateException when that kind cannot be had here, saying why
     */
    static RunningServer start(Kind kind, Map<String, String> environment, boolean withTls, List<String> serverOptions) {
        return switch (kind) {
            case LOCAL -> LocalServer.start(ServerBinaries.find(environment.get("PATH")).orElseThrow(() ->
                    new IllegalStateException(KIND_VARIABLE + "=local, but no mariadbd/mysqld is on PATH or in "
                            + "/usr/sbin, /usr/bin, /usr/local/mysql/bin")), withTls, serverOptions);
            case EMBEDDED -> LocalServer.start(EmbeddedBinaries.unpack(), withTls, serverOptions);
            case CONTAINER -> ContainerServer.start(withTls, serverOptions);
        };
    }

    /** One lazily started server; guarded by the enclosing instance's lock. */
    private final class Slot {

        private final Supplier<RunningServer> starter;
        private RunningServer server;
        private TestDatabase database;
        private RuntimeException failure;

        Slot(Supplier<RunningServer> starter) {
            this.starter = starter;
        }

        TestDatabase get() {
            if (failure != null) {
                throw failure;
            }
            if (database == null) {
                if (!hookRegistered) {
                    Runtime.getRuntime().addShutdownHook(shutdownHook);
                    hookRegistered = true;
                }
                try {
                    server = starter.get();
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
                database = new TestDatabase(server.endpoint(), server.tls(), server.description(),
                        TestServers.this::plaintext);
            }
            return database;
        }

        void close() {
            if (server != null) {
                server.close();
                server = null;
                database = null;
            }
        }
    }
}
