package dev.jdbcguard.testdb;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random passwords for the per-run logins and truststores: nothing fixed that could leak between runs. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 24 hex characters: safe in SQL literals, URLs and shell arguments without quoting. */
    static String random() {
        byte[] secret = new byte[12];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
