package dev.jdbcguard.testdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Generates a throwaway certificate authority and a server certificate signed by it, so the test
 * server's TLS is real: clients can run with {@code sslMode=VERIFY_IDENTITY} against 127.0.0.1.
 *
 * <p>Generated in Java with BouncyCastle (the JDK can make keys but not certificates), so a machine with
 * only a JDK needs no {@code openssl}. P-256 keys take milliseconds; the certificates are valid for two
 * days and never leave the run's temp dir. The key is written as PKCS#8, which OpenSSL-built and
 * WolfSSL-built servers (the embedded MariaDB) both read.
 */
final class CertificateAuthority {

    private static final String TRUSTSTORE_TYPE = "PKCS12";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(2);
    /** Servers compare clocks loosely; a certificate dated "now" can look not-yet-valid to one a second behind. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateAuthority() {
    }

    /**
     * Writes {@code ca.pem}, {@code server-cert.pem}, {@code server-key.pem} and {@code truststore.p12}
     * into {@code dir}. The server certificate's subjectAltName holds DNS:localhost and IP:127.0.0.1.
     *
     * @throws IllegalStateException if the material cannot be generated or written
     */
    static ServerCertificate generate(Path dir) {
        Path caPem = dir.resolve("ca.pem");
        Path serverCert = dir.resolve("server-cert.pem");
        Path serverKey = dir.resolve("server-key.pem");
        try {
            KeyPair caKeys = p256();
            X500Name caName = new X500Name("CN=jdbc-guard throwaway test CA");
            X509Certificate ca = sign(caName, caKeys, caName, caKeys.getPublic(), builder -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            });
            KeyPair serverKeys = p256();
            X509Certificate server = sign(caName, caKeys, new X500Name("CN=localhost"), serverKeys.getPublic(),
                    builder -> {
                        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                        builder.addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                    });
            writePem(caPem, new JcaMiscPEMGenerator(ca));
            writePem(serverCert, new JcaMiscPEMGenerator(server));
            writePem(serverKey, new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the test server's certificates in " + dir + ": "
                    + e.getMessage(), e);
        }
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

    /** Adds a certificate's extensions; BouncyCastle's builder throws a checked exception per extension. */
    @FunctionalInterface
    private interface Extensions {
        void addTo(X509v3CertificateBuilder builder) throws CertIOException;
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject,
                                        PublicKey subjectKey, Extensions extensions)
            throws GeneralSecurityException, CertIOException, OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, subjectKey);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        extensions.addTo(builder);
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
    }

    private static void writePem(Path file, PemObjectGenerator object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
