package dev.jdbcguard.rules.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of a {@link Schema}: what its CREATE TABLE and later ALTERs declared. Immutable.
 *
 * @param name    lower case, unquoted, without a schema qualifier
 * @param columns in table order
 * @param indexes the primary key and the secondary indexes, in declaration order
 * @param charset the table's default character set (lower case), or null when none was declared
 */
public record Table(String name, List<Column> columns, List<Index> indexes, String charset) {

    public Table {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    /** The column called {@code columnName} (lower case), or null. */
    public Column column(String columnName) {
        for (Column column : columns) {
            if (column.name().equals(columnName)) {
                return column;
            }
        }
        return null;
    }

    /** The column's type with the table's default character set filled in when it declares none. */
    public ColumnType resolvedType(Column column) {
        ColumnType type = column.type();
        return type.charset() == null && type.isText() ? type.withCharset(charset) : type;
    }

    /**
     * Whether rows can be told apart by a key: a primary key, or a unique key over NOT NULL columns only (what
     * InnoDB, gh-ost and PlanetScale's deploy requests accept in its place), over whole values: a key on a column
     * prefix or a TEXT/BLOB column does not count (PlanetScale refuses it as {@code NO_UNIQUE_KEY},
     * {@code PARTIAL_KEY_IN_UNIQUE_KEY} or {@code BLOB_IN_UNIQUE_KEY}).
     */
    public boolean hasRowKey() {
        return indexes.stream().anyMatch(index -> keysRows(index) && wholeValues(index));
    }

    /** Whether the table has no row key only because its candidates index a prefix or a TEXT/BLOB column. */
    public boolean hasOnlyPartialRowKeys() {
        return !hasRowKey() && indexes.stream().anyMatch(this::keysRows);
    }

    /** The primary key, or a unique key whose columns are all NOT NULL. */
    private boolean keysRows(Index index) {
        return index.kind() == Index.Kind.PRIMARY
                || index.kind() == Index.Kind.UNIQUE && index.columns().stream().allMatch(this::notNull);
    }

    private boolean wholeValues(Index index) {
        if (index.partial()) {
            return false;
        }
        for (String columnName : index.columns()) {
            Column column = column(columnName);
            TypeFamily family = column == null ? null : TypeFamily.of(column.type().base());
            if (family == TypeFamily.TEXT || family == TypeFamily.BLOB) {
                return false;
            }
        }
        return true;
    }

    private boolean notNull(String columnName) {
        Column column = column(columnName);
        return column != null && !column.nullable();
    }

    Table withName(String newName) {
        return new Table(newName, columns, indexes, charset);
    }

    Table withCharset(String newCharset) {
        return new Table(name, columns, indexes, newCharset);
    }

    /** This table with its text columns converted to {@code newCharset} (CONVERT TO CHARACTER SET). */
    Table converted(String newCharset) {
        List<Column> convertedColumns = new ArrayList<>();
        for (Column column : columns) {
            ColumnType type = column.type().isText() ? column.type().withCharset(null) : column.type();
            convertedColumns.add(new Column(column.name(), type, column.nullable(), column.hasDefault(), column.autoIncrement(),
                    column.generated()));
        }
        return new Table(name, convertedColumns, indexes, newCharset);
    }

    Table withColumns(List<Column> newColumns) {
        return new Table(name, newColumns, indexes, charset);
    }

    Table withIndexes(List<Index> newIndexes) {
        return new Table(name, columns, newIndexes, charset);
    }
}
