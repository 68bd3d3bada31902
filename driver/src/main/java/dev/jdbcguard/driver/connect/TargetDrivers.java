package dev.jdbcguard.driver.connect;

import java.lang.ref.WeakReference;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds the registered driver for a target URL, cached per target scheme ({@code jdbc:mysql:}).
 *
 * <p>A cached driver is used only while it is still registered with {@link DriverManager} and
 * still accepts the URL (an identity walk over the registered drivers, no URL parsing); otherwise
 * the lookup is repeated. The cache holds drivers weakly, so a driver deregistered by an
 * undeployed web application does not keep its class loader alive.
 */
final class TargetDrivers {

    private final ConcurrentMap<String, WeakReference<Driver>> byScheme = new ConcurrentHashMap<>();

    /**
     * The driver that accepts {@code targetUrl}.
     *
     * @throws SQLException naming the URL's scheme when no registered driver accepts it
     */
    Driver find(String targetScheme, String targetUrl) throws SQLException {
        WeakReference<Driver> cached = byScheme.get(targetScheme);
        Driver driver = cached == null ? null : cached.get();
        if (driver != null && isRegistered(driver) && driver.acceptsURL(targetUrl)) {
            return driver;
        }
        try {
            driver = DriverManager.getDriver(targetUrl);
        } catch (SQLException e) {
            String guardScheme = "jdbc:guard:" + targetScheme.substring("jdbc:".length());
            throw new SQLException(acceptsUsualForm(targetScheme)
                    // the URL (not shown: it may carry secrets) is what is wrong, e.g. jdbc:guard:mysql:host/db
                    ? "[jdbc-guard] the registered driver for " + targetScheme + "... does not accept the rest of this"
                            + " URL (the target of " + guardScheme + "); write " + guardScheme + "//host:port/database"
                    : "[jdbc-guard] no registered JDBC driver accepts " + targetScheme + "... (the target of "
                            + guardScheme + "); " + whatToAdd(targetScheme), "08001", e);
        }
        byScheme.put(targetScheme, new WeakReference<>(driver));
        return driver;
    }

    /** The artifact that brings the driver of a well-known scheme, else what kind of thing is missing. */
    static String whatToAdd(String targetScheme) {
        String artifact = switch (targetScheme) {
            case "jdbc:mysql:" -> "com.mysql:mysql-connector-j";
            case "jdbc:mariadb:" -> "org.mariadb.jdbc:mariadb-java-client";
            // Testcontainers' ContainerDatabaseDriver, which each database's module brings
            case "jdbc:tc:" -> "org.testcontainers:testcontainers-mysql (Testcontainers' JDBC driver)";
            default -> null;
        };
        return artifact == null
                ? "put the target driver (e.g. com.mysql:mysql-connector-j or org.mariadb.jdbc:mariadb-java-client) on the classpath"
                : "add " + artifact + " to the classpath";
    }

    /** Whether a registered driver takes the scheme in its usual form, {@code <scheme>//host/database}. Cold path. */
    private static boolean acceptsUsualForm(String targetScheme) {
        String usual = targetScheme + "//localhost/db";
        return DriverManager.drivers().anyMatch(driver -> {
            try {
                return driver.acceptsURL(usual);
            } catch (SQLException e) {
                return false;
            }
        });
    }

    private static boolean isRegistered(Driver driver) {
        return DriverManager.drivers().anyMatch(registered -> registered == driver);
    }
}
