package dev.jdbcguard.rules.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What changing a column from one type to another does to the values it holds.
 *
 * @param kind   the verdict
 * @param reason for {@link Kind#LOSSY}, {@link Kind#ENUM_CHANGE} and {@link Kind#CHARSET_CHANGE}: what is lost or
 *               changed, e.g. {@code VARCHAR(20) -> VARCHAR(10): strings longer than 10 characters are cut}; else
 *               a short description
 */
public record TypeChange(Kind kind, String reason) {

    /** The verdicts, from harmless to unknown. */
    public enum Kind {
        /** The same type (perhaps spelled differently). */
        SAME,
        /** Every value of the old type is a value of the new one. */
        WIDENING,
        /** Some values of the old type are cut, rounded, refused or changed by the new one. */
        LOSSY,
        /** ENUM/SET values inserted in the middle, reordered or removed (appending is {@link #WIDENING}). */
        ENUM_CHANGE,
        /** A text column moved to another character set that can still hold every character. */
        CHARSET_CHANGE,
        /** A conversion between unrelated types (number to text, time to date, ...): neither safe nor known lossy. */
        OTHER
    }

    /** The default character set of MySQL 8.0 tables, assumed when neither the column nor the table names one. */
    public static final String DEFAULT_CHARSET = "utf8mb4";

    private static final Map<String, Integer> INTEGER_BYTES = Map.of("TINYINT", 1, "SMALLINT", 2, "MEDIUMINT", 3, "INT", 4, "BIGINT", 8);
    /** Decimal digits every value of a signed / unsigned integer type may need. */
    private static final Map<String, int[]> INTEGER_DIGITS = Map.of("TINYINT", new int[] {3, 3}, "SMALLINT", new int[] {5, 5},
            "MEDIUMINT", new int[] {7, 8}, "INT", new int[] {10, 10}, "BIGINT", new int[] {19, 20});
    private static final Map<String, Long> TEXT_BYTES = Map.of("TINYTEXT", 255L, "TEXT", 65_535L, "MEDIUMTEXT", 16_777_215L,
            "LONGTEXT", 4_294_967_295L, "TINYBLOB", 255L, "BLOB", 65_535L, "MEDIUMBLOB", 16_777_215L, "LONGBLOB", 4_294_967_295L);
    /** How much of Unicode a character set holds: 3 all of it, 2 the BMP, 1 a single-byte or legacy set, 0 ASCII. */
    private static final Map<String, Integer> REPERTOIRE = Map.of("utf8mb4", 3, "utf16", 3, "utf16le", 3, "utf32", 3,
            "utf8mb3", 2, "utf8", 2, "ucs2", 2, "ascii", 0);
    private static final Map<String, Integer> MAX_BYTES = Map.of("utf8mb4", 4, "utf16", 4, "utf16le", 4, "utf32", 4,
            "utf8mb3", 3, "utf8", 3, "ucs2", 2);

    static TypeChange same() {
        return new TypeChange(Kind.SAME, "same type");
    }

    /**
     * How a column of type {@code from} fares when changed to {@code to}. Charsets are compared when both are
     * text; pass types whose {@code charset} is resolved (the table's default filled in) for that.
     */
    public static TypeChange of(ColumnType from, ColumnType to) {
        TypeChange values = values(from, to);
        if (values.kind == Kind.SAME || values.kind == Kind.WIDENING) {
            TypeChange charset = charset(from, to);
            if (charset != null) {
                return charset;
            }
        }
        return values;
    }

    private static TypeChange charset(ColumnType from, ColumnType to) {
        if (!from.isText() || !to.isText()) {
            return null;
        }
        String a = charsetOf(from);
        String b = charsetOf(to);
        if (a.equals(b) || (a.startsWith("utf8") && !a.equals("utf8mb4") && b.startsWith("utf8") && !b.equals("utf8mb4"))) {
            return null;
        }
        int ra = REPERTOIRE.getOrDefault(a, 1);
        int rb = REPERTOIRE.getOrDefault(b, 1);
        String change = "character set " + a + " -> " + b;
        if (rb < ra || (ra == 1 && rb == 1)) {
            return lossy(change + ": characters " + b + " cannot hold are replaced by '?' or refused");
        }
        return new TypeChange(Kind.CHARSET_CHANGE, change + ": every value is converted and comparisons and sort order follow the new collation");
    }

    private static String charsetOf(ColumnType type) {
        return type.charset() == null ? DEFAULT_CHARSET : type.charset();
    }

    private static TypeChange values(ColumnType from, ColumnType to) {
        TypeFamily a = TypeFamily.of(from.base());
        TypeFamily b = TypeFamily.of(to.base());
        String pair = from.withCharset(null) + " -> " + to.withCharset(null);
        if (a == TypeFamily.INTEGER && b == TypeFamily.INTEGER) {
            return integers(from, to, pair);
        }
        if ((a == TypeFamily.INTEGER || a == TypeFamily.DECIMAL) && (b == TypeFamily.INTEGER || b == TypeFamily.DECIMAL)) {
            return decimals(from, to, pair);
        }
        if (a == TypeFamily.FLOAT || b == TypeFamily.FLOAT) {
            return floats(from, to, a, b, pair);
        }
        if ((a == TypeFamily.STRING || a == TypeFamily.TEXT) && (b == TypeFamily.STRING || b == TypeFamily.TEXT)) {
            return strings(from, to, pair, MAX_BYTES.getOrDefault(charsetOf(to), 1));
        }
        if ((a == TypeFamily.BINARY || a == TypeFamily.BLOB) && (b == TypeFamily.BINARY || b == TypeFamily.BLOB)) {
            return strings(from, to, pair, 1);
        }
        if (a == TypeFamily.ENUM && b == TypeFamily.ENUM) {
            return enums(from, to, pair);
        }
        if (a == TypeFamily.ENUM && b == TypeFamily.STRING) {
            int longest = from.values().stream().mapToInt(String::length).max().orElse(0);
            return to.length() >= longest ? widening(pair) : lossy(pair + ": values longer than " + to.length() + " characters are cut");
        }
        if (a == TypeFamily.TEMPORAL && b == TypeFamily.TEMPORAL) {
            return temporals(from, to, pair);
        }
        if (a == TypeFamily.BIT && b == TypeFamily.BIT) {
            return sized(bitLength(from), bitLength(to), pair, "bits");
        }
        if (from.withCharset(null).equals(to.withCharset(null))) {
            return same();
        }
        return new TypeChange(Kind.OTHER, pair + ": a conversion between unrelated types");
    }

    private static TypeChange integers(ColumnType from, ColumnType to, String pair) {
        int fromBytes = INTEGER_BYTES.get(from.base());
        int toBytes = INTEGER_BYTES.get(to.base());
        if (fromBytes == toBytes && from.unsigned() == to.unsigned()) {
            return same();
        }
        if (!from.unsigned() && to.unsigned()) {
            return lossy(pair + ": negative values are refused or clipped to 0");
        }
        boolean fits = from.unsigned() == to.unsigned() ? toBytes >= fromBytes : toBytes > fromBytes;
        return fits ? widening(pair) : lossy(pair + ": values above " + maxOf(to) + " are refused or clipped");
    }

    private static String maxOf(ColumnType type) {
        int bits = INTEGER_BYTES.get(type.base()) * 8 - (type.unsigned() ? 0 : 1);
        return java.math.BigInteger.TWO.pow(bits).subtract(java.math.BigInteger.ONE).toString();
    }

    /** Integer and DECIMAL pairs, compared by digits before and after the point. */
    private static TypeChange decimals(ColumnType from, ColumnType to, String pair) {
        int[] a = digits(from);
        int[] b = digits(to);
        if (a[0] == b[0] && a[1] == b[1] && from.unsigned() == to.unsigned() && from.base().equals(to.base())) {
            return same();
        }
        if (!from.unsigned() && to.unsigned()) {
            return lossy(pair + ": negative values are refused or clipped to 0");
        }
        if (b[1] < a[1]) {
            return lossy(pair + ": digits after the point are rounded away (scale " + a[1] + " -> " + b[1] + ")");
        }
        boolean integerTarget = TypeFamily.of(to.base()) == TypeFamily.INTEGER;
        // An integer type of d digits holds every number of d-1 digits, not every number of d.
        int room = integerTarget ? b[0] - 1 : b[0];
        if (room < a[0]) {
            return lossy(pair + ": values with more than " + room + " digits before the point are refused or clipped");
        }
        return widening(pair);
    }

    /** {digits before the point, digits after} a value of the type may need. */
    private static int[] digits(ColumnType type) {
        if (TypeFamily.of(type.base()) == TypeFamily.INTEGER) {
            return new int[] {INTEGER_DIGITS.get(type.base())[type.unsigned() ? 1 : 0], 0};
        }
        int precision = type.length() < 0 ? 10 : type.length();
        int scale = type.scale() < 0 ? 0 : type.scale();
        return new int[] {precision - scale, scale};
    }

    private static TypeChange floats(ColumnType from, ColumnType to, TypeFamily a, TypeFamily b, String pair) {
        if (a == TypeFamily.FLOAT && b == TypeFamily.FLOAT) {
            int fromBits = from.base().equals("DOUBLE") ? 53 : 24;
            int toBits = to.base().equals("DOUBLE") ? 53 : 24;
            return fromBits == toBits ? same() : toBits > fromBits ? widening(pair)
                    : lossy(pair + ": values are rounded to 24 bits of precision");
        }
        if (a == TypeFamily.INTEGER && b == TypeFamily.FLOAT) {
            int mantissa = to.base().equals("DOUBLE") ? 53 : 24;
            int bits = INTEGER_BYTES.get(from.base()) * 8 - (from.unsigned() ? 0 : 1);
            return bits <= mantissa ? widening(pair) : lossy(pair + ": large values are rounded (" + mantissa + " bits of precision)");
        }
        if (a == TypeFamily.FLOAT && (b == TypeFamily.INTEGER || b == TypeFamily.DECIMAL)) {
            return lossy(pair + ": fractions are rounded and large values refused");
        }
        if (a == TypeFamily.DECIMAL && b == TypeFamily.FLOAT) {
            return lossy(pair + ": exact decimals become approximate binary fractions");
        }
        return new TypeChange(Kind.OTHER, pair + ": a conversion between unrelated types");
    }

    /** CHAR/VARCHAR/TEXT (or BINARY/VARBINARY/BLOB) pairs; {@code bytesPerChar} of the new type's charset. */
    private static TypeChange strings(ColumnType from, ColumnType to, String pair, int bytesPerChar) {
        boolean fromLob = TEXT_BYTES.containsKey(from.base());
        boolean toLob = TEXT_BYTES.containsKey(to.base());
        String unit = TypeFamily.of(to.base()) == TypeFamily.BINARY || TypeFamily.of(to.base()) == TypeFamily.BLOB ? "bytes" : "characters";
        if (fromLob && toLob) {
            return sized(TEXT_BYTES.get(from.base()), TEXT_BYTES.get(to.base()), pair, "bytes");
        }
        if (fromLob) {
            return lossy(pair + ": values longer than " + to.length() + " " + unit + " are cut or refused");
        }
        int fromLength = Math.max(from.length(), 1);
        if (toLob) {
            long needed = (long) fromLength * bytesPerChar;
            return needed <= TEXT_BYTES.get(to.base()) ? widening(pair)
                    : lossy(pair + ": " + to.base() + " holds " + TEXT_BYTES.get(to.base()) + " bytes, fewer than "
                            + fromLength + " " + unit + " may need");
        }
        int toLength = Math.max(to.length(), 1);
        boolean toFixed = to.base().equals("CHAR") || to.base().equals("BINARY");
        boolean fromFixed = from.base().equals("CHAR") || from.base().equals("BINARY");
        if (toLength < fromLength) {
            return lossy(pair + ": values longer than " + toLength + " " + unit + " are cut or refused");
        }
        if (toFixed && !fromFixed) {
            return lossy(pair + (to.base().equals("CHAR") ? ": trailing spaces are removed" : ": short values are padded with 0x00"));
        }
        return toLength == fromLength && from.base().equals(to.base()) ? same() : widening(pair);
    }

    private static TypeChange sized(long fromSize, long toSize, String pair, String unit) {
        if (toSize == fromSize) {
            return same();
        }
        return toSize > fromSize ? widening(pair) : lossy(pair + ": values longer than " + toSize + " " + unit + " are cut or refused");
    }

    private static int bitLength(ColumnType type) {
        return type.length() < 0 ? 1 : type.length();
    }

    private static TypeChange enums(ColumnType from, ColumnType to, String pair) {
        if (!from.base().equals(to.base())) {
            return new TypeChange(Kind.OTHER, pair + ": ENUM and SET store values differently");
        }
        List<String> a = lower(from.values());
        List<String> b = lower(to.values());
        if (a.equals(b)) {
            return same();
        }
        if (b.size() > a.size() && b.subList(0, a.size()).equals(a)) {
            return widening(pair);
        }
        List<String> removed = a.stream().filter(v -> !b.contains(v)).toList();
        String what;
        if (!removed.isEmpty()) {
            what = "values " + removed + " are removed: rows holding them are refused or stored as ''";
        } else if (b.subList(0, a.size()).containsAll(a)) {
            what = "values are reordered: the stored index of each value changes meaning and ORDER BY changes";
        } else {
            what = "values are inserted before existing ones: the table is rebuilt and ORDER BY changes";
        }
        return new TypeChange(Kind.ENUM_CHANGE, from.base() + " " + what);
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** DATE, DATETIME, TIMESTAMP, TIME and YEAR pairs. */
    private static TypeChange temporals(ColumnType from, ColumnType to, String pair) {
        String a = from.base();
        String b = to.base();
        int fromFsp = Math.max(from.length(), 0);
        int toFsp = Math.max(to.length(), 0);
        if (a.equals(b)) {
            if (toFsp == fromFsp) {
                return same();
            }
            return toFsp > fromFsp ? widening(pair) : lossy(pair + ": fractional seconds are rounded to " + toFsp + " digits");
        }
        boolean fromDateTime = a.equals("DATETIME") || a.equals("TIMESTAMP");
        boolean toDateTime = b.equals("DATETIME") || b.equals("TIMESTAMP");
        if (fromDateTime && toDateTime) {
            if (b.equals("TIMESTAMP")) {
                return lossy(pair + ": TIMESTAMP holds 1970-01-01 to 2038-01-19 UTC only; other values are refused or zeroed");
            }
            return toFsp >= fromFsp ? widening(pair) : lossy(pair + ": fractional seconds are rounded to " + toFsp + " digits");
        }
        if (a.equals("DATE") && b.equals("DATETIME")) {
            return widening(pair);
        }
        if (a.equals("DATE") && b.equals("TIMESTAMP")) {
            return lossy(pair + ": TIMESTAMP holds 1970-01-01 to 2038-01-19 UTC only; other values are refused or zeroed");
        }
        if (fromDateTime && b.equals("DATE")) {
            return lossy(pair + ": the time of day is dropped");
        }
        if ((fromDateTime || a.equals("DATE")) && b.equals("YEAR")) {
            return lossy(pair + ": only the year is kept");
        }
        if (fromDateTime && b.equals("TIME")) {
            return lossy(pair + ": the date is dropped");
        }
        return new TypeChange(Kind.OTHER, pair + ": a conversion between unrelated temporal types");
    }

    private static TypeChange widening(String pair) {
        return new TypeChange(Kind.WIDENING, pair + ": every value fits");
    }

    private static TypeChange lossy(String reason) {
        return new TypeChange(Kind.LOSSY, reason);
    }
}
