package dev.jdbcguard.testdb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Properties;

/**
 * Guard URLs of the test server as a framework's configuration carries them: everything a connection needs
 * except the login (given to the framework apart, as its {@code user}/{@code password} settings), with verified
 * TLS in the URL itself (temp paths and hex passwords: nothing to escape) ({@code sslMode=VERIFY_IDENTITY} and the truststore), which the default profile requires.
 */
public final class FrameworkUrls {

    private FrameworkUrls() {
    }

    /**
     * {@code jdbc:guard:<target>://host:port/database?sslMode=VERIFY_IDENTITY&trust...} plus {@code extraQuery}
     * (e.g. {@code guard.profile=migration}) when it is not empty. Aborts the calling test, with the reason, when
     * the server has no verifiable TLS.
     *
     * @param target {@code mysql} or {@code mariadb}; MariaDB Connector/J gets its own names for the same settings
     */
    public static String verifiedTls(TestDatabase db, String target, String extraQuery) {
        assumeTrue(db.tlsAvailable(), db::tlsUnavailableReason);
        StringBuilder url = new StringBuilder("jdbc:guard:").append(target).append("://").append(db.host()).append(':')
                .append(db.port()).append('/').append(db.database()).append('?');
        if (target.equals("mariadb")) {
            url.append("sslMode=verify-full&serverSslCert=").append(db.caCertificatePem());
        } else {
            Properties tls = db.tls("VERIFY_IDENTITY", db.app());
            url.append("sslMode=VERIFY_IDENTITY");
            for (String key : new String[] {"trustCertificateKeyStoreUrl", "trustCertificateKeyStorePassword",
                    "trustCertificateKeyStoreType"}) {
                url.append('&').append(key).append('=').append(tls.getProperty(key));
            }
        }
        if (!extraQuery.isEmpty()) {
            url.append('&').append(extraQuery);
        }
        return url.toString();
    }

    /**
     * The target driver's own URL for a guard URL without {@code guard.*} settings ({@code jdbc:guard:mysql:...} to
     * {@code jdbc:mysql:...}): what a framework is given without the guard, to compare what it makes of each.
     */
    public static String withoutGuard(String guardUrl) {
        if (!guardUrl.startsWith("jdbc:guard:") || guardUrl.contains("?guard.") || guardUrl.contains("&guard.")) {
            throw new IllegalArgumentException("not a guard URL without guard.* settings: " + guardUrl);
        }
        return "jdbc:" + guardUrl.substring("jdbc:guard:".length());
    }
}
