package dev.jdbcguard.driver.tls;

import java.util.List;

/**
 * Orders JSSE protocol names ({@code TLSv1.2}), ignoring case (rule files store {@code tlsv1.2});
 * names it does not know rank as newer than all it knows, so a future protocol is not refused.
 */
final class TlsVersions {

    private static final List<String> OLDEST_FIRST = List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TlsVersions() {
    }

    /** Whether {@code negotiated} is {@code minimum} or newer. */
    static boolean atLeast(String negotiated, String minimum) {
        return rank(negotiated) >= rank(minimum);
    }

    private static int rank(String protocol) {
        for (int i = 0; i < OLDEST_FIRST.size(); i++) {
            if (OLDEST_FIRST.get(i).equalsIgnoreCase(protocol.trim())) {
                return i;
            }
        }
        return OLDEST_FIRST.size();
    }
}
