package dev.jdbcguard.rules;

import java.util.Locale;

/**
 * Whether {@code block} refuses. {@link #OBSERVE} is how a team rolls a stricter profile out: every block is
 * reported (and counted) as a block that would have happened, and the statement or connection goes on; once the
 * reports are clean, {@link #ENFORCE} makes them refusals. Warnings are warnings in both.
 */
public enum Mode {
    /** Blocks refuse. The default. */
    ENFORCE,
    /** Blocks are reported as {@code WOULD_BLOCK} and the call goes on. */
    OBSERVE;

    /** Reads {@code enforce} or {@code observe} (any case, blanks around); null for anything else. */
    public static Mode parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "enforce" -> ENFORCE;
            case "observe" -> OBSERVE;
            default -> null;
        };
    }

    /** As a rule file and a URL spell it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
