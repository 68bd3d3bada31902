package dev.jdbcguard.driver.mysql;

import com.mysql.cj.BindValue;
import com.mysql.cj.NoSubInterceptorWrapper;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcPreparedStatement;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.url.TargetUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the guard does only when the target is mysql-connector-j. Callers touch this class only
 * after recognising Connector/J's objects ({@link ConnectorJObjects}), so the guard runs without
 * Connector/J on the classpath.
 */
public final class ConnectorJ {

    /** Connector/J's property listing query interceptor class names, comma separated. */
    static final String QUERY_INTERCEPTORS = "queryInterceptors";

    private ConnectorJ() {
    }

    /**
     * Adds the guard's interceptor after those the user configured (once). Connector/J lets
     * {@code Properties} override URL parameters, so the merged list goes into the properties, starting from the
     * list Connector/J would use ({@link TargetUrl#setting} knows its rules).
     */
    public static void addInterceptor(TargetUrl target, Properties properties) throws SQLException {
        String own = GuardQueryInterceptor.class.getName();
        TargetUrl.Setting configured = target.setting(QUERY_INTERCEPTORS, properties);
        if (configured == null || configured.value().isBlank()) {
            properties.setProperty(QUERY_INTERCEPTORS, own);
        } else if (!configured.value().contains(own)) {
            properties.setProperty(QUERY_INTERCEPTORS, configured.value() + "," + own);
        }
    }

    /** Finds this connection's interceptor instance(s) and binds them to its hook. */
    public static void attach(Connection raw, ConnectionHook hook) throws SQLException {
        if (!raw.isWrapperFor(JdbcConnection.class)) {
            return;
        }
        List<QueryInterceptor> interceptors = raw.unwrap(JdbcConnection.class).getQueryInterceptorsInstances();
        if (interceptors == null) {
            return;
        }
        for (QueryInterceptor interceptor : interceptors) {
            QueryInterceptor underlying = interceptor instanceof NoSubInterceptorWrapper wrapper
                    ? wrapper.getUnderlyingInterceptor() : interceptor;
            if (underlying instanceof GuardQueryInterceptor guard) {
                guard.bind(hook);
            }
        }
    }

    /**
     * The values bound to a Connector/J prepared statement (client- or server-side), read from its
     * bindings without a round trip; null when a placeholder has no value yet or the statement is not
     * Connector/J's.
     */
    public static List<Object> boundValues(PreparedStatement statement) throws SQLException {
        if (!statement.isWrapperFor(JdbcPreparedStatement.class)) {
            return null;
        }
        BindValue[] bindings = statement.unwrap(JdbcPreparedStatement.class).getQueryBindings().getBindValues();
        List<Object> values = new ArrayList<>(bindings.length);
        for (BindValue binding : bindings) {
            if (binding == null || !binding.isSet()) {
                return null;
            }
            values.add(binding.isNull() ? null : binding.getValue());
        }
        return values;
    }
}
