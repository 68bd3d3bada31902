package dev.jdbcguard;

import dev.jdbcguard.driver.connections.PoolClasses;
import dev.jdbcguard.driver.engine.Engines;
import dev.jdbcguard.driver.hook.ConnectRequest;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.driver.mysql.ConnectorJObjects;
import dev.jdbcguard.driver.proxy.Connector;
import dev.jdbcguard.driver.url.GuardSettings;
import dev.jdbcguard.driver.url.GuardUrl;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A {@link DataSource} whose connections are guarded, in one of two modes:
 * <ul>
 *   <li>wrapping any data source ({@link #GuardDataSource(DataSource)}): the guard settings come
 *       from {@link #setProperties} ({@code guard.*} keys only);</li>
 *   <li>configured like a driver, for frameworks that want a data source:
 *       {@link #setUrl} ({@code jdbc:guard:...}), {@link #setUser}, {@link #setPassword},
 *       {@link #setProperties}.</li>
 * </ul>
 * Configure before the first {@code getConnection}; the setters are not meant for later changes.
 *
 * <p>A wrapped data source is used as configured: the guard does not change it. For the server
 * status flags from a wrapped Connector/J data source, list
 * {@code dev.jdbcguard.driver.mysql.GuardQueryInterceptor} in its {@code queryInterceptors}; the
 * URL mode adds it by itself.
 */
public final class GuardDataSource implements DataSource, AutoCloseable {

    /** Logs the one line about where the guard sits (above a pool rather than under it). */
    private static final String LOGGER = "jdbcguard.datasource";

    private final Connector connector;
    private final DataSource target;
    /** The wrapped data source is a pool: its connections are borrowed, not opened. */
    private final boolean targetIsPool;
    private final Engines engines;
    private volatile String url;
    private volatile String user;
    private volatile String password;
    private volatile Properties properties = new Properties();
    private volatile PrintWriter logWriter;
    private volatile int loginTimeoutSeconds;

    /** A data source configured by URL, enforcing the rules its settings select; {@link #close()} stops its engines. */
    public GuardDataSource() {
        this(null, new Engines(), true);
    }

    /** Guards the connections of {@code target}, enforcing the rules its settings select; {@link #close()} stops its engines. */
    public GuardDataSource(DataSource target) {
        this(target, new Engines(), true);
    }

    /**
     * Guards the connections of {@code target} (or, if null, of the URL), reporting to hooks made by
     * {@code hooks}; the caller owns {@code hooks} ({@link #close()} leaves it alone).
     */
    public GuardDataSource(DataSource target, ConnectionHookFactory hooks) {
        this(target, hooks, false);
    }

    private GuardDataSource(DataSource target, ConnectionHookFactory hooks, boolean ownsHooks) {
        this.target = target;
        this.connector = new Connector(hooks);
        this.engines = ownsHooks ? (Engines) hooks : null;
        this.targetIsPool = target != null && PoolClasses.isPool(target.getClass().getName());
        if (targetIsPool) {
            LoggerFactory.getLogger(LOGGER).warn("[jdbc-guard] GuardDataSource wraps the connection pool {}: each borrow"
                    + " is guarded as a connection of its own (the guard sets up its per-connection checks at every"
                    + " borrow; conn.churn does not count borrows). Put the guard under the pool instead: the pool's"
                    + " jdbcUrl=jdbc:guard:..., or a GuardDataSource as the pool's dataSource.", target.getClass().getName());
        }
    }

    /**
     * Stops the guard's own engines (rule reload, connection checks, EXPLAIN connections, JMX
     * registration). Connections already handed out keep working; new ones fail. Does not close a
     * wrapped data source. Idempotent.
     */
    @Override
    public void close() {
        if (engines != null) {
            engines.close();
        }
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getUser() {
        return user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Connection properties for the target driver plus {@code guard.*} settings; copied. */
    public void setProperties(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        this.properties = copy;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        try {
            return connect(username, password);
        } catch (RuntimeException e) {
            throw Connector.unexpected(e);
        }
    }

    private Connection connect(String username, String password) throws SQLException {
        Properties info = new Properties();
        info.putAll(properties);
        if (target != null) {
            GuardSettings settings = GuardUrl.settingsOf(info);
            ConnectRequest request = ConnectRequest.toDataSource(settings, targetIsPool);
            return connector.connect(request, ConnectorJObjects.isConnectorJ(target),
                    r -> username == null ? target.getConnection() : target.getConnection(username, password));
        }
        if (url == null) {
            throw new SQLException("[jdbc-guard] GuardDataSource has neither a URL (setUrl(\"jdbc:guard:mysql://...\"))"
                    + " nor a data source to wrap", "08001");
        }
        if (username != null) {
            info.setProperty("user", username);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        return connector.connect(GuardUrl.parse(url, info));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target != null ? target.getLogWriter() : logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        if (target != null) {
            target.setLogWriter(out);
        } else {
            logWriter = out;
        }
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        if (target != null) {
            target.setLoginTimeout(seconds);
        } else {
            loginTimeoutSeconds = seconds;
        }
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target != null ? target.getLoginTimeout() : loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("jdbc-guard logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(target)) {
            return iface.cast(target);
        }
        if (target != null) {
            return target.unwrap(iface);
        }
        throw new SQLException("[jdbc-guard] GuardDataSource does not wrap " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(target) || target != null && target.isWrapperFor(iface);
    }
}
