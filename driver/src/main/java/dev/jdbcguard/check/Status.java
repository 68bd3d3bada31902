package dev.jdbcguard.check;

import java.util.Locale;

/** How a checklist item came out. Ordered by severity: {@code PASS < UNKNOWN < WARN < FAIL}. */
enum Status {
    /** The server meets the item. */
    PASS,
    /** The item could not be read: a missing privilege or server feature, named in the evidence. */
    UNKNOWN,
    /** Worth fixing before production; nothing breaks at once. */
    WARN,
    /** Breaks, loses data or blocks a production practice (online schema change, recovery). */
    FAIL;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The spelling in reports and on the command line: {@code pass}, {@code unknown}, {@code warn}, {@code fail}. */
    String label() {
        return label;
    }
}
