package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.ConnectRequest;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.driver.mysql.ConnectorJ;
import dev.jdbcguard.driver.mysql.ConnectorJObjects;
import dev.jdbcguard.driver.url.GuardUrl;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;

/**
 * The guarded connect sequence shared by the driver and the data source: ask the hook factory,
 * connect the target, attach the Connector/J interceptor to the hook, wrap, tell the hook.
 * Once the factory has returned a hook, exactly one of {@code connectFailed} or {@code closed}
 * reaches it, whatever fails.
 */
public final class Connector {

    /** Opens a target connection for a request whose properties the hook may have changed. */
    @FunctionalInterface
    public interface Target {
        Connection connect(ConnectRequest request) throws SQLException;
    }

    private final ConnectionHookFactory hooks;
    private final ProxyFactory proxies = new ProxyFactory();
    private final TargetDrivers drivers = new TargetDrivers();

    public Connector(ConnectionHookFactory hooks) {
        this.hooks = hooks;
    }

    /** Connects a parsed {@code jdbc:guard:} URL through the registered target driver. */
    public Connection connect(GuardUrl url) throws SQLException {
        Driver driver = drivers.find(url.targetScheme(), url.targetUrl());
        boolean connectorJ = ConnectorJObjects.isConnectorJ(driver);
        if (connectorJ) {
            ConnectorJ.addInterceptor(url.target(), url.properties());
        }
        ConnectRequest request = ConnectRequest.toDriver(url.target(), url.properties(), url.settings());
        return connect(request, connectorJ, r -> {
            Connection raw = driver.connect(r.targetUrl(), r.properties());
            if (raw == null) {
                throw new SQLException("[jdbc-guard] the driver " + driver.getClass().getName() + " refused "
                        + url.targetScheme() + "... although it accepted the URL", "08001");
            }
            return raw;
        });
    }

    /** Connects through {@code target} (e.g. a wrapped {@code DataSource}). */
    public Connection connect(ConnectRequest request, boolean connectorJ, Target target) throws SQLException {
        ConnectionHook hook = hooks.open(request);
        Connection raw;
        try {
            raw = target.connect(request);
        } catch (RuntimeException e) {
            // JDBC callers handle SQLException only (Testcontainers' driver throws IllegalStateException without Docker)
            hook.connectFailed(e);
            throw new SQLException("[jdbc-guard] the target failed to connect: " + e, "08001", e);
        } catch (Throwable t) {
            hook.connectFailed(t);
            throw t;
        }
        try {
            if (connectorJ) {
                ConnectorJ.attach(raw, hook);
            }
            GuardConnection guarded = proxies.connection(raw, hook);
            guarded.connected();
            return guarded;
        } catch (Throwable t) {
            closeQuietly(raw, t);
            hook.connectFailed(t);
            throw t;
        }
    }

    /**
     * An exception nothing expected, from the guard or from the target driver, as the {@link SQLException} that
     * JDBC callers handle: a pool retries or reports an {@code SQLException}, while anything else can kill its
     * thread.
     */
    public static SQLException unexpected(RuntimeException e) {
        return new SQLException("[jdbc-guard] connection failed unexpectedly: " + e.getClass().getName(), "08001", e);
    }

        /** The registered driver for the URL's target (for {@code getPropertyInfo}). */
    public Driver targetDriver(GuardUrl url) throws SQLException {
        return drivers.find(url.targetScheme(), url.targetUrl());
    }

    private static void closeQuietly(Connection raw, Throwable cause) {
        try {
            raw.close();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
