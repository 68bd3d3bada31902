package dev.jdbcguard.driver.plan;

import java.sql.Connection;
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
 * <p>Cost: one round trip on the guard's own connection; called only from the EXPLAIN thread.
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
                        columns.string(result, "key"), columns.number(result, "rows"), columns.string(result, "extra")));
            }
        }
        return verdict(text, rows);
    }

    private static PlanVerdict verdict(StatementText text, List<Row> rows) {
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
            scans.add(new TableScan(table, access, row.key, row.rows, row.extra == null ? "" : row.extra,
                    suggestion(table, access, row.key, columns)));
        }
        scans.sort(Comparator.comparingLong(TableScan::rows).reversed());
        return new PlanVerdict.Explained(scans, tableRows);
    }

    static String suggestion(String table, TableScan.Access access, String key, List<String> columns) {
        String index = columns.isEmpty() ? null : table + "(" + String.join(", ", columns) + ")";
        return switch (access) {
            case FULL_TABLE_SCAN -> index != null
                    ? "consider an index on " + index
                    : "add an index on the columns " + table + " is filtered or joined on, or filter it on an indexed column";
            case FULL_INDEX_SCAN -> "the server reads every entry of index " + key + " on " + table
                    + (index != null ? "; consider an index on " + index : "; filter on the index's leading column");
            // the index exists (EXPLAIN's index map names it); the join condition is what defeats it
            case RANGE_CHECKED -> "make the join condition on " + table
                    + " an equality or a range the optimizer can plan once, comparing columns of the same type and collation";
        };
    }

    private record Row(String table, String type, String key, long rows, String extra) {
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
