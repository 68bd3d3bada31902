package dev.jdbcguard.rules.sql;

/**
 * A construct inside a statement that some MySQL-compatible servers do not run, whatever the
 * statement's {@link StatementKind}: PlanetScale's Vitess refuses each of these.
 */
public enum SqlConstruct {
    /** {@code JSON_TABLE(...)} as a table source. */
    JSON_TABLE("JSON_TABLE"),
    /** {@code :=} assigning a user variable inside a statement ({@code SELECT @n := @n + 1}). */
    VARIABLE_ASSIGNMENT("variable assignment with :="),
    /** {@code SET GLOBAL}, {@code SET PERSIST}, {@code SET PERSIST_ONLY}, {@code SET @@global.x}. */
    GLOBAL_VARIABLE("SET of a global variable"),
    /** {@code OPTIMIZE TABLE}. */
    OPTIMIZE_TABLE("OPTIMIZE TABLE");

    private final String label;

    SqlConstruct(String label) {
        this.label = label;
    }

    /** How a finding names it, e.g. {@code variable assignment with :=}. */
    public String label() {
        return label;
    }
}
