package dev.jdbcguard.driver.tls;

import java.util.Locale;

/**
 * How much TLS a client insists on, weakest first, in Connector/J's names. MariaDB Connector/J's
 * modes map onto the same scale: {@code disable} = {@link #DISABLED}, {@code trust} =
 * {@link #REQUIRED}, {@code verify-ca} = {@link #VERIFY_CA}, {@code verify-full} =
 * {@link #VERIFY_IDENTITY} (it has no {@link #PREFERRED}).
 */
enum SslMode {
    /** Plaintext. */
    DISABLED,
    /** TLS if the server offers it, else plaintext without a word: Connector/J's default. */
    PREFERRED,
    /** TLS or no connection, but any certificate is accepted: encrypted, not authenticated. */
    REQUIRED,
    /** TLS with a certificate signed by a trusted CA, for any host name. */
    VERIFY_CA,
    /** TLS with a trusted certificate issued for the host connected to. */
    VERIFY_IDENTITY;

    /** Whether this mode gives at least what {@code required} demands. */
    boolean satisfies(SslMode required) {
        return compareTo(required) >= 0;
    }

    /** The rule-file spelling ({@code required}, {@code verify-ca}, {@code verify-identity}) to a mode. */
    static SslMode ofRule(String mode) {
        return valueOf(mode.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
