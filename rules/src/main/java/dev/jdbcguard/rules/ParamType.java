package dev.jdbcguard.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The type of a rule parameter, and the one parser of its rule-file spelling. Values are parsed once when a
 * rule set is loaded; {@link RuleConfig} hands out the parsed objects, so nothing is parsed on a hot path.
 */
public enum ParamType {
    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}; parsed to a {@link Duration}. */
    DURATION("a duration such as 500ms, 30s, 2m, 1h or 1d"),
    /** A whole number {@code >= 0}; {@code 100000} and {@code 100_000} are the same; parsed to a {@link Long}. */
    COUNT("a whole number >= 0 such as 20 or 100_000"),
    /** {@code true} or {@code false}; parsed to a {@link Boolean}. */
    BOOLEAN("true or false"),
    /** One of the parameter's choices, matched case-insensitively; parsed to its lower-case {@link String}. */
    CHOICE("one of the listed choices"),
    /** Table names, {@code [audit_log, app.sessions]}; parsed to an unmodifiable list of lower-case names. */
    TABLES("a list of table names such as [audit_log, app.sessions]");

    private final String expected;

    ParamType(String expected) {
        this.expected = expected;
    }

    /** What a rule file must write for this type, for error messages and the rule reference. */
    public String expected() {
        return expected;
    }

    /**
     * Parses one scalar spelling ({@link #TABLES} takes its items through {@link #tables(List)}).
     *
     * @throws IllegalArgumentException with a message saying what was expected
     */
    Object parseScalar(String text, List<String> choices) {
        String value = text.trim();
        switch (this) {
            case DURATION:
                return duration(value);
            case COUNT:
                return count(value);
            case BOOLEAN:
                if (value.equals("true") || value.equals("false")) {
                    return Boolean.valueOf(value);
                }
                throw new IllegalArgumentException("expected true or false, found '" + value + "'");
            case CHOICE:
                for (String choice : choices) {
                    if (choice.equalsIgnoreCase(value)) {
                        return choice;
                    }
                }
                throw new IllegalArgumentException("expected one of " + String.join(", ", choices) + ", found '" + value + "'");
            case TABLES:
                return tables(List.of(value));
            default:
                throw new AssertionError(this);
        }
    }

    static List<String> tables(List<String> names) {
        List<String> tables = new ArrayList<>(names.size());
        for (String name : names) {
            String table = normalizeTable(name);
            if (table.isEmpty()) {
                throw new IllegalArgumentException("expected a table name, found an empty one");
            }
            tables.add(table);
        }
        return Collections.unmodifiableList(tables);
    }

    /** The form table names are compared in: lower case, without backquotes or surrounding blanks. */
    public static String normalizeTable(String name) {
        return name.replace("`", "").trim().toLowerCase(Locale.ROOT);
    }

    private static Duration duration(String value) {
        int unitStart = 0;
        while (unitStart < value.length() && (Character.isDigit(value.charAt(unitStart)) || value.charAt(unitStart) == '_')) {
            unitStart++;
        }
        String unit = value.substring(unitStart);
        if (unitStart == 0 || unit.isEmpty()) {
            throw new IllegalArgumentException("expected " + DURATION.expected + ", found '" + value + "'");
        }
        long amount = digits(value.substring(0, unitStart), DURATION);
        try {
            switch (unit) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                case "d": return Duration.ofDays(amount);
                default:
                    throw new IllegalArgumentException("unknown duration unit '" + unit + "' in '" + value
                            + "'; expected ms, s, m, h or d");
            }
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("duration too large: '" + value + "'");
        }
    }

    private static Long count(String value) {
        return digits(value, COUNT);
    }

    private static long digits(String value, ParamType type) {
        if (value.isEmpty() || value.startsWith("_") || value.endsWith("_") || value.contains("__")) {
            throw new IllegalArgumentException("expected " + type.expected + ", found '" + value + "'");
        }
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '_') {
                continue;
            }
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("expected " + type.expected + ", found '" + value + "'");
            }
            try {
                result = Math.addExact(Math.multiplyExact(result, 10), c - '0');
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("number too large: '" + value + "'");
            }
        }
        return result;
    }

    /** Renders a parsed value back in rule-file spelling, for the rule reference. */
    static String render(Object value) {
        if (value instanceof Duration) {
            Duration d = (Duration) value;
            if (d.toMillis() % 86_400_000 == 0 && !d.isZero()) return d.toDays() + "d";
            if (d.toMillis() % 3_600_000 == 0 && !d.isZero()) return d.toHours() + "h";
            if (d.toMillis() % 60_000 == 0 && !d.isZero()) return d.toMinutes() + "m";
            if (d.toMillis() % 1000 == 0) return d.toSeconds() + "s";
            return d.toMillis() + "ms";
        }
        if (value instanceof List) {
            return "[" + String.join(", ", ((List<?>) value).stream().map(String::valueOf).toArray(String[]::new)) + "]";
        }
        if (value instanceof Long) {
            return String.format(Locale.ROOT, "%,d", (Long) value).replace(',', '_');
        }
        return String.valueOf(value);
    }
}
