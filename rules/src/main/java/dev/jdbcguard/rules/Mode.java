package dev.jdbcguard.rules;

import java.util.Locale;
import java.util.Map;

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

    /** The environment variable that chooses the mode when the driver setting or lint's option does not. */
    public static final String ENVIRONMENT = "JDBC_GUARD_MODE";

    /**
     * The mode a driver setting ({@code guard.mode}) or lint's {@code --mode} chose, else {@link #ENVIRONMENT};
     * null when neither did, which leaves it to the rule file's {@code mode:} (else {@link #ENFORCE}). The driver and
     * lint choose alike.
     *
     * @param setting the setting's or option's value, or null
     * @throws IllegalArgumentException for a value that is neither mode, naming where it came from
     */
    public static Mode chosen(String setting, Map<String, String> environment) {
        String text = setting != null ? setting : environment.get(ENVIRONMENT);
        if (text == null || text.isBlank()) {
            return null;
        }
        Mode mode = parse(text);
        if (mode == null) {
            throw new IllegalArgumentException((setting != null ? "" : ENVIRONMENT + "='" + text + "': ")
                    + "expected enforce or observe");
        }
        return mode;
    }

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
