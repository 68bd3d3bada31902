package dev.jdbcguard.rules.schema;

import java.util.List;
import java.util.Locale;

/**
 * A column's data type as a migration declares it, normalised so that two spellings of one type compare equal
 * ({@code INTEGER} is {@code INT}, {@code BOOL} is {@code TINYINT(1)}, {@code CHARACTER VARYING} is {@code VARCHAR}).
 *
 * @param base     the type name, upper case ({@code INT}, {@code VARCHAR}, {@code DECIMAL}, {@code DATETIME}, ...)
 * @param length   characters of CHAR/VARCHAR, bytes of BINARY/VARBINARY, precision of DECIMAL, fractional seconds of
 *                 DATETIME/TIMESTAMP/TIME, bits of BIT; {@code -1} when not given (the type's default applies)
 * @param scale    digits after the point of DECIMAL; {@code -1} when not given
 * @param unsigned UNSIGNED (or ZEROFILL, which implies it)
 * @param values   the values of ENUM/SET in order; empty for other types
 * @param charset  the column's own CHARACTER SET (lower case; {@code null}: the table's default)
 */
public record ColumnType(String base, int length, int scale, boolean unsigned, List<String> values, String charset) {

    public ColumnType {
        base = base.toUpperCase(Locale.ROOT);
        values = List.copyOf(values);
        charset = charset == null ? null : charset.toLowerCase(Locale.ROOT);
    }

    /** A type without arguments, e.g. {@code of("BIGINT")}. */
    public static ColumnType of(String base) {
        return new ColumnType(base, -1, -1, false, List.of(), null);
    }

    /** The same type with the charset {@code charset} (for a column without its own, the table's). */
    public ColumnType withCharset(String newCharset) {
        return new ColumnType(base, length, scale, unsigned, values, newCharset);
    }

    /** Whether values of this type are text in a character set (CHAR, VARCHAR, TEXT types, ENUM, SET). */
    public boolean isText() {
        return TypeFamily.of(base) == TypeFamily.STRING || TypeFamily.of(base) == TypeFamily.TEXT
                || TypeFamily.of(base) == TypeFamily.ENUM;
    }

    /** The type as MySQL would print it, e.g. {@code INT UNSIGNED}, {@code VARCHAR(20)}, {@code DECIMAL(10,2)}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(base);
        if (!values.isEmpty()) {
            text.append('(');
            for (int i = 0; i < values.size(); i++) {
                text.append(i == 0 ? "'" : ",'").append(values.get(i).replace("'", "''")).append('\'');
            }
            text.append(')');
        } else if (length >= 0) {
            text.append('(').append(length).append(scale >= 0 ? "," + scale : "").append(')');
        }
        if (unsigned) {
            text.append(" UNSIGNED");
        }
        if (charset != null && isText()) {
            text.append(" CHARACTER SET ").append(charset);
        }
        return text.toString();
    }
}
