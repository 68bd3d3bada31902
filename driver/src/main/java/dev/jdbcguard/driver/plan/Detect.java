package dev.jdbcguard.driver.plan;

import java.util.Locale;

/** Which detector {@code query.unindexed} and {@code query.bad-index} use: the rule's {@code detect} parameter. */
public enum Detect {
    /** The server's status flags of each execution: no extra round trip, blind to what the flags miss. */
    FLAGS,
    /** A cached EXPLAIN per fingerprint, on the guard's own connection: works through proxies, sees full index scans. */
    EXPLAIN,
    /** Both: flags at once, EXPLAIN to enrich, to exempt small tables and to catch what the flags miss. The default. */
    AUTO;

    /**
     * Reads a {@code detect} value as written in a rule file.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Detect parse(String value) {
        for (Detect detect : values()) {
            if (detect.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return detect;
            }
        }
        throw new IllegalArgumentException("detect must be one of flags, explain, auto; was '" + value + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
