package dev.jdbcguard.benchmarks.stub;

import static dev.jdbcguard.benchmarks.stub.Stubs.unsupported;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The canned answer to every query: {@value #ROW_COUNT} rows of (id BIGINT, name VARCHAR, balance INT), read
 * forward only with {@code getLong}/{@code getInt}/{@code getString} by index or label. Every value is a
 * constant, so reading allocates nothing. Reused by its statement for each execution.
 */
abstract class StubResultSet implements ResultSet {

    static final int ROW_COUNT = 5;

    private static final String[] COLUMNS = {"id", "name", "balance"};
    private static final long[] IDS = {1, 2, 3, 4, 5};
    private static final String[] ID_TEXTS = {"1", "2", "3", "4", "5"};
    private static final String[] NAMES = {"ada", "grace", "edsger", "barbara", "donald"};
    private static final int[] BALANCES = {100, 250, 75, 0, 1_000};
    private static final String[] BALANCE_TEXTS = {"100", "250", "75", "0", "1000"};

    private final Statement statement;
    private boolean closed = true;
    private int row;

    StubResultSet(Statement statement) {
        this.statement = statement;
    }

    void reopen() {
        closed = false;
        row = 0;
    }

    private int currentRow() throws SQLException {
        Stubs.checkOpen(closed, "result set");
        if (row < 1 || row > ROW_COUNT) {
            throw new SQLException("no current row (row " + row + ")", "24000");
        }
        return row - 1;
    }

    private static SQLException noColumn(int columnIndex) {
        return new SQLException("column index " + columnIndex + " is not in 1.." + COLUMNS.length, "S1002");
    }

    @Override
    public boolean next() throws SQLException {
        Stubs.checkOpen(closed, "result set");
        if (row <= ROW_COUNT) {
            row++;
        }
        return row <= ROW_COUNT;
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        int current = currentRow();
        switch (columnIndex) {
            case 1: return IDS[current];
            case 3: return BALANCES[current];
            default: throw noColumn(columnIndex);
        }
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return Math.toIntExact(getLong(columnIndex));
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        int current = currentRow();
        switch (columnIndex) {
            case 1: return ID_TEXTS[current];
            case 2: return NAMES[current];
            case 3: return BALANCE_TEXTS[current];
            default: throw noColumn(columnIndex);
        }
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        for (int i = 0; i < COLUMNS.length; i++) {
            if (COLUMNS[i].equalsIgnoreCase(columnLabel)) {
                return i + 1;
            }
        }
        throw new SQLException("no column " + columnLabel, "S0022");
    }

    @Override
    public boolean wasNull() {
        return false;
    }

    @Override
    public int getRow() {
        return row <= ROW_COUNT ? row : 0;
    }

    @Override
    public boolean isBeforeFirst() {
        return row == 0;
    }

    @Override
    public boolean isAfterLast() {
        return row > ROW_COUNT;
    }

    @Override
    public Statement getStatement() throws SQLException {
        Stubs.checkOpen(closed, "result set");
        return statement;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        Stubs.checkOpen(closed, "result set");
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        Stubs.checkOpen(closed, "result set");
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        Stubs.checkOpen(closed, "result set");
    }

    @Override
    public int getFetchSize() {
        return ROW_COUNT;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != FETCH_FORWARD) {
            throw unsupported();
        }
    }

    @Override
    public int getFetchDirection() {
        return FETCH_FORWARD;
    }

    @Override
    public int getType() {
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return HOLD_CURSORS_OVER_COMMIT;
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
