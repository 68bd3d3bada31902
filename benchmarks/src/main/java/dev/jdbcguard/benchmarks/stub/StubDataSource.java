package dev.jdbcguard.benchmarks.stub;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The stub driver as a {@link DataSource}, for wrappers that work at that layer (datasource-proxy, GuardDataSource). */
public final class StubDataSource implements DataSource {

    private PrintWriter logWriter;
    private int loginTimeout;

    @Override
    public Connection getConnection() {
        return Stubs.connection();
    }

    @Override
    public Connection getConnection(String username, String password) {
        return Stubs.connection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw Stubs.unsupported();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Stubs.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
