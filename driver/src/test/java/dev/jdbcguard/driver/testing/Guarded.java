package dev.jdbcguard.driver.testing;

import dev.jdbcguard.GuardDriver;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/** Small helpers shared by the driver's integration tests. */
public final class Guarded {

    private Guarded() {
    }

    /** Login properties for {@code who}. */
    public static Properties login(TestDatabase.Credentials who) {
        Properties properties = new Properties();
        properties.setProperty("user", who.user());
        properties.setProperty("password", who.password());
        return properties;
    }

    /** A guarded connection as the app user, reporting to {@code hooks}. */
    public static Connection connect(TestDatabase db, ConnectionHookFactory hooks, String query) throws SQLException {
        return new GuardDriver(hooks).connect(db.guardUrl(query), login(db.app()));
    }

    /** The first column of the first row of {@code sql}. */
    public static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Runs {@code sql} as admin on a raw connection (setup, and checking what really happened). */
    public static void admin(TestDatabase db, String... sql) throws SQLException {
        try (Connection connection = db.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("USE " + db.database());
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    /** {@code SELECT COUNT(*)} of {@code table} seen by a raw admin connection. */
    public static long count(TestDatabase db, String table) throws SQLException {
        try (Connection connection = db.adminConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + db.database() + "." + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Waits until the server no longer lists session {@code id} (sessions end asynchronously after a close). */
    public static boolean sessionGone(TestDatabase db, long id, Duration within) throws SQLException, InterruptedException {
        return awaitSessions(db, "ID = ?", id, 0, within) == 0;
    }

    /**
     * Waits until the server lists {@code expected} sessions of {@code user}, or {@code within} has passed, and
     * returns the last count seen: a closed session stays listed for a moment after the client's close returns.
     */
    public static long sessionsOfUser(TestDatabase db, String user, long expected, Duration within)
            throws SQLException, InterruptedException {
        return awaitSessions(db, "USER = ?", user, expected, within);
    }

    private static long awaitSessions(TestDatabase db, String condition, Object value, long expected, Duration within)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        try (Connection connection = db.adminConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE " + condition)) {
            statement.setObject(1, value);
            while (true) {
                long count;
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    count = result.getLong(1);
                }
                if (count == expected || System.nanoTime() > deadline) {
                    return count;
                }
                Thread.sleep(20);
            }
        }
    }
}
