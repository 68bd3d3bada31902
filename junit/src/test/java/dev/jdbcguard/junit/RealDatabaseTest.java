package dev.jdbcguard.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.shop.Customers;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.StatementEvent;
import dev.jdbcguard.StatementListener;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension against the harness's real server, through the registered {@code jdbc:guard:} driver with the
 * production profile: an N+1 loop, a statement budget, a full scan on its first execution. The fixtures run in a
 * JUnit run of their own (the tests that must fail), on the server this class was given.
 */
@ExtendWith(TestDatabaseExtension.class)
class RealDatabaseTest {

    static volatile TestDatabase db;

    static final String LOOKUP = "select name from jg_customers where id = ?";

    @BeforeAll
    static void tables(TestDatabase database) throws SQLException {
        db = database;
        assumeTrue(driverPublishes(), "this driver does not hand its statements and findings to GuardListeners yet"
                + " (the wiring of issue #11): the extension's end-to-end tests cannot run against it");
        try (Connection admin = database.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + database.database());
            s.execute("CREATE TABLE IF NOT EXISTS jg_customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS jg_big (id INT PRIMARY KEY, note VARCHAR(20) NOT NULL)");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM jg_big")) {
                r.next();
                if (r.getLong(1) == 100_000) {
                    return;
                }
            }
            s.execute("DELETE FROM jg_customers");
            s.execute("DELETE FROM jg_big");
            StringBuilder customers = new StringBuilder("INSERT INTO jg_customers VALUES ");
            for (int i = 1; i <= 20; i++) {
                customers.append(i == 1 ? "" : ",").append('(').append(i).append(",'customer ").append(i).append("')");
            }
            s.execute(customers.toString());
            // 100,000 rows from five crossed digit tables: no SEQUENCE engine or recursion limit needed
            s.execute("CREATE TEMPORARY TABLE jg_digits (d INT)");
            s.execute("INSERT INTO jg_digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
            s.execute("CREATE TEMPORARY TABLE jg_digits2 AS SELECT * FROM jg_digits");
            s.execute("CREATE TEMPORARY TABLE jg_digits3 AS SELECT * FROM jg_digits");
            s.execute("CREATE TEMPORARY TABLE jg_digits4 AS SELECT * FROM jg_digits");
            s.execute("CREATE TEMPORARY TABLE jg_digits5 AS SELECT * FROM jg_digits");
            s.execute("INSERT INTO jg_big (id, note) SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d,"
                    + " CONCAT('n', a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d)"
                    + " FROM jg_digits a, jg_digits2 b, jg_digits3 c, jg_digits4 e, jg_digits5 f");
            s.execute("ANALYZE TABLE jg_customers, jg_big");
        }
    }

    /** Whether a statement through the guard reaches a registered StatementListener. */
    private static boolean driverPublishes() throws SQLException {
        AtomicInteger seen = new AtomicInteger();
        try (GuardListeners.Registration ignored = GuardListeners.addStatementListener(
                event -> seen.incrementAndGet());
             Connection connection = connect(); Statement s = connection.createStatement()) {
            s.executeQuery("SELECT 1").close();
        }
        return seen.get() > 0;
    }

    /** A guarded connection as the application opens it: the registered driver, production rules, verified TLS. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.guardUrl(""), db.tls("VERIFY_IDENTITY", db.app()));
    }

    static int lineOfCaller() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    @JdbcGuardTest
    static class NPlusOne {
        static volatile int line;

        @Test
        void loop() throws SQLException {
            try (Connection connection = connect()) {
                line = lineOfCaller(); Customers.loadEachOnItsOwn(connection);
            }
        }
    }

    @Test
    void anNPlusOneLoopFailsTheTestNamingTheRuleTheStatementAndTheTestsLine() {
        String message = Kit.failure(Kit.run(NPlusOne.class));
        assertThat(message).contains("1) query.n-plus-one WARN, ")
                .contains("statement: " + LOOKUP + "\n")
                .contains("test line: " + NPlusOne.class.getName() + ".loop(RealDatabaseTest.java:" + NPlusOne.line + ")")
                .contains("called at: com.acme.shop.Customers.loadEachOnItsOwn(Customers.java:20)")
                .contains("fix:       ")
                .contains("accept it: @AllowFinding(\"query.n-plus-one\")");
    }

    @JdbcGuardTest
    static class NPlusOneAllowed {
        @Test
        @AllowFinding("query.n-plus-one")
        void loop() throws SQLException {
            try (Connection connection = connect()) {
                Customers.loadEachOnItsOwn(connection);
            }
        }
    }

    @Test
    void theSameLoopPassesWithAllowFinding() {
        Events events = Kit.run(NPlusOneAllowed.class);
        assertThat(events.failed().count()).isZero();
        assertThat(events.succeeded().count()).isEqualTo(3); // engine, class, test
    }

    @JdbcGuardTest
    static class Budget {
        @Test
        @ExpectStatements(select = 1)
        void twoSelects() throws SQLException {
            try (Connection connection = connect(); Statement s = connection.createStatement()) {
                s.executeQuery("SELECT name FROM jg_customers WHERE id = 1").close();
                s.executeQuery("SELECT name FROM jg_customers WHERE id = 2").close();
            }
        }

        @Test
        @ExpectStatements(select = 1, total = 1)
        void oneSelectThroughAPool() throws SQLException {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.guardUrl(""));
            Properties tls = db.tls("VERIFY_IDENTITY", db.app());
            config.setDataSourceProperties(tls);
            config.setUsername(db.app().user());
            config.setPassword(db.app().password());
            config.setMaximumPoolSize(1);
            try (HikariDataSource pool = new HikariDataSource(config); Connection connection = pool.getConnection();
                 Statement s = connection.createStatement()) {
                s.executeQuery("SELECT name FROM jg_customers WHERE id = 3").close();
            }
        }
    }

    @Test
    void aBudgetOfOneSelectFailsOnTwoAndCountsWhatAPoolRuns() {
        Events events = Kit.run(Budget.class);
        assertThat(events.failed().count()).isEqualTo(1);
        assertThat(Kit.failure(events)).startsWith(String.join("\n",
                        "[jdbc-guard] statement budget not met, @ExpectStatements(select = 1):",
                        "   select: expected 1, ran 2",
                        "statements that ran through the guard (2 statements, 1 shape):",
                        "        2  SELECT  select name from jg_customers where id = ?   at "
                                + Budget.class.getName() + ".twoSelects(RealDatabaseTest.java:"));
    }

    @JdbcGuardTest
    static class FullScan {
        @Test
        void once() throws SQLException {
            try (Connection connection = connect(); Statement s = connection.createStatement()) {
                // the first execution of this shape in the JVM: the guard has no plan for it yet
                s.executeQuery("SELECT id FROM jg_big WHERE note = 'n" + System.nanoTime() % 100_000 + "'").close();
            }
        }
    }

    @Test
    void aFullScanOfAHundredThousandRowsFailsOnItsFirstExecution() {
        String message = Kit.failure(Kit.run(FullScan.class));
        assertThat(message).contains("1) query.unindexed WARN, once")
                .contains("statement: select id from jg_big where note = ?")
                .contains("test line: " + FullScan.class.getName() + ".once(RealDatabaseTest.java:")
                .containsPattern("what: +full table scan on jg_big \\(EXPLAIN: ~\\d{5,6} rows examined");
    }

    @Test
    void aTestWithoutGuardedStatementsPasses() {
        assertThat(Kit.run(NothingGuarded.class).failed().count()).isZero();
    }

    @JdbcGuardTest
    static class NothingGuarded {
        @Test
        void rawConnection() throws SQLException {
            Properties login = new Properties();
            login.setProperty("user", db.app().user());
            login.setProperty("password", db.app().password());
            try (Connection raw = DriverManager.getConnection(db.mysqlUrl(""), login)) {
                raw.createStatement().executeQuery("SELECT COUNT(*) FROM jg_big").close();
            }
        }
    }

    @Test
    void guardAssertionsCountOnlyTheirBlock() throws Exception {
        try (Connection connection = connect(); Statement s = connection.createStatement()) {
            s.executeQuery("SELECT name FROM jg_customers WHERE id = 4").close();
            GuardAssertions.assertThat(() -> s.executeQuery("SELECT name FROM jg_customers WHERE id = 5").close())
                    .ran(1, StatementEvent.Kind.SELECT).ranAtMost(1).hasNoFindings();
        }
    }
}
