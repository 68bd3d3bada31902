package dev.jdbcguard.driver.mysql;

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
}
