package dev.jdbcguard.testdb;

/** Whether a test server speaks TLS the tests can verify, and if not, why not. */
sealed interface TlsSupport {

    /** The server has TLS and the client material verifies its certificate. */
    record Available(TlsMaterial material) implements TlsSupport {
    }

    /** No verifiable TLS; {@code reason} says why, for assumption and error messages. */
    record Unavailable(String reason) implements TlsSupport {
    }
}
