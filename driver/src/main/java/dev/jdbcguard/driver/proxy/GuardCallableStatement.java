package dev.jdbcguard.driver.proxy;

import java.sql.CallableStatement;

/**
 * A guarded callable statement. The guard acts on nothing beyond what a prepared statement does;
 * this type exists so the generated subclass implements {@link CallableStatement} by delegation.
 */
public abstract class GuardCallableStatement extends GuardPreparedStatement implements CallableStatement {

    protected GuardCallableStatement(CallableStatement delegate, GuardConnection connection, String sql, Object preparedToken) {
        super(delegate, connection, sql, preparedToken);
    }
}
