package dev.jdbcguard.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audited server as the checklist sees it: a connection that is only ever sent {@code SELECT} and {@code SHOW}
 * (enforced here, so an item cannot write by mistake), plus the global variables and status read once up front.
 */
final class Server {

    /** Server errors that mean "this login may not read that", not "the server is broken". */
    private static final List<Integer> PRIVILEGE_ERRORS = List.of(
            1044, // ER_DBACCESS_DENIED_ERROR
            1142, // ER_TABLEACCESS_DENIED_ERROR: SELECT command denied to user ... for table ...
            1143, // ER_COLUMNACCESS_DENIED_ERROR
            1227, // ER_SPECIFIC_ACCESS_DENIED_ERROR: you need (at least one of) the PROCESS privilege(s)
            1370); // ER_PROCACCESS_DENIED_ERROR

    /** A row by column label, case-insensitively ({@code TABLE_NAME} and {@code table_name} alike). */
    record Row(Map<String, String> values) {
        String get(String column) {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
            }
            return values.get(column);
        }

        long number(String column) {
            String value = get(column);
            return value == null || value.isEmpty() ? 0 : new java.math.BigDecimal(value).longValue();
        }
    }

    /** What the server would not let this login read, or a feature it lacks; the item reports {@code unknown}. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Connection connection;
    private final Map<String, String> variables;
    private final Map<String, String> status;
    private final String version;

    private Server(Connection connection, Map<String, String> variables, Map<String, String> status) {
        this.connection = connection;
        this.variables = variables;
        this.status = status;
        this.version = variables.getOrDefault("version", "?");
    }

    /** Reads the global variables and status of the server {@code connection} is connected to. */
    static Server of(Connection connection) throws SQLException {
        Server reading = new Server(connection, Map.of(), Map.of());
        return new Server(connection, reading.nameValues("SHOW GLOBAL VARIABLES"), reading.nameValues("SHOW GLOBAL STATUS"));
    }

    /** {@code SELECT VERSION()}'s text, e.g. {@code 10.11.14-MariaDB-0+deb12u2} or {@code 8.4.3}. */
    String version() {
        return version;
    }

    boolean isMariaDb() {
        return version.contains("MariaDB");
    }

    /** A global variable (lower case name), empty when this server has none by that name. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** A global status counter (as the server spells it, case-insensitively), empty when this server has none. */
    Optional<String> status(String name) {
        return Optional.ofNullable(status.get(name));
    }

    /** A numeric global status counter, 0 when absent. */
    long statusNumber(String name) {
        return status(name).map(Long::parseLong).orElse(0L);
    }

    /**
     * Runs a {@code SELECT} or {@code SHOW} with string parameters.
     *
     * @throws Unreadable    when the server refuses for lack of a privilege, naming what the server said
     * @throws SQLException  for any other failure (the connection died, say)
     */
    List<Row> query(String sql, Object... parameters) throws SQLException, Unreadable {
        String verb = sql.stripLeading().split("\\s", 2)[0].toUpperCase(Locale.ROOT);
        if (!verb.equals("SELECT") && !verb.equals("SHOW")) {
            // The promise of `check` is that it reads and never writes: refuse here rather than trust every item.
            throw new IllegalArgumentException("check sends only SELECT and SHOW, not: " + sql);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<Row> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, String> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), rows.getString(c));
                    }
                    result.add(new Row(Collections.unmodifiableMap(row)));
                }
                return result;
            }
        } catch (SQLException e) {
            if (PRIVILEGE_ERRORS.contains(e.getErrorCode())) {
                throw new Unreadable(e.getMessage());
            }
            throw e;
        }
    }

    private Map<String, String> nameValues(String sql) throws SQLException {
        Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try {
            for (Row row : query(sql)) {
                values.put(row.get("Variable_name"), row.get("Value"));
            }
        } catch (Unreadable e) {
            // SHOW GLOBAL VARIABLES/STATUS need no privilege on MySQL or MariaDB; a proxy that refuses them leaves
            // the items that need them unknown.
        }
        return Collections.unmodifiableMap(values);
    }
}
