package dev.jdbcguard.rules;

import java.util.Locale;

/**
 * What the guard does when a rule fires. Ordered by severity: {@code OFF < WARN < BLOCK}, so
 * {@link #compareTo} and {@link #atLeast} answer "is this at least as severe as that".
 */
public enum Action {
    /** The rule is not checked. */
    OFF,
    /** The statement or connection proceeds; a warning is logged and added to the JDBC warning chain. */
    WARN,
    /** The statement or connection is refused before anything reaches the server. */
    BLOCK;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The spelling used in rule files, warnings and metrics: {@code off}, {@code warn}, {@code block}. */
    public String label() {
        return label;
    }

    public boolean atLeast(Action other) {
        return compareTo(other) >= 0;
    }

    /** The less severe of this and {@code cap}. */
    public Action capAt(Action cap) {
        return compareTo(cap) > 0 ? cap : this;
    }

    /**
     * Parses a rule-file spelling, case-insensitively.
     *
     * @return the action, or {@code null} when the text names none (the caller reports where)
     */
    public static Action parse(String text) {
        for (Action action : values()) {
            if (action.label.equalsIgnoreCase(text.trim())) {
                return action;
            }
        }
        return null;
    }
}
