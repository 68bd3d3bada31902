package dev.jdbcguard.testdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A ready, shared test server as the tests see it: where it listens, who may log in, and how to
 * reach it over verified TLS. Obtain one through {@link TestDatabaseExtension} (a parameter of this
 * type is injected) or, outside JUnit, from {@link TestServers#primary()}.
 *
 * <p>Every accessor is a field read except {@link #adminConnection()}, which opens a connection, and
 * {@link #plaintextServer()}, which starts a second server on first call (seconds) and is then a read.
 * Instances are immutable and safe to share between threads.
 */
public final class TestDatabase {

    /** A login on the test server. Passwords are random per run. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

    private final ServerEndpoint endpoint;
    private final TlsSupport tls;
    private final String description;
    private final Supplier<TestDatabase> plaintextServer;

    TestDatabase(ServerEndpoint endpoint, TlsSupport tls, String description, Supplier<TestDatabase> plaintextServer) {
        this.endpoint = endpoint;
        this.tls = tls;
        this.description = description;
        this.plaintextServer = plaintextServer;
    }

    /** The address the server listens on, e.g. {@code 127.0.0.1}. */
    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }

    /** A schema that exists and that {@link #app()} and {@link #tlsUser()} have full rights on. */
    public String database() {
        return endpoint.database();
    }

    /** A login with all privileges, for setup and for checking what really happened on the server. */
    public Credentials admin() {
        return endpoint.admin();
    }

    /** A login with full rights on {@link #database()} and no TLS requirement. */
    public Credentials app() {
        return endpoint.app();
    }

    /** A login with full rights on {@link #database()} that the server refuses without TLS ({@code REQUIRE SSL}). */
    public Credentials tlsUser() {
        return endpoint.tlsUser();
    }

    /** {@code jdbc:mysql://host:port/database}, plus {@code ?query} when query is non-empty; never credentials. */
    public String mysqlUrl(String query) {
        return url("jdbc:mysql://", query);
    }

    /** The same as {@link #mysqlUrl(String)} with the {@code jdbc:guard:mysql://} prefix. */
    public String guardUrl(String query) {
        return url("jdbc:guard:mysql://", query);
    }

    private String url(String prefix, String query) {
        String base = prefix + host() + ':' + port() + '/' + database();
        return query == null || query.isEmpty() ? base : base + '?' + query;
    }

    /** Whether the server speaks TLS that {@link #truststore()} verifies; see {@link #tlsUnavailableReason()}. */
    public boolean tlsAvailable() {
        return tls instanceof TlsSupport.Available;
    }

    /** Why {@link #tlsAvailable()} is false, or an empty string when it is true. */
    public String tlsUnavailableReason() {
        return tls instanceof TlsSupport.Unavailable unavailable ? unavailable.reason() : "";
    }

    /**
     * The CA certificate (PEM) that signed the server's certificate.
     *
     * @throws IllegalStateException without TLS, with the reason
     */
    public Path caCertificatePem() {
        return tlsMaterial().caCertificatePem();
    }

    /**
     * A PKCS12 truststore holding {@link #caCertificatePem()}.
     *
     * @throws IllegalStateException without TLS, with the reason
     */
    public Path truststore() {
        return tlsMaterial().truststore();
    }

    /**
     * The password of {@link #truststore()}, random per run.
     *
     * @throws IllegalStateException without TLS, with the reason
     */
    public String truststorePassword() {
        return tlsMaterial().truststorePassword();
    }

    /**
     * Connector/J properties for logging in as {@code who} with the given {@code sslMode} (e.g.
     * {@code VERIFY_IDENTITY}) and this server's truststore: user, password, sslMode,
     * trustCertificateKeyStoreUrl ({@code file:...}), trustCertificateKeyStorePassword and
     * trustCertificateKeyStoreType ({@code PKCS12}). Returns a new, mutable object on each call.
     *
     * @throws IllegalStateException without TLS, with the reason
     */
    public Properties tls(String sslMode, Credentials who) {
        TlsMaterial material = tlsMaterial();
        Properties properties = login(who);
        properties.setProperty("sslMode", sslMode);
        properties.setProperty("trustCertificateKeyStoreUrl", material.truststore().toUri().toString());
        properties.setProperty("trustCertificateKeyStorePassword", material.truststorePassword());
        properties.setProperty("trustCertificateKeyStoreType", CertificateAuthority.truststoreType());
        return properties;
    }

    /**
     * A new raw (unguarded) Connector/J connection as {@link #admin()}: over verified TLS when the server
     * has it, otherwise whatever the server offers. The caller closes it.
     */
    public Connection adminConnection() throws SQLException {
        Properties properties;
        if (tlsAvailable()) {
            properties = tls("VERIFY_IDENTITY", admin());
        } else {
            properties = login(admin());
            properties.setProperty("sslMode", "PREFERRED");
        }
        return RawConnections.open(mysqlUrl(""), properties);
    }

    /**
     * A second shared throwaway server without TLS, for "server without TLS" tests; started on the first
     * call (this takes seconds) and stopped with the first one.
     *
     * @throws IllegalStateException if no such server can be started here, saying what to install
     */
    public TestDatabase plaintextServer() {
        return plaintextServer.get();
    }

    /** Which server this is, how it was obtained (external URL / local mariadbd / Testcontainers) and its TLS state. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return describe();
    }

    private TlsMaterial tlsMaterial() {
        if (tls instanceof TlsSupport.Available available) {
            return available.material();
        }
        throw new IllegalStateException("No TLS on " + description + ": " + tlsUnavailableReason());
    }

    private static Properties login(Credentials who) {
        Properties properties = new Properties();
        properties.setProperty("user", who.user());
        properties.setProperty("password", who.password());
        return properties;
    }
}
