package dev.jdbcguard.driver.hook;

import dev.jdbcguard.driver.url.GuardSettings;
import dev.jdbcguard.driver.url.TargetUrl;
import java.util.Properties;

/**
 * A connection about to be opened, as seen by {@link ConnectionHookFactory#open}.
 *
 * @param target     the URL handed to the target driver ({@code jdbc:mysql://...}, guard settings
 *                   removed), its query read once, or {@code null} when a {@link javax.sql.DataSource} is wrapped
 * @param properties the properties handed to the target driver, guard settings removed; a private
 *                   copy the hook may change (e.g. strengthen {@code sslMode}) before the connect;
 *                   empty and unused when a {@link javax.sql.DataSource} is wrapped
 * @param settings   the {@code guard.*} settings from the URL and the properties
 * @param borrowedFromPool the wrapped {@link javax.sql.DataSource} is a connection pool: the connection is a
 *                   borrow of one the pool opened earlier, not a new server connection
 */
public record ConnectRequest(TargetUrl target, Properties properties, GuardSettings settings, boolean borrowedFromPool) {

    /** A connection the target driver opens now. */
    public ConnectRequest(TargetUrl target, Properties properties, GuardSettings settings) {
        this(target, properties, settings, false);
    }

    /** The URL handed to the target driver, or {@code null} when a {@link javax.sql.DataSource} is wrapped. */
    public String targetUrl() {
        return target == null ? null : target.url();
    }
}
