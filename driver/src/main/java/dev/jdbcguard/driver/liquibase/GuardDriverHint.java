package dev.jdbcguard.driver.liquibase;

import dev.jdbcguard.driver.url.GuardUrl;
import liquibase.database.AbstractJdbcDatabase;
import liquibase.database.DatabaseConnection;

/**
 * Lets Liquibase open {@code jdbc:guard:} URLs without a {@code driver} setting (its CLI, Maven and Gradle
 * plugins, {@code update} with a URL): a Liquibase {@code Database} registered in
 * {@code META-INF/services/liquibase.database.Database} whose only answer is the default driver for a guard URL.
 *
 * <p>Why a {@code Database}: Liquibase's {@code DatabaseFactory} finds the driver class for a URL by asking each
 * registered database for its default driver, and refuses a URL none claims ("Driver class was not specified and
 * could not be determined from the url"). Once connected, it chooses the database that does the work from the
 * connection's metadata, which the guard passes through from the target, so MySQL's or MariaDB's database
 * generates and runs the SQL exactly as without the guard; this one never claims a connection. Liquibase loads
 * it only through its service locator: nothing here runs without Liquibase.
 */
public final class GuardDriverHint extends AbstractJdbcDatabase {

    @Override
    public String getDefaultDriver(String url) {
        return GuardUrl.accepts(url) ? "dev.jdbcguard.GuardDriver" : null;
    }

    /** False: the connection's metadata is the target's, and the target's own database takes it. */
    @Override
    public boolean isCorrectDatabaseImplementation(DatabaseConnection connection) {
        return false;
    }

    @Override
    public int getPriority() {
        return PRIORITY_DEFAULT;
    }

    @Override
    public String getShortName() {
        return "jdbcguard";
    }

    @Override
    protected String getDefaultDatabaseProductName() {
        return "jdbc-guard";
    }

    @Override
    public Integer getDefaultPort() {
        return null;
    }

    @Override
    public boolean supportsInitiallyDeferrableColumns() {
        return false;
    }

    @Override
    public boolean supportsTablespaces() {
        return false;
    }
}
