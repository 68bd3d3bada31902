package dev.jdbcguard.benchmarks.stub;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement that accepts every parameter and keeps none (values cannot change a canned result),
 * so setting one costs an index check and allocates nothing.
 */
abstract class StubPreparedStatement extends StubStatement implements PreparedStatement {

    private String sql;

    StubPreparedStatement(StubConnection connection) {
        super(connection);
    }

    /** Makes a recycled statement look freshly prepared for {@code sql}. */
    void reopen(String sql) {
        this.sql = sql;
        reopen();
    }

    private void acceptParameter(int parameterIndex) throws SQLException {
        checkOpen();
        if (parameterIndex < 1) {
            throw new SQLException("parameter index " + parameterIndex + " is below 1", "S1009");
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return query();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return update();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return update();
    }

    @Override
    public boolean execute() throws SQLException {
        return run(sql);
    }

    @Override
    public void addBatch() throws SQLException {
        addToBatch();
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        acceptParameter(parameterIndex);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        acceptParameter(parameterIndex);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        acceptParameter(parameterIndex);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        acceptParameter(parameterIndex);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        acceptParameter(parameterIndex);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        acceptParameter(parameterIndex);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        acceptParameter(parameterIndex);
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        acceptParameter(parameterIndex);
    }

}
