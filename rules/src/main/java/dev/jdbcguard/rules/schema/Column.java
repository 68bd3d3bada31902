package dev.jdbcguard.rules.schema;

/**
 * One column of a {@link Table}.
 *
 * @param name          lower case, unquoted
 * @param type          its declared type ({@link ColumnType#charset()} null when it uses the table's default)
 * @param nullable      false for NOT NULL (and for a PRIMARY KEY column, which is NOT NULL implicitly)
 * @param hasDefault    an explicit DEFAULT (including {@code DEFAULT NULL})
 * @param autoIncrement AUTO_INCREMENT: values come from a counter, so NOT NULL without DEFAULT is fine
 * @param generated     a generated column ({@code AS (expr)}): values come from the expression
 */
public record Column(String name, ColumnType type, boolean nullable, boolean hasDefault, boolean autoIncrement,
                     boolean generated) {

    /** Whether existing rows get a value of their own when this column is added NOT NULL. */
    boolean fillsItself() {
        return nullable || hasDefault || autoIncrement || generated;
    }

    Column renamed(String newName) {
        return new Column(newName, type, nullable, hasDefault, autoIncrement, generated);
    }

    Column withDefault(boolean newHasDefault) {
        return new Column(name, type, nullable, newHasDefault, autoIncrement, generated);
    }

    Column notNull() {
        return new Column(name, type, false, hasDefault, autoIncrement, generated);
    }
}
