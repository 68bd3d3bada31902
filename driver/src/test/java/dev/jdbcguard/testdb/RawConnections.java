package dev.jdbcguard.testdb;

import com.mysql.cj.jdbc.NonRegisteringDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens plain Connector/J connections for the harness itself, bypassing {@link java.sql.DriverManager}
 * so no other registered driver (the guard included) can ever sit between the harness and the server.
 */
final class RawConnections {

    private static final NonRegisteringDriver CONNECTOR_J = newDriver();

    private RawConnections() {
    }

    /**
     * Connects to {@code url} with {@code properties}.
     *
     * @throws SQLException as Connector/J reports it; never returns null
     */
    static Connection open(String url, Properties properties) throws SQLException {
        Connection connection = CONNECTOR_J.connect(url, properties);
        if (connection == null) {
            throw new SQLException("Connector/J does not accept the URL " + url);
        }
        return connection;
    }

    private static NonRegisteringDriver newDriver() {
        try {
            return new NonRegisteringDriver();
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
