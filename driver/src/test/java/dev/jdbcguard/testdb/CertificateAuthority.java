package dev.jdbcguard.testdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;

/**
 * Generates a throwaway certificate authority and a server certificate signed by it, so the test
 * server's TLS is real: clients can run with {@code sslMode=VERIFY_IDENTITY} against 127.0.0.1.
 *
 * <p>Uses the {@code openssl} command line (present wherever MariaDB is) with P-256 keys, which take
 * milliseconds to generate; the certificates are valid for two days and never leave the run's temp dir.
 */
final class CertificateAuthority {

    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(20);
    private static final String TRUSTSTORE_TYPE = "PKCS12";

    private CertificateAuthority() {
    }

    /**
     * Writes {@code ca.pem}, {@code server-cert.pem}, {@code server-key.pem} and {@code truststore.p12}
     * into {@code dir}. The server certificate's subjectAltName holds DNS:localhost and IP:127.0.0.1.
     *
     * @throws IllegalStateException if openssl is missing or fails (the message holds its output)
     */
    static ServerCertificate generate(Path dir) {
        Path caKey = dir.resolve("ca-key.pem");
        Path caPem = dir.resolve("ca.pem");
        Path serverKey = dir.resolve("server-key.pem");
        Path serverCsr = dir.resolve("server.csr");
        Path serverCert = dir.resolve("server-cert.pem");
        Path extensions = dir.resolve("server-ext.cnf");
        try {
            Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                    + "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + extensions + ": " + e.getMessage(), e);
        }
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", caPem.toString(), "-days", "2",
                "-subj", "/CN=jdbc-guard throwaway test CA");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", serverKey.toString(), "-out", serverCsr.toString(), "-subj", "/CN=localhost");
        openssl(dir, "x509", "-req", "-in", serverCsr.toString(), "-CA", caPem.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", serverCert.toString(), "-days", "2",
                "-extfile", extensions.toString());
        return new ServerCertificate(caPem, serverCert, serverKey, truststoreFor(caPem, dir));
    }

    /**
     * Imports the CA certificate(s) in {@code caPem} into a new PKCS12 truststore {@code dir/truststore.p12}
     * with a random password.
     *
     * @throws IllegalStateException if the file holds no readable X.509 certificate
     */
    static TlsMaterial truststoreFor(Path caPem, Path dir) {
        Path truststore = dir.resolve("truststore.p12");
        String password = Secrets.random();
        try (InputStream in = Files.newInputStream(caPem); OutputStream out = Files.newOutputStream(truststore)) {
            var certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException(caPem + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(TRUSTSTORE_TYPE);
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            store.store(out, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a truststore from " + caPem + ": " + e.getMessage(), e);
        }
        return new TlsMaterial(caPem, truststore, password);
    }

    /** The truststore type Connector/J is told to expect. */
    static String truststoreType() {
        return TRUSTSTORE_TYPE;
    }

    private static void openssl(Path dir, String... arguments) {
        var command = new java.util.ArrayList<String>(arguments.length + 1);
        command.add("openssl");
        command.addAll(List.of(arguments));
        Commands.run(dir, OPENSSL_TIMEOUT, command);
    }
}
