package dev.jdbcguard.testdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server someone else runs, named by {@value ExternalServerUrl#VARIABLE}. The harness recreates the
 * URL's database empty and (re)creates the {@code app}/{@code app_tls} logins with fresh passwords; it
 * never stops the server.
 *
 * <p>TLS counts as available only when {@value #CA_VARIABLE} names the server's CA certificate (PEM):
 * without it the harness cannot verify the server, and tests that need verified TLS are skipped with
 * that reason.
 */
final class ExternalServer {

    static final String CA_VARIABLE = "JDBC_GUARD_TEST_CA";
    private static final Logger LOG = LoggerFactory.getLogger(ExternalServer.class);

    private ExternalServer() {
    }

    /**
     * Connects to the server {@code url} names and provisions it.
     *
     * @param caPem value of {@value #CA_VARIABLE}, or null
     * @throws IllegalArgumentException if the URL is malformed
     * @throws IllegalStateException    if the server cannot be reached or provisioned
     */
    static RunningServer connect(String url, String caPem) {
        ExternalServerUrl parsed = ExternalServerUrl.parse(url);
        Path tempDir = TempDirs.create("jdbc-guard-external-");
        try {
            TlsSupport tls = caPem == null || caPem.isBlank()
                    ? new TlsSupport.Unavailable("external server and " + CA_VARIABLE
                            + " is not set to its CA certificate (PEM), so its certificate cannot be verified")
                    : new TlsSupport.Available(CertificateAuthority.truststoreFor(Path.of(caPem), tempDir));
            Properties login = new Properties();
            login.setProperty("user", parsed.admin().user());
            login.setProperty("password", parsed.admin().password());
            login.setProperty("sslMode", "PREFERRED");
            String adminUrl = "jdbc:mysql://" + parsed.host() + ':' + parsed.port() + '/';
            Accounts accounts;
            try (Connection admin = RawConnections.open(adminUrl, login)) {
                accounts = Accounts.createSchemaAndLogins(admin, parsed.database());
            }
            ServerEndpoint endpoint = new ServerEndpoint(parsed.host(), parsed.port(), parsed.database(),
                    parsed.admin(), accounts.app(), accounts.tlsUser());
            String description = "external server from " + ExternalServerUrl.VARIABLE + " (" + parsed.display() + "), "
                    + (tls instanceof TlsSupport.Available ? "TLS verified with " + caPem : "TLS not verifiable");
            LOG.info("Test database ready: {}", description);
            // The server is not ours to stop: only the truststore goes.
            return new RunningServer(endpoint, tls, description, () -> TempDirs.delete(tempDir));
        } catch (SQLException | RuntimeException e) {
            TempDirs.delete(tempDir);
            throw new IllegalStateException("Cannot use the external server " + parsed.display() + " from "
                    + ExternalServerUrl.VARIABLE + ": " + e.getMessage(), e);
        }
    }
}
