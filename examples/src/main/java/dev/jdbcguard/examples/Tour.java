package dev.jdbcguard.examples;

import dev.jdbcguard.driver.warnings.GuardWarning;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestServers;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Five minutes with the guard: starts a throwaway MariaDB with TLS (the tests' harness: the local
 * {@code mariadbd} where there is one, else the embedded one from Maven Central), opens a connection
 * through {@code jdbc:guard:mysql://} under the default {@code production} profile and shows, in order,
 * what a user sees: the TLS check, a refused {@code DELETE} without {@code WHERE}, a refused
 * {@code DROP COLUMN}, an N+1 warning and an unindexed-query warning.
 *
 * <p>Each step also checks that the guard did what it shows; the tour exits 0 only if all five did, so
 * the build's {@code TourTest} can hold it to that.
 */
public final class Tour {

    private static final int ORDERS = 2_000;
    private static final int N_PLUS_ONE_LOOKUPS = 12;
    /** The guard's EXPLAIN of a new statement shape, in the background: well under a second unless the machine is busy. */
    private static final Duration PLAN_WAIT = Duration.ofSeconds(10);

    private final PrintStream out;
    private int failures;

    private Tour(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new Tour(System.out).run());
    }

    private int run() {
        out.println("Starting a throwaway MariaDB with TLS (the first run on a machine without one unpacks the "
                + "embedded server: about 300 MB, some seconds) ...");
        try (TestServers servers = new TestServers()) {
            TestDatabase db = servers.primary();
            out.println("Server: " + db.describe());
            createOrders(db);
            String url = db.guardUrl("");
            out.println();
            out.println("The application's URL: " + url + " (profile production, the default)");
            tls(db, url);
            try (Connection connection = DriverManager.getConnection(url, db.tls("VERIFY_IDENTITY", db.app()))) {
                blocked(connection, 2, "DELETE without WHERE", "DELETE FROM orders", "dml.no-where");
                blocked(connection, 3, "DROP COLUMN", "ALTER TABLE orders DROP COLUMN note", "ddl.drop-column");
                nPlusOne(connection);
                unindexed(connection);
            }
        } catch (SQLException | RuntimeException e) {
            out.println("The tour could not run: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("The tour was interrupted");
            return 2;
        }
        out.println();
        out.println(failures == 0 ? "Tour done: the guard did all five." : "Tour FAILED: " + failures + " step(s) "
                + "did not show what they should.");
        return failures == 0 ? 0 : 1;
    }

    private void tls(TestDatabase db, String url) throws SQLException {
        step(1, "TLS check. Connector/J's default sslMode=PREFERRED would fall back to plaintext:");
        Properties unverified = new Properties();
        unverified.setProperty("user", db.app().user());
        unverified.setProperty("password", db.app().password());
        try (Connection ignored = DriverManager.getConnection(url, unverified)) {
            fail("the connection without verified TLS was let through");
        } catch (SQLException refused) {
            shown(refused, "tls.required");
        }
        out.println("   With sslMode=VERIFY_IDENTITY and the server's CA in a truststore:");
        try (Connection connection = DriverManager.getConnection(url, db.tls("VERIFY_IDENTITY", db.app()));
             Statement statement = connection.createStatement();
             ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
            String version = status.next() ? status.getString(2) : "";
            if (version.isEmpty()) {
                fail("the session is not encrypted");
            } else {
                out.println("   connected over " + version + ", the server's certificate verified");
            }
        }
    }

    private void blocked(Connection connection, int number, String what, String sql, String ruleId) {
        step(number, what + ": " + sql);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            fail("the statement ran");
        } catch (SQLException refused) {
            shown(refused, ruleId);
        }
    }

    /** One query per order, in one transaction: the loop an ORM's lazy loading writes. */
    private void nPlusOne(Connection connection) throws SQLException {
        step(4, "N+1: one SELECT per order id, " + N_PLUS_ONE_LOOKUPS + " times in one transaction");
        connection.setAutoCommit(false);
        boolean warned = false;
        try (PreparedStatement byId = connection.prepareStatement("SELECT status FROM orders WHERE id = ?")) {
            for (int id = 1; id <= N_PLUS_ONE_LOOKUPS; id++) {
                byId.setInt(1, id);
                try (ResultSet row = byId.executeQuery()) {
                    row.next();
                }
                warned |= warned(byId.getWarnings(), "query.n-plus-one");
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
        expectWarning(warned, "query.n-plus-one");
    }

    /**
     * The first execution of a new statement shape runs while the guard EXPLAINs it in the background;
     * once the plan is in, it judges every execution before it is sent. So the lookup runs as a request
     * handler would, again and again, until the warning comes (or {@link #PLAN_WAIT} has passed).
     */
    private void unindexed(Connection connection) throws SQLException, InterruptedException {
        step(5, "Unindexed query: a lookup by a column without an index, on " + ORDERS + " rows");
        long deadline = System.nanoTime() + PLAN_WAIT.toNanos();
        boolean warned = false;
        try (PreparedStatement byNote = connection.prepareStatement("SELECT id FROM orders WHERE note = ?")) {
            while (!warned && System.nanoTime() < deadline) {
                byNote.setString(1, "order 1234");
                try (ResultSet rows = byNote.executeQuery()) {
                    rows.next();
                }
                warned = warned(byNote.getWarnings(), "query.unindexed");
                if (!warned) {
                    Thread.sleep(100);
                }
            }
        }
        expectWarning(warned, "query.unindexed");
    }

    /** The table the tour works on, made on an unguarded admin connection (setup is not the subject). */
    private static void createOrders(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + db.database() + ".orders");
            statement.execute("CREATE TABLE " + db.database() + ".orders (id INT PRIMARY KEY, "
                    + "status VARCHAR(20) NOT NULL, note VARCHAR(100) NOT NULL)");
            admin.setAutoCommit(false);
            try (PreparedStatement insert = admin.prepareStatement(
                    "INSERT INTO " + db.database() + ".orders (id, status, note) VALUES (?, ?, ?)")) {
                for (int id = 1; id <= ORDERS; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, id % 10 == 0 ? "shipped" : "new");
                    insert.setString(3, "order " + id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            admin.commit();
            statement.execute("ANALYZE TABLE " + db.database() + ".orders");
        }
    }

    private static boolean warned(SQLWarning warnings, String ruleId) {
        for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
            if (warning instanceof GuardWarning guard && guard.ruleId().equals(ruleId)) {
                return true;
            }
        }
        return false;
    }

    private void step(int number, String what) {
        out.println();
        out.println(number + ". " + what);
    }

    /**
     * A refusal as the application gets it. The guard has logged the same text just above (logger
     * {@code jdbcguard.<rule>}, marked BLOCK), so only the exception's type is added here.
     */
    private void shown(SQLException refused, String ruleId) {
        String message = refused.getMessage();
        if (message == null || !message.startsWith("[jdbc-guard] " + ruleId + ":")) {
            fail("expected a " + ruleId + " refusal, got " + refused);
            return;
        }
        out.println("   refused: the application got " + refused.getClass().getName() + " (SQLState "
                + refused.getSQLState() + ") with the text logged above");
    }

    /** The warning's line is in the log above (logger jdbcguard.<rule>); here, whether the statement got it. */
    private void expectWarning(boolean warned, String ruleId) {
        if (warned) {
            out.println("   the statement ran; the line above is the guard's warning, also on getWarnings() as "
                    + GuardWarning.class.getSimpleName() + " " + ruleId);
        } else {
            fail("no " + ruleId + " warning on the statement");
        }
    }

    private void fail(String why) {
        failures++;
        out.println("   UNEXPECTED: " + why);
    }
}
