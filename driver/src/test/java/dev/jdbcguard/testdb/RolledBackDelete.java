package dev.jdbcguard.testdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A {@code DELETE} without {@code WHERE} on a framework's own connection, undone: how a test shows the guard is in a
 * migration tool's path when the migration profile lets the statement through with a warning (production refuses it).
 */
public final class RolledBackDelete {

    private RolledBackDelete() {
    }

    /**
     * Runs {@code DELETE FROM table} in a transaction that it rolls back, and returns the statement's warnings (null
     * for none). The connection's auto-commit is as before afterwards.
     */
    public static SQLWarning warnings(Connection connection, String table) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + table);
            return statement.getWarnings();
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
