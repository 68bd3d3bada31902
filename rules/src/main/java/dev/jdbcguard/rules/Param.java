package dev.jdbcguard.rules;

import java.util.List;
import java.util.Objects;

/**
 * A parameter a rule accepts in a rule file, with its type and its default (the value every profile starts from).
 *
 * @param name         the key in a rule file, e.g. {@code threshold}
 * @param type         how its value is spelled and parsed
 * @param defaultValue the parsed default ({@link java.time.Duration}, {@link Long}, {@link Boolean}, {@link String}
 *                     or an unmodifiable {@code List<String>} of tables)
 * @param choices      the allowed spellings of a {@link ParamType#CHOICE}, empty otherwise
 * @param description  one sentence for the rule reference
 */
public record Param(String name, ParamType type, Object defaultValue, List<String> choices, String description) {

    /** Parameter name shared by every rule that concerns tables: tables the rule does not apply to. */
    public static final String IGNORE_TABLES = "ignore-tables";

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
    }

    public static Param duration(String name, String defaultValue, String description) {
        return of(name, ParamType.DURATION, defaultValue, List.of(), description);
    }

    public static Param count(String name, String defaultValue, String description) {
        return of(name, ParamType.COUNT, defaultValue, List.of(), description);
    }

    public static Param flag(String name, boolean defaultValue, String description) {
        return new Param(name, ParamType.BOOLEAN, defaultValue, List.of(), description);
    }

    public static Param choice(String name, String defaultValue, List<String> choices, String description) {
        return of(name, ParamType.CHOICE, defaultValue, choices, description);
    }

    public static Param ignoreTables() {
        return new Param(IGNORE_TABLES, ParamType.TABLES, List.of(), List.of(),
                "Tables this rule does not apply to (`name` or `schema.name`; `name` matches it in any schema).");
    }

    private static Param of(String name, ParamType type, String defaultText, List<String> choices, String description) {
        return new Param(name, type, type.parseScalar(defaultText, choices), choices, description);
    }

    /**
     * Parses a scalar spelling of this parameter.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public Object parse(String text) {
        return type.parseScalar(text, choices);
    }

    /**
     * Parses the items of a list spelling; only {@link ParamType#TABLES} takes a list.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public Object parseList(List<String> items) {
        if (type != ParamType.TABLES) {
            throw new IllegalArgumentException("expected " + expected() + ", found a list");
        }
        return ParamType.tables(items);
    }

    /** What a rule file must write, for error messages and the rule reference. */
    public String expected() {
        return type == ParamType.CHOICE ? "one of " + String.join(", ", choices) : type.expected();
    }

    /** A parsed value in rule-file spelling, e.g. {@code 30s} or {@code 100_000}. */
    public static String render(Object value) {
        return ParamType.render(value);
    }
}
