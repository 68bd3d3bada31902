package dev.jdbcguard.driver.schema;

import dev.jdbcguard.rules.schema.Column;
import dev.jdbcguard.rules.schema.ColumnType;
import dev.jdbcguard.rules.schema.DdlReader;
import dev.jdbcguard.rules.schema.Index;
import dev.jdbcguard.rules.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one table's definition from {@code information_schema} into the schema model the rules judge: its default
 * character set ({@code TABLES}), its columns with their full types, character sets, nullability, defaults,
 * AUTO_INCREMENT and generation ({@code COLUMNS}), and its indexes with the primary key ({@code STATISTICS}). Three
 * bound queries (no name is quoted into SQL), one round trip each; called on the guard's own connection only.
 */
final class InformationSchema {

    private static final String TABLE = "SELECT TABLE_COLLATION FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    private static final String COLUMNS = "SELECT COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, IS_NULLABLE, COLUMN_DEFAULT,"
            + " EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
    private static final String INDEXES = "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE"
            + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX";

    private InformationSchema() {
    }

    /**
     * The table {@code database.table} as the server holds it, or null when {@code information_schema} does not show
     * it to this connection's user (no such table, or no privilege on it) or shows a column whose type the model
     * cannot read.
     *
     * @throws SQLException when the server refuses a query or the connection fails
     */
    static Table read(Connection connection, String database, String table) throws SQLException {
        String collation = null;
        boolean exists = false;
        try (PreparedStatement statement = bound(connection, TABLE, database, table);
             ResultSet result = statement.executeQuery()) {
            if (result.next()) {
                exists = true;
                collation = result.getString(1);
            }
        }
        if (!exists) {
            return null;
        }
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = bound(connection, COLUMNS, database, table);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                Column column = column(result);
                if (column == null) {
                    return null;
                }
                columns.add(column);
            }
        }
        if (columns.isEmpty()) {
            return null; // a table whose columns the user may not see: nothing to judge against
        }
        return new Table(table.toLowerCase(Locale.ROOT), columns, indexes(connection, database, table), charsetOf(collation));
    }

    private static Column column(ResultSet row) throws SQLException {
        ColumnType type = DdlReader.columnType(row.getString(2), row.getString(3));
        if (type == null) {
            return null;
        }
        String extra = row.getString(6) == null ? "" : row.getString(6).toLowerCase(Locale.ROOT);
        // COLUMN_DEFAULT: MariaDB says 'NULL' for DEFAULT NULL and SQL NULL for none; MySQL SQL NULL for both,
        // where a nullable column fills itself anyway.
        return new Column(row.getString(1).toLowerCase(Locale.ROOT), type, "YES".equals(row.getString(4)),
                row.getString(5) != null, extra.contains("auto_increment"), extra.contains("generated"));
    }

    private static List<Index> indexes(Connection connection, String database, String table) throws SQLException {
        Map<String, IndexRows> byName = new LinkedHashMap<>();
        try (PreparedStatement statement = bound(connection, INDEXES, database, table);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                String name = result.getString(1);
                IndexRows index = byName.get(name);
                if (index == null) {
                    index = new IndexRows(kind(name, result.getInt(2) == 0, result.getString(5)));
                    byName.put(name, index);
                }
                String column = result.getString(3);
                if (column == null) {
                    index.expression = true; // a functional key part (MySQL 8): not a column the model can compare
                } else {
                    index.columns.add(column.toLowerCase(Locale.ROOT));
                }
                index.partial |= result.getObject(4) != null;
            }
        }
        List<Index> indexes = new ArrayList<>();
        byName.forEach((name, rows) -> {
            if (!rows.expression) {
                String lower = name.toLowerCase(Locale.ROOT);
                // PRIMARY first, as a CREATE TABLE lists it; the others in name order (STATISTICS has no declaration order)
                indexes.add(rows.kind == Index.Kind.PRIMARY ? 0 : indexes.size(),
                        new Index(lower, rows.columns, rows.kind, rows.partial));
            }
        });
        return indexes;
    }

    private static Index.Kind kind(String name, boolean unique, String type) {
        if (name.equalsIgnoreCase("PRIMARY")) {
            return Index.Kind.PRIMARY;
        }
        if ("FULLTEXT".equalsIgnoreCase(type)) {
            return Index.Kind.FULLTEXT;
        }
        if ("SPATIAL".equalsIgnoreCase(type)) {
            return Index.Kind.SPATIAL;
        }
        return unique ? Index.Kind.UNIQUE : Index.Kind.PLAIN;
    }

    /** {@code utf8mb4_general_ci} is of {@code utf8mb4}: no character set name has an underscore. */
    private static String charsetOf(String collation) {
        if (collation == null) {
            return null;
        }
        int underscore = collation.indexOf('_');
        return (underscore < 0 ? collation : collation.substring(0, underscore)).toLowerCase(Locale.ROOT);
    }

    private static PreparedStatement bound(Connection connection, String sql, String database, String table)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setString(1, database);
            statement.setString(2, table);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** One index's rows of STATISTICS, gathered. */
    private static final class IndexRows {
        final Index.Kind kind;
        final List<String> columns = new ArrayList<>();
        boolean partial;
        boolean expression;

        IndexRows(Index.Kind kind) {
            this.kind = kind;
        }
    }
}
