package dev.jdbcguard;

import dev.jdbcguard.driver.engine.Engines;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.driver.proxy.Connector;
import dev.jdbcguard.driver.url.GuardSetting;
import dev.jdbcguard.driver.url.GuardUrl;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The jdbc-guard JDBC driver: accepts {@code jdbc:guard:<target>:<rest>} and connects through the
 * registered driver that accepts {@code jdbc:<target>:<rest>} (e.g. {@code jdbc:guard:mysql://h/db}
 * through mysql-connector-j, {@code jdbc:guard:mariadb://h/db} through MariaDB Connector/J),
 * returning a guarded connection. {@code guard.*} settings (see {@link GuardSetting}) may be given
 * as URL parameters or properties and never reach the target driver.
 *
 * <p>Every connection is checked against the rules its settings select ({@code production} unless
 * {@code guard.profile}, {@code guard.rules} or the environment say otherwise); see
 * {@link dev.jdbcguard.driver.engine.GuardEngine} for what runs where.
 *
 * <p>Registered with {@link DriverManager} when the class is initialised, through
 * {@code META-INF/services/java.sql.Driver} or {@code Class.forName}, so it also works as
 * HikariCP's {@code driverClassName}. The registered instance is the only static state.
 */
public final class GuardDriver implements Driver {

    static {
        try {
            DriverManager.registerDriver(new GuardDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Connector connector;

    /**
     * A driver that enforces the rules each connect selects ({@code guard.profile}, {@code guard.rules},
     * else {@code JDBC_GUARD_PROFILE} / {@code JDBC_GUARD_RULES}, else {@code production}). Its engines,
     * one per selection, live as long as the driver.
     */
    public GuardDriver() {
        this(new Engines());
    }

    /** A driver whose connections report to hooks made by {@code hooks} (one per connection). */
    public GuardDriver(ConnectionHookFactory hooks) {
        this.connector = new Connector(hooks);
    }

    /**
     * Returns {@code null} for URLs that are not {@code jdbc:guard:} (the JDBC contract), else a
     * guarded connection.
     *
     * @throws SQLException for a malformed URL, an unknown {@code guard.*} key, a missing target
     *                      driver, or whatever the target driver or the hook throws
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!GuardUrl.accepts(url)) {
            return null;
        }
        try {
            return connector.connect(GuardUrl.parse(url, info));
        } catch (RuntimeException e) {
            throw Connector.unexpected(e);
        }
    }

    /** True exactly for URLs starting with {@code jdbc:guard:}; malformed ones then fail in {@code connect} with a clear message. */
    @Override
    public boolean acceptsURL(String url) {
        return GuardUrl.accepts(url);
    }

    /** The target driver's properties for the stripped URL, followed by the {@code guard.*} settings. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        if (!GuardUrl.accepts(url)) {
            return new DriverPropertyInfo[0];
        }
        GuardUrl parsed = GuardUrl.parse(url, info);
        DriverPropertyInfo[] target = connector.targetDriver(parsed).getPropertyInfo(parsed.targetUrl(), parsed.properties());
        GuardSetting[] settings = GuardSetting.values();
        DriverPropertyInfo[] all = Arrays.copyOf(target, target.length + settings.length);
        for (int i = 0; i < settings.length; i++) {
            DriverPropertyInfo property = new DriverPropertyInfo(settings[i].key(), parsed.settings().get(settings[i]).orElse(null));
            property.description = settings[i].description();
            all[target.length + i] = property;
        }
        return all;
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** False: compliance is the target driver's, and a guard may refuse SQL the target would run. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    /** The guard logs through SLF4J, not java.util.logging. */
    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("jdbc-guard logs through SLF4J");
    }
}
