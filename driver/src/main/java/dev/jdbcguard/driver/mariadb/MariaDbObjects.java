package dev.jdbcguard.driver.mariadb;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Recognises MariaDB Connector/J's objects by class name, loading none of its classes: the check to make
 * before touching {@link MariaDb}, whose code links against MariaDB Connector/J, so that the guard runs
 * without it on the classpath.
 */
public final class MariaDbObjects {

    private MariaDbObjects() {
    }

    /** Whether {@code object} (a driver, connection or statement) is MariaDB Connector/J's. Cost: a string prefix test. */
    public static boolean isMariaDb(Object object) {
        return object.getClass().getName().startsWith("org.mariadb.jdbc.");
    }

    /**
     * The values bound to a MariaDB Connector/J prepared statement, each a {@link RenderedLiteral} or null for
     * SQL NULL; null for any other statement, when a placeholder has no value yet, or when the driver's
     * bindings cannot be read (see {@link MariaDb}).
     */
    public static List<Object> boundValues(Statement statement) throws SQLException {
        return statement instanceof PreparedStatement prepared && isMariaDb(prepared) ? MariaDb.boundValues(prepared) : null;
    }
}
