package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.SqlSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A guarded prepared statement. Each execution (generated, see {@link GuardStatement}) reports
 * {@link SqlSource#EXECUTE_PREPARED} with the value the hook returned when the statement was
 * prepared, so the hook needs no lookup. The hook gets the target statement, from which it can
 * read the bound values when it needs them.
 */
public abstract class GuardPreparedStatement extends GuardStatement implements PreparedStatement {

    private final String sql;
    private final Object preparedToken;

    protected GuardPreparedStatement(PreparedStatement delegate, GuardConnection connection, String sql, Object preparedToken) {
        super(delegate, connection);
        this.sql = sql;
        this.preparedToken = preparedToken;
    }

    /** Counted for the hook's batch size; the text was judged at the prepare. */
    @Override
    public final void addBatch() throws SQLException {
        ((PreparedStatement) delegate).addBatch();
        batched++;
    }

    /** Every execution of a prepared statement, batches included, reports its SQL with the cached token. */
    @Override
    protected final void beginOwnSql() throws SQLException {
        begin(SqlSource.EXECUTE_PREPARED, sql, preparedToken);
    }
}
