package dev.jdbcguard.benchmarks.stub;

import static dev.jdbcguard.benchmarks.stub.Stubs.unsupported;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The canned answer to every query: {@value #ROW_COUNT} rows of (id BIGINT, name VARCHAR, balance INT), read
 * forward only with {@code getLong}/{@code getInt}/{@code getString} by index or label. Every value is a
 * constant, so reading allocates nothing. Reused by its statement for each execution.
 */
final class StubResultSet implements ResultSet {

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

    // Not used by the benchmarks: no metadata, no scrolling, no updates, no other types.

    @Override
    public boolean absolute(int rows) throws SQLException {
        throw unsupported();
    }

    @Override
    public void afterLast() throws SQLException {
        throw unsupported();
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw unsupported();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw unsupported();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean first() throws SQLException {
        throw unsupported();
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        throw unsupported();
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        throw unsupported();
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw unsupported();
    }

    @Override
    public Date getDate(String columnLabel, Calendar calendar) throws SQLException {
        throw unsupported();
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Date getDate(int columnIndex, Calendar calendar) throws SQLException {
        throw unsupported();
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        throw unsupported();
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        throw unsupported();
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        throw unsupported();
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        throw unsupported();
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        throw unsupported();
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public Time getTime(String columnLabel, Calendar calendar) throws SQLException {
        throw unsupported();
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Time getTime(int columnIndex, Calendar calendar) throws SQLException {
        throw unsupported();
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar calendar) throws SQLException {
        throw unsupported();
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar calendar) throws SQLException {
        throw unsupported();
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public void insertRow() throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean isFirst() throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean isLast() throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean last() throws SQLException {
        throw unsupported();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw unsupported();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean previous() throws SQLException {
        throw unsupported();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean rowInserted() throws SQLException {
        throw unsupported();
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateArray(String columnLabel, Array x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateArray(int columnIndex, Array x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBlob(String columnLabel, Blob x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBlob(int columnIndex, Blob x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, int length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateClob(String columnLabel, Reader x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateClob(String columnLabel, Reader x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateClob(String columnLabel, Clob x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateClob(int columnIndex, Reader x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateClob(int columnIndex, Reader x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateClob(int columnIndex, Clob x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateDate(String columnLabel, Date x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateDate(int columnIndex, Date x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNClob(String columnLabel, Reader x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNClob(String columnLabel, Reader x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNClob(String columnLabel, NClob x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNClob(int columnIndex, Reader x, long length) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNClob(int columnIndex, Reader x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNClob(int columnIndex, NClob x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNString(String columnLabel, String x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNString(int columnIndex, String x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateRef(String columnLabel, Ref x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateRef(int columnIndex, Ref x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateRow() throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateTime(String columnLabel, Time x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateTime(int columnIndex, Time x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
        throw unsupported();
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
        throw unsupported();
    }
}
