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
 * @param min          the smallest value a {@link ParamType#COUNT} ({@link Long}) or {@link ParamType#DURATION}
 *                     ({@link java.time.Duration}) accepts; null for other types
 * @param max          the largest such value; null for other types. Every number and duration has both, so no
 *                     value a rule file can spell overflows the code that uses it ({@code int} counts, nanosecond
 *                     clocks)
 * @param description  one sentence for the rule reference
 */
public record Param(String name, ParamType type, Object defaultValue, List<String> choices, Comparable<?> min,
                    Comparable<?> max, String description) {

    /** Parameter name shared by every rule that concerns tables: tables the rule does not apply to. */
    public static final String IGNORE_TABLES = "ignore-tables";

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
        boolean ranged = type == ParamType.COUNT || type == ParamType.DURATION;
        if (ranged != (min != null && max != null) || ranged && (compare(min, max) > 0 || !inRange(defaultValue, min, max))) {
            throw new IllegalArgumentException(name + ": a count or duration needs min <= default <= max: " + min
                    + " <= " + defaultValue + " <= " + max);
        }
    }

    /** A duration from {@code min} to {@code max}, both in rule-file spelling ({@code 1ms}, {@code 365d}). */
    public static Param duration(String name, String defaultValue, String min, String max, String description) {
        return ranged(name, ParamType.DURATION, defaultValue, min, max, description);
    }

    /** A whole number from {@code min} to {@code max}, both in rule-file spelling ({@code 1_000_000}). */
    public static Param count(String name, String defaultValue, String min, String max, String description) {
        return ranged(name, ParamType.COUNT, defaultValue, min, max, description);
    }

    public static Param flag(String name, boolean defaultValue, String description) {
        return new Param(name, ParamType.BOOLEAN, defaultValue, List.of(), null, null, description);
    }

    public static Param choice(String name, String defaultValue, List<String> choices, String description) {
        return new Param(name, ParamType.CHOICE, ParamType.CHOICE.parseScalar(defaultValue, choices), choices, null, null,
                description);
    }

    public static Param ignoreTables() {
        return new Param(IGNORE_TABLES, ParamType.TABLES, List.of(), List.of(), null, null,
                "Tables this rule does not apply to (`name` or `schema.name`; `name` matches it in any schema).");
    }

    private static Param ranged(String name, ParamType type, String defaultText, String min, String max,
                                String description) {
        return new Param(name, type, type.parseScalar(defaultText, List.of()), List.of(),
                (Comparable<?>) type.parseScalar(min, List.of()), (Comparable<?>) type.parseScalar(max, List.of()),
                description);
    }

    /**
     * Parses a scalar spelling of this parameter, range included.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public Object parse(String text) {
        Object value = type.parseScalar(text, choices);
        if (min != null && !inRange(value, min, max)) {
            throw new IllegalArgumentException("expected " + expected() + ", found '" + text.trim() + "'");
        }
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static boolean inRange(Object value, Object min, Object max) {
        return min == null || compare(value, min) >= 0 && compare(value, max) <= 0;
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
        if (type == ParamType.COUNT) {
            return "a whole number from " + render(min) + " to " + render(max);
        }
        if (type == ParamType.DURATION) {
            return "a duration from " + render(min) + " to " + render(max) + " (units ms, s, m, h, d)";
        }
        return type == ParamType.CHOICE ? "one of " + String.join(", ", choices) : type.expected();
    }

    /** A parsed value in rule-file spelling, e.g. {@code 30s} or {@code 100_000}. */
    public static String render(Object value) {
        return ParamType.render(value);
    }
}
