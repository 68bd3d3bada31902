package dev.jdbcguard.driver.proxy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Guarded database metadata: {@link #getConnection()} returns the connection proxy, and every
 * result set it returns is wrapped (by the generated subclass, through {@link #guardReturned}).
 */
public abstract class GuardDatabaseMetaData extends GuardWrapper<DatabaseMetaData> implements DatabaseMetaData {

    private final GuardConnection connection;

    protected GuardDatabaseMetaData(DatabaseMetaData delegate, GuardConnection connection) {
        super(delegate);
        this.connection = connection;
    }

    @Override
    public final Connection getConnection() {
        return connection;
    }

    @Override
    protected final Object guardReturned(Object raw) throws SQLException {
        return connection.proxies.guard(raw, connection, null);
    }
}
