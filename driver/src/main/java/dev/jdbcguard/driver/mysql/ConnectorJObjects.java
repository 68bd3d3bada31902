package dev.jdbcguard.driver.mysql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Recognises mysql-connector-j's objects by class name, loading none of its classes: the check to
 * make before touching {@link ConnectorJ}, whose code links against Connector/J, so that the guard
 * runs with any target driver and without Connector/J on the classpath.
 */
public final class ConnectorJObjects {

    private ConnectorJObjects() {
    }

    /** Whether {@code object} (a driver, connection or statement) is Connector/J's. Cost: a string prefix test. */
    public static boolean isConnectorJ(Object object) {
        return object.getClass().getName().startsWith("com.mysql.cj.");
    }

    /** The values bound to a Connector/J prepared statement ({@link ConnectorJ#boundValues}); null for any other statement. */
    public static List<Object> boundValues(Statement statement) throws SQLException {
        return statement instanceof PreparedStatement prepared && isConnectorJ(prepared)
                ? ConnectorJ.boundValues(prepared) : null;
    }
}
