package dev.jdbcguard.driver.hook;

import dev.jdbcguard.driver.url.GuardSettings;
import dev.jdbcguard.driver.url.Target;
import dev.jdbcguard.driver.url.TargetUrl;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;

/**
 * A connection about to be opened, as seen by {@link ConnectionHookFactory#open}: the target read once, here, for
 * everything that checks, caps, counts or names the connection.
 *
 * @param url        the URL handed to the target driver ({@code jdbc:mysql://...}, guard settings removed), its
 *                   query read, or {@code null} when a {@link javax.sql.DataSource} is wrapped
 * @param target     whom the connection is to, {@code user@host:port/database} with no secret: the one label of the
 *                   target in caps, metrics, findings and the report
 * @param properties the properties handed to the target driver, guard settings removed; a private
 *                   copy the hook may change (e.g. strengthen {@code sslMode}) before the connect;
 *                   empty and unused when a {@link javax.sql.DataSource} is wrapped
 * @param settings   the {@code guard.*} settings from the URL and the properties
 * @param borrowedFromPool the wrapped {@link javax.sql.DataSource} is a connection pool: the connection is a
 *                   borrow of one the pool opened earlier, not a new server connection
 */
public record ConnectRequest(TargetUrl url, Target target, Properties properties, GuardSettings settings,
                             boolean borrowedFromPool) {

    /**
     * A connection the target driver opens now.
     *
     * @throws SQLNonTransientConnectionException for a MySQL or MariaDB URL whose host, port or user cannot be read
     */
    public static ConnectRequest toDriver(TargetUrl url, Properties properties, GuardSettings settings)
            throws SQLNonTransientConnectionException {
        return new ConnectRequest(url, Target.of(url, properties), properties, settings, false);
    }

    /** A connection a wrapped {@link javax.sql.DataSource} hands out: no URL to read a target from. */
    public static ConnectRequest toDataSource(GuardSettings settings, boolean borrowedFromPool) {
        Properties none = new Properties();
        return new ConnectRequest(null, Target.dataSource(none), none, settings, borrowedFromPool);
    }

    /** The URL handed to the target driver, or {@code null} when a {@link javax.sql.DataSource} is wrapped. */
    public String targetUrl() {
        return url == null ? null : url.url();
    }
}
