package dev.jdbcguard.testdb;

import dev.jdbcguard.testdb.TestDatabase.Credentials;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.MountableFile;

/**
 * MySQL {@value #IMAGE} in a Testcontainers-managed container, for machines with a Docker engine and no
 * local server. The server certificate comes from the same generated CA as for a local server; with
 * TLS off the container runs with an empty TLS version list, so it offers no TLS at all.
 *
 * <p>Logins use {@code mysql_native_password} ({@code --mysql-native-password=ON}) so plaintext logins
 * work without RSA key retrieval, as on MariaDB. Startup includes an image pull on first use.
 */
final class ContainerServer {

    static final String IMAGE = "mysql:8.4";
    private static final String TLS_DIR_IN_CONTAINER = "/etc/mysql/guard-tls/";
    private static final Logger LOG = LoggerFactory.getLogger(ContainerServer.class);

    private ContainerServer() {
    }

    /** Whether Testcontainers finds a working Docker engine (it logs why not when it does not). */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * Starts and provisions a container.
     *
     * @throws IllegalStateException if the container cannot start or be provisioned
     */
    static RunningServer start(boolean withTls) {
        return start(withTls, List.of());
    }

    /** As {@link #start(boolean)}, with {@code serverOptions} appended to mysqld's command line. */
    static RunningServer start(boolean withTls, List<String> serverOptions) {
        long started = System.nanoTime();
        Path tempDir = TempDirs.create("jdbc-guard-container-");
        MySQLContainer container = new MySQLContainer(IMAGE);
        try {
            Optional<ServerCertificate> certificate = withTls
                    ? Optional.of(CertificateAuthority.generate(tempDir))
                    : Optional.empty();
            List<String> command = new ArrayList<>(List.of("--mysql-native-password=ON", "--skip-log-bin"));
            if (certificate.isPresent()) {
                copy(container, certificate.get().caCertificatePem(), "ca.pem");
                copy(container, certificate.get().certificatePem(), "server-cert.pem");
                copy(container, certificate.get().privateKeyPem(), "server-key.pem");
                command.add("--ssl-ca=" + TLS_DIR_IN_CONTAINER + "ca.pem");
                command.add("--ssl-cert=" + TLS_DIR_IN_CONTAINER + "server-cert.pem");
                command.add("--ssl-key=" + TLS_DIR_IN_CONTAINER + "server-key.pem");
            } else {
                command.add("--tls-version=");
            }
            command.addAll(serverOptions);
            container.withCommand(command.toArray(String[]::new));
            container.start();
            String host = container.getHost();
            int port = container.getMappedPort(MySQLContainer.MYSQL_PORT);
            Properties login = new Properties();
            login.setProperty("user", "root");
            login.setProperty("password", container.getPassword());
            login.setProperty("sslMode", "PREFERRED");
            login.setProperty("allowPublicKeyRetrieval", "true");
            ServerEndpoint endpoint;
            try (Connection root = RawConnections.open("jdbc:mysql://" + host + ':' + port + '/', login)) {
                Credentials admin = Accounts.secureFreshServer(root);
                Accounts accounts = Accounts.createSchemaAndLogins(root, LocalServer.DATABASE);
                endpoint = new ServerEndpoint(host, port, LocalServer.DATABASE, admin, accounts.app(), accounts.tlsUser());
            }
            TlsSupport tls = tlsSupport(certificate, host);
            String description = String.format("Testcontainers %s at %s:%d, %s, started in %.1f s", IMAGE, host, port,
                    withTls ? "TLS with a generated CA" : "no TLS",
                    Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
            LOG.info("Test database ready: {}", description);
            return new RunningServer(endpoint, tls, description, () -> {
                container.stop();
                TempDirs.delete(tempDir);
                LOG.info("Test database stopped: {}", description);
            });
        } catch (SQLException | RuntimeException e) {
            container.stop();
            TempDirs.delete(tempDir);
            throw new IllegalStateException("Cannot start Testcontainers " + IMAGE + ": " + e.getMessage(), e);
        }
    }

    /** The certificate names localhost and 127.0.0.1 only, so a remote Docker host cannot be verified. */
    private static TlsSupport tlsSupport(Optional<ServerCertificate> certificate, String host) {
        if (certificate.isEmpty()) {
            return new TlsSupport.Unavailable("this server was started without TLS on purpose");
        }
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            return new TlsSupport.Unavailable("the Docker host " + host
                    + " is not in the generated certificate (localhost, 127.0.0.1)");
        }
        return new TlsSupport.Available(certificate.get().client());
    }

    private static void copy(MySQLContainer container, Path file, String name) {
        container.withCopyFileToContainer(MountableFile.forHostPath(file, 0644), TLS_DIR_IN_CONTAINER + name);
    }
}
