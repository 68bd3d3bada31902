package dev.jdbcguard.driver.mysql;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import dev.jdbcguard.driver.hook.ConnectionHook;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Passes the server status flags of each statement to the connection's hook, from the packet
 * Connector/J has already read: no extra round trip. Connector/J creates one instance per
 * physical connection (it is named in {@code queryInterceptors}); the guard finds that instance
 * after the connect and {@link #bind binds} it to the connection's hook, so no static state
 * links the two. Until then (the driver's own set-up queries) it reports nothing.
 */
public final class GuardQueryInterceptor implements QueryInterceptor {

    private volatile ConnectionHook hook = ConnectionHook.NONE;

    /** Connects this interceptor to its connection's hook. */
    void bind(ConnectionHook hook) {
        this.hook = hook;
    }

    @Override
    public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
        return null;
    }

    /** Only the application's statements; statements Connector/J runs while handling one are not reported. */
    @Override
    public boolean executeTopLevelOnly() {
        return true;
    }

    @Override
    public void destroy() {
        hook = ConnectionHook.NONE;
    }

    /** A null result means the statement failed: the session's flags are then those of an earlier statement. */
    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet,
                                               ServerSession serverSession) {
        if (originalResultSet != null) {
            hook.serverStatus(serverSession.noIndexUsed(), serverSession.noGoodIndexUsed());
        }
        return null;
    }
}
