package dev.jdbcguard.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The statement cycles every JDBC benchmark measures, written once so that the in-process (stub) and
 * end-to-end (MariaDB) benchmarks run exactly the same calls. Each cycle is what an application does for one
 * unit of work: open a statement, bind, execute, read everything, close. The SQL fits the {@link #SCHEMA}
 * table, and every text but {@link #executeNewText}'s is constant, so a guard sees a cache hit from the second
 * call on; {@code executeNewText} runs a text never seen before at every call. The writes set
 * values that stop changing after the first call, so on a real server they cost a round trip, not a
 * redo-log flush: the benchmarks compare drivers, not the disk.
 */
public final class Cycles {

    /** The table the end-to-end benchmarks create; the stub driver ignores the text. */
    public static final String SCHEMA =
            "CREATE TABLE account (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, balance INT NOT NULL)";

    /** Rows a range query returns: the stub's canned result set has the same number. */
    public static final int QUERY_ROWS = 5;

    /** Statements per JDBC batch. */
    public static final int BATCH_SIZE = 10;

    /** Rows each benchmark thread owns, so that concurrent writers never wait on each other's row locks. */
    public static final int ROWS_PER_THREAD = BATCH_SIZE;

    static final String QUERY = "SELECT id, name, balance FROM account WHERE id BETWEEN ? AND ?";
    static final String RENAME = "UPDATE account SET name = ? WHERE id = ?";
    static final String SET_BALANCE = "UPDATE account SET balance = ? WHERE id = ?";
    static final String LOOKUP = "SELECT id, name, balance FROM account WHERE id = ";
    static final String LOOKUP_ANY = "SELECT id, name, balance FROM account WHERE id IN (";

    private Cycles() {
    }

    /** The text {@link #execute} runs for the rows starting at {@code firstId}: one constant string per thread. */
    public static String lookupSql(long firstId) {
        return LOOKUP + firstId;
    }

    /** prepareStatement + bind + executeQuery + read every row + close. */
    public static void preparedQuery(Connection connection, long firstId, Blackhole blackhole) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setLong(1, firstId);
            statement.setLong(2, firstId + QUERY_ROWS - 1);
            try (ResultSet rows = statement.executeQuery()) {
                readAll(rows, blackhole);
            }
        }
    }

    /** prepareStatement + close, nothing executed: what preparing a statement costs. */
    public static void prepare(Connection connection, Blackhole blackhole) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            blackhole.consume(statement);
        }
    }

    /** createStatement + execute (a lookup by primary key, literal in the text) + read the row + close. */
    public static void execute(Connection connection, String lookupSql, Blackhole blackhole) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(lookupSql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    readAll(rows, blackhole);
                }
            }
        }
    }

    /**
     * {@link #execute} with a text never run before: the lookup of the row {@code firstId} as an ORM's IN list
     * that also names the id {@code -serial}, which no row has (the rows are the same, the text is new when each
     * call passes a new {@code serial}). The text is built inside the cycle, as an application builds it.
     */
    public static void executeNewText(Connection connection, long firstId, long serial, Blackhole blackhole)
            throws SQLException {
        execute(connection, LOOKUP_ANY + firstId + ", " + -serial + ')', blackhole);
    }

    private static void readAll(ResultSet rows, Blackhole blackhole) throws SQLException {
        while (rows.next()) {
            blackhole.consume(rows.getLong(1));
            blackhole.consume(rows.getString(2));
            blackhole.consume(rows.getInt(3));
        }
    }

    /** prepareStatement + bind + executeUpdate + close. */
    public static void preparedUpdate(Connection connection, long id, String name, Blackhole blackhole)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RENAME)) {
            statement.setString(1, name);
            statement.setLong(2, id);
            blackhole.consume(statement.executeUpdate());
        }
    }

    /** prepareStatement + {@link #BATCH_SIZE} x (bind + addBatch) + executeBatch + close. */
    public static void batch(Connection connection, long firstId, int balance, Blackhole blackhole)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SET_BALANCE)) {
            for (int i = 0; i < BATCH_SIZE; i++) {
                statement.setInt(1, balance);
                statement.setLong(2, firstId + i);
                statement.addBatch();
            }
            blackhole.consume(statement.executeBatch());
        }
    }
}
