package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.BoundValues;
import dev.jdbcguard.driver.hook.SqlSource;
import dev.jdbcguard.driver.mysql.ConnectorJ;
import dev.jdbcguard.driver.mysql.ConnectorJObjects;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A guarded prepared statement. Each execution (generated, see {@link GuardStatement}) reports
 * {@link SqlSource#EXECUTE_PREPARED} with the value the hook returned when the statement was
 * prepared, so the hook needs no lookup. Its bound values are read from the target driver only
 * when the hook asks ({@link BoundValues}).
 */
public abstract class GuardPreparedStatement extends GuardStatement implements PreparedStatement, BoundValues {

    private final String sql;
    private final Object preparedVerdict;

    protected GuardPreparedStatement(PreparedStatement delegate, GuardConnection connection, String sql, Object preparedVerdict) {
        super(delegate, connection);
        this.sql = sql;
        this.preparedVerdict = preparedVerdict;
    }

    /** Every execution of a prepared statement, batches included, reports its SQL with the cached verdict. */
    @Override
    protected final void beginOwnSql() throws SQLException {
        begin(SqlSource.EXECUTE_PREPARED, sql, preparedVerdict);
    }

    /** Connector/J's bound values; null for other target drivers, which do not expose them. */
    @Override
    public final List<Object> boundValues() throws SQLException {
        return ConnectorJObjects.isConnectorJ(delegate) ? ConnectorJ.boundValues((PreparedStatement) delegate) : null;
    }
}
