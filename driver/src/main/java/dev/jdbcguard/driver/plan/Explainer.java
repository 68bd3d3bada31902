package dev.jdbcguard.driver.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one tabular EXPLAIN and reads it into a {@link PlanVerdict}. Reads the columns by name, so
 * MariaDB's ({@code id, select_type, table, type, possible_keys, key, key_len, ref, rows, Extra})
 * and MySQL 8's (which adds {@code partitions} and {@code filtered}) both work.
 *
 * <p>Cost: one round trip on the guard's own connection, two for a scan that compares columns while EXPLAIN names no
 * possible key (the table's indexes are read to tell "add an index" from "the index exists but cannot be used");
 * called only from the EXPLAIN thread.
 */
final class Explainer {

    private Explainer() {
    }

    /**
     * EXPLAINs {@code sql} (placeholders filled from {@code parameters} when it has any).
     *
     * @return the verdict; {@link PlanVerdict.Unexplained} when the statement cannot be explained
     * @throws SQLException when the server refused the EXPLAIN or the connection failed
     */
    static PlanVerdict explain(Connection connection, String sql, List<?> parameters) throws SQLException {
        StatementText text = StatementText.of(sql);
        if (!text.explainable()) {
            return new PlanVerdict.Unexplained(
                    "EXPLAIN covers one SELECT, UPDATE, DELETE, REPLACE or INSERT ... SELECT that names a table");
        }
        String explained = sql;
        if (text.placeholderCount() > 0) {
            explained = text.inline(parameters);
            if (explained == null) {
                return new PlanVerdict.Unexplained(parameters == null
                        ? "prepared statement without its parameter values; the status flags still apply"
                        : "a parameter value has no SQL literal form (stream, LOB or unknown type)");
            }
        }
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("EXPLAIN " + explained)) {
            Columns columns = Columns.of(result.getMetaData());
            if (!columns.tabular()) {
                return new PlanVerdict.Unexplained("EXPLAIN answered without table and type columns (a proxy's own format?)");
            }
            while (result.next()) {
                rows.add(new Row(columns.string(result, "table"), columns.string(result, "type"),
                        blankToNull(columns.string(result, "possible_keys")), columns.string(result, "key"),
                        columns.number(result, "rows"), columns.string(result, "extra")));
            }
        }
        return verdict(text, rows, table -> leadingColumns(connection, table));
    }

    /**
     * The indexes of a table by their leading column: what an index on the compared column would be. Asked only for
     * a scan that compares columns and whose EXPLAIN named no possible key.
     */
    @FunctionalInterface
    interface Indexes {
        /** @return lower-cased leading column to index name; empty when the server would not tell */
        Map<String, String> byLeadingColumn(String table) throws SQLException;
    }

    private static PlanVerdict verdict(StatementText text, List<Row> rows, Indexes indexes) throws SQLException {
        Map<String, String> tables = text.tablesByAlias();
        List<TableScan> scans = new ArrayList<>();
        int tableRows = 0;
        for (Row row : rows) {
            if (row.table == null) {
                continue;
            }
            tableRows++;
            TableScan.Access access = TableScan.Access.of(row.type, row.extra);
            // <derived2>, <subquery3>, <union1,2>: temporary results, not tables an index could be added to
            if (access == null || row.table.startsWith("<")) {
                continue;
            }
            String shownAs = row.table.toLowerCase(Locale.ROOT);
            String table = tables.getOrDefault(shownAs, shownAs);
            List<String> columns = text.comparedColumns(shownAs, tables.size());
            Map<String, String> existing = access == TableScan.Access.RANGE_CHECKED || row.possibleKeys != null
                    || columns.isEmpty() ? Map.of() : indexes.byLeadingColumn(table);
            scans.add(new TableScan(table, access, row.possibleKeys, row.key, row.rows,
                    row.extra == null ? "" : row.extra,
                    suggestion(table, access, row.possibleKeys, row.key, row.rows, columns, existing)));
        }
        scans.sort(Comparator.comparingLong(TableScan::rows).reversed());
        return new PlanVerdict.Explained(scans, tableRows);
    }

    /**
     * The fix of a scan: an index on the compared columns, unless an index the scan could have used exists. Then
     * the fix says why the server did not use it, as EXPLAIN tells it: named in {@code possible_keys} and still not
     * chosen, the optimizer found a scan cheaper (a small table, a value that matches a large share of the rows, or a
     * value of another type, which MariaDB and MySQL list as possible and then cannot look up); on a compared column
     * but not even possible, the comparison defeats it (a function around the column, a LIKE with a leading
     * wildcard).
     *
     * @param existing the table's indexes by lower-cased leading column (only read without possible keys)
     */
    static String suggestion(String table, TableScan.Access access, String possibleKeys, String key, long rows,
                             List<String> columns, Map<String, String> existing) {
        if (access == TableScan.Access.RANGE_CHECKED) {
            // the index exists (EXPLAIN's index map names it); the join condition is what defeats it
            return "make the join condition on " + table
                    + " an equality or a range the optimizer can plan once, comparing columns of the same type and collation";
        }
        if (possibleKeys != null) {
            return "index " + possibleKeys + " exists and the optimizer chose to read " + (rows > 0 ? "~" + rows : "all")
                    + " rows instead: the table is small, the value matches a large share of its rows (low selectivity),"
                    + " or the value's type or collation differs from the column's; there is no index to add: filter on"
                    + " a more selective column, compare with a value of the column's own type, or list the table in"
                    + " ignore-tables if it stays small";
        }
        for (String column : columns) {
            String index = existing.get(column.toLowerCase(Locale.ROOT));
            if (index != null) {
                return "index " + index + " on " + table + "(" + column + ") exists but this statement cannot use it:"
                        + " compare " + column + " itself, without a function around it or a leading wildcard in LIKE,"
                        + " with a value of its own type and collation";
            }
        }
        String index = columns.isEmpty() ? null : table + "(" + String.join(", ", columns) + ")";
        return switch (access) {
            case FULL_TABLE_SCAN -> index != null
                    ? "consider an index on " + index
                    : "add an index on the columns " + table + " is filtered or joined on, or filter it on an indexed column";
            case FULL_INDEX_SCAN -> "the server reads every entry of index " + key + " on " + table
                    + (index != null ? "; consider an index on " + index : "; filter on the index's leading column");
            case RANGE_CHECKED -> throw new IllegalStateException("handled above");
        };
    }

    /**
     * The indexes of {@code table} ({@code db.t} or {@code t}, in the connection's database) by leading column, from
     * information_schema (a bound query: no quoting of the name). A server that refuses the query tells nothing; a
     * failed connection propagates, so the service reopens it.
     */
    private static Map<String, String> leadingColumns(Connection connection, String table) throws SQLException {
        int dot = table.indexOf('.');
        String sql = "SELECT COLUMN_NAME, INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + (dot < 0 ? "DATABASE()" : "?") + " AND TABLE_NAME = ? AND SEQ_IN_INDEX = 1";
        Map<String, String> byColumn = new java.util.HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (dot < 0) {
                statement.setString(1, table);
            } else {
                statement.setString(1, table.substring(0, dot));
                statement.setString(2, table.substring(dot + 1));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    byColumn.putIfAbsent(result.getString(1).toLowerCase(Locale.ROOT), result.getString(2));
                }
            }
        } catch (SQLException e) {
            if (ExplainService.connectionFailed(e)) {
                throw e;
            }
            return Map.of();
        }
        return byColumn;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private record Row(String table, String type, String possibleKeys, String key, long rows, String extra) {
    }

    /** Column positions by lower-cased label, found once per EXPLAIN result. */
    private record Columns(Map<String, Integer> positions) {
        static Columns of(ResultSetMetaData meta) throws SQLException {
            Map<String, Integer> positions = new java.util.HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                positions.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            return new Columns(positions);
        }

        /** True for MySQL's and MariaDB's tabular EXPLAIN; a proxy may answer in a format of its own. */
        boolean tabular() {
            return positions.containsKey("table") && positions.containsKey("type");
        }

        String string(ResultSet result, String label) throws SQLException {
            Integer position = positions.get(label);
            return position == null ? null : result.getString(position);
        }

        long number(ResultSet result, String label) throws SQLException {
            String value = string(result, label);
            if (value == null) {
                return 0;
            }
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
