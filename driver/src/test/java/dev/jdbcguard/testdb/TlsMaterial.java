package dev.jdbcguard.testdb;

import java.nio.file.Path;

/**
 * What a client needs to verify a test server's certificate: the CA in PEM form and the same CA in a
 * PKCS12 truststore, in the form Connector/J's {@code trustCertificateKeyStore*} properties take.
 */
record TlsMaterial(Path caCertificatePem, Path truststore, String truststorePassword) {
}
