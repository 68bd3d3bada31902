package dev.jdbcguard.testdb;

import java.nio.file.Path;

/**
 * The server side of freshly generated TLS material: the PEM files a server is started with
 * ({@code --ssl-ca}, {@code --ssl-cert}, {@code --ssl-key}) plus the client side for the tests.
 */
record ServerCertificate(Path caCertificatePem, Path certificatePem, Path privateKeyPem, TlsMaterial client) {
}
