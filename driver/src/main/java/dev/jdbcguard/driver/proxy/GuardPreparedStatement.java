package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.SqlSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A guarded prepared statement. Each execution reports {@link SqlSource#EXECUTE_PREPARED} with
 * the value the hook returned when the statement was prepared, so the hook needs no lookup.
 */
public abstract class GuardPreparedStatement extends GuardStatement implements PreparedStatement {

    private final PreparedStatement prepared;
    private final String sql;
    private final Object preparedVerdict;

    protected GuardPreparedStatement(PreparedStatement delegate, GuardConnection connection, String sql, Object preparedVerdict) {
        super(delegate, connection);
        this.prepared = delegate;
        this.sql = sql;
        this.preparedVerdict = preparedVerdict;
    }

    @Override
    public final ResultSet executeQuery() throws SQLException {
        beginOwnSql();
        try {
            return result(prepared.executeQuery());
        } catch (Throwable t) {
            failed(t);
            throw t;
        } finally {
            end();
        }
    }

    @Override
    public final boolean execute() throws SQLException {
        beginOwnSql();
        try {
            return prepared.execute();
        } catch (Throwable t) {
            failed(t);
            throw t;
        } finally {
            end();
        }
    }

    @Override
    public final int executeUpdate() throws SQLException {
        beginOwnSql();
        try {
            return prepared.executeUpdate();
        } catch (Throwable t) {
            failed(t);
            throw t;
        } finally {
            end();
        }
    }

    @Override
    public final long executeLargeUpdate() throws SQLException {
        beginOwnSql();
        try {
            return prepared.executeLargeUpdate();
        } catch (Throwable t) {
            failed(t);
            throw t;
        } finally {
            end();
        }
    }

    /** Every execution of a prepared statement, batches included, reports its SQL with the cached verdict. */
    @Override
    final void beginOwnSql() throws SQLException {
        begin(SqlSource.EXECUTE_PREPARED, sql, preparedVerdict);
    }
}
