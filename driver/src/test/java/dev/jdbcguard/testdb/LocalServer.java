package dev.jdbcguard.testdb;

import dev.jdbcguard.testdb.ServerBinaries.Flavor;
import dev.jdbcguard.testdb.TestDatabase.Credentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway {@code mariadbd}/{@code mysqld} (installed, or the embedded one) in a fresh temp datadir, listening on a free loopback
 * port, optionally with TLS from a freshly generated CA.
 *
 * <p>Cost, measured on a 2-core machine: 1 to 5 s for certificates and datadir (mostly
 * {@code mariadb-install-db}, CPU-bound, so it grows with the machine's load), then 0.3 to 3 s until the
 * server accepts a login. Readiness is proven by logging in, not by polling a port; if that does not
 * happen within {@link #READY_TIMEOUT} of launch the start fails with the tail of the server's logs.
 * Stopping sends SIGTERM (a clean shutdown), waits, and deletes the whole temp dir. For fault tests the process can
 * be killed (SIGKILL) and restarted on the same port ({@link ServerProcess}); the datadir and logins survive.
 */
final class LocalServer {

    static final String DATABASE = "guard_test";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    /** A free port can be taken by someone else before the server binds it; that is worth a retry. */
    private static final int LAUNCH_ATTEMPTS = 3;
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

    /** The unprivileged account a server started by root runs as, where it exists. */
    private static final String SERVER_ACCOUNT = "mysql";
    private static final String ROOT = "root";

    private LocalServer() {
    }

    /**
     * Initializes, starts and provisions a server; on any failure stops what was started, deletes the
     * temp dir and throws {@link IllegalStateException} with the reason and the server's log tail.
     */
    static RunningServer start(ServerBinaries binaries, boolean withTls) {
        return start(binaries, withTls, List.of());
    }

    /**
     * As {@link #start(ServerBinaries, boolean)}, with {@code serverOptions} (e.g. {@code --performance-schema=ON})
     * appended to the server's command line, where they win over the defaults above them.
     */
    static RunningServer start(ServerBinaries binaries, boolean withTls, List<String> serverOptions) {
        long started = System.nanoTime();
        Path baseDir = TempDirs.create("jdbc-guard-db-");
        Process process = null;
        try {
            Optional<ServerCertificate> certificate = withTls
                    ? Optional.of(CertificateAuthority.generate(Files.createDirectory(baseDir.resolve("tls"))))
                    : Optional.empty();
            Optional<String> account = serverAccount();
            // Servers of parallel test runs collided in the shared /tmp while bootstrapping: each gets its own.
            Files.createDirectory(baseDir.resolve("tmp"));
            if (account.isPresent() && !account.get().equals(ROOT)) {
                handOver(baseDir, account.get());
            }
            Path dataDir = baseDir.resolve("data");
            initialize(binaries, baseDir, dataDir, account);
            long initialized = System.nanoTime();
            List<String> command = serverCommand(binaries, baseDir, dataDir, account, certificate);
            command.addAll(serverOptions);
            Launched launched = launch(command, baseDir);
            process = launched.process();
            int port = launched.port();
            ServerEndpoint endpoint;
            Credentials admin;
            try (Connection root = launched.root()) {
                admin = Accounts.secureFreshServer(root);
                Accounts accounts = Accounts.createSchemaAndLogins(root, DATABASE);
                endpoint = new ServerEndpoint("127.0.0.1", port, DATABASE, admin, accounts.app(), accounts.tlsUser());
            }
            TlsSupport tls = certificate.<TlsSupport>map(c -> new TlsSupport.Available(c.client()))
                    .orElseGet(() -> new TlsSupport.Unavailable("this server was started without TLS on purpose"));
            long ready = System.nanoTime();
            String description = String.format("%s %s %s (%s) at 127.0.0.1:%d, %s%s, started in %s s",
                    binaries.origin(), binaries.serverName(), binaries.version(), binaries.server(), port,
                    withTls ? "TLS with a generated CA" : "no TLS",
                    serverOptions.isEmpty() ? "" : ", " + String.join(" ", serverOptions), seconds(ready - started));
            LOG.info("Test database ready: {} (certificates and datadir {} s, server start to first login {} s)",
                    description, seconds(initialized - started), seconds(ready - initialized));
            LocalProcess running = new LocalProcess(launched, baseDir, admin);
            return new RunningServer(endpoint, tls, description, () -> {
                running.stop();
                TempDirs.delete(baseDir);
                LOG.info("Test database stopped and deleted: {}", description);
            }, Optional.of(running));
        } catch (IOException | SQLException | RuntimeException e) {
            if (process != null) {
                stop(process);
            }
            // Errors before the server has opened its error log (a bad datadir, say) go to its stdout/stderr.
            String log = "--- server error log (tail) ---\n" + Commands.tail(baseDir.resolve("error.log"))
                    + "\n--- server output (tail) ---\n" + Commands.tail(baseDir.resolve("server.out"));
            TempDirs.delete(baseDir);
            throw new IllegalStateException("Cannot start a " + binaries.origin() + " " + binaries.serverName() + " ("
                    + binaries.server() + "): " + e.getMessage() + "\n" + log, e);
        }
    }

    private static void initialize(ServerBinaries binaries, Path baseDir, Path dataDir, Optional<String> account) {
        List<String> command = new ArrayList<>();
        if (binaries.flavor() == Flavor.MARIADB) {
            command.add(binaries.installer().orElseThrow().toString());
            command.add("--no-defaults");
            command.add("--auth-root-authentication-method=normal");
            command.add("--skip-test-db");
            binaries.baseDir().ifPresent(dir -> command.add("--basedir=" + dir));
        } else {
            command.add(binaries.server().toString());
            command.add("--no-defaults");
            command.add("--initialize-insecure");
        }
        command.add("--datadir=" + dataDir);
        command.add("--tmpdir=" + baseDir.resolve("tmp"));
        account.ifPresent(user -> command.add("--user=" + user));
        Commands.run(baseDir, INIT_TIMEOUT, command);
    }

    /** A server process that accepted a root login on {@code port}, started by {@code command} (port included). */
    private record Launched(Process process, int port, Connection root, List<String> command) {
    }

    /** The process of one started server: stopped, killed and restarted with the command that first started it. */
    private static final class LocalProcess implements ServerProcess {

        private final List<String> command;
        private final Path baseDir;
        private final int port;
        private final Properties adminLogin = new Properties();
        private Process process;

        LocalProcess(Launched launched, Path baseDir, Credentials admin) {
            this.command = launched.command();
            this.baseDir = baseDir;
            this.port = launched.port();
            this.process = launched.process();
            adminLogin.setProperty("user", admin.user());
            adminLogin.setProperty("password", admin.password());
        }

        @Override
        public synchronized void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the killed server exits", e);
            }
            LOG.info("Test server on port {} killed (SIGKILL)", port);
        }

        @Override
        public synchronized void restart() {
            if (process.isAlive()) {
                throw new IllegalStateException("the server on port " + port + " is still running; kill it first");
            }
            long started = System.nanoTime();
            try {
                process = start(command, baseDir);
                // The port is the server's own: a process that took it meanwhile makes this fail, not move.
                awaitReady(process, "jdbc:mysql://127.0.0.1:" + port + "/", adminLogin).close();
            } catch (IOException | SQLException e) {
                String log = "--- server error log (tail) ---\n" + Commands.tail(baseDir.resolve("error.log"));
                throw new IllegalStateException("The test server did not come back on port " + port + ": "
                        + e.getMessage() + "\n" + log, e);
            }
            LOG.info("Test server restarted on port {} in {} s", port, seconds(System.nanoTime() - started));
        }

        synchronized void stop() {
            LocalServer.stop(process);
        }
    }

    /**
     * Starts the server on a free port and waits for a root login; if another process took the port
     * first, tries again on another one. On failure, the process is already stopped.
     *
     * @param command the server command line without {@code --port}
     */
    private static Launched launch(List<String> command, Path baseDir) throws IOException, SQLException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            List<String> withPort = new ArrayList<>(command);
            withPort.add("--port=" + port);
            Process process = start(withPort, baseDir);
            try {
                return new Launched(process, port, awaitReady(process, "jdbc:mysql://127.0.0.1:" + port + "/",
                        freshRootLogin()), List.copyOf(withPort));
            } catch (SQLException | RuntimeException e) {
                stop(process);
                if (attempt == LAUNCH_ATTEMPTS || !lostThePortRace(baseDir)) {
                    throw e;
                }
                LOG.info("Port {} was taken before the test server could bind it; trying another", port);
            }
        }
    }

    private static Process start(List<String> command, Path baseDir) throws IOException {
        return new ProcessBuilder(command)
                .directory(baseDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("server.out").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    /**
     * Whether the server died because another process bound its port between {@link #freePort()} and
     * the server's own bind; if so, its error log is cleared for the next attempt.
     */
    private static boolean lostThePortRace(Path baseDir) throws IOException {
        Path errorLog = baseDir.resolve("error.log");
        if (Files.exists(errorLog) && Commands.tail(errorLog).contains("Address already in use")) {
            Files.delete(errorLog);
            return true;
        }
        return false;
    }

    private static List<String> serverCommand(ServerBinaries binaries, Path baseDir, Path dataDir,
                                              Optional<String> account, Optional<ServerCertificate> certificate) {
        List<String> command = new ArrayList<>(List.of(
                binaries.server().toString(),
                "--no-defaults",
                "--datadir=" + dataDir,
                "--tmpdir=" + baseDir.resolve("tmp"),
                "--bind-address=127.0.0.1",
                "--socket=" + baseDir.resolve("s.sock"),
                "--pid-file=" + baseDir.resolve("server.pid"),
                "--log-error=" + baseDir.resolve("error.log"),
                "--skip-log-bin",
                // A throwaway server need not survive a power cut: skip the fsync per commit.
                "--innodb-flush-log-at-trx-commit=2"));
        binaries.baseDir().ifPresent(dir -> command.add("--basedir=" + dir));
        account.ifPresent(user -> command.add("--user=" + user));
        if (binaries.flavor() == Flavor.MYSQL) {
            // The X plugin's fixed port 33060 would clash between instances.
            command.add("--mysqlx=OFF");
        }
        if (certificate.isPresent()) {
            command.add("--ssl-ca=" + certificate.get().caCertificatePem());
            command.add("--ssl-cert=" + certificate.get().certificatePem());
            command.add("--ssl-key=" + certificate.get().privateKeyPem());
        } else if (binaries.flavor() == Flavor.MARIADB) {
            // Newer MariaDB (11.4+) generates a certificate by itself unless told not to.
            command.add("--skip-ssl");
        } else {
            // MySQL auto-generates certificates; an empty TLS version list turns TLS off.
            command.add("--tls-version=");
        }
        return command;
    }

    /** Root with the empty password a fresh datadir has. */
    private static Properties freshRootLogin() {
        Properties root = new Properties();
        root.setProperty("user", "root");
        root.setProperty("password", "");
        return root;
    }

    /**
     * Logs in with {@code login} (plaintext) until it works or {@link #READY_TIMEOUT} after launch has passed.
     */
    private static Connection awaitReady(Process process, String url, Properties login) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(login);
        properties.setProperty("sslMode", "DISABLED");
        properties.setProperty("allowPublicKeyRetrieval", "true");
        properties.setProperty("connectTimeout", "1000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new SQLException("the server exited with code " + process.exitValue() + " before accepting connections");
            }
            try {
                return RawConnections.open(url, properties);
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the server", e);
            }
        }
        throw new SQLException("not ready within " + READY_TIMEOUT.toSeconds() + " s; last attempt: "
                + (last == null ? "none" : last.getMessage()), last);
    }

    /**
     * The {@code --user} a server started by root must be given (it refuses to run as root unless told so
     * explicitly): the unprivileged system account where one exists, as the mariadb-server package creates
     * it; else root itself, as on a machine with only a JDK and the embedded server. Empty when not root.
     */
    private static Optional<String> serverAccount() throws IOException {
        if (!ROOT.equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_ACCOUNT);
            return Optional.of(SERVER_ACCOUNT);
        } catch (UserPrincipalNotFoundException e) {
            return Optional.of(ROOT);
        }
    }

    /** Gives the temp dir to the server account, which cannot otherwise enter a root-owned 0700 dir. */
    private static void handOver(Path baseDir, String account) throws IOException {
        UserPrincipalLookupService lookup = baseDir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(account);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(account);
        try (Stream<Path> files = Files.walk(baseDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Test server did not stop within {} s after SIGTERM; killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
